//! The `Document`: what flows through the stages, owned by one worker at a time.
//!
//! A document starts as raw bytes with a name saying where they came from, and each stage
//! adds to it: the decoded text, the blocks (lines) with their source line numbers, what
//! was removed and by which rule, and the metadata candidates. Stages mark, they do not
//! delete: a removed block stays in `blocks` with its reason, so that metadata can still
//! read it and the record can say what went. Nothing here does I/O.

use std::collections::BTreeMap;

/// One input on its way through the pipeline.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where the input came from: a path as given on the command line, or `-` for stdin.
    pub input: String,
    /// The page URL, when the input came with one (`--url`, a JSONL field, a WARC
    /// record's target URI).
    pub url: Option<String>,
    /// The document's id when its input gives one (`--id-field` of JSONL input); otherwise
    /// the record's id is made from the bytes.
    pub id: Option<String>,
    /// Fields of a JSONL input object that no mapping took: passed through to the record's
    /// `metadata.fields` unchanged.
    pub fields: BTreeMap<String, serde_json::Value>,
    /// The raw bytes as read. Decode turns them into `text`.
    pub bytes: Vec<u8>,
    /// Whether the bytes are plain text or HTML: set by `--format`, or by the container
    /// (a WARC response's `Content-Type`, `--html-field`); `Auto` until decode decides.
    pub format: Format,
    /// A charset given with the input (a WARC record's HTTP `Content-Type`), which decode
    /// trusts before anything the bytes say but a byte-order mark and valid UTF-8.
    pub charset: Option<String>,
    /// The decoded text (set by the decode stage); for HTML input, the extract stage
    /// replaces the markup with the main content's text, one block per line.
    pub text: String,
    /// What the extract stage did to an HTML page (`None` for text input).
    pub html: Option<HtmlReport>,
    /// How the bytes were decoded (set by the decode stage).
    pub encoding: Option<Encoding>,
    /// What the repair stage fixed, by kind (`mojibake`, `entities`, ...).
    pub repaired: BTreeMap<&'static str, usize>,
    /// The document's non-blank lines, in order (set by the blocks stage).
    pub blocks: Vec<Block>,
    /// What normalization changed, by kind (`odd_spaces`, `nfc`, ...), summed over blocks.
    pub normalized: BTreeMap<&'static str, usize>,
    /// The rule files that applied to this document, in the order they were consulted.
    pub rule_files: Vec<String>,
    /// Metadata values proposed by stages; the metadata stage picks one per field.
    pub candidates: Vec<Candidate>,
    /// The metadata chosen for the record, one entry per field that is known.
    pub chosen: Vec<Candidate>,
}

/// What the input is: plain text or an HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Not known yet: decode decides from the input's name and content.
    #[default]
    Auto,
    /// Plain text: one block per line.
    Text,
    /// An HTML page: the extract stage finds its main content.
    Html,
}

impl Format {
    /// The format's name as the CLI and records write it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Text => "text",
            Format::Html => "html",
        }
    }
}

/// What the extract stage removed from an HTML page and where it found the main content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlReport {
    /// A CSS-like path of the element the main content was taken from (`body > article`).
    pub main: String,
    /// Elements dropped, by reason (`script`, `navigation`, `hidden`, ...): how many
    /// elements and how many characters of visible text went with them.
    pub dropped: std::collections::BTreeMap<&'static str, Dropped>,
}

/// A count of dropped elements and the text they held.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dropped {
    /// Elements (or blocks) dropped for this reason.
    pub elements: usize,
    /// Characters of text they held (white space not counted).
    pub chars: usize,
}

/// The encoding the bytes were read in, and how that was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoding {
    /// The WHATWG name of the encoding, e.g. `UTF-8`, `windows-1252`.
    pub name: &'static str,
    /// How it was decided: `bom`, `given` (the charset that came with the input),
    /// `utf-16-pattern`, `valid-utf-8`, `meta` (an HTML page's `<meta charset>`),
    /// `mostly-utf-8` or `detected`.
    pub decided_by: &'static str,
    /// Byte sequences that could not be decoded and became U+FFFD.
    pub replaced: usize,
    /// In mostly-UTF-8 input, bytes that were not UTF-8 and were read as windows-1252.
    pub windows_1252_bytes: usize,
}

/// One non-blank line of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The 1-based line number in the decoded input.
    pub line: usize,
    /// The line's text; normalized once the normalize stage has run.
    pub text: String,
    /// Whether a blank line stands right before this one in the input.
    pub gap_before: bool,
    /// What happened to the block, if anything removed it or moved it into a field.
    pub fate: Fate,
    /// Text cut from the start of the line by a rule (a dateline in front of a paragraph).
    pub trimmed: Option<Trim>,
    /// The kinds of change normalization made to this line (`odd_spaces`, `nfc`, ...).
    pub normalized: Vec<&'static str>,
}

/// What became of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// The block is part of the record's text.
    Kept,
    /// A rule removed the block.
    Removed {
        /// The qualified rule id, `<file stem>:<rule id>`, e.g. `_default:read-more`.
        rule: String,
    },
    /// The block became the record's title and is not repeated in the text.
    Title,
}

/// A piece cut from the start of a block's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trim {
    /// The qualified rule id that cut it.
    pub rule: String,
    /// The text that was cut.
    pub text: String,
}

/// The metadata fields a record carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The publication date (ISO 8601 date or date-time).
    Date,
    /// A last-updated date, kept apart from the publication date.
    Updated,
    /// The headline.
    Title,
    /// The publication or site name.
    Source,
    /// An author's name (a document may have several: one candidate each).
    Author,
    /// The page's canonical URL, as the page states it.
    Url,
    /// The language of the text (ISO 639-3 code, e.g. `eng`).
    Language,
}

impl Field {
    /// The field's name as it appears in rule files and records.
    pub fn name(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Updated => "updated",
            Field::Title => "title",
            Field::Source => "source",
            Field::Author => "authors",
            Field::Url => "url",
            Field::Language => "language",
        }
    }
}

/// A proposed metadata value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Which field this is a value for.
    pub field: Field,
    /// The value, already in the record's form (an ISO date for dates).
    pub value: String,
    /// What proposed it: a qualified rule id, or a heuristic's name such as `headline`.
    pub from: String,
    /// The 1-based input line the value was read from.
    pub line: usize,
    /// The text it was read from, for people checking the choice.
    pub evidence: String,
    /// Precedence: the lowest rank wins. Rules rank by position (source files before
    /// `_default.toml`, then the order of rules in a file); heuristics rank after all rules.
    /// Page metadata (HTML input) ranks in a band of its own: see `stages::metadata`.
    pub rank: usize,
    /// How sure the proposer is, in percent, when it can say (page dates, the detected
    /// language); `None` for rule captures, which are as sure as the rule that made them.
    pub confidence: Option<u8>,
}

impl Document {
    /// A document for `bytes` read from `input`; nothing is decoded yet.
    pub fn new(input: impl Into<String>, bytes: Vec<u8>) -> Document {
        Document {
            input: input.into(),
            url: None,
            id: None,
            fields: BTreeMap::new(),
            bytes,
            format: Format::Auto,
            charset: None,
            text: String::new(),
            html: None,
            encoding: None,
            repaired: BTreeMap::new(),
            blocks: Vec::new(),
            normalized: BTreeMap::new(),
            rule_files: Vec::new(),
            candidates: Vec::new(),
            chosen: Vec::new(),
        }
    }

    /// The blocks still part of the text, in order.
    pub fn kept_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.fate == Fate::Kept)
    }

    /// The chosen value of a field, if one was chosen.
    pub fn chosen(&self, field: Field) -> Option<&Candidate> {
        self.chosen.iter().find(|c| c.field == field)
    }
}
