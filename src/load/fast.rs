//! A fast reader for the YAML that specs are written in, in front of saphyr-parser.
//!
//! Specs use a small part of YAML: block mappings and sequences, plain and quoted scalars on one
//! line, flow collections on one line, literal and folded block scalars, comments. This reader
//! takes that part a line at a time, finds keys and comments with `memchr`, and hands the loader
//! the events saphyr-parser would give, at the same places (only the start of a collection's
//! events is read, and that is what it matches). A plain scalar on one line is lent from the
//! text, not copied.
//!
//! Anything else, it gives up on: tabs, anchors, aliases, tags, quoted keys, document markers,
//! a plain scalar that may go on to the next line, a comment or line indented more than it
//! expects, every syntax error, and any fault the loader finds. The loader then reads the text
//! again with saphyr-parser, which knows all of YAML and words the errors. So the reader never
//! has to be right about hard cases, only sure that a case is easy; tests/yaml_fast.rs and the
//! `yaml_fast` fuzz target hold it to saphyr's documents.

use std::borrow::Cow;

use memchr::{memchr, memchr2};
use saphyr_parser::{Event, ScalarStyle};

use super::Builder;
use crate::source::Span;

/// The fast reader gave up: the text is read again by saphyr-parser.
#[derive(Debug)]
pub(super) struct GiveUp;

type Step<T = ()> = Result<T, GiveUp>;

/// A line with content: where it starts and where its first character after the indentation is.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    first: usize,
}

impl Line {
    fn indent(self) -> usize {
        self.first - self.start
    }
}

/// Reads `text` into `builder`, or gives up.
pub(super) fn read(text: &str, builder: &mut Builder<'_>) -> Step {
    if !plain_text(text.as_bytes()) {
        return Err(GiveUp);
    }
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        builder,
    };
    reader.document()
}

/// Whether the text holds only what this reader knows: no tab, carriage return, other control
/// character, byte-order mark, C1 control, line or paragraph separator, or non-character.
fn plain_text(bytes: &[u8]) -> bool {
    let controls = bytes.iter().fold(false, |bad, &b| {
        bad | ((b < 0x20 && b != b'\n') | (b == 0x7F))
    });
    if controls {
        return false;
    }
    // The multi-byte ones start with 0xC2 (U+0080..U+009F), 0xE2 (U+2028, U+2029) or 0xEF
    // (U+FEFF, U+FFFE, U+FFFF).
    let mut at = 0;
    while let Some(i) = bytes
        .get(at..)
        .and_then(|rest| memchr::memchr3(0xC2, 0xE2, 0xEF, rest))
    {
        let p = at + i;
        let next = |k: usize| bytes.get(p + k).copied().unwrap_or(0);
        let bad = match bytes.get(p) {
            Some(0xC2) => (0x80..=0x9F).contains(&next(1)),
            Some(0xE2) => next(1) == 0x80 && matches!(next(2), 0xA8 | 0xA9),
            _ => (next(1) == 0xBB && next(2) == 0xBF) || (next(1) == 0xBF && next(2) >= 0xBE),
        };
        if bad {
            return false;
        }
        at = p + 1;
    }
    true
}

/// What ends a plain scalar's run on its line.
enum Stop {
    /// `:` followed by a blank or the end of the line, at this offset: a key ends here.
    Colon(usize),
    /// ` #` at this offset (of the `#`): a comment starts here.
    Comment(usize),
    /// Neither: the scalar runs to the end of the line, this long.
    End(usize),
}

/// Characters that cannot start a plain scalar here: indicators, and `-`, `?`, `:` when a blank
/// follows (checked apart).
fn starts_other_than_plain(b: u8) -> bool {
    matches!(
        b,
        b',' | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

struct Reader<'t, 'b, 's> {
    text: &'t str,
    bytes: &'t [u8],
    builder: &'b mut Builder<'s>,
}

impl<'t> Reader<'t, '_, '_> {
    /// The byte at `p`, or 0 past the end (the text holds no NUL byte).
    fn at(&self, p: usize) -> u8 {
        self.bytes.get(p).copied().unwrap_or(0)
    }

    /// Whether `p` ends a token: a blank, a line break or the end of the text.
    fn blank_or_end(&self, p: usize) -> bool {
        matches!(self.at(p), b' ' | b'\n' | 0)
    }

    fn skip_spaces(&self, mut p: usize) -> usize {
        while self.at(p) == b' ' {
            p += 1;
        }
        p
    }

    /// Where the line holding `p` ends (its line break, or the end of the text).
    fn line_end(&self, p: usize) -> usize {
        self.bytes
            .get(p..)
            .and_then(|rest| memchr(b'\n', rest))
            .map_or(self.bytes.len(), |i| p + i)
    }

    /// Where the line after the one holding `p` starts (the end of the text on the last line).
    fn next_line(&self, p: usize) -> usize {
        (self.line_end(p) + 1).min(self.bytes.len())
    }

    fn str(&self, range: Span) -> Step<&'t str> {
        self.text.get(range).ok_or(GiveUp)
    }

    fn emit(&mut self, event: Event<'t>, span: Span) -> Step {
        self.builder.event(event, span).map_err(|_| GiveUp)
    }

    fn scalar(&mut self, text: Cow<'t, str>, style: ScalarStyle, span: Span) -> Step {
        self.emit(Event::Scalar(text, style, 0, None), span)
    }

    /// The next line with content from the line starting at `p`, past blank and comment lines;
    /// `None` at the end of the text.
    fn next_content(&self, mut p: usize) -> Step<Option<Line>> {
        while p < self.bytes.len() {
            let first = self.skip_spaces(p);
            match self.at(first) {
                b'\n' | b'#' => p = self.next_line(first),
                0 => return Ok(None),
                _ => {
                    let line = Line { start: p, first };
                    if first == p && self.document_marker(p) {
                        return Err(GiveUp);
                    }
                    return Ok(Some(line));
                }
            }
        }
        Ok(None)
    }

    /// `---` or `...` at the start of a line.
    fn document_marker(&self, p: usize) -> bool {
        let three = self.bytes.get(p..p + 3);
        (three == Some(b"---") || three == Some(b"...")) && self.blank_or_end(p + 3)
    }

    /// Whether a block sequence entry (`-` and a blank) starts at `p`.
    fn entry(&self, p: usize) -> bool {
        self.at(p) == b'-' && self.blank_or_end(p + 1)
    }

    fn document(&mut self) -> Step {
        self.emit(Event::StreamStart, 0..0)?;
        let Some(line) = self.next_content(0)? else {
            return Err(GiveUp);
        };
        self.emit(Event::DocumentStart(false), line.first..line.first)?;
        let Some(key) = self.key(line.first)? else {
            return Err(GiveUp);
        };
        if self.mapping(line, key)?.is_some() {
            return Err(GiveUp);
        }
        let end = self.bytes.len();
        self.emit(Event::DocumentEnd, end..end)?;
        self.emit(Event::StreamEnd, end..end)
    }

    /// Whether `p` holds `-`, `?` or `:` followed by a blank: an indicator, not plain text.
    fn indicator_then_blank(&self, p: usize) -> bool {
        matches!(self.at(p), b'-' | b'?' | b':') && self.blank_or_end(p + 1)
    }

    /// Where a plain scalar starting at `p` stops on its line, in block context: at the first
    /// key colon or comment (found with `memchr2`), or at the end of the line.
    fn stop(&self, p: usize) -> Step<Stop> {
        let line = self.bytes.get(p..self.line_end(p)).ok_or(GiveUp)?;
        let mut from = 0;
        while let Some(i) = line.get(from..).and_then(|rest| memchr2(b':', b'#', rest)) {
            let i = from + i;
            if line.get(i) == Some(&b'#') {
                if i > 0 && line.get(i - 1) == Some(&b' ') {
                    return Ok(Stop::Comment(i));
                }
            } else if self.blank_or_end(p + i + 1) {
                return Ok(Stop::Colon(i));
            }
            from = i + 1;
        }
        Ok(Stop::End(line.len()))
    }

    /// A plain key at `p`, followed by `:` and a blank on the same line: the end of the key
    /// (trailing blanks trimmed) and the colon. `None` when `p` starts no such key.
    fn key(&self, p: usize) -> Step<Option<(usize, usize)>> {
        if starts_other_than_plain(self.at(p)) || self.indicator_then_blank(p) {
            return Ok(None);
        }
        let Stop::Colon(i) = self.stop(p)? else {
            return Ok(None);
        };
        // saphyr takes a key of at most 1,024 characters.
        if i > 1000 {
            return Err(GiveUp);
        }
        let key_end = p + self.str(p..p + i)?.trim_ascii_end().len();
        Ok(Some((key_end, p + i)))
    }

    /// A block mapping whose first key starts at `key_at` on `line`; its indentation is the
    /// column of that key. Returns the line that ends it.
    fn mapping(&mut self, line: Line, (key_end, colon): (usize, usize)) -> Step<Option<Line>> {
        let indent = line.first - line.start;
        let (mut at, mut key_end, mut colon) = (line.first, key_end, colon);
        self.emit(Event::MappingStart(0, None), at..at)?;
        loop {
            let key = self.str(at..key_end)?;
            self.scalar(Cow::Borrowed(key), ScalarStyle::Plain, at..key_end)?;
            let next = self.mapping_value(colon, indent)?;
            let Some(next) = next else {
                let end = self.bytes.len();
                self.emit(Event::MappingEnd, end..end)?;
                return Ok(None);
            };
            if next.indent() < indent {
                self.emit(Event::MappingEnd, next.first..next.first)?;
                return Ok(Some(next));
            }
            if next.indent() > indent {
                return Err(GiveUp);
            }
            (key_end, colon) = self.key(next.first)?.ok_or(GiveUp)?;
            at = next.first;
        }
    }

    /// The value after the colon at `colon` of a key in a mapping indented `indent`.
    fn mapping_value(&mut self, colon: usize, indent: usize) -> Step<Option<Line>> {
        let p = self.skip_spaces(colon + 1);
        if !matches!(self.at(p), b'\n' | b'#' | 0) {
            return self.inline_value(p, indent);
        }
        let next = self.next_content(self.next_line(p))?;
        match next {
            Some(line) if line.indent() > indent => self.block_node(line),
            Some(line) if line.indent() == indent && self.entry(line.first) => {
                self.sequence(line, true)
            }
            _ => {
                self.scalar(Cow::Borrowed(""), ScalarStyle::Plain, colon..colon)?;
                Ok(next)
            }
        }
    }

    /// A block collection starting on a line of its own.
    fn block_node(&mut self, line: Line) -> Step<Option<Line>> {
        if self.entry(line.first) {
            return self.sequence(line, false);
        }
        let key = self.key(line.first)?.ok_or(GiveUp)?;
        self.mapping(line, key)
    }

    /// A block sequence whose first entry is on `line`. An indentless one (the value of a key at
    /// the same indentation) ends at the next line of that mapping.
    fn sequence(&mut self, mut line: Line, indentless: bool) -> Step<Option<Line>> {
        let indent = line.indent();
        let mut first = true;
        loop {
            let dash = line.first;
            let p = self.skip_spaces(dash + 1);
            let content = !matches!(self.at(p), b'\n' | b'#' | 0);
            if first {
                // saphyr starts an indentless sequence at its first entry's content, or at the
                // end of the entry's line when the content is below it.
                let start = match (indentless, content) {
                    (false, _) => dash,
                    (true, true) => p,
                    (true, false) => self.line_end(p),
                };
                self.emit(Event::SequenceStart(0, None), start..start)?;
                first = false;
            }
            let next = if content {
                if self.entry(p) {
                    return Err(GiveUp);
                }
                match self.key(p)? {
                    Some(key) => self.mapping(
                        Line {
                            start: line.start,
                            first: p,
                        },
                        key,
                    )?,
                    None => self.inline_value(p, indent)?,
                }
            } else {
                let next = self.next_content(self.next_line(p))?;
                match next {
                    Some(l) if l.indent() > indent => self.block_node(l)?,
                    _ => {
                        let end = self.line_end(p);
                        self.scalar(Cow::Borrowed(""), ScalarStyle::Plain, end..end)?;
                        next
                    }
                }
            };
            let Some(next) = next else {
                let end = self.bytes.len();
                self.emit(Event::SequenceEnd, end..end)?;
                return Ok(None);
            };
            if next.indent() == indent && self.entry(next.first) {
                line = next;
                continue;
            }
            if next.indent() < indent || (indentless && next.indent() == indent) {
                self.emit(Event::SequenceEnd, next.first..next.first)?;
                return Ok(Some(next));
            }
            return Err(GiveUp);
        }
    }

    /// A value that starts at `p` on the line of its key or entry, in a collection indented
    /// `indent`. Returns the next line with content.
    fn inline_value(&mut self, p: usize, indent: usize) -> Step<Option<Line>> {
        let end = match self.at(p) {
            b'"' | b'\'' => {
                // In block context saphyr ends a quoted scalar's span after the blanks and
                // comment that follow it on its line.
                let (value, style, end) = self.quoted(p)?;
                let rest = self.skip_spaces(end);
                let line_end = match self.at(rest) {
                    b'\n' | 0 => rest,
                    b'#' if rest > end => self.line_end(rest),
                    _ => return Err(GiveUp),
                };
                self.scalar(value, style, p..line_end)?;
                end
            }
            b'[' => self.flow_sequence(p)?,
            b'{' => self.flow_mapping(p)?,
            b'|' | b'>' => return self.block_scalar(p, indent),
            b if starts_other_than_plain(b) => return Err(GiveUp),
            _ if self.indicator_then_blank(p) => return Err(GiveUp),
            _ => self.block_plain(p)?,
        };
        self.after_value(end, indent)
    }

    /// A plain scalar in block context, to the end of its line or a comment. One that reads like
    /// a key (`a: b: c`) is a syntax error, left to saphyr.
    fn block_plain(&mut self, p: usize) -> Step<usize> {
        let end = match self.stop(p)? {
            Stop::Colon(_) => return Err(GiveUp),
            Stop::Comment(end) | Stop::End(end) => end,
        };
        let text = self.str(p..p + end)?.trim_ascii_end();
        let end = p + text.len();
        self.scalar(Cow::Borrowed(text), ScalarStyle::Plain, p..end)?;
        Ok(end)
    }

    /// After a value that ended at `end`: blanks and a comment to the end of the line, then the
    /// next line with content. A line indented more than `indent` would continue the value or be
    /// an error: saphyr decides.
    fn after_value(&mut self, end: usize, indent: usize) -> Step<Option<Line>> {
        let p = self.skip_spaces(end);
        match self.at(p) {
            b'\n' | 0 => {}
            b'#' if p > end => {}
            _ => return Err(GiveUp),
        }
        let mut p = self.next_line(p);
        while p < self.bytes.len() {
            let first = self.skip_spaces(p);
            match self.at(first) {
                b'\n' => p = self.next_line(first),
                0 => return Ok(None),
                _ if first - p > indent => return Err(GiveUp),
                b'#' => p = self.next_line(first),
                _ => return self.next_content(p),
            }
        }
        Ok(None)
    }

    /// A quoted scalar whose quote is at `q`, on one line: its value, style and end.
    fn quoted(&self, q: usize) -> Step<(Cow<'t, str>, ScalarStyle, usize)> {
        if self.at(q) == b'"' {
            let (value, end) = self.double_quoted(q)?;
            Ok((value, ScalarStyle::DoubleQuoted, end))
        } else {
            let (value, end) = self.single_quoted(q)?;
            Ok((value, ScalarStyle::SingleQuoted, end))
        }
    }

    fn double_quoted(&self, q: usize) -> Step<(Cow<'t, str>, usize)> {
        let mut p = q + 1;
        let mut owned: Option<String> = None;
        let mut run = p;
        loop {
            match self.at(p) {
                b'"' => break,
                b'\\' => {
                    let out = owned.get_or_insert_with(String::new);
                    out.push_str(self.text.get(run..p).ok_or(GiveUp)?);
                    let (c, len) = self.escape(p + 1)?;
                    out.push(c);
                    p += 1 + len;
                    run = p;
                }
                b'\n' | 0 => return Err(GiveUp),
                _ => p += 1,
            }
        }
        Ok((self.quoted_value(owned, q, run, p)?, p + 1))
    }

    /// The value of a quoted scalar whose quotes are at `q` and `close`: the text between them
    /// when it held no escape, else what was unescaped so far and the run from `run` on.
    fn quoted_value(
        &self,
        owned: Option<String>,
        q: usize,
        run: usize,
        close: usize,
    ) -> Step<Cow<'t, str>> {
        Ok(match owned {
            Some(mut out) => {
                out.push_str(self.str(run..close)?);
                Cow::Owned(out)
            }
            None => Cow::Borrowed(self.str(q + 1..close)?),
        })
    }

    /// The character of the escape whose letter is at `p`, and the bytes it takes.
    fn escape(&self, p: usize) -> Step<(char, usize)> {
        let simple = match self.at(p) {
            b'0' => '\0',
            b'a' => '\x07',
            b'b' => '\x08',
            b't' => '\t',
            b'n' => '\n',
            b'v' => '\x0B',
            b'f' => '\x0C',
            b'r' => '\r',
            b'e' => '\x1B',
            b' ' => ' ',
            b'"' => '"',
            b'/' => '/',
            b'\\' => '\\',
            b'N' => '\u{85}',
            b'_' => '\u{A0}',
            b'L' => '\u{2028}',
            b'P' => '\u{2029}',
            b'x' => return self.hex_escape(p, 2),
            b'u' => return self.hex_escape(p, 4),
            b'U' => return self.hex_escape(p, 8),
            _ => return Err(GiveUp),
        };
        Ok((simple, 1))
    }

    fn hex_escape(&self, p: usize, digits: usize) -> Step<(char, usize)> {
        let hex = self.str(p + 1..p + 1 + digits)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(GiveUp);
        }
        let code = u32::from_str_radix(hex, 16).map_err(|_| GiveUp)?;
        Ok((char::from_u32(code).ok_or(GiveUp)?, 1 + digits))
    }

    fn single_quoted(&self, q: usize) -> Step<(Cow<'t, str>, usize)> {
        let mut p = q + 1;
        let mut owned: Option<String> = None;
        let mut run = p;
        loop {
            match self.at(p) {
                b'\'' if self.at(p + 1) == b'\'' => {
                    let out = owned.get_or_insert_with(String::new);
                    out.push_str(self.str(run..p + 1)?);
                    p += 2;
                    run = p;
                }
                b'\'' => break,
                b'\n' | 0 => return Err(GiveUp),
                _ => p += 1,
            }
        }
        Ok((self.quoted_value(owned, q, run, p)?, p + 1))
    }

    /// A node inside a flow collection at `p`; returns where it ends.
    fn flow_node(&mut self, p: usize) -> Step<usize> {
        match self.at(p) {
            b'[' => self.flow_sequence(p),
            b'{' => self.flow_mapping(p),
            b'"' | b'\'' => {
                let (value, style, end) = self.quoted(p)?;
                // Where saphyr ends the span when blanks follow depends on the collection.
                if !matches!(self.at(end), b',' | b']' | b'}') {
                    return Err(GiveUp);
                }
                self.scalar(value, style, p..end)?;
                Ok(end)
            }
            _ => {
                let end = self.flow_plain_end(p)?;
                let text = self.str(p..end)?;
                self.scalar(Cow::Borrowed(text), ScalarStyle::Plain, p..end)?;
                Ok(end)
            }
        }
    }

    /// The end of a plain scalar in a flow collection (trailing blanks trimmed). Gives up on
    /// anything a flow scalar might do beyond plain text: a colon, a comment, a line break.
    fn flow_plain_end(&self, p: usize) -> Step<usize> {
        let indicator = self.indicator_then_blank(p)
            || (matches!(self.at(p), b'-' | b'?' | b':')
                && matches!(self.at(p + 1), b',' | b'[' | b']' | b'{' | b'}'));
        if starts_other_than_plain(self.at(p)) || indicator {
            return Err(GiveUp);
        }
        let mut e = p;
        loop {
            match self.at(e) {
                b',' | b']' | b'}' => break,
                b'[' | b'{' | b':' | b'\n' | 0 => return Err(GiveUp),
                // saphyr ends a flow scalar at a blank before some indicators (`[a -]`).
                b if self.at(e.wrapping_sub(1)) == b' '
                    && (starts_other_than_plain(b) || matches!(b, b'-' | b'?')) =>
                {
                    return Err(GiveUp);
                }
                _ => e += 1,
            }
        }
        Ok(p + self.str(p..e)?.trim_ascii_end().len())
    }

    /// After an entry of a flow collection that ended at `end`: the start of the next entry, or
    /// `None` at the collection's `close`. A trailing comma is left to saphyr.
    fn flow_next(&self, end: usize, close: u8) -> Step<Option<usize>> {
        let p = self.skip_spaces(end);
        match self.at(p) {
            b',' => {
                let next = self.skip_spaces(p + 1);
                if self.at(next) == close {
                    return Err(GiveUp);
                }
                Ok(Some(next))
            }
            b if b == close => Ok(None),
            _ => Err(GiveUp),
        }
    }

    fn flow_sequence(&mut self, q: usize) -> Step<usize> {
        self.emit(Event::SequenceStart(0, None), q..q + 1)?;
        let mut p = self.skip_spaces(q + 1);
        if self.at(p) != b']' {
            loop {
                let end = self.flow_node(p)?;
                match self.flow_next(end, b']')? {
                    Some(next) => p = next,
                    None => {
                        p = self.skip_spaces(end);
                        break;
                    }
                }
            }
        }
        self.emit(Event::SequenceEnd, p..p + 1)?;
        Ok(p + 1)
    }

    fn flow_mapping(&mut self, q: usize) -> Step<usize> {
        self.emit(Event::MappingStart(0, None), q..q + 1)?;
        let mut p = self.skip_spaces(q + 1);
        if self.at(p) != b'}' {
            loop {
                let key_end = self.flow_key_end(p)?;
                let key = self.str(p..key_end)?;
                self.scalar(Cow::Borrowed(key), ScalarStyle::Plain, p..key_end)?;
                let colon = self.skip_spaces(key_end);
                if self.at(colon) != b':' || self.at(colon + 1) != b' ' {
                    return Err(GiveUp);
                }
                let v = self.skip_spaces(colon + 1);
                if matches!(self.at(v), b',' | b'}' | b']') {
                    return Err(GiveUp);
                }
                let end = self.flow_node(v)?;
                match self.flow_next(end, b'}')? {
                    Some(next) => p = next,
                    None => {
                        p = self.skip_spaces(end);
                        break;
                    }
                }
            }
        }
        self.emit(Event::MappingEnd, p..p + 1)?;
        Ok(p + 1)
    }

    /// The end of a plain key in a flow mapping: text up to `: `.
    fn flow_key_end(&self, p: usize) -> Step<usize> {
        let b = self.at(p);
        if starts_other_than_plain(b) || matches!(b, b'-' | b'?' | b':') {
            return Err(GiveUp);
        }
        let mut e = p;
        loop {
            match self.at(e) {
                b':' if self.at(e + 1) == b' ' => break,
                b',' | b']' | b'}' | b'[' | b'{' | b':' | b'#' | b'\n' | 0 => return Err(GiveUp),
                _ => e += 1,
            }
        }
        Ok(p + self.str(p..e)?.trim_ascii_end().len())
    }

    /// A literal (`|`) or folded (`>`) block scalar whose indicator is at `q`, in a collection
    /// indented `indent`. Its lines are indented alike, the first one holds text, and a folded
    /// one has no line indented further; otherwise saphyr reads it.
    fn block_scalar(&mut self, q: usize, indent: usize) -> Step<Option<Line>> {
        let literal = self.at(q) == b'|';
        let mut p = q + 1;
        let chomp = self.at(p);
        if matches!(chomp, b'-' | b'+') {
            p += 1;
        }
        if !self.blank_or_end(p) {
            return Err(GiveUp);
        }
        let header_end = self.skip_spaces(p);
        match self.at(header_end) {
            b'\n' => {}
            b'#' if header_end > p => {}
            _ => return Err(GiveUp),
        }
        let body = self.next_line(header_end);
        let first = self.skip_spaces(body);
        let block_indent = first - body;
        if block_indent <= indent || matches!(self.at(first), b'\n' | 0) {
            return Err(GiveUp);
        }
        let mut value = String::new();
        let mut lines = 0usize;
        let mut blanks = 0usize;
        let mut line = body;
        // The line that ends the scalar, and where its text starts (the end of the span).
        let (end_line, end) = loop {
            if line >= self.bytes.len() {
                break (line, self.bytes.len());
            }
            let text = self.skip_spaces(line);
            let spaces = text - line;
            match self.at(text) {
                b'\n' if spaces <= block_indent => {
                    blanks += 1;
                    line = text + 1;
                    continue;
                }
                b'\n' | 0 => return Err(GiveUp),
                _ if spaces < block_indent => break (line, text),
                _ if spaces > block_indent && !literal => return Err(GiveUp),
                _ => {}
            }
            let line_end = self.line_end(text);
            if line_end >= self.bytes.len() {
                return Err(GiveUp);
            }
            if lines > 0 {
                if literal {
                    value.extend(std::iter::repeat_n('\n', blanks + 1));
                } else if blanks == 0 {
                    value.push(' ');
                } else {
                    value.extend(std::iter::repeat_n('\n', blanks));
                }
            }
            value.push_str(self.str(line + block_indent..line_end)?);
            lines += 1;
            blanks = 0;
            line = line_end + 1;
        };
        match chomp {
            b'-' => {}
            b'+' => value.extend(std::iter::repeat_n('\n', blanks + 1)),
            _ => value.push('\n'),
        }
        let style = if literal {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        self.scalar(Cow::Owned(value), style, first..end)?;
        // The line that ended the scalar: a comment or content less indented than its text.
        if end >= self.bytes.len() {
            return Ok(None);
        }
        if end - end_line > indent {
            return Err(GiveUp);
        }
        self.next_content(end_line)
    }
}
