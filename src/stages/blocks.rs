//! Blocks: decoded text to an ordered list of non-blank lines, each with its line number.
//!
//! A scraped text dump holds one block per line (a paragraph, a heading, a menu item), so a
//! line is the unit every later stage works on, and blank lines only tell where a gap was.
//! HTML input will produce the same list from its DOM; from here on one code path serves
//! both. This stage does not change any text.

use crate::document::{Block, Document, Fate};
use crate::stages::{Rejection, Stage};

/// The blocks stage. See the module documentation.
#[derive(Debug, Default, Clone, Copy)]
pub struct SplitBlocks;

impl Stage for SplitBlocks {
    fn name(&self) -> &'static str {
        "blocks"
    }

    fn apply(&self, doc: &mut Document) -> Result<(), Rejection> {
        doc.blocks = split_lines(&doc.text);
        Ok(())
    }
}

/// Line breaks other than LF and CR: vertical tab and form feed, and the Unicode line and
/// paragraph separators. They end a line like LF does, rather than being deleted as
/// control characters and gluing two lines together. NEL (U+0085) is not one: in scraped
/// text it is almost always a windows-1252 `…` decoded as Latin-1, which normalize fixes.
const OTHER_BREAKS: [char; 4] = ['\u{b}', '\u{c}', '\u{2028}', '\u{2029}'];

/// Splits text at LF, CRLF, a lone CR, NEL, U+2028 or U+2029 into blocks for its
/// non-blank lines.
pub fn split_lines(text: &str) -> Vec<Block> {
    if has_other_breaks(text) {
        return split_lines(&text.replace(OTHER_BREAKS, "\n"));
    }
    // As many blocks as lines at most: counting the LFs is one fast pass, and saves
    // growing the list block by block.
    let capacity = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut blocks = Vec::with_capacity(capacity);
    let mut gap_before = false;
    for (index, line) in lines(text).enumerate() {
        if line.chars().all(char::is_whitespace) {
            gap_before = true;
            continue;
        }
        blocks.push(Block {
            line: index + 1,
            text: line.to_string(),
            gap_before,
            fate: Fate::Kept,
            trimmed: None,
            normalized: Vec::new(),
        });
        gap_before = false;
    }
    blocks
}

/// Whether `text` holds one of the [`OTHER_BREAKS`]: one pass for the two ASCII ones, and one
/// for each of the two others, with searchers built once (building one costs more than a
/// short document's search).
fn has_other_breaks(text: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static SEPARATORS: LazyLock<[Finder<'static>; 2]> =
        LazyLock::new(|| ["\u{2028}", "\u{2029}"].map(|c| Finder::new(c.as_bytes())));
    let bytes = text.as_bytes();
    memchr::memchr2(b'\x0b', b'\x0c', bytes).is_some()
        || SEPARATORS.iter().any(|finder| finder.find(bytes).is_some())
}

/// The lines of `text`, with CRLF and lone CR both ending a line.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match memchr::memchr2(b'\n', b'\r', current.as_bytes()) {
            Some(at) => {
                let skip = if current[at..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = Some(&current[at + skip..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(text: &str) -> Vec<(usize, String, bool)> {
        split_lines(text)
            .into_iter()
            .map(|b| (b.line, b.text, b.gap_before))
            .collect()
    }

    #[test]
    fn lines_keep_their_numbers_and_gaps() {
        assert_eq!(
            summary("Title\n\nFirst.\nSecond.\n\n\n\nLast"),
            vec![
                (1, "Title".into(), false),
                (3, "First.".into(), true),
                (4, "Second.".into(), false),
                (8, "Last".into(), true),
            ]
        );
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        assert_eq!(
            summary("a\r\nb\rc\r\n\r\nd"),
            vec![
                (1, "a".into(), false),
                (2, "b".into(), false),
                (3, "c".into(), false),
                (5, "d".into(), true),
            ]
        );
    }

    #[test]
    fn other_line_breaks_end_lines_too() {
        assert_eq!(
            summary("a.\u{b}b\u{2028}c\u{2029}\u{c}d"),
            vec![
                (1, "a.".into(), false),
                (2, "b".into(), false),
                (3, "c".into(), false),
                (5, "d".into(), true),
            ]
        );
    }

    #[test]
    fn each_other_break_is_found() {
        for c in OTHER_BREAKS {
            assert!(has_other_breaks(&format!("a{c}b")), "{c:?}");
        }
        assert!(!has_other_breaks("a\nb\r\nc – “d” \u{85}"));
    }

    #[test]
    fn white_space_only_lines_are_gaps() {
        assert_eq!(
            summary("a\n \u{a0}\t\nb\n"),
            vec![(1, "a".into(), false), (3, "b".into(), true)]
        );
    }
}
