//! HTML input at the decode stage: telling an HTML page from a text dump, and reading the
//! charset a page declares in its `<meta>` tags.
//!
//! Both look at the raw bytes before anything is decoded, as a browser does: the format by
//! the input's name and the first kilobytes' markup, the charset by a prescan of the first
//! [`PRESCAN_LEN`] bytes for `<meta charset>` or `<meta http-equiv="Content-Type"
//! content="...; charset=...">`. Nothing here decodes or parses the page.

use encoding_rs::{Encoding as RsEncoding, UTF_8, WINDOWS_1252};

use crate::document::Format;

/// How many bytes the format sniffing reads.
const SNIFF_LEN: usize = 16 * 1024;
/// How many bytes the charset prescan reads. The HTML standard says 1,024; real pages put
/// long `<script>` and `<link>` runs before their `<meta charset>`, so more is read.
pub const PRESCAN_LEN: usize = 8 * 1024;
/// A text sniffed as HTML by its tags has at least this many of them ...
const MIN_TAGS: usize = 5;
/// ... of at least this many different names (text about `<p>` repeats one) ...
const MIN_TAG_NAMES: usize = 3;
/// ... and at least one per this many bytes.
const BYTES_PER_TAG: usize = 400;

/// Element names that mark a page as HTML when they open the content: `<p>` or `<div>` in a
/// text dump is rare, and a page full of them is markup.
const TAG_NAMES: &[&[u8]] = &[
    b"p", b"div", b"span", b"a", b"br", b"img", b"table", b"tr", b"td", b"li", b"ul", b"ol", b"h1",
    b"h2", b"h3", b"h4", b"script", b"meta", b"link", b"section", b"article", b"b", b"i", b"em",
    b"strong", b"head", b"title", b"style", b"form", b"input", b"nav",
];

/// Decides whether an input is HTML: by its name (`.html`, `.htm`, `.xhtml`, `.shtml`,
/// also under `.gz` / `.zst`), else by its content: a doctype, an `<html>`, `<head>` or
/// `<body>` tag near the start, or a density of common tags. A file named as text
/// (`.txt`, `.text`, `.md`) is HTML only when it opens like a page (a doctype, `<html>`).
pub fn sniff_format(input: &str, bytes: &[u8]) -> Format {
    let name = input.to_ascii_lowercase();
    let name = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(&name);
    if [".html", ".htm", ".xhtml", ".shtml"]
        .iter()
        .any(|ext| name.ends_with(ext))
    {
        return Format::Html;
    }
    // A file named as text is text unless it opens like an HTML page: a dump of a page's
    // text may quote markup (a forum post, a code sample) without being markup.
    let named_text = [".txt", ".text", ".md"]
        .iter()
        .any(|ext| name.ends_with(ext));
    let html = if named_text {
        opens_like_html(bytes)
    } else {
        looks_like_html(bytes)
    };
    if html {
        Format::Html
    } else {
        Format::Text
    }
}

/// Whether the content opens like an HTML page: a doctype, `<html>`, `<head>` or an XML
/// declaration first, after a byte-order mark and white space.
pub fn opens_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = &start[start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(start.len())..];
    [&b"<!doctype html"[..], b"<html", b"<head", b"<?xml"]
        .iter()
        .any(|mark| starts_with_ignore_case(start, mark))
}

/// Whether the content is HTML: see [`sniff_format`].
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    // UTF-8 BOM and leading white space do not count.
    let start = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = &start[start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(start.len())..];
    let opening = &start[..start.len().min(1024)];
    for mark in [&b"<!doctype html"[..], b"<html", b"<head", b"<?xml"] {
        if starts_with_ignore_case(opening, mark) {
            return true;
        }
    }
    if [&b"<html"[..], b"<body", b"<head>"]
        .iter()
        .any(|mark| find_ignore_case(opening, mark).is_some())
    {
        return true;
    }
    let (tags, names) = count_tags(head);
    tags >= MIN_TAGS && names >= MIN_TAG_NAMES && tags * BYTES_PER_TAG >= head.len()
}

/// Counts `<name` and `</name` of the [`TAG_NAMES`], followed by `>`, `/` or white space,
/// and how many different names among them.
fn count_tags(bytes: &[u8]) -> (usize, usize) {
    let mut names = 0u64;
    let mut count = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let found = TAG_NAMES.iter().position(|name| {
            starts_with_ignore_case(rest, name)
                && rest
                    .get(name.len())
                    .is_some_and(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
        });
        if let Some(index) = found {
            count += 1;
            names |= 1 << index;
        }
    }
    (count, names.count_ones() as usize)
}

/// The encoding a page declares in a `<meta>` tag within its first [`PRESCAN_LEN`] bytes,
/// as the HTML standard maps it: a UTF-16 label means UTF-8 (the bytes were ASCII enough
/// to be read), `x-user-defined` means windows-1252. `None` when there is no declaration
/// or its label is unknown.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static RsEncoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_LEN)];
    let mut from = 0;
    while let Some(at) = find_ignore_case(&head[from..], b"<meta") {
        let tag_start = from + at + 5;
        let tag_end =
            memchr::memchr(b'>', &head[tag_start..]).map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        if let Some(label) = charset_in_tag(tag) {
            if let Some(encoding) = RsEncoding::for_label(label) {
                return Some(match encoding.name() {
                    "UTF-16LE" | "UTF-16BE" => UTF_8,
                    "x-user-defined" => WINDOWS_1252,
                    _ => encoding,
                });
            }
        }
        from = tag_end.max(tag_start);
    }
    None
}

/// The label after `charset=` inside one `<meta ...>` tag's attributes, quoted or not;
/// this covers both `charset="x"` and `content="text/html; charset=x"`.
fn charset_in_tag(tag: &[u8]) -> Option<&[u8]> {
    let at = find_ignore_case(tag, b"charset")?;
    let rest = &tag[at + 7..];
    let rest = trim_start(rest).strip_prefix(b"=")?;
    let rest = trim_start(rest);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let rest = trim_start(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[skip..]
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The position of `needle` (ASCII, lower case) in `hay`, ignoring ASCII case.
fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(at) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[from..]) {
        let at = from + at;
        if starts_with_ignore_case(&hay[at..], needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_told_by_doctype_html_tag_or_name() {
        assert_eq!(sniff_format("a.txt", b"<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(sniff_format("a.txt", b"\n  <HTML lang=en>"), Format::Html);
        assert_eq!(
            sniff_format("a", b"<meta charset=utf-8><title>x</title><body>"),
            Format::Html
        );
        assert_eq!(sniff_format("page.HTM", b"just words"), Format::Html);
        assert_eq!(sniff_format("dump/page.html.gz", b"words"), Format::Html);
        let markup_in_text = b"<p>A forum post</p> <div>quoting</div> <span>markup</span> <a>x</a> <b>y</b> <i>z</i> <li>1</li> <br> <em>e</em>";
        assert_eq!(sniff_format("post.html", markup_in_text), Format::Html);
        assert_eq!(sniff_format("dump/post.txt", markup_in_text), Format::Text);
        assert_eq!(
            sniff_format("dump/page.txt", b"<!DOCTYPE html><html><body>"),
            Format::Html
        );
    }

    #[test]
    fn a_fragment_dense_in_tags_is_html() {
        let fragment =
            b"<div class=a><p>One paragraph.</p><p>Another <a href=x>link</a>.</p><br></div>";
        assert_eq!(sniff_format("-", fragment), Format::Html);
    }

    #[test]
    fn text_mentioning_a_tag_is_text() {
        let text = "Use the <p> element for paragraphs, said the tutorial. ".repeat(20);
        assert_eq!(sniff_format("-", text.as_bytes()), Format::Text);
        assert_eq!(
            sniff_format("a.txt", b"Plain news text.\n\nMore."),
            Format::Text
        );
    }

    #[test]
    fn meta_charset_in_both_forms() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head>";
        assert_eq!(meta_charset(page).map(|e| e.name()), Some("windows-1251"));
        let page = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">";
        assert_eq!(meta_charset(page).map(|e| e.name()), Some("windows-1252"));
        let page = b"<meta name=viewport content=width><meta charset=shift_jis>";
        assert_eq!(meta_charset(page).map(|e| e.name()), Some("Shift_JIS"));
    }

    #[test]
    fn meta_charset_maps_utf16_to_utf8_and_ignores_unknown_labels() {
        assert_eq!(
            meta_charset(b"<meta charset=utf-16>").map(|e| e.name()),
            Some("UTF-8")
        );
        assert_eq!(meta_charset(b"<meta charset=klingon>"), None);
        assert_eq!(meta_charset(b"<p>charset=utf-8</p>"), None);
    }
}
