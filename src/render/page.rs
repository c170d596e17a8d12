//! What the pages of a DOCX or PDF document carry besides the text: the running header (project
//! name and contract number), the page numbers, the title and the fixed creation date.

use jiff::civil::Date;

use crate::render::DocKind;
use crate::render::blocks::{self, Block};
use crate::render::i18n::{Lang, message};
use crate::spec::Spec;

/// Page furniture and metadata of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub lang: Lang,
    /// The document's title (its first heading).
    pub title: String,
    /// The header's left side: the project's name.
    pub header_left: String,
    /// The header's right side: `合同编号：…` when the spec gives a contract number.
    pub header_right: String,
    /// The footer around the page number and the page count: `第 `, ` 页 共 `, ` 页`.
    pub page_of: [String; 3],
    /// The creation date written into the file: the signing date, else the first day of
    /// service. Never the clock, so the same spec gives the same bytes.
    pub date: Date,
    /// A stable identifier of the document: project id, document and language.
    pub ident: String,
}

impl Page {
    pub fn new(spec: &Spec, doc: DocKind, lang: Lang, blocks: &[Block]) -> Self {
        let text = |key: &str| message(key, lang).unwrap_or_default();
        let header_right = spec
            .contract
            .as_ref()
            .and_then(|c| c.number.as_deref())
            .map(|number| format!("{}{}{number}", text("contract.number"), text("p.colon")))
            .unwrap_or_default();
        let pattern = text("page.of");
        let (before, rest) = pattern.split_once("{page}").unwrap_or((pattern, ""));
        let (middle, after) = rest.split_once("{pages}").unwrap_or((rest, ""));
        let date = spec
            .contract
            .as_ref()
            .and_then(|c| c.signed_on)
            .unwrap_or(spec.period.start)
            .0;
        Self {
            lang,
            title: blocks::title(blocks).unwrap_or_else(|| spec.project.name.clone()),
            header_left: spec.project.name.clone(),
            header_right,
            page_of: [before.to_owned(), middle.to_owned(), after.to_owned()],
            date,
            ident: format!("{}/{}.{}", spec.project.id, doc.name(), lang.code()),
        }
    }

    /// Every character the header and footer show.
    pub fn text(&self) -> String {
        let mut out = format!("{} {} ", self.header_left, self.header_right);
        out.extend(self.page_of.iter().map(String::as_str));
        out.push_str("0123456789");
        out
    }
}
