//! Text that YAML reads other than it was written: a line break folded into a space inside
//! Chinese text.
//!
//! The loader records each such value as a JSON pointer (it alone sees the source lines); this
//! rule turns each into a warning at its value.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, Origin, Rule, RuleDocs};

pub static FOLDED_CHINESE_TEXT: Rule = Rule {
    code: "SV061",
    name: "folded-chinese-text",
    severity: Severity::Warning,
    origin: Origin::Semantic(folded_chinese_text),
    summary: "text in Chinese is written over several lines in a folded form, and YAML joins the lines with a space",
    docs: RuleDocs {
        what: "A text value written over several lines as a folded block (`>`, `>-`) or as a plain or quoted scalar, where a line break falls next to a Chinese character or punctuation mark. YAML 1.2 folds each such break into a space, so \"服务，⏎综合运用\" is read as \"服务， 综合运用\". svcspec reads YAML as every other YAML tool does, so it warns rather than dropping the space itself. A literal block (`|`) keeps its line breaks, and svcspec's documents join the lines of Chinese text without a space.",
        why: "The contract and the plan print the text as it is read: a stray space in the middle of a Chinese sentence is a typesetting fault in a document that parties sign, and it is invisible in the spec.",
        example: "project:\n  summary: >-\n    面向辖区居家独居、空巢老人开展入户探访，\n    综合运用个案、小组和社区活动等方法。",
        fix: "Use a literal block (`summary: |`, or `|-` without the final line break): the lines are kept, and the documents join Chinese lines without a space. Or write the text on one line.",
    },
};

pub static RULES: &[&Rule] = &[&FOLDED_CHINESE_TEXT];

fn folded_chinese_text(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for pointer in cx.folded {
        let shown = pointer
            .strip_prefix('/')
            .unwrap_or(pointer)
            .replace('/', ".");
        // A block scalar's span runs through its last line break: label the text itself.
        let span = cx.value(pointer).map(|s| {
            let text = cx.source.text().get(s.clone()).unwrap_or_default();
            s.start..s.start + text.trim_end().len()
        });
        out.push(
            FOLDED_CHINESE_TEXT
                .diag(format!(
                    "`{shown}` folds its lines into Chinese text with a space between them"
                ))
                .label_opt(span, "each line break here reads as a space")
                .help("write it as a literal block, `|-` (its lines are joined without a space in the documents), or on one line")
                .pointer(pointer.clone()),
        );
    }
}
