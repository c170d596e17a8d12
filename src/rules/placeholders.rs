//! Placeholders: values tagged `!fill` that the designer has still to replace.
//!
//! The loader records each tagged node as a JSON pointer; this rule turns each into a warning at
//! its value, so that a spec started with `svcspec init` checks with only these findings.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Origin, Rule, RuleDocs};
use crate::span_index::SpanIndex;

pub static UNFILLED_PLACEHOLDER: Rule = Rule {
    code: "SV060",
    name: "unfilled-placeholder",
    severity: Severity::Warning,
    origin: Origin::Semantic(unfilled_placeholder),
    summary: "a value is still tagged `!fill`: a placeholder the designer has not replaced",
    docs: RuleDocs {
        what: "Every scalar written with the YAML tag `!fill` (as `svcspec init` writes them) is reported, one warning per value, at the value. The tagged value itself is read as usual, so the schema and the other rules see a complete spec.",
        why: "A starting spec is filled with illustrative names, amounts and dates. A contract printed from one that still holds 某区民政局 or a guessed amount of 150,000 yuan commits the parties to text nobody wrote for them; 财政部令第102号 第二十三条 asks the contract to state the real content, term, quantity, price and parties.",
        example: "parties:\n  purchaser:\n    id: buyer\n    name: !fill \"某区民政局\"",
        fix: "Write the real value and delete the `!fill` tag. In CI, `svcspec check --deny-warnings` refuses a spec that still holds a placeholder.",
    },
};

pub static RULES: &[&Rule] = &[&UNFILLED_PLACEHOLDER];

fn unfilled_placeholder(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    findings(cx.placeholders, cx.index, out);
}

/// One finding per value tagged `!fill`, in a spec or a results file.
pub fn findings(placeholders: &[String], index: &SpanIndex, out: &mut Vec<Diagnostic>) {
    for pointer in placeholders {
        let shown = pointer
            .strip_prefix('/')
            .unwrap_or(pointer)
            .replace('/', ".");
        out.push(
            UNFILLED_PLACEHOLDER
                .diag(format!("`{shown}` still holds a placeholder value"))
                .label_opt(index.value(pointer), "tagged `!fill`")
                .pointer(pointer.clone())
                .help("replace the placeholder value with the real one and delete the `!fill` tag"),
        );
    }
}
