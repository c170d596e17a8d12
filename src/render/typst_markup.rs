//! The block tree → Typst markup for the PDF writer: A4 pages, a running header with the
//! contract number, page numbers, Song-style body text and Hei-style headings.
//!
//! Every text from the spec is escaped, so nothing a spec says can become Typst code: each
//! ASCII punctuation character is written with a backslash (`\#`, `\*`, `\[`…), which in Typst
//! markup always stands for the character itself; strings go through [`string`].

use std::fmt::Write;

use crate::render::blocks::{Align, Block, Inline, Style, Table};
use crate::render::i18n::Lang;
use crate::render::page::Page;

/// Families of the embedded fonts (see `assets/fonts/` and `scripts/subset-fonts.py`).
pub const BODY_FONT: &str = "Noto Serif CJK SC GB2312";
pub const HEADING_FONT: &str = "Noto Sans CJK SC GB2312";

/// The whole Typst source of one document.
pub fn document(blocks: &[Block], page: &Page) -> String {
    let (lang, region) = match page.lang {
        Lang::Zh => ("zh", "\"cn\""),
        Lang::En => ("en", "none"),
    };
    let [before, middle, after] = &page.page_of;
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        r#"#set document(title: {title})
#set page(
  paper: "a4",
  margin: (top: 2.8cm, bottom: 2.5cm, x: 2.5cm),
  header: [
    #set text(size: 9pt)
    {left} #h(1fr) {right}
    #v(-0.7em)
    #line(length: 100%, stroke: 0.4pt)
  ],
  footer: context [
    #set align(center)
    #set text(size: 9pt)
    {before}#counter(page).display(){middle}#counter(page).final().first(){after}
  ],
)
#set text(font: {body}, size: 11pt, lang: "{lang}", region: {region})
#set par(justify: true, leading: 0.85em, spacing: 1.2em)
#show heading: set text(font: {heading}, weight: "bold")
#show heading: set block(above: 1.4em, below: 0.9em)
#show heading.where(level: 1): set text(size: 18pt)
#show heading.where(level: 1): set align(center)
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 3): set text(size: 11.5pt)
#show strong: set text(font: {heading})
#show raw: set text(font: {body})
#set table(stroke: 0.5pt + black, inset: (x: 5pt, y: 4pt), fill: (x, y) => if y == 0 {{ luma(235) }})
#show table: set text(size: 9.5pt)
#show table: set par(justify: false)
#set list(indent: 0.5em)
#set enum(indent: 0.5em)

"#,
        title = string(&page.title),
        left = escape(&page.header_left),
        right = escape(&page.header_right),
        before = escape(before),
        middle = escape(middle),
        after = escape(after),
        body = string(BODY_FONT),
        heading = string(HEADING_FONT),
    );
    write_blocks(&mut out, blocks);
    out
}

fn write_blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        write_block(out, block);
        out.push_str("\n\n");
    }
}

fn write_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading(level, content) => {
            let _ = write!(out, "#heading(level: {level})[");
            write_inlines(out, content);
            out.push(']');
        }
        Block::Paragraph(content) => write_inlines(out, content),
        Block::List { start, items } => {
            match start {
                Some(n) => {
                    let _ = write!(out, "#enum(start: {n}");
                }
                None => out.push_str("#list("),
            }
            // After `start: n` every item needs a comma before it; in a bare list, all but the first.
            let mut comma = start.is_some();
            for item in items {
                if comma {
                    out.push_str(", ");
                }
                comma = true;
                out.push('[');
                write_item(out, item);
                out.push(']');
            }
            out.push(')');
        }
        Block::Table(table) => write_table(out, table),
        Block::Quote(inner) => {
            out.push_str("#quote(block: true)[");
            write_blocks(out, inner);
            out.push(']');
        }
        Block::Code(code) => {
            let _ = write!(out, "#raw(block: true, {})", string(code));
        }
        Block::Rule => out.push_str("#line(length: 100%, stroke: 0.5pt)"),
    }
}

fn write_item(out: &mut String, blocks: &[Block]) {
    let mut first = true;
    for block in blocks {
        if !first {
            out.push_str("\n\n");
        }
        first = false;
        write_block(out, block);
    }
}

fn write_table(out: &mut String, table: &Table) {
    // Auto columns: one whose content fits its fair share keeps its natural width, the others
    // share the rest of the line.
    let columns = vec!["auto"; table.align.len()];
    let align: Vec<&str> = table
        .align
        .iter()
        .map(|a| match a {
            Align::Left => "left + horizon",
            Align::Center => "center + horizon",
            Align::Right => "right + horizon",
        })
        .collect();
    let _ = write!(
        out,
        "#table(\n  columns: ({},),\n  align: ({},),\n  table.header(",
        columns.join(", "),
        align.join(", ")
    );
    for (i, cell) in table.head.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str("[#strong[");
        write_inlines(out, cell);
        out.push_str("]]");
    }
    out.push_str("),\n");
    for row in &table.rows {
        out.push(' ');
        for cell in row {
            out.push_str(" [");
            write_inlines(out, cell);
            out.push_str("],");
        }
        out.push('\n');
    }
    out.push(')');
}

fn write_inlines(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text, style) => write_text(out, text, *style),
            Inline::Break => out.push_str("#linebreak()"),
        }
    }
}

fn write_text(out: &mut String, text: &str, style: Style) {
    let mut closing = 0;
    for (on, open) in [
        (style.strong, "#strong["),
        (style.emphasis, "#emph["),
        (style.strike, "#strike["),
    ] {
        if on {
            out.push_str(open);
            closing += 1;
        }
    }
    if style.code {
        let _ = write!(out, "#raw({})", string(text));
    } else {
        out.push_str(&escape(text));
    }
    out.push_str(&"]".repeat(closing));
}

/// Text for Typst markup: ASCII punctuation is escaped with a backslash (in Typst markup, a
/// backslash before any such character stands for the character itself), line ends become
/// spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c == '\n' || c == '\r' || c == '\t' {
            out.push(' ');
        } else if c.is_control() {
            // Control characters have no glyph; Typst would show nothing for them either.
        } else {
            out.push(c);
        }
    }
    out
}

/// A Typst string literal.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::blocks::parse;

    /// Markup characters in text are escaped, so they cannot start code, headings or lists.
    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape(r#"#read("/etc/passwd") = *x* [y] $z$ <a> @b 1. - c\"#),
            r#"\#read\(\"\/etc\/passwd\"\) \= \*x\* \[y\] \$z\$ \<a\> \@b 1\. \- c\\"#
        );
        assert_eq!(escape("甲方：某局"), "甲方：某局");
        assert_eq!(string("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
    }

    /// Blocks map to Typst functions: headings, bold runs, tables with a repeated header row,
    /// numbered lists with their start.
    #[test]
    fn blocks_become_typst_calls() {
        let mut out = String::new();
        write_blocks(
            &mut out,
            &parse(
                "## 第一条 金额\n\n**甲方**：A\n\n| 批次 | 金额 |\n| --- | --- |\n| 首期 | ¥1 |\n\n2. 甲\n3. 乙\n\n- x\n",
            ),
        );
        assert!(out.contains("#heading(level: 2)[第一条 金额]"), "{out}");
        assert!(out.contains("#strong[甲方]：A"), "{out}");
        assert!(
            out.contains("table.header([#strong[批次]], [#strong[金额]])"),
            "{out}"
        );
        assert!(out.contains("[首期], [¥1],"), "{out}");
        assert!(out.contains("#enum(start: 2, [甲], [乙])"), "{out}");
        assert!(out.contains("#list([x])"), "{out}");
    }
}
