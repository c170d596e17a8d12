//! What templates see: the spec as written, lookups by id, and the few values that are derived
//! rather than written (the month-by-month timeline, the roster rows, budget totals).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::render::i18n::Lang;
use crate::spec::Spec;
use crate::spec::evaluation::Subject;
use crate::spec::values::{Comparator, Date, Id};

/// The most roster rows a register form prints; a larger target gets a note instead.
pub const MAX_ROSTER_ROWS: u64 = 5_000;

#[derive(Debug, Serialize)]
pub struct Context<'s> {
    pub spec: &'s Spec,
    pub by_id: ById<'s>,
    pub months: Vec<Month>,
    pub timeline: Vec<TimelineRow>,
    pub roster: Option<Roster<'s>>,
    pub budget_total: Option<String>,
    /// With scoped scoring, the evaluation subjects that score each leaf item, by item id.
    pub scored_by: BTreeMap<&'s str, Vec<&'s Subject>>,
    pub tool: &'static str,
}

/// Items by id, for templates that follow references.
#[derive(Debug, Default, Serialize)]
pub struct ById<'s> {
    pub parties: BTreeMap<&'s str, &'s crate::spec::party::Party>,
    pub client_groups: BTreeMap<&'s str, &'s crate::spec::client_group::ClientGroup>,
    pub theories: BTreeMap<&'s str, &'s crate::spec::approach::Theory>,
    pub methods: BTreeMap<&'s str, &'s crate::spec::approach::Method>,
    pub outcomes: BTreeMap<&'s str, &'s crate::spec::results_chain::Outcome>,
    pub outputs: BTreeMap<&'s str, &'s crate::spec::results_chain::Output>,
    pub activities: BTreeMap<&'s str, &'s crate::spec::results_chain::Activity>,
    pub indicators: BTreeMap<&'s str, &'s crate::spec::indicator::Indicator>,
    pub targets: BTreeMap<&'s str, &'s crate::spec::indicator::Target>,
    pub milestones: BTreeMap<&'s str, &'s crate::spec::workplan::Milestone>,
    pub grades: BTreeMap<&'s str, &'s crate::spec::evaluation::GradeBand>,
    pub scheme_items: BTreeMap<&'s str, &'s crate::spec::evaluation::SchemeItem>,
}

/// A month of the service period, for the timeline's columns.
#[derive(Debug, Serialize)]
pub struct Month {
    /// `2016-03`
    pub key: String,
    /// `2016年3月` or `Mar 2016`
    pub label: String,
    /// `3月` or `Mar`
    pub short: String,
}

/// A row of the timeline: a phase or an activity, and the months it is active in.
#[derive(Debug, Serialize)]
pub struct TimelineRow {
    pub kind: &'static str,
    pub name: String,
    pub active: Vec<bool>,
}

/// The visit roster of the register form: one numbered row per distinct individual required.
#[derive(Debug, Serialize)]
pub struct Roster<'s> {
    pub target: &'s crate::spec::indicator::Target,
    /// How many distinct people the target needs: its value, plus one for "more than".
    pub count: u64,
    /// Row numbers 1..=count, or empty when `count` is over [`MAX_ROSTER_ROWS`].
    pub rows: Vec<u64>,
}

fn index<'s, T>(items: &'s [T], id: impl Fn(&'s T) -> &'s Id) -> BTreeMap<&'s str, &'s T> {
    items.iter().map(|x| (id(x).as_str(), x)).collect()
}

pub fn build(spec: &Spec, lang: Lang) -> Context<'_> {
    let mut by_id = ById {
        client_groups: index(&spec.client_groups, |x| &x.id),
        theories: index(&spec.theories, |x| &x.id),
        methods: index(&spec.methods, |x| &x.id),
        outcomes: index(&spec.outcomes, |x| &x.id),
        outputs: index(&spec.outputs, |x| &x.id),
        activities: index(&spec.activities, |x| &x.id),
        indicators: index(&spec.indicators, |x| &x.id),
        targets: index(&spec.targets, |x| &x.id),
        milestones: index(&spec.milestones, |x| &x.id),
        ..ById::default()
    };
    for (_, party) in spec.parties.all() {
        by_id.parties.insert(party.id.as_str(), party);
    }
    if let Some(ev) = &spec.evaluation {
        by_id.grades = index(&ev.grades, |g| &g.id);
        crate::rules::integrity::for_each_item(&ev.scheme, "", &mut |item, _| {
            by_id.scheme_items.insert(item.id.as_str(), item);
        });
    }
    let months = months(spec.period.start, spec.period.end, lang);
    let timeline = timeline(spec, &months);
    let roster = spec
        .evaluation
        .as_ref()
        .and_then(|ev| ev.register_form.as_ref())
        .and_then(|form| form.roster.as_ref())
        .and_then(|id| spec.targets.iter().find(|t| &t.id == id))
        .and_then(|target| {
            let value = target.value.decimal().normalize();
            let value = if value.scale() == 0 {
                u64::try_from(value.mantissa()).ok()?
            } else {
                return None;
            };
            let count = required_individuals(target.comparator, value);
            let rows = if count <= MAX_ROSTER_ROWS {
                (1..=count).collect()
            } else {
                Vec::new()
            };
            Some(Roster {
                target,
                count,
                rows,
            })
        });
    let budget_total = spec
        .budget
        .as_ref()
        .filter(|b| !b.lines.is_empty())
        .map(|b| {
            b.lines
                .iter()
                .try_fold(Decimal::ZERO, |acc, l| {
                    acc.checked_add(l.subtotal.decimal())
                })
                .map_or_else(String::new, |d| format!("{d:.2}"))
        });
    let scored_by = spec
        .evaluation
        .iter()
        .filter(|ev| ev.is_scoped())
        .flat_map(|ev| {
            ev.leaves().into_iter().map(move |leaf| {
                let subjects = ev
                    .subjects
                    .iter()
                    .filter(|s| ev.scores(s, &leaf.id))
                    .collect();
                (leaf.id.as_str(), subjects)
            })
        })
        .collect();
    Context {
        spec,
        by_id,
        months,
        timeline,
        roster,
        budget_total,
        scored_by,
        tool: concat!("svcspec ", env!("CARGO_PKG_VERSION")),
    }
}

/// How many people a target of distinct individuals needs at least: "more than 500" (500多)
/// needs 501, "fewer than 10" allows 9; the other comparators need the value itself.
fn required_individuals(comparator: Comparator, value: u64) -> u64 {
    match comparator {
        Comparator::MoreThan => value.saturating_add(1),
        Comparator::FewerThan => value.saturating_sub(1),
        Comparator::AtLeast | Comparator::AtMost | Comparator::Exactly => value,
    }
}

/// The months from `start` to `end`, both included; at most 60 (a term is at most three years).
fn months(start: Date, end: Date, lang: Lang) -> Vec<Month> {
    const SHORT: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (mut y, mut m) = (start.0.year(), start.0.month());
    let mut out = Vec::new();
    while (y, m) <= (end.0.year(), end.0.month()) && out.len() < 60 {
        let en = usize::try_from(m - 1)
            .ok()
            .and_then(|i| SHORT.get(i))
            .copied()
            .unwrap_or("");
        out.push(Month {
            key: format!("{y:04}-{m:02}"),
            label: match lang {
                Lang::Zh => format!("{y}年{m}月"),
                Lang::En => format!("{en} {y}"),
            },
            short: match lang {
                Lang::Zh => format!("{m}月"),
                Lang::En => en.to_owned(),
            },
        });
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

fn timeline(spec: &Spec, months: &[Month]) -> Vec<TimelineRow> {
    let span = |start: Option<Date>, end: Option<Date>| -> Vec<bool> {
        let from = start.map(|d| format!("{:04}-{:02}", d.0.year(), d.0.month()));
        let to = end.map(|d| format!("{:04}-{:02}", d.0.year(), d.0.month()));
        months
            .iter()
            .map(|m| {
                from.as_ref().is_none_or(|f| &m.key >= f) && to.as_ref().is_none_or(|t| &m.key <= t)
            })
            .collect()
    };
    let mut rows = Vec::new();
    for phase in &spec.phases {
        rows.push(TimelineRow {
            kind: "phase",
            name: phase.name.clone(),
            active: span(Some(phase.start), Some(phase.end)),
        });
    }
    for activity in &spec.activities {
        rows.push(TimelineRow {
            kind: "activity",
            name: activity.name.clone(),
            active: span(
                activity.start.or(Some(spec.period.start)),
                activity.end.or(Some(spec.period.end)),
            ),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::check::{Options, check_path};

    fn roster_count(file: &str) -> Option<(u64, usize)> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("specs")
            .join(file);
        let spec = check_path(&path, &Options::default()).spec?;
        let ctx = build(&spec, Lang::Zh);
        ctx.roster.map(|r| (r.count, r.rows.len()))
    }

    /// The roster has one row per person the target needs: 240 for "240, none twice", 501 for "500多".
    #[test]
    fn roster_rows_follow_the_comparator() {
        assert_eq!(roster_count("zhuzhou-elderly.yaml"), Some((240, 240)));
        assert_eq!(roster_count("chaoyang-integration.yaml"), Some((501, 501)));
        assert_eq!(required_individuals(Comparator::FewerThan, 10), 9);
        assert_eq!(required_individuals(Comparator::AtLeast, 35), 35);
    }
}
