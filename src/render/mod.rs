//! Compiling a spec into documents: a minijinja environment over templates embedded in the
//! binary (or overridden from `--templates DIR`), Markdown out; HTML, DOCX and PDF from the
//! Markdown, so every format says the same thing.

pub mod blocks;
pub mod context;
pub mod docx;
pub mod filters;
#[cfg(feature = "pdf")]
pub mod fonts;
pub mod formats;
pub mod html;
pub mod i18n;
pub mod output;
pub mod page;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod templates;
#[cfg(feature = "pdf")]
pub mod typst_markup;

use std::sync::Arc;

use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::limits::TemplateLimits;
use crate::render::i18n::Lang;
use crate::render::templates::TemplateSet;
use crate::rules::{Origin, Rule, RuleDocs};
use crate::source::SourceFile;
use crate::spec::Spec;

pub static TEMPLATE_ERROR: Rule = Rule {
    code: "SV050",
    name: "template-error",
    severity: Severity::Error,
    origin: Origin::Build,
    summary: "a template cannot be rendered",
    docs: RuleDocs {
        what: "Templates (built in, or from `--templates DIR`) render without error: every value they use exists (strict mode), every filter and message key is known, no loop runs out of fuel (`--template-fuel`) and no macro or include nests past the recursion limit (`--template-recursion`). Templates are sandboxed: they include only templates of the set (never a path), and call only minijinja's built-in filters, tests and functions (`range`, `join`, `length`…) and svcspec's own (`money`, `capital`, `percent`, `number`, `date`, `label`, `article`, `t`); none of them reads the environment or a file.",
        why: "A contract with a blank where the amount should be is worse than no contract: rendering stops instead.",
        example: "{{ spec.contract.amont | money }}",
        fix: "Correct the template at the line shown; `svcspec build --templates DIR` takes a folder whose files replace the built-in templates of the same name.",
    },
};

pub static MISSING_GLYPH: Rule = Rule {
    code: "SV051",
    name: "missing-glyph",
    severity: Severity::Warning,
    origin: Origin::Build,
    summary: "a character of a PDF document has no glyph in any font",
    docs: RuleDocs {
        what: "Every character that `build --to pdf` typesets has a glyph: in the fonts built into svcspec (every character of GB 2312, CJK punctuation, ASCII and Latin-1), in a `--font-path` folder, or in a font installed on the machine.",
        why: "A character without a glyph prints as an empty box, and a name in a signed contract must be legible. Rare characters of personal and place names (生僻字) lie outside GB 2312. The PDF is still written; the DOCX is not affected, since the office's own fonts show it.",
        example: "parties:\n  provider: {id: agency, name: 刘䶮社会工作服务中心}   # 䶮 (U+4DAE) is outside GB 2312",
        fix: "Install a font that has the character (on Debian, `fonts-noto-cjk` covers CJK Extension A), or give its folder with `--font-path DIR`; check the spelling if the character was not meant.",
    },
};

pub static RULES: &[&Rule] = &[&TEMPLATE_ERROR, &MISSING_GLYPH];

/// The warning for characters that no font could show in a spec's PDF files, labelled where
/// the spec first writes each of them.
pub fn missing_glyphs(
    source: Option<&SourceFile>,
    uncovered: &formats::Uncovered,
) -> Option<Diagnostic> {
    if uncovered.is_empty() {
        return None;
    }
    let chars: Vec<String> = uncovered
        .keys()
        .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
        .collect();
    let files: std::collections::BTreeSet<&str> =
        uncovered.values().flatten().map(String::as_str).collect();
    let mut diag = MISSING_GLYPH
        .diag(format!(
            "no font has a glyph for {}: shown as an empty box in {}",
            chars.join(", "),
            files.into_iter().collect::<Vec<_>>().join(", ")
        ))
        .help(
            "install a font that has these characters, or give its folder with `--font-path DIR`",
        );
    if let Some(source) = source {
        for (c, shown) in uncovered.keys().zip(&chars) {
            if let Some(at) = source.text().find(*c) {
                diag = diag.label(at..at + c.len_utf8(), format!("{shown} is in no font"));
            }
        }
    }
    Some(diag)
}

/// The documents of a build. The command line's `--doc` values and their default, and every
/// list of documents in the tests, come from this enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum DocKind {
    /// The purchase contract (政府购买服务合同).
    Contract,
    /// The evaluation form (评估表).
    EvaluationForm,
    /// The register form (项目登记表).
    RegisterForm,
    /// The implementation plan (实施方案).
    Plan,
}

impl DocKind {
    /// Every document, in build order.
    pub fn all() -> &'static [Self] {
        <Self as clap::ValueEnum>::value_variants()
    }

    /// The file name stem of the document (`contract`, `evaluation-form`…).
    pub fn name(self) -> &'static str {
        match self {
            Self::Contract => "contract",
            Self::EvaluationForm => "evaluation-form",
            Self::RegisterForm => "register-form",
            Self::Plan => "plan",
        }
    }

    pub fn template(self) -> String {
        format!("{}.md.j2", self.name())
    }
}

/// Renders documents for one language.
pub struct Renderer {
    env: Environment<'static>,
    templates: Arc<TemplateSet>,
    lang: Lang,
}

impl Renderer {
    /// A renderer whose templates run within the fuel and recursion limits.
    pub fn new(templates: Arc<TemplateSet>, lang: Lang, limits: &TemplateLimits) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Fuel bounds every loop (the default of 2,000,000 renders a 240-row roster many times
        // over); the recursion limit bounds macros calling themselves and includes of includes.
        env.set_fuel(Some(limits.fuel));
        env.set_recursion_limit(limits.recursion);
        // Markdown is the output: values are escaped for it (not for HTML, which is made from the
        // Markdown and escapes again). A custom mode makes macro output safe, so markup that a
        // macro writes is kept while the values inside it were escaped once.
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Custom("markdown".into()));
        env.set_formatter(filters::markdown_formatter);
        let loader_templates = templates.clone();
        env.set_loader(move |name| Ok(loader_templates.get(name).map(|t| t.text().to_owned())));
        filters::register(&mut env, lang);
        Self {
            env,
            templates,
            lang,
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Renders one document as Markdown, or a diagnostic located in the template.
    pub fn markdown(
        &self,
        spec: &Spec,
        kind: DocKind,
    ) -> Result<String, (Arc<SourceFile>, Diagnostic)> {
        self.render(&kind.template(), &context::build(spec, self.lang))
    }

    /// Renders a template over any context as Markdown, or a diagnostic located in the template.
    pub fn render<C: Serialize>(
        &self,
        name: &str,
        ctx: &C,
    ) -> Result<String, (Arc<SourceFile>, Diagnostic)> {
        let result = self
            .env
            .get_template(name)
            .and_then(|t| t.render(minijinja::Value::from(minijinja::value::Serde(ctx))));
        result
            .map(|text| tidy(&text))
            .map_err(|err| self.located(name, &err))
    }

    /// Turns a template error into a diagnostic on the template's own line.
    fn located(&self, fallback: &str, err: &minijinja::Error) -> (Arc<SourceFile>, Diagnostic) {
        // The innermost error with a location names the template and line at fault.
        let mut at: &dyn std::error::Error = err;
        let mut best = err;
        while let Some(next) = at.source() {
            if let Some(e) = next.downcast_ref::<minijinja::Error>()
                && e.line().is_some()
            {
                best = e;
            }
            at = next;
        }
        let name = best.name().unwrap_or(fallback).to_owned();
        let source = self
            .templates
            .get(&name)
            .map(|t| t.source())
            .unwrap_or_else(|| SourceFile::new(format!("templates/{name}"), String::new()));
        let span = best.range().or_else(|| {
            best.line().map(|line| {
                let start = source.offset_of(line, 0);
                let end = source.text()[start..]
                    .find('\n')
                    .map_or(source.text().len(), |i| start + i);
                start..end
            })
        });
        let detail = best
            .detail()
            .map_or_else(|| best.kind().to_string(), str::to_owned);
        let help = match best.kind() {
            ErrorKind::OutOfFuel => {
                "a loop that never ends? If the document is just large, raise the limit with `--template-fuel`".to_owned()
            }
            _ if detail.contains("recursion limit") => format!(
                "a macro or include that calls itself without end? If the nesting is real, raise the limit with `--template-recursion` (at most {})",
                crate::limits::TEMPLATE_RECURSION_CAP
            ),
            ErrorKind::UnknownFunction | ErrorKind::UnknownFilter | ErrorKind::UnknownTest => "templates call only the functions, filters and tests built into minijinja and svcspec (`svcspec explain SV050`); none reads the environment or a file".to_owned(),
            ErrorKind::TemplateNotFound => "a template can include only templates of the set: the built-in names, or files directly in the `--templates` folder".to_owned(),
            _ => "fix the template at this line; values the spec leaves out are undefined, so test them with `is defined`".to_owned(),
        };
        let diag = TEMPLATE_ERROR
            .diag(format!("template `{name}` failed: {detail}"))
            .label_opt(span, best.kind().to_string())
            .help(help);
        (source, diag)
    }
}

/// Collapses runs of blank lines that template control blocks leave, and ends with one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim_end_matches('\n').trim_start_matches('\n');
    format!("{trimmed}\n")
}
