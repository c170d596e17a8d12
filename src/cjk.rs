//! Chinese (and Japanese) text is set without spaces between words: which characters those are,
//! and where a line break in such text must be joined without one.

/// Whether a character belongs to text set without spaces between words: CJK ideographs, kana,
/// CJK punctuation and full-width forms. Hangul is not: Korean separates words with spaces.
pub fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x3000..=0x303F // CJK symbols and punctuation: 、。「」
        | 0x3040..=0x30FF // hiragana, katakana
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFE30..=0xFE4F // compatibility forms
        | 0xFF00..=0xFFEF // full-width forms: ，：（）
        | 0x20000..=0x3FFFF // extensions B and later
    )
}

/// Whether a line break between `before` and `after` joins without a space: when either side
/// is wide text, as in "服务，\n综合" or "12 个\n小组".
pub fn joins_without_space(before: char, after: char) -> bool {
    is_wide(before) || is_wide(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ideographs, CJK punctuation and full-width forms are wide; Latin, digits and Hangul are not.
    #[test]
    fn wide_characters() {
        for c in ['中', '、', '，', '（', 'の', '䶮', '𠀀'] {
            assert!(is_wide(c), "{c}");
        }
        for c in ['a', '1', ' ', '한', '—', '“'] {
            assert!(!is_wide(c), "{c}");
        }
    }
}
