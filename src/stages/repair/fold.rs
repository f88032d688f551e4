//! Optional folds, off by default: Latin ligatures (`ﬁ`, `ﬂ`, `Ĳ`, `ǌ`) into their letters,
//! and full-width or half-width forms (`ＡＢＣ１２３`, `ｶﾀｶﾅ`) into their ordinary ones.
//! Both are compatibility forms (NFKC folds them), wanted for search and matching but a
//! change of what the author wrote, which is why they are off unless asked for.

use unicode_normalization::UnicodeNormalization;

/// Replaces each Latin ligature or digraph by its letters. Returns the text and the number
/// replaced, or `None` if there were none.
pub fn fold_ligatures(text: &str) -> Option<(String, usize)> {
    fold(text, is_ligature)
}

/// Replaces each full-width or half-width form (U+FF01 to U+FFEE) and the ideographic
/// space by its ordinary form. Returns the text and the number replaced, or `None`.
pub fn fold_full_width(text: &str) -> Option<(String, usize)> {
    fold(text, |c| matches!(c, '\u{3000}' | '\u{FF01}'..='\u{FFEE}'))
}

fn is_ligature(c: char) -> bool {
    matches!(c, 'ﬀ'..='ﬆ' | 'Ĳ' | 'ĳ' | 'Ŀ' | 'ŀ' | 'ŉ' | 'Ǆ'..='ǌ' | 'Ǳ'..='ǳ')
}

/// Replaces each character `select` picks by its compatibility (NFKC) form.
fn fold(text: &str, select: impl Fn(char) -> bool) -> Option<(String, usize)> {
    if text.is_ascii() || !text.chars().any(&select) {
        return None;
    }
    let mut count = 0;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if select(c) {
            count += 1;
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    Some((out, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_fold_into_letters() {
        assert_eq!(
            fold_ligatures("signiﬁcant ﬂow, korišteǌem"),
            Some(("significant flow, korištenjem".to_string(), 3))
        );
        assert_eq!(fold_ligatures("plain fi"), None);
    }

    #[test]
    fn full_width_forms_fold_into_ordinary_ones() {
        assert_eq!(
            fold_full_width("Ningbo，ＣＨＩＮＡ　ｶ"),
            Some(("Ningbo,CHINA カ".to_string(), 8))
        );
        assert_eq!(fold_full_width("日本語"), None);
    }
}
