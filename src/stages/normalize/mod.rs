//! Normalize: each block's text made uniform so that rules match clean text.
//!
//! What changes is listed in [`normalize_line`]: Unicode NFC, odd spaces, zero-width and
//! control characters, look-alike apostrophes, runs of spaces. The stage counts each kind
//! of change for the record's metadata, and drops blocks that normalization left without
//! a visible character (a line of zero-width spaces is a blank line). It never changes
//! words or their order.

mod text;

use std::collections::BTreeMap;

pub use text::{normalize_line, normalize_text, NormalizeChanges, NormalizeOptions, Quotes};

use crate::document::Document;
use crate::stages::{Rejection, Stage};

/// The normalize stage, with the options the rule files chose.
#[derive(Debug, Default, Clone, Copy)]
pub struct Normalize {
    /// How quotes and apostrophes come out.
    pub options: NormalizeOptions,
}

impl Stage for Normalize {
    fn name(&self) -> &'static str {
        "normalize"
    }

    fn apply(&self, doc: &mut Document) -> Result<(), Rejection> {
        let mut changes = NormalizeChanges::default();
        let mut gap_pending = false;
        doc.blocks.retain_mut(|block| {
            let mut line_changes = NormalizeChanges::default();
            if let std::borrow::Cow::Owned(text) =
                normalize_line(&block.text, &self.options, &mut line_changes)
            {
                block.text = text;
            }
            if !line_changes.is_empty() {
                block.normalized = line_changes.as_map().into_keys().collect();
                changes.add(&line_changes);
            }
            if !block.text.chars().any(is_visible) {
                gap_pending = true;
                return false;
            }
            block.gap_before |= gap_pending;
            gap_pending = false;
            true
        });
        for (kind, n) in changes.as_map() {
            *doc.normalized.entry(kind).or_default() += n;
        }
        if doc.blocks.is_empty() {
            return Err(Rejection::new(
                "no-text",
                "the input holds no visible text (only control, zero-width or space characters)",
            ));
        }
        Ok(())
    }
}

/// Whether a character shows: not white space, and not one of the invisible formatting
/// characters normalization keeps because they matter next to others (ZWJ, ZWNJ,
/// direction marks, variation selectors). A line of only those is blank.
fn is_visible(c: char) -> bool {
    !c.is_whitespace()
        && !matches!(c,
            '\u{200c}'..='\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' | '\u{fe00}'..='\u{fe0f}')
}

impl NormalizeChanges {
    /// The non-zero counts by name, as written in the record's `metadata.normalized`.
    pub fn as_map(&self) -> BTreeMap<&'static str, usize> {
        [
            ("odd_spaces", self.odd_spaces),
            ("zero_width_removed", self.zero_width_removed),
            ("control_removed", self.control_removed),
            ("c1_as_windows_1252", self.c1_as_windows_1252),
            ("apostrophes", self.apostrophes),
            ("quotes_folded", self.quotes_folded),
            ("spaces_collapsed", self.spaces_collapsed),
            ("nfc", self.nfc),
        ]
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::blocks::split_lines;

    #[test]
    fn blocks_emptied_by_normalization_become_gaps() {
        let mut doc = Document::new("t", Vec::new());
        doc.blocks = split_lines("Head\n\u{200b}\u{feff}\nBody\u{a0}text");
        Normalize::default().apply(&mut doc).unwrap();
        let texts: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.gap_before))
            .collect();
        assert_eq!(texts, vec![("Head", false), ("Body text", true)]);
        assert_eq!(doc.normalized.get("odd_spaces"), Some(&1));
    }

    #[test]
    fn a_document_of_invisible_characters_is_rejected() {
        let mut doc = Document::new("t", Vec::new());
        doc.blocks = split_lines("\u{200b}\u{200b}\u{200d}\n\u{feff}\u{ad}\n\u{200e}");
        assert_eq!(
            Normalize::default().apply(&mut doc).unwrap_err().reason,
            "no-text"
        );
    }
}
