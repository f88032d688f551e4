//! Decode: raw bytes to text, recording the encoding and how it was decided.
//!
//! The order of evidence: a byte-order mark (UTF-8, UTF-16LE/BE); then UTF-16 without a
//! mark, told by where its NUL bytes fall; then valid UTF-8; then UTF-8 with a few broken
//! sequences (kept as UTF-8, the bad bytes replaced and counted); then detection with
//! `chardetng` (told the URL's top-level domain when the document has a URL: `.ru` makes
//! windows-1251 likelier than Latin) and decoding with `encoding_rs`. A charset the
//! container declares (a WARC record's HTTP header) is a hint: it is used for bytes that are
//! not valid UTF-8, in place of detection. Input that is empty,
//! binary (a known file signature, NUL bytes, or mostly control characters after decoding)
//! is rejected with the reason. This stage never repairs mojibake: that is the repair
//! stage's job, on text that decoded cleanly.
//!
//! It also decides the document's format when nobody said (`Format::Auto`): HTML by the
//! input's name or its markup (`html.rs`). An HTML page's charset is read, after a
//! byte-order mark, from the charset given with the input (`Document::charset`, e.g. an
//! archived HTTP header), then from its `<meta>` tags; either is trusted unless the bytes
//! are valid UTF-8 with non-ASCII characters, which a page mislabelled by its server
//! often is and a page in a legacy charset almost never is.

pub mod html;

use encoding_rs::{Encoding as RsEncoding, ISO_2022_JP, UTF_16BE, UTF_16LE, UTF_8};

use crate::document::{Document, Encoding, Format};
use crate::rules::url_host;
use crate::stages::{Rejection, Stage};

/// How many bytes are scanned for NUL bytes and file signatures.
const SNIFF_LEN: usize = 8192;

/// Invalid UTF-8 sequences allowed per 1,000 bytes (and at least 2) before the input is
/// treated as being in another encoding: a scraped file that is UTF-8 with a stray byte
/// stays UTF-8.
const MOSTLY_UTF8_PER_MILLE: usize = 2;

/// Share of control characters (per 1,000 characters) above which decoded text is binary.
const BINARY_CONTROLS_PER_MILLE: usize = 50;

/// The decode stage. See the module documentation.
#[derive(Debug, Clone, Copy)]
pub struct Decode {
    /// Decoded text longer than this many bytes (UTF-8) is rejected (`too-large`): legacy
    /// and UTF-16 input grows when decoded, and a cap on the bytes read alone does not
    /// bound it.
    pub max_text_bytes: usize,
}

impl Default for Decode {
    fn default() -> Decode {
        Decode {
            max_text_bytes: usize::MAX,
        }
    }
}

impl Stage for Decode {
    fn name(&self) -> &'static str {
        "decode"
    }

    fn apply(&self, doc: &mut Document) -> Result<(), Rejection> {
        if doc.format == Format::Auto {
            doc.format = html::sniff_format(&doc.input, &doc.bytes);
        }
        let given = doc
            .charset
            .as_deref()
            .and_then(|label| RsEncoding::for_label(label.trim().as_bytes()))
            .map(|e| (e, "given"));
        let declared = match doc.format {
            Format::Html => given.or_else(|| html::meta_charset(&doc.bytes).map(|e| (e, "meta"))),
            _ => given,
        };
        let (text, encoding) = decode_declared(&doc.bytes, doc.url.as_deref(), declared)?;
        if text.len() > self.max_text_bytes {
            return Err(Rejection::new(
                "too-large",
                format!(
                    "{} bytes once decoded ({}), over the limit of {} bytes (--max-bytes)",
                    text.len(),
                    encoding.name,
                    self.max_text_bytes
                ),
            ));
        }
        doc.text = text;
        doc.encoding = Some(encoding);
        Ok(())
    }
}

/// Decodes `bytes` to text, or says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), Rejection> {
    decode_from(bytes, None)
}

/// Decodes `bytes` read from `url` (when known: its top-level domain guides detection).
pub fn decode_from(bytes: &[u8], url: Option<&str>) -> Result<(String, Encoding), Rejection> {
    decode_declared(bytes, url, None)
}

/// Decodes `bytes` like [`decode_from`], trusting a `declared` encoding (and who declared
/// it: `given` or `meta`) after the byte-order mark, unless the bytes are valid UTF-8 with
/// characters beyond ASCII.
pub fn decode_declared(
    bytes: &[u8],
    url: Option<&str>,
    declared: Option<(&'static RsEncoding, &'static str)>,
) -> Result<(String, Encoding), Rejection> {
    if bytes.is_empty() {
        return Err(Rejection::new("empty", "the input is empty (0 bytes)"));
    }
    if let Some((encoding, bom_len)) = RsEncoding::for_bom(bytes) {
        let (text, replaced) = decode_with(encoding, &bytes[bom_len..]);
        return finish(text, encoding, "bom", replaced);
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(Rejection::new(
            "binary",
            format!("the input is binary ({kind}), not text"),
        ));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, replaced) = decode_with(encoding, bytes);
        return finish(text, encoding, "utf-16-pattern", replaced);
    }
    // NUL padding at the end (a C string or a fixed-size record dumped to a file) is not
    // content; NUL bytes anywhere else mean binary data.
    let bytes = &bytes[..bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1)];
    if bytes.is_empty() {
        return Err(Rejection::new("binary", "the input holds only NUL bytes"));
    }
    let sniff = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sniff.contains(&0) {
        return Err(Rejection::new(
            "binary",
            "the input holds NUL bytes: it is binary, or UTF-16 without a byte-order mark",
        ));
    }
    // Validated once: HTML pages are large, and this is the bulk of decoding them.
    let utf8 = std::str::from_utf8(bytes);
    let valid_utf8 = utf8.is_ok();
    if let Some((encoding, by)) = declared {
        let utf8_wins = valid_utf8 && (encoding == UTF_8 || !bytes.is_ascii());
        if !utf8_wins && encoding != UTF_16LE && encoding != UTF_16BE {
            let (text, replaced) = decode_with(encoding, bytes);
            return finish(text, encoding, by, replaced);
        }
        if let (true, Ok(text)) = (encoding == UTF_8, utf8) {
            return finish(text.to_owned(), UTF_8, by, 0);
        }
    }
    match utf8 {
        Ok(_) if is_iso_2022_jp(bytes) => {
            let (text, replaced) = decode_with(ISO_2022_JP, bytes);
            finish(text, ISO_2022_JP, "detected", replaced)
        }
        Ok(text) => finish(text.to_owned(), UTF_8, "valid-utf-8", 0),
        Err(_) => {
            if mostly_utf8(bytes) {
                let (text, legacy_bytes, replaced) = utf8_with_windows_1252(bytes);
                let (text, mut encoding) = finish(text, UTF_8, "mostly-utf-8", replaced)?;
                encoding.windows_1252_bytes = legacy_bytes;
                return Ok((text, encoding));
            }
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let tld = url.and_then(top_level_domain);
            let encoding = detector.guess(tld.as_deref().map(str::as_bytes), false);
            let (text, replaced) = decode_with(encoding, bytes);
            if encoding.is_single_byte() && !has_word_spacing(&text) {
                return Err(Rejection::new(
                    "binary",
                    format!("the input is neither UTF-8 nor text in a legacy encoding (read as {} it has no spaces between words): it is binary", encoding.name()),
                ));
            }
            finish(text, encoding, "detected", replaced)
        }
    }
}

/// The top-level domain of a URL's host (`https://www.example.ru/a` -> `ru`), as chardetng
/// takes it; none for an IP address.
fn top_level_domain(url: &str) -> Option<String> {
    let host = url_host(url)?;
    let tld = host.rsplit('.').next()?;
    let is_name = tld.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && tld.bytes().any(|b| b.is_ascii_alphabetic());
    is_name.then(|| tld.to_string())
}

/// Text in UTF-16 has a NUL byte in every ASCII character (spaces, line breaks, digits,
/// punctuation): the high byte, at odd offsets in little-endian and even ones in big-endian.
/// So bytes are UTF-16 without a byte-order mark when at least this share (per 1,000) of
/// the 2-byte units has a NUL on one side ...
const UTF16_NUL_UNITS_PER_MILLE: usize = 20;
/// ... the other side has at most a fraction as many (Hangul syllables such as `가`,
/// U+AC00, have a NUL low byte) ...
const UTF16_NUL_SIDES_RATIO: usize = 4;
/// ... and at most this share of the decoded characters is unlikely in text (controls,
/// private use, replacement characters).
const UTF16_ODD_CHARS_PER_MILLE: usize = 10;

/// The UTF-16 byte order that `bytes` are written in, when they are UTF-16 text without a
/// byte-order mark: NUL bytes on one side of the units only, and text when decoded. Text
/// without ASCII characters (Chinese with no spaces, digits or line breaks) has no NULs
/// to go by, and is not recognized.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static RsEncoding> {
    let sniff = &bytes[..bytes.len().min(SNIFF_LEN)];
    let units = sniff.len() / 2;
    if units < 8 || !sniff.contains(&0) {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for unit in sniff.chunks_exact(2) {
        even += usize::from(unit[0] == 0);
        odd += usize::from(unit[1] == 0);
    }
    let (high, stray, encoding) = if odd >= even {
        (odd, even, UTF_16LE)
    } else {
        (even, odd, UTF_16BE)
    };
    if high * 1000 < units * UTF16_NUL_UNITS_PER_MILLE || stray * UTF16_NUL_SIDES_RATIO > high {
        return None;
    }
    let (text, _) = encoding.decode_without_bom_handling(sniff);
    let chars = text.chars().count();
    let odd_chars = text
        .chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{C}'))
                || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{FFFD}')
        })
        .count();
    (odd_chars * 1000 <= chars * UTF16_ODD_CHARS_PER_MILLE).then_some(encoding)
}

/// Checks the decoded text is text, and wraps up the result.
fn finish(
    text: String,
    encoding: &'static RsEncoding,
    decided_by: &'static str,
    replaced: usize,
) -> Result<(String, Encoding), Rejection> {
    if text.trim().is_empty() {
        return Err(Rejection::new("empty", "the input holds only white space"));
    }
    let (chars, controls) = count_controls(&text);
    if controls * 1000 > chars * BINARY_CONTROLS_PER_MILLE {
        return Err(Rejection::new(
            "binary",
            format!(
                "the input decodes ({}) to {controls} control characters in {chars}: it is binary, not text",
                encoding.name()
            ),
        ));
    }
    let encoding = Encoding {
        name: encoding.name(),
        decided_by,
        replaced,
        windows_1252_bytes: 0,
    };
    Ok((text, encoding))
}

/// Whether text shows the spacing of prose: in a single-byte encoding (alphabetic scripts,
/// Thai) at least one character in 100 is an ASCII space or line break. Any byte decodes
/// to some character in those encodings, so this is what tells random bytes from text.
/// Short texts pass: they are too short to tell.
fn has_word_spacing(text: &str) -> bool {
    const MIN_CHARS: usize = 256;
    let chars = text.chars().count();
    let spaces = text
        .bytes()
        .filter(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
        .count();
    chars < MIN_CHARS || spaces * 100 >= chars
}

/// Counts control characters other than line breaks, tabs, form feeds and ESC (terminal
/// colour codes come in text), and characters
/// (exactly when there are controls; otherwise the byte length, an upper bound that is
/// enough for the share test). Works on bytes: C0 controls and DEL are single bytes, C1
/// controls (U+0080..U+009F) are `0xC2 0x80..=0x9F`, and every character has one
/// non-continuation byte.
fn count_controls(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    // Bytes are counted in chunks of 255 into a `u8` with branch-free tests, which the
    // compiler turns into wide vector compares; C1 controls are found from their 0xC2 lead.
    let is_control = |b: u8| {
        let c0 =
            (b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0C) & (b != 0x1B);
        u8::from(c0 | (b == 0x7F))
    };
    let c0: usize = bytes
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + is_control(b))))
        .sum();
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
        .count();
    let controls = c0 + c1;
    if controls == 0 {
        return (bytes.len(), 0);
    }
    let chars = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    (chars, controls)
}

/// Names the format of bytes that start with a well-known binary file signature.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x1f\x8b", "gzip data"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
        (b"PK\x03\x04", "a zip archive"),
        (b"%PDF-", "a PDF file"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7fELF", "an ELF executable"),
        (b"BZh", "bzip2 data"),
        (b"\xfd7zXZ\x00", "xz data"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, name)| *name)
}

/// Decodes with one encoding; returns the text and how many sequences became U+FFFD.
fn decode_with(encoding: &'static RsEncoding, bytes: &[u8]) -> (String, usize) {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let replaced = if had_errors {
        count_replacements(&text)
    } else {
        0
    };
    (text.into_owned(), replaced)
}

fn count_replacements(text: &str) -> usize {
    text.chars().filter(|&c| c == '\u{FFFD}').count()
}

/// Whether invalid UTF-8 is UTF-8 with a little damage rather than another encoding: its
/// only flaw is a character cut off at the end (a scraper's byte limit), or it has more
/// valid multi-byte characters than broken sequences and few of those (at most 2, or 2 per
/// 1,000 bytes), or most of its bytes beyond ASCII belong to valid UTF-8 characters (a
/// legacy line pasted into a UTF-8 page). Text in a single-byte legacy encoding has almost
/// no valid multi-byte sequences; text in a double-byte one (GBK, EUC-JP) or in Thai has
/// many by accident, but more bytes that are not UTF-8.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut broken = 0usize;
    let mut multibyte = 0usize;
    let mut valid_high_bytes = 0usize;
    let mut broken_bytes = 0usize;
    let mut cut_at_end = false;
    loop {
        let (valid, error) = match std::str::from_utf8(rest) {
            Ok(_) => (rest.len(), None),
            Err(e) => (e.valid_up_to(), Some(e.error_len())),
        };
        // Each multi-byte character has exactly one lead byte of 0xC0 or more.
        multibyte += rest[..valid].iter().filter(|&&b| b >= 0xC0).count();
        valid_high_bytes += rest[..valid].iter().filter(|&&b| b >= 0x80).count();
        match error {
            None => break,
            Some(None) => {
                cut_at_end = true;
                broken += 1;
                break;
            }
            Some(Some(len)) => {
                broken += 1;
                broken_bytes += len;
                rest = &rest[valid + len..];
            }
        }
    }
    let allowed = (bytes.len() * MOSTLY_UTF8_PER_MILLE / 1000).max(2);
    (cut_at_end && broken == 1)
        || (multibyte > broken && broken <= allowed)
        || valid_high_bytes >= VALID_BYTES_PER_BROKEN * broken_bytes
}

/// Whether ASCII bytes are ISO-2022-JP: they hold its escape into a JIS character set
/// (`ESC $ B`, `ESC $ @`, `ESC $ ( D`). Terminal colour codes (`ESC [`) are not that.
fn is_iso_2022_jp(bytes: &[u8]) -> bool {
    // Most pages hold no ESC at all: one byte search settles them.
    memchr::memchr(0x1B, bytes).is_some()
        && [&b"\x1b$B"[..], b"\x1b$@", b"\x1b$(D"]
            .iter()
            .any(|escape| memchr::memmem::find(bytes, escape).is_some())
}

/// Decodes mostly-UTF-8 bytes: each sequence that is not UTF-8 is read as windows-1252,
/// the usual reason for it (a line pasted from a legacy page, a cp1252 quote), so
/// `Tous droits r\xe9serv\xe9s` becomes `réservés` rather than `r�serv�s`. A character cut
/// off at the very end becomes U+FFFD. Returns the text, the bytes read as windows-1252,
/// and the replacements.
fn utf8_with_windows_1252(bytes: &[u8]) -> (String, usize, usize) {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut legacy = 0;
    let mut replaced = 0;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let Some(bad_len) = e.error_len() else {
                    text.push('\u{FFFD}');
                    replaced += 1;
                    break;
                };
                let (bad, next) = after.split_at(bad_len);
                let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bad);
                text.push_str(&decoded);
                legacy += bad.len();
                rest = next;
            }
        }
    }
    (text, legacy, replaced)
}

/// A text with at least this many bytes in valid multi-byte characters per byte that is
/// not UTF-8 is UTF-8 with pasted legacy bytes (a UTF-8 page with a line from a
/// windows-1252 page), not a legacy text. The bytes that are not UTF-8 are read as
/// windows-1252; a page that falls short goes to detection, and if that reads its UTF-8
/// characters as windows-1252, the repair stage reads them back.
const VALID_BYTES_PER_BROKEN: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> (String, Encoding) {
        decode(bytes).expect("decodes")
    }

    fn declared(bytes: &[u8], label: &str) -> (String, Encoding) {
        let encoding = RsEncoding::for_label(label.as_bytes()).unwrap();
        decode_declared(bytes, None, Some((encoding, "meta"))).unwrap()
    }

    #[test]
    fn a_declared_charset_decodes_legacy_bytes() {
        let (text, encoding) = declared(b"<p>caf\xe9 \xe0 Paris</p>", "iso-8859-1");
        assert_eq!(text, "<p>café à Paris</p>");
        assert_eq!(
            (encoding.name, encoding.decided_by),
            ("windows-1252", "meta")
        );
    }

    #[test]
    fn valid_utf8_beats_a_legacy_declaration() {
        let (text, encoding) = declared("<p>café</p>".as_bytes(), "windows-1252");
        assert_eq!(text, "<p>café</p>");
        assert_eq!(encoding.decided_by, "valid-utf-8");
        let (_, encoding) = declared(b"<p>ascii</p>", "utf-8");
        assert_eq!(encoding.decided_by, "meta");
    }

    #[test]
    fn an_html_document_reads_its_meta_charset() {
        let mut page = b"<html><head><meta charset=windows-1251></head><body><p>".to_vec();
        page.extend(encoding_rs::WINDOWS_1251.encode("Привет, мир").0.iter());
        let mut doc = Document::new("page.html", page);
        Decode::default().apply(&mut doc).unwrap();
        assert_eq!(doc.format, Format::Html);
        assert!(doc.text.contains("Привет, мир"));
        assert_eq!(doc.encoding.unwrap().decided_by, "meta");
    }

    #[test]
    fn a_given_charset_comes_before_the_meta_tag() {
        let mut doc = Document::new("p.html", b"<meta charset=koi8-r><p>\xe9t\xe9".to_vec());
        doc.charset = Some("iso-8859-1".into());
        Decode::default().apply(&mut doc).unwrap();
        assert!(doc.text.ends_with("été"));
        assert_eq!(doc.encoding.unwrap().decided_by, "given");
    }

    #[test]
    fn decoded_text_over_the_cap_is_too_large() {
        let stage = Decode { max_text_bytes: 4 };
        let mut doc = Document::new("t", b"hello world".to_vec());
        assert_eq!(stage.apply(&mut doc).unwrap_err().reason, "too-large");
        let mut doc = Document::new("t", b"hi".to_vec());
        assert!(stage.apply(&mut doc).is_ok());
    }

    #[test]
    fn utf8_is_taken_as_is() {
        let (text, enc) = decoded("Café – naïve".as_bytes());
        assert_eq!(text, "Café – naïve");
        assert_eq!((enc.name, enc.decided_by), ("UTF-8", "valid-utf-8"));
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let (text, enc) = decoded(b"\xef\xbb\xbfHello");
        assert_eq!(text, "Hello");
        assert_eq!((enc.name, enc.decided_by), ("UTF-8", "bom"));
    }

    #[test]
    fn utf16_with_bom_decodes() {
        for encoding in [UTF_16LE, UTF_16BE] {
            let mut bytes = if encoding == UTF_16LE {
                vec![0xff, 0xfe]
            } else {
                vec![0xfe, 0xff]
            };
            for unit in "Zürich – ok".encode_utf16() {
                let pair = if encoding == UTF_16LE {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                bytes.extend_from_slice(&pair);
            }
            let (text, enc) = decoded(&bytes);
            assert_eq!(text, "Zürich – ok");
            assert_eq!(enc.name, encoding.name());
        }
    }

    fn utf16(text: &str, encoding: &'static RsEncoding) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| {
                if encoding == UTF_16LE {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_without_bom_is_told_by_its_nul_bytes() {
        for text in [
            "Zürich – a city, 2024.\nSecond line.",
            "Москва — столица России. Вторая строка.",
        ] {
            for encoding in [UTF_16LE, UTF_16BE] {
                let (decoded, enc) = decoded(&utf16(text, encoding));
                assert_eq!(decoded, text);
                assert_eq!(
                    (enc.name, enc.decided_by),
                    (encoding.name(), "utf-16-pattern")
                );
            }
        }
    }

    #[test]
    fn nul_bytes_that_do_not_pattern_like_utf16_are_binary() {
        let mut bytes = utf16("Plain text in UTF-16, little-endian.", UTF_16LE);
        bytes[1] = 7;
        bytes.splice(4..4, [0, 0, 0, 0, 0]);
        assert_eq!(decode(&bytes).unwrap_err().reason, "binary");
        let records: Vec<u8> = (0u16..64).flat_map(|n| n.to_le_bytes()).collect();
        assert_eq!(decode(&records).unwrap_err().reason, "binary");
    }

    #[test]
    fn the_url_top_level_domain_guides_detection() {
        assert_eq!(
            top_level_domain("https://www.example.ru/a").as_deref(),
            Some("ru")
        );
        assert_eq!(top_level_domain("http://10.0.0.1/a"), None);
        // Three characters are too few to tell Shift_JIS from a Latin page by the bytes
        // alone; `.jp` settles it.
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("日本語");
        assert_ne!(decoded(&bytes).0, "日本語");
        let (text, enc) = decode_from(&bytes, Some("https://news.example.jp/1")).unwrap();
        assert_eq!((text.as_str(), enc.name), ("日本語", "Shift_JIS"));
    }

    #[test]
    fn windows_1252_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Café au lait – naïve readers’ guide to the café’s menu, déjà vu.");
        let (text, enc) = decoded(&bytes);
        assert_eq!(
            text,
            "Café au lait – naïve readers’ guide to the café’s menu, déjà vu."
        );
        assert_eq!(enc.decided_by, "detected");
        assert_eq!(enc.name, "windows-1252");
    }

    #[test]
    fn a_stray_byte_in_utf8_stays_utf8() {
        let mut bytes = "Zürich is a city. ".repeat(40).into_bytes();
        bytes.extend_from_slice(b"\xff ok");
        let (text, enc) = decoded(&bytes);
        assert_eq!(
            (enc.name, enc.decided_by, enc.windows_1252_bytes),
            ("UTF-8", "mostly-utf-8", 1)
        );
        assert!(text.starts_with("Zürich is a city."), "{text}");
        assert!(text.ends_with("ÿ ok"), "read as windows-1252: {text}");
    }

    #[test]
    fn controls_are_counted_per_character() {
        assert_eq!(count_controls("a\u{1}\u{85}é\n\t€"), (7, 2));
        assert_eq!(count_controls(""), (0, 0));
        assert_eq!(count_controls("é\n").1, 0);
        // Counts run in chunks of 255 bytes: a long text counts across chunk ends.
        let long = "\u{1}a\u{7f}\n\u{1b}".repeat(1000);
        assert_eq!(count_controls(&long), (5000, 2000));
    }

    #[test]
    fn short_utf8_cut_mid_character_stays_utf8() {
        let mut bytes = "Zürich café’s menu — ".as_bytes().to_vec();
        bytes.extend_from_slice(&"—".as_bytes()[..2]);
        let (text, enc) = decoded(&bytes);
        assert_eq!(
            (enc.name, enc.decided_by, enc.replaced),
            ("UTF-8", "mostly-utf-8", 1)
        );
        assert!(text.starts_with("Zürich café’s menu"), "{text}");
    }

    #[test]
    fn bytes_that_are_not_utf8_in_utf8_text_are_read_as_windows_1252() {
        let mut bytes = "“Quoted” – it’s a page. ".repeat(4).into_bytes();
        bytes.extend_from_slice(b"Tous droits r\xe9serv\xe9s. He said \x93yes\x94.");
        let (text, enc) = decoded(&bytes);
        assert!(
            text.ends_with("Tous droits réservés. He said “yes”."),
            "{text}"
        );
        assert_eq!(
            (enc.decided_by, enc.windows_1252_bytes, enc.replaced),
            ("mostly-utf-8", 4, 0)
        );
    }

    #[test]
    fn trailing_nul_padding_and_terminal_colours_are_text() {
        assert_eq!(decoded(b"Plain text.\0\0").0, "Plain text.");
        assert_eq!(decode(b"\0\0").unwrap_err().reason, "binary");
        let (text, _) = decoded(b"\x1b[31mError:\x1b[0m the build failed today");
        assert!(text.contains("Error:"));
    }

    #[test]
    fn a_utf8_page_with_one_legacy_line_stays_utf8() {
        let mut bytes = "“Quoted” – it’s a page with “many” UTF-8 marks’ ’ ’ ’ ’.\n"
            .repeat(3)
            .into_bytes();
        let (legacy, _, _) =
            encoding_rs::WINDOWS_1252.encode("Rédaction: Société Générale – Zürich\n");
        bytes.extend_from_slice(&legacy);
        let (text, enc) = decoded(&bytes);
        assert_eq!((enc.name, enc.decided_by), ("UTF-8", "mostly-utf-8"));
        assert!(text.starts_with("“Quoted” – it’s"), "{text}");
    }

    #[test]
    fn legacy_text_with_many_accents_is_not_taken_for_damaged_utf8() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Déjà vu à côté");
        assert_eq!(decoded(&bytes).1.name, "windows-1252");
    }

    #[test]
    fn random_high_bytes_are_binary_not_legacy_text() {
        // A fixed pseudo-random fill of 0x80..=0xFF: every byte is a character in
        // windows-1252, but there are no spaces between words.
        let mut state = 0x2545_f491u32;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                0x80 | (state >> 24) as u8
            })
            .collect();
        assert_eq!(decode(&bytes).unwrap_err().reason, "binary");
    }

    #[test]
    fn empty_and_blank_inputs_are_rejected() {
        assert_eq!(decode(b"").unwrap_err().reason, "empty");
        assert_eq!(decode(b" \n\t\r\n").unwrap_err().reason, "empty");
    }

    #[test]
    fn binary_inputs_are_rejected_with_what_they_are() {
        let png = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert_eq!(png.reason, "binary");
        assert!(png.detail.contains("PNG"), "{}", png.detail);
        assert_eq!(decode(b"abc\0def").unwrap_err().reason, "binary");
        let controls: Vec<u8> = (0..200u8)
            .map(|i| [1, 2, 3, b'a'][usize::from(i % 4)])
            .collect();
        assert_eq!(decode(&controls).unwrap_err().reason, "binary");
    }
}
