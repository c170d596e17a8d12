//! Money: budget lines multiply and add up, tranches add up, the amount in capitals matches the figure.

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Severity};
use crate::numerals::{parse_capital, to_capital};
use crate::rules::{Context, Origin, Rule, RuleDocs};
use crate::spec::Spec;
use crate::spec::budget::BudgetCategory;
use crate::spec::contract::Contract;
use crate::spec::indicator::Target;
use crate::spec::results_chain::Activity;
use crate::spec::values::{fen, percent_of};

pub static BUDGET_LINE_ARITHMETIC: Rule = Rule {
    code: "SV201",
    name: "budget-line-arithmetic",
    severity: Severity::Error,
    origin: Origin::Semantic(budget_line_arithmetic),
    summary: "a budget line's unit price times its quantity is not its subtotal",
    docs: RuleDocs {
        what: "For every line of `budget.lines`, `unit_price × quantity`, rounded to 分, equals `subtotal`.",
        why: "Published purchase contracts price each line as unit × quantity = subtotal (7 casework cases at 300 yuan = 2,100), and 财政部令第102号 第二十三条 makes the price part of the written contract: a line that does not multiply out states two prices for one service.",
        example: "budget:\n  lines:\n    - id: b-cases\n      unit_price: 300\n      quantity: 7\n      subtotal: 2000   # 300 × 7 = 2100",
        fix: "Correct the subtotal to the product, or the unit price or quantity that was mistyped.",
    },
};

pub static BUDGET_TOTAL_MISMATCH: Rule = Rule {
    code: "SV202",
    name: "budget-total-mismatch",
    severity: Severity::Error,
    origin: Origin::Semantic(budget_total_mismatch),
    summary: "the budget lines do not add up to the contract amount",
    docs: RuleDocs {
        what: "When the spec has both budget lines and `contract.amount`, the lines' subtotals add up to the contract amount.",
        why: "The budget is the breakdown of the contract price (财政部令第102号 第二十三条: the contract states the price); a budget that adds up to another sum leaves money unplanned or spends money the contract does not grant.",
        example: "budget:\n  lines:                 # subtotals add up to 240000\n    ...\ncontract:\n  amount: 250000",
        fix: "Make the subtotals add up to the contract amount (a missing line is the usual cause), or correct the amount.",
    },
};

pub static ANNUAL_TOTAL_MISMATCH: Rule = Rule {
    code: "SV203",
    name: "annual-total-mismatch",
    severity: Severity::Error,
    origin: Origin::Semantic(annual_total_mismatch),
    summary: "the annual amounts do not add up to the contract amount",
    docs: RuleDocs {
        what: "When the spec has both `budget.annual` and `contract.amount`, the amounts of the years add up to the contract amount.",
        why: "A term of several years is allowed only with the budget secured (财政部令第102号); published contracts total the years (336,000 a year × 3 = 1,008,000), and years that add up to another sum leave a year unfunded.",
        example: "budget:\n  annual:\n    - {year: 2024, amount: 336000}\n    - {year: 2025, amount: 336000}\ncontract:\n  amount: 1008000   # a year is missing",
        fix: "Make the annual amounts add up to the contract amount, or correct the amount.",
    },
};

pub static TRANCHE_SHARES_NOT_100: Rule = Rule {
    code: "SV204",
    name: "tranche-shares-not-100",
    severity: Severity::Error,
    origin: Origin::Semantic(tranche_shares_not_100),
    summary: "the tranche shares do not add up to 100%",
    docs: RuleDocs {
        what: "The `share` of the contract's tranches add up to exactly 100.",
        why: "The lecture's Zhuzhou case pays in stages by evaluation result (分批支付); the 2012 guidance of 民政部 and 财政部 ties payment to service quality. Shares that do not add up to 100 pay more or less than the contract price.",
        example: "contract:\n  tranches:\n    - {id: advance, share: 30, ...}\n    - {id: mid, share: 30, ...}\n    - {id: final, share: 30, ...}   # 90%",
        fix: "Correct the shares so that they add up to 100; the help gives the value the last one would take.",
    },
};

pub static TRANCHE_AMOUNTS_MISMATCH: Rule = Rule {
    code: "SV205",
    name: "tranche-amounts-mismatch",
    severity: Severity::Error,
    origin: Origin::Semantic(tranche_amounts_mismatch),
    summary: "the tranche amounts do not add up to the contract amount",
    docs: RuleDocs {
        what: "When the contract has tranches and an `amount`, the tranches' amounts add up to the contract amount.",
        why: "The payment schedule is part of the contract (财政部令第102号 第二十三条: settlement method); paid in stages as in the lecture's Zhuzhou case, tranches that add up to another sum pay a price the contract does not state.",
        example: "contract:\n  amount: 250000\n  tranches:\n    - {id: advance, amount: 100000, ...}\n    - {id: final, amount: 100000, ...}   # 200000",
        fix: "Correct the tranche amounts so that they add up to the contract amount, or correct the amount.",
    },
};

pub static TRANCHE_AMOUNT_OFF_SHARE: Rule = Rule {
    code: "SV206",
    name: "tranche-amount-off-share",
    severity: Severity::Error,
    origin: Origin::Semantic(tranche_amount_off_share),
    summary: "a tranche's amount is not its share of the contract amount",
    docs: RuleDocs {
        what: "Each tranche's `amount` equals its `share` percent of `contract.amount`, rounded to 分.",
        why: "A tranche states its size twice, as a share and as an amount; when they disagree, the buyer and the provider can each read a different payment out of the same contract (财政部令第102号 第二十三条 asks for a clear settlement method).",
        example: "contract:\n  amount: 250000\n  tranches:\n    - {id: advance, share: 40, amount: 90000, ...}   # 40% is 100000",
        fix: "Make the amount the share of the contract amount, or the share the one the amount stands for.",
    },
};

pub static CAPITAL_AMOUNT_MISMATCH: Rule = Rule {
    code: "SV207",
    name: "capital-amount-mismatch",
    severity: Severity::Error,
    origin: Origin::Semantic(capital_amount_mismatch),
    summary: "the amount in capitals does not match the amount in figures",
    docs: RuleDocs {
        what: "`contract.amount_in_words` reads back to `contract.amount`. Every form the rules allow is accepted: the 人民币 prefix, the optional 零 (贰拾万捌仟 as well as 贰拾万零捌仟), 整 or 正 or nothing after 元 or 角, the old 圆 for 元.",
        why: "Contracts write amounts twice, in figures and in capitals, so that neither can be altered alone; 会计基础工作规范 第五十二条 and 支付结算办法 fix how the capitals are written (整 after 元 or 角, never after 分; a zero inside is 零; a leading ten is 壹拾). Capitals that differ from the figure, or cannot be read, leave the price in doubt.",
        example: "contract:\n  amount: 208000\n  amount_in_words: 人民币贰拾万零叁仟元整",
        fix: "Write the canonical form the help gives (人民币…元整), or correct the figure if the capitals are right.",
    },
};

pub static STAFFING_BUDGET_MISMATCH: Rule = Rule {
    code: "SV208",
    name: "staffing-budget-mismatch",
    severity: Severity::Error,
    origin: Origin::Semantic(staffing_budget_mismatch),
    summary: "the person-months of the staffing differ from those the personnel budget lines pay for",
    docs: RuleDocs {
        what: "Where `staffing` lists positions and the budget has `personnel` lines counted in person-months (unit `人·月`, `人月` or `人/月`), the staffing's person-months (each position's `count` × `months`) equal the quantities of those lines added up.",
        why: "Personnel is most of a social-work budget, and a reviewer compares the team the plan promises with the salaries the budget pays: three social workers for twelve months are 36 person-months, and a budget that pays for 30 either underpays the team or promises less service than the plan (人员配置与人员经费一致).",
        example: "staffing:\n  - {role: 一线社工, count: 3, months: 12}\nbudget:\n  lines:\n    - {id: b-workers, category: personnel, item: 一线社工薪酬, unit: 人·月, unit_price: 4500, quantity: 30, subtotal: 135000}",
        fix: "Make the personnel lines pay for the team the staffing lists (or correct the staffing); count personnel lines in person-months so they can be compared.",
    },
};

pub static BUDGET_LINE_BELOW_TARGET: Rule = Rule {
    code: "SV209",
    name: "budget-line-below-target",
    severity: Severity::Warning,
    origin: Origin::Semantic(budget_line_below_target),
    summary: "a budget line tied to an activity pays for fewer units than the activity's target or sessions need",
    docs: RuleDocs {
        what: "A budget line that names `activities` pays for at least what they must deliver, in the line's unit: the value of the one target, counted in that unit, that the activity's output is measured by (when exactly one target matches, so the comparison is unambiguous); and, for a line counted in sessions (`节`), the groups × sessions of an activity with `sessions`. A warning: a line may be paid from elsewhere too.",
        why: "Published contracts price each activity as unit price × quantity (7 cases at 300 yuan = 2,100): a line that pays for 30 home visits when the target is 240 either underfunds the work or the target will not be met, and a reviewer checks the two against each other by hand.",
        example: "targets:\n  - {id: visits, indicator: ind-visits, comparator: at_least, value: 240, unit: 人}\nbudget:\n  lines:\n    - {id: b-visits, category: activities, item: 入户探访, unit: 人, unit_price: 50, quantity: 200, subtotal: 10000, activities: [act-visits]}",
        fix: "Raise the line's quantity to what the target needs (and its subtotal with it), or lower the target.",
    },
};

pub static RULES: &[&Rule] = &[
    &BUDGET_LINE_ARITHMETIC,
    &BUDGET_TOTAL_MISMATCH,
    &ANNUAL_TOTAL_MISMATCH,
    &TRANCHE_SHARES_NOT_100,
    &TRANCHE_AMOUNTS_MISMATCH,
    &TRANCHE_AMOUNT_OFF_SHARE,
    &CAPITAL_AMOUNT_MISMATCH,
    &STAFFING_BUDGET_MISMATCH,
    &BUDGET_LINE_BELOW_TARGET,
];

/// An amount as messages show it: `250000`, `1025826.73`, `0.50`.
pub fn yuan(amount: Decimal) -> String {
    let amount = amount.normalize();
    if amount.scale() == 0 {
        amount.to_string()
    } else {
        format!("{amount:.2}")
    }
}

/// A plain number as messages show it: `7`, `1.5`.
fn number(value: Decimal) -> String {
    value.normalize().to_string()
}

/// Adds up exactly; `None` on overflow, which the caller skips.
fn sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v))
}

/// How far a sum is from where it should be: `10000 short`, `500 over`.
fn gap(actual: Decimal, expected: Decimal) -> String {
    if actual < expected {
        format!("{} short", yuan(expected - actual))
    } else {
        format!("{} over", yuan(actual - expected))
    }
}

fn budget_line_arithmetic(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(budget) = &cx.spec.budget else {
        return;
    };
    for (i, line) in budget.lines.iter().enumerate() {
        let (price, quantity, subtotal) = (
            line.unit_price.decimal(),
            line.quantity.decimal(),
            line.subtotal.decimal(),
        );
        let Some(exact) = price.checked_mul(quantity) else {
            continue;
        };
        let product = fen(exact);
        if product == subtotal {
            continue;
        }
        let shown = if product == exact {
            yuan(product)
        } else {
            format!("{} ({product:.2} rounded to 分)", number(exact))
        };
        let base = format!("/budget/lines/{i}");
        out.push(
            BUDGET_LINE_ARITHMETIC
                .diag(format!(
                    "budget line `{}` costs {} × {} = {shown}, but its subtotal is {}",
                    line.id,
                    yuan(price),
                    number(quantity),
                    yuan(subtotal)
                ))
                .label_opt(
                    cx.value(&format!("{base}/subtotal")),
                    format!("should be {}", yuan(product)),
                )
                .label_opt(
                    cx.value(&format!("{base}/unit_price")),
                    format!("unit price {}", yuan(price)),
                )
                .label_opt(
                    cx.value(&format!("{base}/quantity")),
                    format!("quantity {}", number(quantity)),
                )
                .help(format!(
                    "make the subtotal {}, or correct the unit price or the quantity",
                    yuan(product)
                ))
                .pointer(format!("{base}/subtotal")),
        );
    }
}

fn budget_total_mismatch(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(budget), Some(contract)) = (&cx.spec.budget, &cx.spec.contract) else {
        return;
    };
    let Some(amount) = contract.amount.map(|a| a.decimal()) else {
        return;
    };
    if budget.lines.is_empty() {
        return;
    }
    let Some(total) = sum(budget.lines.iter().map(|l| l.subtotal.decimal())) else {
        return;
    };
    if total == amount {
        return;
    }
    out.push(
        BUDGET_TOTAL_MISMATCH
            .diag(format!(
                "the budget lines add up to {}, not the contract amount {} ({})",
                yuan(total),
                yuan(amount),
                gap(total, amount)
            ))
            .label_opt(
                cx.node("/budget/lines"),
                format!("subtotals add up to {}", yuan(total)),
            )
            .label_opt(
                cx.value("/contract/amount"),
                format!("contract amount {}", yuan(amount)),
            )
            .help(format!(
                "make the subtotals add up to {} (is a line missing?), or correct the contract amount",
                yuan(amount)
            ))
            .pointer("/budget/lines"),
    );
}

/// What the last of several parts would be for them to add up to `target`, when that is possible.
pub fn last_would_be(parts: &[Decimal], target: Decimal) -> Option<Decimal> {
    let (last, rest) = parts.split_last()?;
    let others = sum(rest.iter().copied())?;
    let needed = target.checked_sub(others)?;
    (needed >= Decimal::ZERO && needed != *last).then_some(needed)
}

fn annual_total_mismatch(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(budget), Some(contract)) = (&cx.spec.budget, &cx.spec.contract) else {
        return;
    };
    let parts: Vec<(String, Decimal)> = budget
        .annual
        .iter()
        .map(|a| (format!("{}: ", a.year), a.amount.decimal()))
        .collect();
    let finding = Parts {
        rule: &ANNUAL_TOTAL_MISMATCH,
        what: "the annual amounts",
        list: "/budget/annual",
        parts: &parts,
    };
    out.extend(finding.against_contract(cx, contract));
}

fn tranche_shares_not_100(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    let shares: Vec<Decimal> = contract
        .tranches
        .iter()
        .map(|t| t.share.decimal())
        .collect();
    let Some(total) = sum(shares.iter().copied()) else {
        return;
    };
    if shares.is_empty() || total == Decimal::ONE_HUNDRED {
        return;
    }
    let last = shares.len() - 1;
    let needed = last_would_be(&shares, Decimal::ONE_HUNDRED);
    let mut diag = TRANCHE_SHARES_NOT_100.diag(format!(
        "tranche shares add up to {}%, not 100%",
        number(total)
    ));
    for i in std::iter::once(last).chain(0..last) {
        let Some(share) = shares.get(i) else {
            continue;
        };
        let text = match needed {
            Some(n) if i == last => format!("{}%: {}% would make 100", number(*share), number(n)),
            _ => format!("{}%", number(*share)),
        };
        diag = diag.label_opt(cx.value(&format!("/contract/tranches/{i}/share")), text);
    }
    let help = match needed {
        Some(n) => format!(
            "make the shares add up to 100: the last one would be {}",
            number(n)
        ),
        None => format!(
            "make the shares add up to 100: they are {} over",
            number(total - Decimal::ONE_HUNDRED)
        ),
    };
    out.push(
        diag.help(help)
            .pointer(format!("/contract/tranches/{last}/share")),
    );
}

fn tranche_amounts_mismatch(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    let parts: Vec<(String, Decimal)> = contract
        .tranches
        .iter()
        .map(|t| (String::new(), t.amount.decimal()))
        .collect();
    let finding = Parts {
        rule: &TRANCHE_AMOUNTS_MISMATCH,
        what: "the tranche amounts",
        list: "/contract/tranches",
        parts: &parts,
    };
    out.extend(finding.against_contract(cx, contract));
}

/// Amounts that must add up to the contract amount (the annual budget, the tranches).
struct Parts<'a> {
    rule: &'static Rule,
    /// How the message names them: `the annual amounts`.
    what: &'a str,
    /// The pointer of their list; each part's amount is at `{list}/{i}/amount`.
    list: &'a str,
    /// Each part's label prefix (`2016: `, or nothing) and amount.
    parts: &'a [(String, Decimal)],
}

impl Parts<'_> {
    /// A finding when the parts do not add up to the contract amount: every part labelled, the
    /// last one first with what it would need to be, since that is the one the help proposes
    /// to change.
    fn against_contract(&self, cx: &Context<'_>, contract: &Contract) -> Option<Diagnostic> {
        let amount = contract.amount.map(|a| a.decimal())?;
        let amounts: Vec<Decimal> = self.parts.iter().map(|&(_, a)| a).collect();
        let total = sum(amounts.iter().copied())?;
        if amounts.is_empty() || total == amount {
            return None;
        }
        let last = amounts.len() - 1;
        let needed = last_would_be(&amounts, amount);
        let what = self.what;
        let mut diag = self.rule.diag(format!(
            "{what} add up to {}, not the contract amount {} ({})",
            yuan(total),
            yuan(amount),
            gap(total, amount)
        ));
        for i in std::iter::once(last).chain(0..last) {
            let Some((prefix, value)) = self.parts.get(i) else {
                continue;
            };
            let text = match needed {
                Some(n) if i == last => {
                    format!("{prefix}{}; {} would add up", yuan(*value), yuan(n))
                }
                _ => format!("{prefix}{}", yuan(*value)),
            };
            diag = diag.label_opt(cx.value(&format!("{}/{i}/amount", self.list)), text);
        }
        let help = match needed {
            Some(n) => format!(
                "make {what} add up to {}: the last one would be {}",
                yuan(amount),
                yuan(n)
            ),
            None => format!(
                "make {what} add up to {}, or correct the contract amount",
                yuan(amount)
            ),
        };
        Some(
            diag.label_opt(
                cx.value("/contract/amount"),
                format!("contract amount {}", yuan(amount)),
            )
            .help(help)
            .pointer(format!("{}/{last}/amount", self.list)),
        )
    }
}

/// The amount of a tranche of `share`% of the contract amount `total`: the exact share rounded
/// to 分, as SV206 expects it.
pub fn tranche_amount(share: Decimal, total: Decimal) -> Option<Decimal> {
    percent_of(total, share).map(fen)
}

fn tranche_amount_off_share(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    let Some(total) = contract.amount.map(|a| a.decimal()) else {
        return;
    };
    for (i, tranche) in contract.tranches.iter().enumerate() {
        let (share, amount) = (tranche.share.decimal(), tranche.amount.decimal());
        let Some(exact) = percent_of(total, share) else {
            continue;
        };
        let expected = fen(exact);
        if expected == amount {
            continue;
        }
        // The share the amount stands for, when it is a plain percentage (at most 2 decimals).
        let implied = amount
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|a| a.checked_div(total))
            .map(|s| s.normalize())
            .filter(|s| s.scale() <= 2 && *s <= Decimal::ONE_HUNDRED);
        let help = match implied {
            Some(s) => format!(
                "make the amount {}, or `share: {}` if the amount is right",
                yuan(expected),
                number(s)
            ),
            None => format!("make the amount {}", yuan(expected)),
        };
        let base = format!("/contract/tranches/{i}");
        out.push(
            TRANCHE_AMOUNT_OFF_SHARE
                .diag(format!(
                    "tranche `{}` is {}, but {}% of the contract amount {} is {}",
                    tranche.id,
                    yuan(amount),
                    number(share),
                    yuan(total),
                    if exact == expected {
                        yuan(expected)
                    } else {
                        format!("{} ({expected:.2} rounded to 分)", number(exact))
                    }
                ))
                .label_opt(
                    cx.value(&format!("{base}/amount")),
                    format!("should be {}", yuan(expected)),
                )
                .label_opt(
                    cx.value(&format!("{base}/share")),
                    format!("{}% of {}", number(share), yuan(total)),
                )
                .label_opt(
                    cx.value("/contract/amount"),
                    format!("contract amount {}", yuan(total)),
                )
                .help(help)
                .pointer(format!("{base}/amount")),
        );
    }
}

fn capital_amount_mismatch(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(contract) = &cx.spec.contract else {
        return;
    };
    let (Some(amount), Some(words)) = (contract.amount, &contract.amount_in_words) else {
        return;
    };
    let amount = amount.decimal();
    let canonical = to_capital(amount);
    let (diag, help) = match parse_capital(words) {
        Ok(read) if read == amount => return,
        Ok(read) => (
            CAPITAL_AMOUNT_MISMATCH
                .diag(format!(
                    "the amount in capitals reads {}, but the contract amount is {}",
                    yuan(read),
                    yuan(amount)
                ))
                .label_opt(
                    cx.value("/contract/amount_in_words"),
                    format!("reads {}", yuan(read)),
                ),
            canonical.map(|c| {
                format!(
                    "write `人民币{c}` for {}, or correct the figure if the capitals are right",
                    yuan(amount)
                )
            }),
        ),
        Err(why) => (
            CAPITAL_AMOUNT_MISMATCH
                .diag(format!("the amount in capitals cannot be read: {why}"))
                .label_opt(cx.value("/contract/amount_in_words"), "cannot be read"),
            canonical.map(|c| format!("{} in capitals is `人民币{c}`", yuan(amount))),
        ),
    };
    out.push(
        diag.label_opt(
            cx.value("/contract/amount"),
            format!("amount in figures {}", yuan(amount)),
        )
        .help_opt(help)
        .pointer("/contract/amount_in_words"),
    );
}

/// Whether a unit counts person-months.
fn is_person_months(unit: &str) -> bool {
    matches!(
        unit.trim(),
        "人·月" | "人月" | "人/月" | "人*月" | "人×月" | "人.月"
    )
}

fn staffing_budget_mismatch(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    let Some(budget) = &spec.budget else {
        return;
    };
    if spec.staffing.is_empty() {
        return;
    }
    let lines: Vec<(usize, Decimal)> = budget
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.category == BudgetCategory::Personnel && is_person_months(&l.unit))
        .map(|(i, l)| (i, l.quantity.decimal()))
        .collect();
    if lines.is_empty() {
        return;
    }
    let staffed: u64 = spec
        .staffing
        .iter()
        .map(|p| u64::from(p.count) * u64::from(p.months))
        .sum();
    let Some(paid) = sum(lines.iter().map(|(_, q)| *q)) else {
        return;
    };
    let staffed = Decimal::from(staffed);
    if paid == staffed {
        return;
    }
    let team: Vec<String> = spec
        .staffing
        .iter()
        .map(|p| format!("{} {} × {}", p.role, p.count, p.months))
        .collect();
    let mut diag = STAFFING_BUDGET_MISMATCH
        .diag(format!(
            "the staffing adds up to {} person-months, but the personnel budget pays for {}",
            number(staffed),
            number(paid)
        ))
        .label_opt(
            cx.node("/staffing"),
            format!("{} person-months", number(staffed)),
        );
    for (i, p) in spec.staffing.iter().enumerate() {
        diag = diag.label_opt(
            cx.value(&format!("/staffing/{i}/count")),
            format!("{} × {} months", p.count, p.months),
        );
    }
    for (i, q) in &lines {
        diag = diag.label_opt(
            cx.value(&format!("/budget/lines/{i}/quantity")),
            format!("{} person-months", number(*q)),
        );
    }
    out.push(
        diag.help(format!(
            "the staffing is {}: make the personnel lines' quantities add up to {} person-months, or correct the staffing",
            team.join(", "),
            number(staffed)
        ))
        .pointer("/staffing"),
    );
}

/// The targets that measure an activity's output, with their indices.
fn activity_targets<'s>(spec: &'s Spec, activity: &Activity) -> Vec<(usize, &'s Target)> {
    let Some(output) = activity
        .output
        .as_ref()
        .and_then(|id| spec.outputs.iter().find(|o| o.id == *id))
    else {
        return Vec::new();
    };
    spec.targets
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.indicator
                .as_ref()
                .is_some_and(|x| output.indicators.contains(x))
        })
        .collect()
}

fn budget_line_below_target(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    let Some(budget) = &spec.budget else {
        return;
    };
    for (i, line) in budget.lines.iter().enumerate() {
        let activities: Vec<(usize, &Activity)> = spec
            .activities
            .iter()
            .enumerate()
            .filter(|(_, a)| line.activities.contains(&a.id))
            .collect();
        if activities.is_empty() {
            continue;
        }
        let unit = line.unit.trim();
        let quantity = line.quantity.decimal();
        let pointer = format!("/budget/lines/{i}/quantity");
        // The one target in the line's unit that the activities' outputs are measured by.
        let mut matching: Vec<(usize, &Target)> = activities
            .iter()
            .flat_map(|(_, a)| activity_targets(spec, a))
            .filter(|(_, t)| spec.unit_of(t) == Some(unit))
            .collect();
        matching.dedup_by_key(|(k, _)| *k);
        if let [(k, target)] = matching.as_slice()
            && target.comparator.is_lower_bound()
            && quantity < target.value.decimal()
        {
            out.push(
                BUDGET_LINE_BELOW_TARGET
                    .diag(format!(
                        "budget line `{}` pays for {} {unit}, fewer than the {} of target `{}`",
                        line.id,
                        number(quantity),
                        number(target.value.decimal()),
                        target.id
                    ))
                    .label_opt(cx.value(&pointer), format!("{} {unit}", number(quantity)))
                    .label_opt(
                        cx.value(&format!("/targets/{k}/value")),
                        format!("the target: {}", number(target.value.decimal())),
                    )
                    .help(format!(
                        "pay for at least {} {unit} (and adjust `subtotal`), or lower the target",
                        number(target.value.decimal())
                    ))
                    .pointer(pointer.clone()),
            );
        }
        if unit != "节" {
            continue;
        }
        for (a, activity) in &activities {
            let Some(sessions) = &activity.sessions else {
                continue;
            };
            let total = Decimal::from(sessions.total());
            if quantity >= total {
                continue;
            }
            out.push(
                BUDGET_LINE_BELOW_TARGET
                    .diag(format!(
                        "budget line `{}` pays for {} sessions, fewer than the {} × {} = {} of activity `{}`",
                        line.id,
                        number(quantity),
                        sessions.groups,
                        sessions.per_group,
                        sessions.total(),
                        activity.id
                    ))
                    .label_opt(cx.value(&pointer), format!("{} 节", number(quantity)))
                    .label_opt(
                        cx.node(&format!("/activities/{a}/sessions")),
                        format!("{} sessions", sessions.total()),
                    )
                    .help(format!(
                        "pay for {} sessions (and adjust `subtotal`), or plan fewer groups or sessions",
                        sessions.total()
                    ))
                    .pointer(pointer.clone()),
            );
        }
    }
}
