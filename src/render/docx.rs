//! The block tree → a Word document (.docx, Office Open XML) through docx-rs, for offices whose
//! legal staff edit the contract: real heading styles (黑体/SimHei), body text in 宋体/SimSun,
//! tables with borders, numbered and bulleted lists, A4 pages with the contract number in the
//! header and page numbers in the footer.
//!
//! The archive is written again with one fixed timestamp on every entry (the spec's date), and
//! the document properties carry the same date, so the same spec gives the same bytes.

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, BreakType, Docx, FieldCharType, Footer, Header,
    IndentLevel, InstrNUMPAGES, InstrPAGE, InstrText, Level, LevelJc, LevelOverride, LevelText,
    LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run, RunFonts,
    Shading, ShdType, SpecialIndentType, Start, Style, StyleType, Tab, TabValueType, Table,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableLayoutType, TableRow,
    WidthType,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::render::blocks::{self, Align, Block, Inline};
use crate::render::page::Page;

/// Song (宋体) for body text, Hei (黑体) for headings: the faces Chinese offices expect. Latin
/// letters and digits use the usual companions.
pub const BODY_FONT: &str = "SimSun";
pub const HEADING_FONT: &str = "SimHei";
const LATIN_BODY: &str = "Times New Roman";
const LATIN_HEADING: &str = "Arial";
const CODE_FONT: &str = "Courier New";

/// A4 in twentieths of a point, with 2.5 cm margins.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN: i32 = 1418;
const TEXT_WIDTH: usize = 9070;
/// One level of list indentation: two Chinese characters of body text.
const INDENT: i32 = 480;

/// Font sizes in half points: 小二 18 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt, 小五 9 pt.
const SIZE_TITLE: usize = 36;
const SIZE_H2: usize = 28;
const SIZE_H3: usize = 24;
const SIZE_BODY: usize = 24;
const SIZE_TABLE: usize = 21;
const SIZE_FURNITURE: usize = 18;

/// Numbering definitions: one for numbered lists, one for bullets; each list gets its own
/// instance so that its numbers start where the Markdown says.
const ABSTRACT_DECIMAL: usize = 100;
const ABSTRACT_BULLET: usize = 101;
const FIRST_LIST: usize = 100;

/// Renders one document as the bytes of a .docx file.
pub fn document(blocks: &[Block], page: &Page) -> Result<Vec<u8>, String> {
    let mut writer = Writer {
        parts: Vec::new(),
        lists: Vec::new(),
    };
    writer.blocks(blocks, 0);
    let date = format!("{}T00:00:00Z", page.date);
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(PageMargin {
            top: MARGIN,
            left: MARGIN,
            bottom: MARGIN,
            right: MARGIN,
            header: 851,
            footer: 851,
            gutter: 0,
        })
        .default_fonts(fonts(BODY_FONT, LATIN_BODY))
        .default_size(SIZE_BODY)
        .default_line_spacing(LineSpacing::new().line(300).after(120))
        .created_at(&date)
        .updated_at(&date)
        .header(header(page))
        .footer(footer(page))
        .add_abstract_numbering(numbering_levels(ABSTRACT_DECIMAL, true))
        .add_abstract_numbering(numbering_levels(ABSTRACT_BULLET, false));
    for style in styles() {
        docx = docx.add_style(style);
    }
    for (i, start) in writer.lists.iter().enumerate() {
        let id = FIRST_LIST + i;
        docx = docx.add_numbering(match start {
            Some(first) => Numbering::new(id, ABSTRACT_DECIMAL)
                .add_override(LevelOverride::new(0).start(usize::try_from(*first).unwrap_or(1))),
            None => Numbering::new(id, ABSTRACT_BULLET),
        });
    }
    for part in writer.parts {
        docx = match part {
            Part::Paragraph(p) => docx.add_paragraph(*p),
            Part::Table(t) => docx.add_table(*t),
        };
    }
    let mut stored = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut stored)
        .map_err(|e| format!("cannot assemble the DOCX archive: {e}"))?;
    repack(stored.get_ref(), page.date)
        .map_err(|e| format!("cannot assemble the DOCX archive: {e}"))
}

/// A piece of the document body.
enum Part {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

struct Writer {
    parts: Vec<Part>,
    /// Each list met so far: its first number, or `None` for bullets.
    lists: Vec<Option<u64>>,
}

impl Writer {
    /// Writes blocks at a list depth (0 outside lists): later paragraphs of a list item are
    /// indented like its first.
    fn blocks(&mut self, blocks: &[Block], depth: usize) {
        for block in blocks {
            self.block(block, depth);
        }
    }

    fn block(&mut self, block: &Block, depth: usize) {
        match block {
            Block::Heading(level, content) => {
                let (style, outline) = match level {
                    1 => ("Title", 0),
                    2 => ("Heading1", 1),
                    3 => ("Heading2", 2),
                    _ => ("Heading3", 3),
                };
                let p = runs(Paragraph::new().style(style), content, Look::default())
                    .outline_lvl(outline)
                    .keep_next(true);
                self.push(p);
            }
            Block::Paragraph(content) => {
                let p = runs(Paragraph::new(), content, Look::default());
                self.push(indented(p, depth));
            }
            Block::List { start, items } => {
                let id = FIRST_LIST + self.lists.len();
                self.lists.push(*start);
                for item in items {
                    self.item(item, id, depth);
                }
            }
            Block::Table(table) => self.parts.push(Part::Table(Box::new(self.table(table)))),
            Block::Quote(inner) => self.blocks(inner, depth + 1),
            Block::Code(code) => {
                for line in code.lines() {
                    let run = Run::new()
                        .add_text(line)
                        .fonts(fonts(BODY_FONT, CODE_FONT))
                        .size(SIZE_TABLE);
                    let p = Paragraph::new()
                        .add_run(run)
                        .line_spacing(LineSpacing::new().line(240).after(0));
                    self.push(indented(p, depth + 1));
                }
            }
            Block::Rule => {
                let p = Paragraph::new()
                    .add_run(Run::new().add_text("—".repeat(20)))
                    .align(AlignmentType::Center);
                self.push(p);
            }
        }
    }

    /// A list item: its first paragraph carries the number or bullet, the rest are indented
    /// under it, nested lists one level deeper.
    fn push(&mut self, p: Paragraph) {
        self.parts.push(Part::Paragraph(Box::new(p)));
    }

    fn item(&mut self, item: &[Block], list: usize, depth: usize) {
        let level = IndentLevel::new(depth.min(8));
        let mut numbered = false;
        for block in item {
            match block {
                Block::Paragraph(content) if !numbered => {
                    let p = runs(Paragraph::new(), content, Look::default())
                        .numbering(NumberingId::new(list), level.clone());
                    self.push(p);
                    numbered = true;
                }
                other => {
                    if !numbered {
                        // An item that opens with a table or a nested list still gets its
                        // number, on an empty line of its own.
                        let p = Paragraph::new().numbering(NumberingId::new(list), level.clone());
                        self.push(p);
                        numbered = true;
                    }
                    self.block(other, depth + 1);
                }
            }
        }
        if !numbered {
            let p = Paragraph::new().numbering(NumberingId::new(list), level);
            self.push(p);
        }
    }

    fn table(&self, table: &blocks::Table) -> Table {
        let widths = fit_columns(&table.natural_widths(), TEXT_WIDTH);
        let cell = |content: &[Inline], col: usize, head: bool| {
            let align = match table.align.get(col) {
                Some(Align::Center) => AlignmentType::Center,
                Some(Align::Right) => AlignmentType::Right,
                _ if head => AlignmentType::Center,
                _ => AlignmentType::Left,
            };
            let look = Look {
                size: SIZE_TABLE,
                bold: head,
            };
            let p = runs(Paragraph::new(), content, look)
                .align(align)
                .line_spacing(LineSpacing::new().line(240).before(40).after(40));
            let mut c = TableCell::new()
                .add_paragraph(p)
                .width(widths.get(col).copied().unwrap_or(0), WidthType::Dxa);
            if head {
                c = c.shading(Shading::new().shd_type(ShdType::Clear).fill("E7E6E6"));
            }
            c
        };
        let mut rows = vec![
            TableRow::new(
                table
                    .head
                    .iter()
                    .enumerate()
                    .map(|(i, c)| cell(c, i, true))
                    .collect(),
            )
            .cant_split(),
        ];
        for row in &table.rows {
            rows.push(
                TableRow::new(
                    row.iter()
                        .enumerate()
                        .map(|(i, c)| cell(c, i, false))
                        .collect(),
                )
                .cant_split(),
            );
        }
        let borders = [
            TableBorderPosition::Top,
            TableBorderPosition::Left,
            TableBorderPosition::Bottom,
            TableBorderPosition::Right,
            TableBorderPosition::InsideH,
            TableBorderPosition::InsideV,
        ]
        .into_iter()
        .fold(TableBorders::with_empty(), |b, position| {
            b.set(
                TableBorder::new(position)
                    .border_type(BorderType::Single)
                    .size(4)
                    .color("000000"),
            )
        });
        Table::new(rows)
            .set_grid(widths)
            .width(TEXT_WIDTH, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .set_borders(borders)
    }
}

/// Column widths in twips that fill `total`: a column keeps its natural width when that is no
/// more than a fair share of the room left, the others share the rest equally (as Typst and
/// browsers lay out automatic columns); room to spare goes to every column in proportion.
fn fit_columns(naturals: &[u32], total: usize) -> Vec<usize> {
    // Half a table character (10.5 pt) is 105 twips; cell margins take 216 more, and bold
    // headers and office suites' rounding need a little slack.
    let natural: Vec<usize> = naturals.iter().map(|&w| w as usize * 105 + 320).collect();
    // `None` while a column is still open.
    let mut widths: Vec<Option<usize>> = vec![None; natural.len()];
    let mut room = total;
    loop {
        let open = widths.iter().filter(|w| w.is_none()).count();
        if open == 0 {
            break;
        }
        let fair = room / open;
        let mut fitted = false;
        for (width, &n) in widths.iter_mut().zip(&natural) {
            if width.is_none() && n <= fair {
                *width = Some(n);
                room = room.saturating_sub(n);
                fitted = true;
            }
        }
        if !fitted {
            // Every open column is wider than its share: they share the rest equally.
            return widths.into_iter().map(|w| w.unwrap_or(fair)).collect();
        }
    }
    let widths: Vec<usize> = widths.into_iter().flatten().collect();
    let used: usize = widths.iter().sum::<usize>().max(1);
    widths.iter().map(|&w| w * total / used).collect()
}

/// How the runs of a paragraph are set besides their own style.
#[derive(Clone, Copy, Default)]
struct Look {
    /// In half points; 0 keeps the paragraph style's size.
    size: usize,
    bold: bool,
}

/// Adds inline content as runs: bold, italic, struck-out and code text, line breaks.
fn runs(mut p: Paragraph, content: &[Inline], look: Look) -> Paragraph {
    for inline in content {
        let mut run = Run::new();
        match inline {
            Inline::Text(text, style) => {
                run = run.add_text(text.as_str());
                if style.strong || look.bold {
                    run = run.bold();
                }
                if style.emphasis {
                    run = run.italic();
                }
                if style.strike {
                    run = run.strike();
                }
                if style.code {
                    run = run.fonts(fonts(BODY_FONT, CODE_FONT));
                }
            }
            Inline::Break => run = run.add_break(BreakType::TextWrapping),
        }
        if look.size > 0 {
            run = run.size(look.size);
        }
        p = p.add_run(run);
    }
    p
}

fn indented(p: Paragraph, depth: usize) -> Paragraph {
    if depth == 0 {
        return p;
    }
    let left = INDENT * i32::try_from(depth).unwrap_or(8);
    p.indent(Some(left), None, None, None)
}

/// Chinese text in `east_asia`, Latin letters and digits in `latin`; quotes and other
/// characters shared by both scripts are set in the Chinese font.
fn fonts(east_asia: &str, latin: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(latin)
        .hi_ansi(latin)
        .cs(latin)
        .hint("eastAsia")
}

fn styles() -> Vec<Style> {
    let heading = |id: &str, name: &str, size: usize, outline: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .fonts(fonts(HEADING_FONT, LATIN_HEADING))
            .size(size)
            .bold()
            .outline_lvl(outline)
            .line_spacing(LineSpacing::new().line(240).before(240).after(160))
    };
    // Body text takes its fonts and size from the document defaults (docx-rs writes `Normal`).
    vec![
        heading("Title", "Title", SIZE_TITLE, 0).align(AlignmentType::Center),
        heading("Heading1", "heading 1", SIZE_H2, 1),
        heading("Heading2", "heading 2", SIZE_H3, 2),
        heading("Heading3", "heading 3", SIZE_BODY, 3),
    ]
}

fn numbering_levels(id: usize, decimal: bool) -> AbstractNumbering {
    (0..9).fold(AbstractNumbering::new(id), |n, level| {
        let (format, text) = if decimal {
            ("decimal", format!("%{}.", level + 1))
        } else {
            ("bullet", if level % 2 == 0 { "•" } else { "◦" }.to_owned())
        };
        let left = INDENT * (i32::try_from(level).unwrap_or(8) + 1);
        n.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(left),
                Some(SpecialIndentType::Hanging(INDENT)),
                None,
                None,
            ),
        )
    })
}

/// The running header: project name on the left, contract number on the right.
fn header(page: &Page) -> Header {
    let run = |text: &str| Run::new().add_text(text).size(SIZE_FURNITURE);
    Header::new().add_paragraph(
        Paragraph::new()
            .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
            .add_run(run(&page.header_left))
            .add_run(Run::new().add_tab())
            .add_run(run(&page.header_right)),
    )
}

/// The footer: `第 N 页 共 M 页`, the numbers as fields that Word and LibreOffice fill in.
fn footer(page: &Page) -> Footer {
    let run = |text: &str| Run::new().add_text(text).size(SIZE_FURNITURE);
    let field = |instr: InstrText| {
        Run::new()
            .size(SIZE_FURNITURE)
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(instr)
            .add_field_char(FieldCharType::Separate, false)
            .add_text("1")
            .add_field_char(FieldCharType::End, false)
    };
    let [before, middle, after] = &page.page_of;
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run(before))
            .add_run(field(InstrText::PAGE(InstrPAGE::new())))
            .add_run(run(middle))
            .add_run(field(InstrText::NUMPAGES(InstrNUMPAGES::new())))
            .add_run(run(after)),
    )
}

/// Writes the archive again, compressed, with the document's date on every entry: docx-rs
/// stamps entries with the clock when zip's `time` feature is on anywhere in the build.
fn repack(stored: &[u8], date: jiff::civil::Date) -> zip::result::ZipResult<Vec<u8>> {
    let time = zip::DateTime::from_date_and_time(
        u16::try_from(date.year()).unwrap_or(1980),
        u8::try_from(date.month()).unwrap_or(1),
        u8::try_from(date.day()).unwrap_or(1),
        0,
        0,
        0,
    )
    // Zip dates start in 1980.
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut archive = ZipArchive::new(Cursor::new(stored))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let mut buffer = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index)?;
        if entry.is_dir() {
            continue;
        }
        buffer.clear();
        entry.read_to_end(&mut buffer)?;
        let name = entry.name().to_owned();
        out.start_file(name, options)?;
        out.write_all(&buffer)?;
    }
    Ok(out.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Narrow columns keep their natural width, wide ones share the rest; the table fills the
    /// text width.
    #[test]
    fn columns_fit_the_page() {
        // 序号 | a long description | 期间
        let widths = fit_columns(&[4, 200, 8], TEXT_WIDTH);
        assert_eq!(widths[0], 4 * 105 + 320);
        assert_eq!(widths[2], 8 * 105 + 320);
        assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
        // Short columns only: spread in proportion, still filling the width.
        let widths = fit_columns(&[4, 4], TEXT_WIDTH);
        assert_eq!(widths, vec![TEXT_WIDTH / 2, TEXT_WIDTH / 2]);
        // Two wide columns share equally.
        assert_eq!(fit_columns(&[300, 300], 9000), vec![4500, 4500]);
    }
}
