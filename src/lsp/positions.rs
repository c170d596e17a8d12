//! Positions on the wire. LSP counts a line's characters in the encoding the client and server
//! agreed on (UTF-16 unless the client offers another); svcspec keeps byte offsets, and its CLI
//! counts code points. One line index converts between them, both ways.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::source::Span;

/// What a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default, which every client speaks.
    Utf16,
    /// Code points, as svcspec's own columns count.
    Utf32,
}

impl Encoding {
    /// The first encoding in the client's list that svcspec speaks (the list is in the client's
    /// order of preference); UTF-16, which every client supports, when it offers none.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        offered
            .unwrap_or_default()
            .iter()
            .find_map(|kind| match kind.as_str() {
                "utf-8" => Some(Self::Utf8),
                "utf-16" => Some(Self::Utf16),
                "utf-32" => Some(Self::Utf32),
                _ => None,
            })
            .unwrap_or(Self::Utf16)
    }

    /// The encoding as the initialize result names it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Self::Utf8 => PositionEncodingKind::UTF8,
            Self::Utf16 => PositionEncodingKind::UTF16,
            Self::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// How many units a character takes.
    fn width(self, c: char) -> usize {
        match self {
            Self::Utf8 => c.len_utf8(),
            Self::Utf16 => c.len_utf16(),
            Self::Utf32 => 1,
        }
    }
}

/// The start of every line of a text. Lines end at `\n` (a `\r` before it belongs to the line
/// end, not to its characters), as in svcspec's own sources.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        Self {
            starts: std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect(),
        }
    }

    /// The text of a line, without its line end; empty past the last line.
    fn line<'t>(&self, text: &'t str, line: usize) -> (usize, &'t str) {
        let Some(&start) = self.starts.get(line) else {
            return (text.len(), "");
        };
        let end = self.starts.get(line + 1).map_or(text.len(), |&next| next);
        let content = text.get(start..end).unwrap_or("");
        let content = content.strip_suffix('\n').unwrap_or(content);
        (start, content.strip_suffix('\r').unwrap_or(content))
    }

    /// The byte offset of a position. As the protocol says, a character past the end of its line
    /// means the end of the line, and a line past the last one the end of the text; a position
    /// inside a character (half of a UTF-16 surrogate pair) means the start of that character.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = usize::try_from(position.line).unwrap_or(usize::MAX);
        if line >= self.starts.len() {
            return text.len();
        }
        let (start, content) = self.line(text, line);
        let wanted = usize::try_from(position.character).unwrap_or(usize::MAX);
        let mut units = 0;
        for (i, c) in content.char_indices() {
            let next = units + encoding.width(c);
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        start + content.len()
    }

    /// The position of a byte offset (clamped to the text, and back to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let prefix = text.get(start..offset).unwrap_or("");
        let character = match encoding {
            Encoding::Utf8 => prefix.len(),
            _ => prefix.chars().map(|c| encoding.width(c)).sum(),
        };
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// The range of a byte span.
    pub fn range(&self, text: &str, span: &Span, encoding: Encoding) -> Range {
        Range {
            start: self.position(text, span.start, encoding),
            end: self.position(text, span.end, encoding),
        }
    }

    /// The byte span of a range, its ends in order.
    pub fn span(&self, text: &str, range: Range, encoding: Encoding) -> Span {
        let start = self.offset(text, range.start, encoding);
        let end = self.offset(text, range.end, encoding);
        start.min(end)..start.max(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    /// A character outside the BMP is two UTF-16 units, four UTF-8 bytes and one code point.
    #[test]
    fn counts_each_encoding() {
        let text = "a: 𠀀株\r\nb: 1\n";
        let index = LineIndex::new(text);
        let zhu = text.find('株').unwrap();
        assert_eq!(index.position(text, zhu, Encoding::Utf16), pos(0, 5));
        assert_eq!(index.position(text, zhu, Encoding::Utf8), pos(0, 7));
        assert_eq!(index.position(text, zhu, Encoding::Utf32), pos(0, 4));
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let p = index.position(text, zhu, encoding);
            assert_eq!(index.offset(text, p, encoding), zhu);
        }
        assert_eq!(
            index.position(text, text.find('b').unwrap(), Encoding::Utf16),
            pos(1, 0)
        );
    }

    /// Positions past a line's end, past the text, or inside a surrogate pair are clamped.
    #[test]
    fn clamps_positions() {
        let text = "a: 𠀀\r\nb\n";
        let index = LineIndex::new(text);
        let end_of_first = text.find('\r').unwrap();
        assert_eq!(
            index.offset(text, pos(0, 99), Encoding::Utf16),
            end_of_first
        );
        assert_eq!(index.offset(text, pos(9, 0), Encoding::Utf16), text.len());
        // Character 4 falls between the two halves of 𠀀.
        assert_eq!(
            index.offset(text, pos(0, 4), Encoding::Utf16),
            text.find('𠀀').unwrap()
        );
        assert_eq!(index.position(text, 999, Encoding::Utf16), pos(2, 0));
    }

    /// The client's first encoding that svcspec speaks wins; none offered means UTF-16.
    #[test]
    fn negotiates() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offered = [
            PositionEncodingKind::new("utf-7"),
            PositionEncodingKind::UTF32,
            PositionEncodingKind::UTF8,
        ];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf32);
    }
}
