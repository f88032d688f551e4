//! Characters that do not belong in text and say nothing: C1 control characters (read as
//! the windows-1252 punctuation they stand for), terminal escape sequences (colour codes
//! from a log or a console), and byte-order marks inside the text (where files were
//! concatenated). Other control characters are left to normalization.

use super::codepage::CodePage;

/// Reads each C1 control character (U+0080 to U+009F) as the windows-1252 character of the
/// same byte: `U+0085` is `…`, `U+0093` is `“`. Text gets them when windows-1252 bytes were
/// decoded as Latin-1. The five bytes windows-1252 leaves undefined stay as they are.
/// Returns the text and the number of characters changed, or `None` if none was.
pub fn fix_c1_controls(text: &str) -> Option<(String, usize)> {
    if !has_c1(text) {
        return None;
    }
    let mut count = 0;
    let fixed = text
        .chars()
        .map(|c| match windows_1252_for(c) {
            Some(punctuation) => {
                count += 1;
                punctuation
            }
            None => c,
        })
        .collect();
    (count > 0).then_some((fixed, count))
}

/// Whether the text holds a C1 control (in UTF-8, `0xC2` then `0x80..=0x9F`).
fn has_c1(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xC2, bytes).any(|i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
}

/// The windows-1252 character for a C1 control, when windows-1252 defines one.
fn windows_1252_for(c: char) -> Option<char> {
    let byte = u8::try_from(u32::from(c))
        .ok()
        .filter(|b| (0x80..=0x9F).contains(b))?;
    let punctuation = CodePage::Windows1252.high_half()[usize::from(byte - 0x80)];
    // The sloppy table keeps an undefined byte as its C1 control.
    (punctuation != c).then_some(punctuation)
}

/// Removes terminal escape sequences (ECMA-48 control sequences: `ESC [`, parameter bytes,
/// intermediate bytes, a final byte, as in `\x1b[1;31m`). Returns the text and the number
/// removed, or `None` if there were none.
pub fn strip_terminal_escapes(text: &str) -> Option<(String, usize)> {
    memchr::memchr(0x1B, text.as_bytes())?;
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut copied = 0;
    for start in memchr::memchr_iter(0x1B, bytes) {
        if start < copied || bytes.get(start + 1) != Some(&b'[') {
            continue;
        }
        let mut end = start + 2;
        while matches!(bytes.get(end), Some(0x30..=0x3F)) {
            end += 1;
        }
        while matches!(bytes.get(end), Some(0x20..=0x2F)) {
            end += 1;
        }
        if !matches!(bytes.get(end), Some(0x40..=0x7E)) {
            continue;
        }
        out.push_str(&text[copied..start]);
        copied = end + 1;
        count += 1;
    }
    if count == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, count))
}

/// Removes byte-order marks (U+FEFF) from inside the text; decoding already dropped the
/// one at the start. In the middle of text, one only marks where two files were joined.
/// Returns the text and the number removed, or `None` if there were none.
pub fn remove_byte_order_marks(text: &str) -> Option<(String, usize)> {
    const BOM: &str = "\u{FEFF}";
    let count = memchr::memmem::find_iter(text.as_bytes(), BOM).count();
    (count > 0).then(|| (text.replace(BOM, ""), count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_become_windows_1252_punctuation() {
        assert_eq!(
            fix_c1_controls("parlé\u{85} \u{93}oui\u{94}"),
            Some(("parlé… “oui”".to_string(), 3))
        );
        // U+0081 is undefined in windows-1252 too: nothing to read it as.
        assert_eq!(fix_c1_controls("odd \u{81}"), None);
        assert_eq!(fix_c1_controls("no controls é"), None);
    }

    #[test]
    fn terminal_escapes_are_removed_and_lone_escapes_kept() {
        assert_eq!(
            strip_terminal_escapes("\x1b[1;31mError:\x1b[0m failed"),
            Some(("Error: failed".to_string(), 2))
        );
        assert_eq!(strip_terminal_escapes("ESC \x1b alone"), None);
        assert_eq!(strip_terminal_escapes("plain"), None);
    }

    #[test]
    fn byte_order_marks_inside_text_are_removed() {
        assert_eq!(
            remove_byte_order_marks("one\n\u{FEFF}two"),
            Some(("one\ntwo".to_string(), 1))
        );
        assert_eq!(remove_byte_order_marks("none"), None);
    }
}
