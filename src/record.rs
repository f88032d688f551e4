//! `Record` and `Reject`: what presswash writes out, one JSON object per line.
//!
//! The schema is documented in `docs/record.md`; `SCHEMA_VERSION` changes whenever a field
//! is removed or changes meaning (adding a field does not). A record is assembled once, at
//! the end, from the document's kept blocks and chosen metadata; nothing here decides what
//! to keep.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::document::{Block, Document, Fate, Field};

/// The version of the record schema written in every record's `schema` field.
pub const SCHEMA_VERSION: u32 = 1;

/// One cleaned document, as written to the records output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The record schema version (see `docs/record.md`).
    pub schema: u32,
    /// 16 hex digits of the SHA-256 of the input's raw bytes: the same bytes give the same id
    /// wherever they are read from. For JSONL input with an id field (`--id-field`), that
    /// field's value.
    pub id: String,
    /// Where the input came from: the path as given, or `-` for stdin.
    pub input: String,
    /// The page's URL: the canonical URL when an HTML page states one
    /// (`<link rel=canonical>`, `og:url`), else the URL the input came with (`--url`, a
    /// JSONL field, a WARC target URI); null otherwise.
    pub url: Option<String>,
    /// The headline, when the text starts with one; null otherwise.
    pub title: Option<String>,
    /// The publication date in ISO 8601 (`2016-11-08`, or `2016-10-07T19:40:00` when the
    /// text gives a time), when the text states it; null otherwise.
    pub date: Option<String>,
    /// The publication or site name as the text or page names it; null otherwise.
    pub source: Option<String>,
    /// The authors the page or a rule names, in order; empty when none is named.
    pub authors: Vec<String>,
    /// The language of the text as an ISO 639-3 code (`eng`, `deu`), when the detector is
    /// sure; null otherwise.
    pub language: Option<String>,
    /// The cleaned text: paragraphs separated by one blank line, headings on their own line.
    pub text: String,
    /// How the record was made: encoding, rule files, removals, normalization, origins.
    pub metadata: RecordMetadata,
}

/// How a record was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordMetadata {
    /// The encoding the input was decoded from.
    pub encoding: EncodingInfo,
    /// The rule files that applied, in the order they were consulted.
    pub rule_files: Vec<String>,
    /// Removed lines grouped by the rule that removed them, in order of first removal.
    pub removed: Vec<Removal>,
    /// Pieces cut from the start of kept lines (e.g. a dateline before the first paragraph).
    pub trimmed: Vec<Trimmed>,
    /// What the repair stage fixed, by kind; absent when nothing was repaired.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub repaired: BTreeMap<String, usize>,
    /// What normalization changed, by kind; only kinds with a non-zero count appear.
    pub normalized: BTreeMap<String, usize>,
    /// Where each non-null field (`date`, `title`, `source`, `updated`, `url`, `authors`,
    /// `language`) came from.
    pub origins: BTreeMap<String, Origin>,
    /// The URL the input came with, when the record's `url` is a different (canonical) one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_url: Option<String>,
    /// For HTML input: where the main content was found and what the extract stage
    /// dropped; absent for text input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<HtmlInfo>,
    /// A last-updated date, when the text states one apart from the publication date.
    pub updated: Option<String>,
    /// Bytes read.
    pub bytes_in: usize,
    /// Lines with visible text in the decoded input.
    pub lines_in: usize,
    /// Paragraphs (and headings) in the output text.
    pub lines_out: usize,
    /// The fields of a JSONL input object that no `--*-field` mapping took, unchanged;
    /// absent for other inputs.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, serde_json::Value>,
}

/// How the input's bytes were decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncodingInfo {
    /// The WHATWG name, e.g. `UTF-8`, `windows-1252`, `UTF-16LE`.
    pub name: String,
    /// `bom`, `given`, `utf-16-pattern`, `valid-utf-8`, `meta`, `mostly-utf-8` or
    /// `detected`.
    pub decided_by: String,
    /// Byte sequences that could not be decoded and became U+FFFD.
    pub replaced: usize,
    /// In mostly-UTF-8 input, bytes that were not UTF-8 and were read as windows-1252.
    #[serde(default)]
    pub windows_1252_bytes: usize,
}

/// What the extract stage did to an HTML page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HtmlInfo {
    /// A CSS-like path of the element the main content was taken from.
    pub main: String,
    /// Elements and blocks dropped, by reason: how many, and the characters of text
    /// (white space not counted) they held.
    pub dropped: BTreeMap<String, DroppedCount>,
}

/// How many elements one reason dropped, and their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedCount {
    /// Elements (or text blocks) dropped.
    pub elements: usize,
    /// Characters of text they held, white space not counted.
    pub chars: usize,
}

/// The lines one rule removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// The qualified rule id, `<file stem>:<rule id>`.
    pub rule: String,
    /// The 1-based input line numbers it removed.
    pub lines: Vec<usize>,
}

/// A piece a rule cut from the start of a kept line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trimmed {
    /// The qualified rule id.
    pub rule: String,
    /// The 1-based input line.
    pub line: usize,
    /// The text that was cut.
    pub text: String,
}

/// Where a metadata value came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    /// A qualified rule id, or a heuristic's name (`headline`).
    pub from: String,
    /// The 1-based input line it was read from.
    pub line: usize,
    /// The text it was read from.
    pub evidence: String,
    /// How sure the proposer was, from 0 to 1, when it says (page dates, the language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

/// An input that did not become a record, as written to the rejects file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reject {
    /// Where the input came from.
    pub input: String,
    /// The stage that rejected it: `read`, `decode`, `extract`, `normalize`, `boilerplate`,
    /// `generic`, `pipeline`.
    pub stage: String,
    /// A short, stable reason code: `binary`, `empty`, `no-text`, `unreadable`, ...
    pub reason: String,
    /// A sentence for a person: what was wrong, and what to do about it if anything.
    pub detail: String,
}

/// The stable id of an input: 16 hex digits of the SHA-256 of its raw bytes.
pub fn document_id(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    digest[..8]
        .iter()
        .flat_map(|&b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]])
        .map(char::from)
        .collect()
}

impl Record {
    /// Builds the record from a document that went through every stage.
    pub fn assemble(doc: &Document) -> Record {
        let (text, paragraphs) = paragraphs(doc);
        let field = |f: Field| doc.chosen(f).map(|c| c.value.clone());
        let origins = doc
            .chosen
            .iter()
            .map(|c| {
                let origin = Origin {
                    from: c.from.clone(),
                    line: c.line,
                    evidence: c.evidence.clone(),
                    confidence: c.confidence.map(|p| f64::from(p) / 100.0),
                };
                (c.field.name().to_string(), origin)
            })
            .collect();
        let encoding = doc.encoding.as_ref().map_or_else(
            || EncodingInfo {
                name: "UTF-8".into(),
                decided_by: "valid-utf-8".into(),
                replaced: 0,
                windows_1252_bytes: 0,
            },
            |e| EncodingInfo {
                name: e.name.to_string(),
                decided_by: e.decided_by.to_string(),
                replaced: e.replaced,
                windows_1252_bytes: e.windows_1252_bytes,
            },
        );
        let url = field(Field::Url).or_else(|| doc.url.clone());
        let fetched_url = doc
            .url
            .clone()
            .filter(|fetched| url.as_ref() != Some(fetched));
        Record {
            schema: SCHEMA_VERSION,
            id: doc.id.clone().unwrap_or_else(|| document_id(&doc.bytes)),
            input: doc.input.clone(),
            url,
            title: field(Field::Title),
            date: field(Field::Date),
            source: field(Field::Source),
            authors: doc
                .chosen
                .iter()
                .filter(|c| c.field == Field::Author)
                .map(|c| c.value.clone())
                .collect(),
            language: field(Field::Language),
            metadata: RecordMetadata {
                encoding,
                rule_files: doc.rule_files.clone(),
                removed: removals(doc),
                trimmed: doc
                    .blocks
                    .iter()
                    .filter_map(|b| {
                        b.trimmed.as_ref().map(|t| Trimmed {
                            rule: t.rule.clone(),
                            line: b.line,
                            text: t.text.clone(),
                        })
                    })
                    .collect(),
                repaired: doc
                    .repaired
                    .iter()
                    .map(|(kind, n)| (kind.to_string(), *n))
                    .collect(),
                normalized: doc
                    .normalized
                    .iter()
                    .map(|(kind, n)| (kind.to_string(), *n))
                    .collect(),
                origins,
                fetched_url,
                html: doc.html.as_ref().map(|h| HtmlInfo {
                    main: h.main.clone(),
                    dropped: h
                        .dropped
                        .iter()
                        .map(|(reason, d)| {
                            let count = DroppedCount {
                                elements: d.elements,
                                chars: d.chars,
                            };
                            (reason.to_string(), count)
                        })
                        .collect(),
                }),
                updated: field(Field::Updated),
                bytes_in: doc.bytes.len(),
                lines_in: doc.blocks.len(),
                lines_out: paragraphs,
                fields: doc.fields.clone(),
            },
            text,
        }
    }
}

/// The kept blocks as paragraphs, separated by a blank line, and how many paragraphs
/// there are. A kept line that continues the one right before it (no blank line and
/// nothing removed between, the first at least 50 characters and not ending a sentence,
/// the second starting with an all-lower-case word) is a hard-wrapped line of the same
/// paragraph, joined with a space (none after a hyphen).
fn paragraphs(doc: &Document) -> (String, usize) {
    // Written straight into the record's text: one allocation, each line copied once.
    let capacity = doc.kept_blocks().map(|b| b.text.len() + 2).sum();
    let mut text = String::with_capacity(capacity);
    let mut count = 0;
    let mut previous: Option<&Block> = None;
    for block in &doc.blocks {
        if block.fate == Fate::Kept {
            match previous {
                Some(prev) if count > 0 && prev.fate == Fate::Kept && continues(prev, block) => {
                    // `infor-` + `mation`: the hyphen stays, no space is added.
                    if !prev.text.ends_with('-') {
                        text.push(' ');
                    }
                }
                _ => {
                    if count > 0 {
                        text.push_str("\n\n");
                    }
                    count += 1;
                }
            }
            text.push_str(&block.text);
        }
        previous = Some(block);
    }
    (text, count)
}

/// Lines wrapped at a fixed width are at least this long; list items and verse are often
/// shorter, and stay lines of their own.
const WRAPPED_LINE_MIN_CHARS: usize = 50;

/// Whether `next` continues `prev`'s paragraph: see [`paragraphs`].
fn continues(prev: &Block, next: &Block) -> bool {
    // Cheapest first: most lines follow a gap. A line is only as long as the minimum when
    // it has a character at that place, so its characters are counted no further.
    if next.gap_before || prev.text.chars().nth(WRAPPED_LINE_MIN_CHARS - 1).is_none() {
        return false;
    }
    let ends_sentence = prev.text.ends_with([
        '.', '!', '?', ':', ';', '…', '"', '”', '’', '\'', ')', ']', '»',
    ]);
    // `iPhone`, `eBay`, `iOS` start in lower case too, but a word with a capital in it is a
    // name, which may well open a new block.
    let first_word = next.text.split_whitespace().next().unwrap_or("");
    let starts_lower = first_word.chars().next().is_some_and(char::is_lowercase)
        && !first_word.chars().any(char::is_uppercase);
    !next.gap_before && !ends_sentence && starts_lower
}

/// Groups removed blocks by rule, keeping the order in which rules first removed a line.
pub fn removals(doc: &Document) -> Vec<Removal> {
    let mut out: Vec<Removal> = Vec::new();
    for block in &doc.blocks {
        let Fate::Removed { rule } = &block.fate else {
            continue;
        };
        match out.iter_mut().find(|r| &r.rule == rule) {
            Some(removal) => removal.lines.push(block.line),
            None => out.push(Removal {
                rule: rule.clone(),
                lines: vec![block.line],
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record's paragraphs, one string each.
    fn paragraphs(doc: &Document) -> Vec<String> {
        let (text, count) = super::paragraphs(doc);
        let found: Vec<String> = match count {
            0 => Vec::new(),
            _ => text.split("\n\n").map(String::from).collect(),
        };
        assert_eq!(found.len(), count, "{text:?}");
        found
    }

    fn document(text: &str) -> Document {
        let mut doc = Document::new("t", text.as_bytes().to_vec());
        doc.blocks = crate::stages::blocks::split_lines(text);
        doc
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph() {
        let doc = document("After a long count that went on through the night, the result of the\nelection was announced.\nA new line starts here.\n\nlower after a gap");
        assert_eq!(
            paragraphs(&doc),
            vec![
                "After a long count that went on through the night, the result of the election was announced.",
                "A new line starts here.",
                "lower after a gap"
            ]
        );
    }

    #[test]
    fn short_lines_of_lists_and_verse_do_not_join() {
        let doc = document("pizza fritta\nsfogliatella riccia\nragù napoletano");
        assert_eq!(paragraphs(&doc).len(), 3);
        let doc = document(
            "The committee said it needed more time to collect infor-\nmation from the ministries.",
        );
        assert_eq!(
            paragraphs(&doc),
            vec!["The committee said it needed more time to collect infor-mation from the ministries."]
        );
    }

    #[test]
    fn lines_starting_with_a_lower_case_brand_do_not_join() {
        let doc = document(
            "The new models\niPhone 15 sales began on Friday.\nPrices\neBay listings fell.",
        );
        assert_eq!(paragraphs(&doc).len(), 4);
    }

    #[test]
    fn lines_around_a_removed_line_do_not_join() {
        let mut doc = document("Kept line without period\nremoved line\nkept again");
        doc.blocks[1].fate = Fate::Removed { rule: "r".into() };
        assert_eq!(
            paragraphs(&doc),
            vec!["Kept line without period", "kept again"]
        );
    }

    #[test]
    fn id_is_stable_and_depends_on_bytes_only() {
        assert_eq!(document_id(b"hello"), document_id(b"hello"));
        assert_ne!(document_id(b"hello"), document_id(b"hello "));
        assert_eq!(document_id(b"hello").len(), 16);
        // SHA-256("hello") starts 2cf24dba5fb0a30e.
        assert_eq!(document_id(b"hello"), "2cf24dba5fb0a30e");
    }
}
