//! `svcspec rules` and `svcspec explain`: the rule table, for people.

use std::fmt::Write as _;

use crate::commands::{CommandResult, Fault, Outcome, emit};
use crate::rules::{self, Rule};
use crate::suggest::did_you_mean;

/// The table printed by `svcspec rules`.
pub fn table() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<7} {:<34} {:<8} summary",
        "code", "name", "severity"
    );
    for rule in rules::all() {
        let _ = writeln!(
            out,
            "{:<7} {:<34} {:<8} {}",
            rule.code, rule.name, rule.severity, rule.summary
        );
    }
    out
}

/// The docs printed by `svcspec explain`.
pub fn docs(rule: &Rule) -> String {
    let indent = |text: &str| {
        text.lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    };
    format!(
        "{code} {name} ({severity}{fixed})\n{summary}\n\nWhat it checks\n{what}\nWhy it matters\n{why}\nExample that fails\n{example}\nFix\n{fix}",
        code = rule.code,
        name = rule.name,
        severity = rule.severity,
        fixed = if rule.configurable() {
            ""
        } else {
            ", not configurable"
        },
        summary = rule.summary,
        what = indent(rule.docs.what),
        why = indent(rule.docs.why),
        example = indent(rule.docs.example),
        fix = indent(rule.docs.fix),
    )
}

pub fn list() -> CommandResult {
    emit(None, &table())?;
    Ok(Outcome::Done)
}

pub fn explain(code_or_name: &str) -> CommandResult {
    if let Some(rule) = rules::find(code_or_name) {
        emit(None, &docs(rule))?;
        return Ok(Outcome::Done);
    }
    let names: Vec<&str> = rules::all().flat_map(|r| [r.code, r.name]).collect();
    let hint = did_you_mean(code_or_name, names.iter().copied()).map_or_else(
        || " (`svcspec rules` lists them)".to_owned(),
        |s| format!("; did you mean `{s}`?"),
    );
    Err(Fault::usage(format!(
        "no rule is called `{code_or_name}`{hint}"
    )))
}
