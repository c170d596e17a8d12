//! Markdown → the block tree that the DOCX and PDF writers share: headings, paragraphs, lists,
//! tables, quotes, code and rules, with inline text runs and their style.
//!
//! Both writers render the Markdown the templates produce, so every format says the same thing.
//! Raw HTML stays text, as in the HTML writer. A soft line break becomes a space, or nothing
//! between two Chinese characters (Chinese is written without spaces).

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// How a run of text is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub strong: bool,
    pub emphasis: bool,
    pub strike: bool,
    pub code: bool,
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String, Style),
    /// A hard line break.
    Break,
}

/// How a table column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A table: a header row and body rows, every row as wide as the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub align: Vec<Align>,
    pub head: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// A block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading; level 1 is the document's title.
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// A list; `start` is the first number of an ordered list, `None` for bullets.
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Table(Table),
    Quote(Vec<Block>),
    /// A code block, its lines as written.
    Code(String),
    Rule,
}

/// Parses Markdown with the extensions the templates use (tables, strikethrough).
pub fn parse(markdown: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut builder = Builder::default();
    for event in Parser::new_ext(markdown, options) {
        builder.event(event);
    }
    builder.finish()
}

/// The plain text of inline content; a line break reads as a space.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text, _) => out.push_str(text),
            Inline::Break => out.push(' '),
        }
    }
    out
}

/// The text of the document's title: its first level-1 heading.
pub fn title(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Heading(1, content) => Some(plain(content)),
        _ => None,
    })
}

/// Every character the document shows, for checking that the fonts cover them.
pub fn text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Heading(_, content) | Block::Paragraph(content) => out.push_str(&plain(content)),
            Block::List { items, .. } => items.iter().for_each(|item| text(item, out)),
            Block::Table(table) => {
                for cell in table.head.iter().chain(table.rows.iter().flatten()) {
                    out.push_str(&plain(cell));
                }
            }
            Block::Quote(inner) => text(inner, out),
            Block::Code(code) => out.push_str(code),
            Block::Rule => {}
        }
        out.push('\n');
    }
}

impl Table {
    /// The natural width of each column: its widest cell, in columns of a monospaced grid
    /// where a Chinese character takes two.
    pub fn natural_widths(&self) -> Vec<u32> {
        (0..self.align.len())
            .map(|col| {
                std::iter::once(&self.head)
                    .chain(&self.rows)
                    .filter_map(|row| row.get(col))
                    .map(|cell| display_width(&plain(cell)))
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }
}

/// Columns a text takes in a monospaced grid: wide (CJK) characters take two.
fn display_width(text: &str) -> u32 {
    text.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

/// Whether a character belongs to scripts written without spaces between words: Chinese and
/// Japanese characters, CJK punctuation and full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}'      // radicals, CJK punctuation, kana, ideographs and Ext A
        | '\u{F900}'..='\u{FAFF}'    // compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'    // compatibility forms
        | '\u{FF00}'..='\u{FFEF}'    // full-width forms
        | '\u{20000}'..='\u{3FFFF}') // ideographs, Ext B and later
}

/// An open container while parsing.
enum Frame {
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    Table {
        table: Table,
        row: Vec<Vec<Inline>>,
    },
}

/// Where the inline content being collected goes when it ends.
#[derive(Clone, Copy)]
enum Target {
    Paragraph,
    Heading(u8),
    Cell,
    Code,
}

#[derive(Default)]
struct Builder {
    root: Vec<Block>,
    stack: Vec<Frame>,
    /// The inline content being collected, and where it goes.
    open: Option<(Target, Vec<Inline>)>,
    code: String,
    style: Style,
    /// Nesting of each style (a strong inside a strong stays strong until both end).
    depth: [u32; 3],
    soft_break: bool,
    /// A link's address, written after its text.
    links: Vec<String>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if matches!(self.open, Some((Target::Code, _))) {
                    self.code.push_str(&text);
                } else {
                    self.text(&text, self.style);
                }
            }
            Event::Code(text) => {
                let style = Style {
                    code: true,
                    ..self.style
                };
                self.text(&text, style);
            }
            // Raw HTML is shown as written; the lines of an HTML block stay lines.
            Event::Html(text) => {
                for line in text.lines() {
                    if self.open.as_ref().is_some_and(|(_, i)| !i.is_empty()) {
                        self.inline(Inline::Break);
                    }
                    self.text(line, self.style);
                }
            }
            Event::InlineHtml(text) => self.text(&text, self.style),
            Event::SoftBreak => self.soft_break = true,
            Event::HardBreak => self.inline(Inline::Break),
            Event::Rule => self.push_block(Block::Rule),
            Event::TaskListMarker(done) => self.text(if done { "☑ " } else { "☐ " }, self.style),
            Event::FootnoteReference(name) => self.text(&format!("[{name}]"), self.style),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text, self.style),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => self.begin(Target::Paragraph),
            Tag::Heading { level, .. } => self.begin(Target::Heading(heading_level(level))),
            Tag::BlockQuote(_) => {
                self.flush();
                self.stack.push(Frame::Quote(Vec::new()));
            }
            Tag::CodeBlock(_) => {
                self.begin(Target::Code);
                self.code.clear();
            }
            Tag::List(start) => {
                self.flush();
                self.stack.push(Frame::List {
                    start,
                    items: Vec::new(),
                });
            }
            Tag::Item => {
                self.flush();
                self.stack.push(Frame::Item(Vec::new()));
            }
            Tag::Table(align) => {
                self.flush();
                let align = align
                    .iter()
                    .map(|a| match a {
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                        Alignment::Left | Alignment::None => Align::Left,
                    })
                    .collect();
                self.stack.push(Frame::Table {
                    table: Table {
                        align,
                        head: Vec::new(),
                        rows: Vec::new(),
                    },
                    row: Vec::new(),
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(Frame::Table { row, .. }) = self.stack.last_mut() {
                    row.clear();
                }
            }
            Tag::TableCell => self.begin(Target::Cell),
            Tag::Emphasis => self.style_depth(1, true),
            Tag::Strong => self.style_depth(0, true),
            Tag::Strikethrough => self.style_depth(2, true),
            Tag::Link { dest_url, .. } => self.links.push(dest_url.into_string()),
            // Images keep their alternative text; the other tags need no extensions enabled.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::HtmlBlock
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::TableCell => self.flush(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                if let Some(Frame::Quote(blocks)) = self.stack.pop() {
                    self.push_block(Block::Quote(blocks));
                }
            }
            TagEnd::List(_) => {
                self.flush();
                if let Some(Frame::List { start, items }) = self.stack.pop() {
                    self.push_block(Block::List { start, items });
                }
            }
            TagEnd::Item => {
                self.flush();
                if let Some(Frame::Item(blocks)) = self.stack.pop()
                    && let Some(Frame::List { items, .. }) = self.stack.last_mut()
                {
                    items.push(blocks);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Frame::Table { table, row }) = self.stack.last_mut() {
                    let mut cells = std::mem::take(row);
                    cells.resize(table.align.len(), Vec::new());
                    if matches!(tag, TagEnd::TableHead) {
                        table.head = cells;
                    } else {
                        table.rows.push(cells);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table { table, .. }) = self.stack.pop() {
                    self.push_block(Block::Table(table));
                }
            }
            TagEnd::Emphasis => self.style_depth(1, false),
            TagEnd::Strong => self.style_depth(0, false),
            TagEnd::Strikethrough => self.style_depth(2, false),
            TagEnd::Link => {
                if let Some(url) = self.links.pop() {
                    let shown = self
                        .open
                        .as_ref()
                        .is_some_and(|(_, inlines)| plain(inlines).ends_with(url.as_str()));
                    if !shown && !url.is_empty() {
                        self.text(&format!(" ({url})"), self.style);
                    }
                }
            }
            _ => {}
        }
    }

    fn style_depth(&mut self, which: usize, open: bool) {
        if let Some(d) = self.depth.get_mut(which) {
            *d = if open { *d + 1 } else { d.saturating_sub(1) };
        }
        let [strong, emphasis, strike] = self.depth;
        self.style = Style {
            strong: strong > 0,
            emphasis: emphasis > 0,
            strike: strike > 0,
            code: false,
        };
    }

    /// Opens inline content, closing any that a tight list item left open.
    fn begin(&mut self, target: Target) {
        self.flush();
        self.open = Some((target, Vec::new()));
        self.soft_break = false;
    }

    fn inline(&mut self, inline: Inline) {
        self.soft_break = false;
        self.open
            .get_or_insert_with(|| (Target::Paragraph, Vec::new()))
            .1
            .push(inline);
    }

    fn text(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        let soft = std::mem::take(&mut self.soft_break);
        let (_, inlines) = self
            .open
            .get_or_insert_with(|| (Target::Paragraph, Vec::new()));
        if soft {
            let before = inlines.iter().rev().find_map(|i| match i {
                Inline::Text(t, _) => t.chars().next_back(),
                Inline::Break => None,
            });
            let after = text.chars().next();
            let joined = before.is_some_and(is_cjk) && after.is_some_and(is_cjk);
            if !joined && before.is_some() {
                push_text(inlines, " ", style);
            }
        }
        push_text(inlines, text, style);
    }

    /// Ends the open inline content and places it as a block (or a table cell).
    fn flush(&mut self) {
        self.soft_break = false;
        let Some((target, inlines)) = self.open.take() else {
            return;
        };
        match target {
            Target::Paragraph if !inlines.is_empty() => {
                self.push_block(Block::Paragraph(inlines));
            }
            Target::Paragraph => {}
            Target::Heading(level) => self.push_block(Block::Heading(level, inlines)),
            Target::Code => {
                let code = std::mem::take(&mut self.code);
                self.push_block(Block::Code(code.trim_end_matches('\n').to_owned()));
            }
            Target::Cell => {
                if let Some(Frame::Table { row, .. }) = self.stack.last_mut() {
                    row.push(inlines);
                }
            }
        }
    }

    fn push_block(&mut self, block: Block) {
        if !matches!(block, Block::Paragraph(_)) {
            self.flush();
        }
        match self.stack.last_mut() {
            Some(Frame::Quote(blocks) | Frame::Item(blocks)) => blocks.push(block),
            // A block directly in a list or table cannot occur in Markdown; keep it anyway.
            Some(Frame::List { items, .. }) => items.push(vec![block]),
            Some(Frame::Table { .. }) | None => self.root.push(block),
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        while let Some(frame) = self.stack.pop() {
            let block = match frame {
                Frame::Quote(blocks) => Block::Quote(blocks),
                Frame::List { start, items } => Block::List { start, items },
                Frame::Item(blocks) => Block::List {
                    start: None,
                    items: vec![blocks],
                },
                Frame::Table { table, .. } => Block::Table(table),
            };
            self.push_block(block);
        }
        self.root
    }
}

fn push_text(inlines: &mut Vec<Inline>, text: &str, style: Style) {
    if let Some(Inline::Text(last, last_style)) = inlines.last_mut()
        && *last_style == style
    {
        last.push_str(text);
        return;
    }
    inlines.push(Inline::Text(text.to_owned(), style));
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into(), Style::default())
    }

    /// Headings, paragraphs, bold runs and escaped characters come through as text and style.
    #[test]
    fn headings_and_styled_runs() {
        let blocks = parse("# 合同\n\n**甲方**：某局\\_一\n\n## 第一条 服务内容\n");
        assert_eq!(
            blocks,
            vec![
                Block::Heading(1, vec![text("合同")]),
                Block::Paragraph(vec![
                    Inline::Text(
                        "甲方".into(),
                        Style {
                            strong: true,
                            ..Style::default()
                        }
                    ),
                    text("：某局_一"),
                ]),
                Block::Heading(2, vec![text("第一条 服务内容")]),
            ]
        );
        assert_eq!(title(&blocks).as_deref(), Some("合同"));
    }

    /// A soft break joins Chinese without a space and other text with one.
    #[test]
    fn soft_breaks_follow_the_script() {
        assert_eq!(
            parse("服务\n内容\n\nservice\ncontent\n"),
            vec![
                Block::Paragraph(vec![text("服务内容")]),
                Block::Paragraph(vec![text("service content")]),
            ]
        );
    }

    /// Tight and nested lists keep their items, numbering start and nesting.
    #[test]
    fn nested_lists() {
        let blocks = parse("- 发现：\n\n  3. 甲\n  4. 乙\n- 其他\n");
        let Some(Block::List { start: None, items }) = blocks.first() else {
            panic!("{blocks:?}");
        };
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0],
            vec![
                Block::Paragraph(vec![text("发现：")]),
                Block::List {
                    start: Some(3),
                    items: vec![
                        vec![Block::Paragraph(vec![text("甲")])],
                        vec![Block::Paragraph(vec![text("乙")])],
                    ],
                },
            ]
        );
    }

    /// Tables keep header, rows and empty cells; short rows are padded to the header.
    #[test]
    fn tables() {
        let blocks = parse("| 序号 | 名称 |\n| --- | ---: |\n| 1 |  |\n| 2 |\n");
        let Some(Block::Table(table)) = blocks.first() else {
            panic!("{blocks:?}");
        };
        assert_eq!(table.align, vec![Align::Left, Align::Right]);
        assert_eq!(table.head, vec![vec![text("序号")], vec![text("名称")]]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[1], vec![vec![text("2")], vec![]]);
        assert_eq!(table.natural_widths(), vec![4, 4]);
    }

    /// Raw HTML is text, never markup; an HTML block keeps its lines.
    #[test]
    fn html_is_text() {
        assert_eq!(
            parse("<b>x</b> y\n"),
            vec![Block::Paragraph(vec![text("<b>x</b> y")])]
        );
        assert_eq!(
            parse("<div>\n<p>x</p>\n</div>\n"),
            vec![Block::Paragraph(vec![
                text("<div>"),
                Inline::Break,
                text("<p>x</p>"),
                Inline::Break,
                text("</div>"),
            ])]
        );
    }
}
