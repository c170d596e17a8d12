//! The fonts of PDF output: two subsets of Noto CJK SC built into the binary (GB 2312, CJK
//! punctuation, ASCII; see `assets/fonts/` and `scripts/subset-fonts.py`), so Chinese is set
//! correctly on a machine with no CJK font; then fonts from `--font-path` folders and the system
//! for characters outside the subsets; and which characters no font covers at all.

use std::collections::BTreeSet;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst_kit::fonts::FontStore;

use crate::render::formats::FontOptions;

/// Noto Serif CJK SC Regular (body text, a Song design) and Noto Sans CJK SC Bold (headings and
/// bold text, a Hei design), cut to GB 2312. SIL Open Font License 1.1: `assets/fonts/OFL.txt`.
static EMBEDDED: [&[u8]; 2] = [
    include_bytes!("../../assets/fonts/NotoSerifCJKsc-Regular-GB2312.otf"),
    include_bytes!("../../assets/fonts/NotoSansCJKsc-Bold-GB2312.otf"),
];

/// The embedded fonts first, then the others; Typst takes a character from the requested
/// family when it has it, else from any font that covers it.
pub struct FontSet {
    store: FontStore,
}

impl FontSet {
    pub fn load(options: &FontOptions) -> Self {
        let mut store = FontStore::new();
        for data in EMBEDDED {
            for font in Font::iter(Bytes::new(data)) {
                let info = font.info().clone();
                store.push((font, info));
            }
        }
        for dir in &options.dirs {
            store.extend(typst_kit::fonts::scan(dir));
        }
        if options.system {
            store.extend(typst_kit::fonts::system());
        }
        Self { store }
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }

    /// The characters of `text` that no font has a glyph for, each once, in code point order.
    /// Spaces, control characters and invisible format characters need no glyph.
    pub fn uncovered(&self, text: &str) -> Vec<char> {
        let book = self.book();
        let distinct: BTreeSet<char> = text
            .chars()
            .filter(|&c| !c.is_whitespace() && !c.is_control() && !is_invisible(c))
            .collect();
        distinct
            .into_iter()
            .filter(|&c| {
                !(0..)
                    .map_while(|i| book.info(i))
                    .any(|info| info.coverage.contains(u32::from(c)))
            })
            .collect()
    }
}

/// Characters that are never drawn: zero-width spaces and joiners, direction marks, word
/// joiners, variation selectors, the byte order mark and the soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{E0100}'..='\u{E01EF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded fonts alone cover the text of a contract, Chinese and ASCII, and name the
    /// families the Typst markup asks for; a hanzi outside GB 2312 is reported.
    #[test]
    fn embedded_fonts_cover_gb2312() {
        let fonts = FontSet::load(&FontOptions::default());
        let families: Vec<&str> = fonts.book().families().map(|(name, _)| name).collect();
        assert!(
            families.contains(&"Noto Serif CJK SC GB2312"),
            "{families:?}"
        );
        assert!(
            families.contains(&"Noto Sans CJK SC GB2312"),
            "{families:?}"
        );
        let text = "政府购买服务合同 人民币叁拾万元整（大写）¥300,000.00 “合格”、第一条 □ ≤ – Party A: 2016年";
        assert_eq!(fonts.uncovered(text), Vec::<char>::new());
        // 䶮 (U+4DAE, CJK Extension A) is outside GB 2312.
        assert_eq!(fonts.uncovered("刘䶮䶮"), vec!['䶮']);
    }
}
