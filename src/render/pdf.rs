//! PDF through Typst, used as a library: the document's block tree (the same Markdown as every
//! other format) becomes Typst markup, compiled with the embedded fonts and written by
//! typst-pdf. Pure Rust, no external program. The creation date and document id come from the
//! spec, never from the clock, so the same spec gives the same bytes.

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::render::blocks::{self, Block};
use crate::render::fonts::FontSet;
use crate::render::formats::FontOptions;
use crate::render::page::Page;
use crate::render::typst_markup;

/// A typeset PDF, and the characters that no font could show in it.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub uncovered: Vec<char>,
}

/// Writes PDF documents; holds the fonts and Typst's standard library across documents.
pub struct PdfWriter {
    fonts: FontSet,
    library: LazyHash<Library>,
}

impl PdfWriter {
    pub fn new(options: &FontOptions) -> Self {
        Self {
            fonts: FontSet::load(options),
            library: LazyHash::new(Library::default()),
        }
    }

    /// Typesets one document. An error here is a fault of svcspec's own markup, never of the
    /// spec: every text from the spec is escaped.
    pub fn render(&self, blocks: &[Block], page: &Page) -> Result<Pdf, String> {
        let source = Source::detached(typst_markup::document(blocks, page));
        let world = DocumentWorld {
            library: &self.library,
            fonts: &self.fonts,
            source,
        };
        let compiled = typst::compile::<PagedDocument>(&world).output;
        // Typst memoizes across compilations; documents share little, so drop what this one kept.
        comemo::evict(0);
        let document = compiled.map_err(|errors| describe(&errors))?;
        let datetime = Datetime::from_ymd_hms(
            i32::from(page.date.year()),
            u8::try_from(page.date.month()).unwrap_or(1),
            u8::try_from(page.date.day()).unwrap_or(1),
            0,
            0,
            0,
        );
        let options = PdfOptions {
            ident: Smart::Custom(page.ident.clone()),
            creator: Smart::Custom(Some(concat!("svcspec ", env!("CARGO_PKG_VERSION")).into())),
            timestamp: datetime.map(Timestamp::new_utc),
            ..PdfOptions::default()
        };
        let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| describe(&errors))?;
        let mut text = page.text();
        blocks::text(blocks, &mut text);
        Ok(Pdf {
            bytes,
            uncovered: self.fonts.uncovered(&text),
        })
    }
}

fn describe(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// What Typst sees of the world: one source file, the fonts, and no files or clock.
struct DocumentWorld<'a> {
    library: &'a LazyHash<Library>,
    fonts: &'a FontSet,
    source: Source,
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.source.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
