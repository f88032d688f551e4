//! HTML character references left in text: `&amp;`, `&eacute;`, `&#8217;`, `&#x2019;`, and
//! double-escaped ones (`&amp;#8217;`), which the repair loop takes apart one layer per
//! round. Only complete references (with their `;`) are read, names from the HTML5 list;
//! an all-capitals name (`&EACUTE;`, from text upper-cased after escaping) is read as the
//! capital of its lower-case name.
//!
//! Text that holds HTML tags is HTML source, where references are meant to stay: the
//! repair stage asks [`looks_like_markup`] once per document and then leaves them.

use super::codepage::CodePage;

/// Replaces each character reference by its character. Returns the text and the number
/// of references replaced, or `None` if there were none.
pub fn decode_entities(text: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut count = 0;
    for at in memchr::memchr_iter(b'&', bytes) {
        if at < copied {
            continue;
        }
        let Some((decoded, len)) = reference_at(&text[at..]) else {
            continue;
        };
        out.push_str(&text[copied..at]);
        out.push_str(&decoded);
        copied = at + len;
        count += 1;
    }
    if count == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, count))
}

/// Whether the text holds something shaped like an HTML tag or comment: `<` followed by a
/// letter, `/` or `!`.
pub fn looks_like_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|i| {
        bytes
            .get(i + 1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/' || b == b'!')
    })
}

/// The longest name in the HTML5 list has 31 characters.
const MAX_NAME_LEN: usize = 32;

/// The reference at the start of `text` (which starts with `&`): its characters and its
/// length in bytes.
fn reference_at(text: &str) -> Option<(String, usize)> {
    let body = &text[1..];
    let end = body
        .bytes()
        .take(MAX_NAME_LEN + 2)
        .position(|b| b == b';')?;
    let name = &body[..end];
    let decoded = match name.strip_prefix('#') {
        Some(number) => numeric(number)?.to_string(),
        None => named(name)?,
    };
    Some((decoded, end + 2))
}

/// `#8217`, `#x2019`: the character with that number. The numbers 128 to 159 mean the
/// windows-1252 characters of those bytes, as browsers read them. Numbers that are not
/// characters (surrogates, beyond U+10FFFF) and control characters (`&#10;` would split
/// a line, `&#27;` start an escape sequence) are left as written.
fn numeric(number: &str) -> Option<char> {
    let value = match number.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.len() <= 6 => u32::from_str_radix(hex, 16).ok()?,
        Some(_) => return None,
        None if !number.is_empty() && number.len() <= 7 => number.parse().ok()?,
        None => return None,
    };
    match value {
        0..=0x1F | 0x7F => None,
        0x80..=0x9F => Some(CodePage::Windows1252.high_half()[value as usize - 0x80]),
        _ => char::from_u32(value),
    }
}

/// A named reference, by the HTML5 list.
fn named(name: &str) -> Option<String> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    if let Some(text) = quick_xml::escape::resolve_html5_entity(name) {
        return Some(text.to_string());
    }
    if name.bytes().all(|b| !b.is_ascii_lowercase()) {
        let lower = quick_xml::escape::resolve_html5_entity(&name.to_ascii_lowercase())?;
        return Some(lower.to_uppercase());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> String {
        decode_entities(text).map_or_else(|| text.to_string(), |(t, _)| t)
    }

    #[test]
    fn named_and_numeric_references_are_decoded() {
        assert_eq!(decoded("caf&eacute; &amp; bar"), "café & bar");
        assert_eq!(decoded("it&#8217;s &#x201C;new&#X201D;"), "it’s “new”");
        assert_eq!(decoded("10&frac14;"), "10¼");
        assert_eq!(decoded("CAF&EACUTE;"), "CAFÉ");
    }

    #[test]
    fn double_escaping_is_one_layer_per_call() {
        assert_eq!(decoded("it&amp;#8217;s"), "it&#8217;s");
        assert_eq!(decoded(&decoded("it&amp;#8217;s")), "it’s");
    }

    #[test]
    fn numbers_of_c1_controls_mean_windows_1252() {
        assert_eq!(decoded("&#150; &#133;"), "– …");
    }

    #[test]
    fn incomplete_or_unknown_references_stay() {
        for text in [
            "AT&T; fish & chips",
            "&amp no semicolon",
            "&#0; &#xD800; &#;",
            "&nosuchname;",
            "a && b;",
        ] {
            assert_eq!(decode_entities(text), None, "{text}");
        }
    }

    #[test]
    fn tags_mean_markup() {
        assert!(looks_like_markup("<p>Hello</p>"));
        assert!(looks_like_markup("x <!-- c -->"));
        assert!(!looks_like_markup("1 < 2 and 3<4"));
    }
}
