//! The output formats of `build`, each made from a document's Markdown: the Markdown itself,
//! standalone HTML, DOCX and PDF. DOCX and PDF share the block tree and page furniture.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::render::blocks;
use crate::render::i18n::Lang;
use crate::render::page::Page;
use crate::render::{DocKind, docx, html};
use crate::spec::Spec;

/// An output format of a build; `--to` takes these names, which are also the file extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum OutputFormat {
    /// Markdown.
    Md,
    /// Standalone HTML (A4, print-ready, style embedded).
    Html,
    /// Word (.docx), for offices to edit.
    Docx,
    /// PDF (A4, Chinese fonts built in), to sign.
    Pdf,
}

impl OutputFormat {
    /// The name on the command line, which is also the file extension.
    pub fn name(self) -> &'static str {
        match self {
            Self::Md => "md",
            Self::Html => "html",
            Self::Docx => "docx",
            Self::Pdf => "pdf",
        }
    }

    /// Whether this build of svcspec can write the format (PDF needs the `pdf` feature).
    pub fn available(self) -> bool {
        self != Self::Pdf || cfg!(feature = "pdf")
    }
}

/// Characters that no font could show, and the PDF files they occur in.
pub type Uncovered = BTreeMap<char, BTreeSet<String>>;

/// The files of one spec, as (file name, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

/// Where PDF output finds fonts besides the built-in ones.
#[derive(Debug, Clone, Default)]
pub struct FontOptions {
    /// Folders searched (recursively) for more fonts.
    pub dirs: Vec<PathBuf>,
    /// Whether the system's fonts are searched too.
    pub system: bool,
}

/// Writes the chosen formats; holds the PDF writer (fonts loaded once) across specs.
pub struct Writers {
    formats: Vec<OutputFormat>,
    #[cfg(feature = "pdf")]
    pdf: Option<crate::render::pdf::PdfWriter>,
}

impl Writers {
    /// Sets up the writers of `formats`; the PDF writer loads its fonts as `fonts` says.
    pub fn new(formats: &[OutputFormat], fonts: &FontOptions) -> Self {
        #[cfg(not(feature = "pdf"))]
        let _ = fonts;
        Self {
            formats: formats.to_vec(),
            #[cfg(feature = "pdf")]
            pdf: formats
                .contains(&OutputFormat::Pdf)
                .then(|| crate::render::pdf::PdfWriter::new(fonts)),
        }
    }

    /// Writes one document in every chosen format into `files`, as `<document>.<lang>.<ext>`.
    /// An error names the file that could not be made.
    pub fn write(
        &self,
        markdown: &str,
        spec: &Spec,
        doc: DocKind,
        lang: Lang,
        files: &mut Files,
        uncovered: &mut Uncovered,
    ) -> Result<(), String> {
        let base = format!("{}.{}", doc.name(), lang.code());
        let paged = self
            .formats
            .iter()
            .any(|f| matches!(f, OutputFormat::Docx | OutputFormat::Pdf));
        let blocks = if paged {
            blocks::parse(markdown)
        } else {
            Vec::new()
        };
        let page = Page::new(spec, doc, lang, &blocks);
        for &format in &self.formats {
            let name = format!("{base}.{}", format.name());
            let bytes = match format {
                OutputFormat::Md => markdown.as_bytes().to_vec(),
                OutputFormat::Html => html::page(markdown, lang).into_bytes(),
                OutputFormat::Docx => docx::document(&blocks, &page)
                    .map_err(|e| format!("cannot write `{name}`: {e}"))?,
                OutputFormat::Pdf => self.pdf(&blocks, &page, &name, uncovered)?,
            };
            files.push((name, bytes));
        }
        Ok(())
    }

    #[cfg(feature = "pdf")]
    fn pdf(
        &self,
        blocks: &[blocks::Block],
        page: &Page,
        name: &str,
        uncovered: &mut Uncovered,
    ) -> Result<Vec<u8>, String> {
        let writer = self
            .pdf
            .as_ref()
            .ok_or_else(|| format!("cannot typeset `{name}`: no PDF writer was set up"))?;
        let pdf = writer
            .render(blocks, page)
            .map_err(|e| format!("cannot typeset `{name}`: {e}"))?;
        for c in pdf.uncovered {
            uncovered.entry(c).or_default().insert(name.to_owned());
        }
        Ok(pdf.bytes)
    }

    #[cfg(not(feature = "pdf"))]
    fn pdf(
        &self,
        _blocks: &[blocks::Block],
        _page: &Page,
        name: &str,
        _uncovered: &mut Uncovered,
    ) -> Result<Vec<u8>, String> {
        Err(format!(
            "cannot write `{name}`: this svcspec was built without the `pdf` feature (`--features pdf`)"
        ))
    }
}
