//! `svcspec diff OLD NEW`: what an amendment changes, for people (human), scripts (json) and the
//! amendment annex (markdown, 补充协议附件).

use std::path::Path;

use serde_json::{Value, json};

use crate::check::{Options, check_path};
use crate::cli::{DiffArgs, DiffFormat};
use crate::commands::{CommandResult, Fault, Outcome, check_file_count, emit, limits, show};
use crate::diff::{Change, ChangeKind, diff};
use crate::report::Style;
use crate::spec::Spec;

/// Loads a spec far enough to compare it: through the schema. Rule findings do not matter here.
fn load(path: &Path, options: &Options, style: Style) -> Result<Spec, Outcome> {
    let report = check_path(path, options);
    if report.unreadable {
        show(&report, style);
        return Err(Outcome::Usage);
    }
    match report.spec {
        Some(spec) => Ok(*spec),
        None => {
            show(&report, style);
            eprintln!(
                "not compared: {} does not match the spec format",
                report.name
            );
            Err(Outcome::Content)
        }
    }
}

pub fn run(args: &DiffArgs, style: Style) -> CommandResult {
    let options = Options {
        limits: limits(&args.limits),
        ..Options::default()
    };
    check_file_count(&options.limits, 2)?;
    let old = load(&args.old, &options, style);
    let new = load(&args.new, &options, style);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(a), Err(b)) => return Err(Fault::Reported(a.max(b))),
        (Err(outcome), _) | (_, Err(outcome)) => return Err(Fault::Reported(outcome)),
    };
    let changes = diff(&old, &new);
    let (old_name, new_name) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let text = match args.format {
        DiffFormat::Human => human(&old_name, &new_name, &changes),
        DiffFormat::Json => {
            let doc = json!({ "old": old_name, "new": new_name, "changes": changes });
            let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            text.push('\n');
            text
        }
        DiffFormat::Markdown => markdown(&new, &changes),
    };
    emit(args.output.as_deref(), &text)?;
    Ok(Outcome::Done)
}

/// A value as a reader writes it: strings bare, anything else as compact JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn line(change: &Change) -> String {
    match change.kind {
        ChangeKind::Changed => format!(
            "{}: {} → {}",
            change.path,
            text(&change.old),
            text(&change.new)
        ),
        ChangeKind::Added => format!("{}: added {}", change.path, text(&change.new)),
        ChangeKind::Removed => format!("{}: removed {}", change.path, text(&change.old)),
    }
}

fn human(old: &str, new: &str, changes: &[Change]) -> String {
    let mut out = String::new();
    if changes.is_empty() {
        out.push_str(&format!("{old} → {new}: no changes\n"));
        return out;
    }
    let n = changes.len();
    out.push_str(&format!(
        "{old} → {new}: {n} change{}\n",
        if n == 1 { "" } else { "s" }
    ));
    for change in changes {
        out.push_str(&format!("  {}\n", line(change)));
        for d in &change.derived {
            out.push_str(&format!("      follows: {}\n", line(d)));
        }
    }
    out
}

fn cell(value: &Value) -> String {
    text(value).replace('|', "\\|").replace('\n', " ")
}

fn markdown(new: &Spec, changes: &[Change]) -> String {
    let mut out = format!("# 补充协议附件：变更事项\n\n项目：{}\n\n", new.project.name);
    if let Some(number) = new.contract.as_ref().and_then(|c| c.number.as_ref()) {
        out.push_str(&format!("原合同编号：{number}\n\n"));
    }
    if changes.is_empty() {
        out.push_str("本补充协议不变更原合同的任何约定。\n");
        return out;
    }
    out.push_str("| 序号 | 条目 | 原约定 | 变更为 |\n|---|---|---|---|\n");
    for (i, change) in changes.iter().enumerate() {
        let (old, new) = match change.kind {
            ChangeKind::Changed => (cell(&change.old), cell(&change.new)),
            ChangeKind::Added => ("(无)".to_owned(), cell(&change.new)),
            ChangeKind::Removed => (cell(&change.old), "(删除)".to_owned()),
        };
        out.push_str(&format!(
            "| {} | `{}` | {old} | {new} |\n",
            i + 1,
            change.path
        ));
        for d in &change.derived {
            out.push_str(&format!(
                "| | ↳ 随之变更 `{}` | {} | {} |\n",
                d.path,
                cell(&d.old),
                cell(&d.new)
            ));
        }
    }
    out
}
