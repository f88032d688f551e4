//! The rule-file format as a person writes it: plain serde structs, every key optional
//! where it can be, unknown keys refused.
//!
//! These types only describe TOML; `compile` checks them and turns them into the rule set
//! the stages use. Positions (`Spanned`) are kept on every value a later check may reject,
//! so that the error can name the file, line and column; not on tables, since `toml` cannot
//! give a dotted-key table (`match.contains = [...]`) a position. See `docs/rules.md`.

use serde::Deserialize;
use toml::Spanned;

/// One rule file: `rules/_default.toml` or a file for one source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFileSpec {
    /// What this file is for, in a sentence.
    pub doc: Option<String>,
    /// Other files (by name without `.toml`) whose rules this file brings along: they run
    /// right after this file's own rules wherever this file applies.
    pub extends: Option<Spanned<Vec<Spanned<String>>>>,
    /// Which documents the file applies to. Every file but `_default.toml` needs one,
    /// unless another file `extends` it.
    #[serde(rename = "match")]
    pub matcher: Option<MatchSpec>,
    /// How many lines count as the header and footer zones for this file's rules.
    pub zones: Option<ZonesSpec>,
    /// Normalization settings; read from `_default.toml` only.
    pub normalize: Option<NormalizeSpec>,
    /// Settings of the generic boilerplate stage for the documents this file applies to.
    pub generic: Option<GenericSpec>,
    /// CSS selectors for HTML pages this file applies to: elements to drop or to keep.
    pub html: Option<HtmlSpec>,
    /// The rules, in the order they are tried.
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleSpec>,
    /// Examples of what the file does: an input and what must come out.
    #[serde(default)]
    pub tests: Vec<TestSpec>,
}

/// `[match]`: the file applies to a document when any one of its conditions holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchSpec {
    /// Host names: the document's URL is on one of them or a subdomain (`rt.com` takes
    /// `www.rt.com`). Only documents whose URL is known can match.
    #[serde(default)]
    pub domains: Vec<Spanned<String>>,
    /// Glob patterns over the whole URL (`https://*.example.com/news/*`; `*` crosses `/`).
    #[serde(default)]
    pub urls: Vec<Spanned<String>>,
    /// Glob patterns over the input path as given (`**/rt/**`, `dumps/rt-*.txt`).
    #[serde(default)]
    pub paths: Vec<Spanned<String>>,
    /// Literal strings; any one occurring in the normalized text is enough.
    #[serde(default)]
    pub contains: Vec<Spanned<String>>,
    /// Regular expressions (multi-line mode: `^` and `$` match at line ends).
    #[serde(default)]
    pub regex: Vec<Spanned<String>>,
}

/// `[[tests]]`: one example run through the whole pipeline with every rule file loaded.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestSpec {
    /// What the example shows, printed when it fails.
    pub name: Option<String>,
    /// The document text.
    pub input: Spanned<String>,
    /// The URL the document comes with, if the example needs one.
    pub url: Option<String>,
    /// The input path the document comes with, if the example needs one.
    pub path: Option<String>,
    /// The record's text that must come out, exactly.
    pub output: Option<String>,
    /// The record's `title` that must come out.
    pub title: Option<String>,
    /// The record's `date` that must come out.
    pub date: Option<String>,
    /// The record's `source` that must come out.
    pub source: Option<String>,
    /// The record's `metadata.updated` that must come out.
    pub updated: Option<String>,
    /// Fields that must come out null: any of `title`, `date`, `source`, `updated`.
    #[serde(default)]
    pub absent: Vec<Spanned<String>>,
    /// Rule ids (`file:id`, or `id` for this file's) that must remove a line of the input.
    #[serde(default)]
    pub removed_by: Vec<Spanned<String>>,
}

/// `[zones]`: sizes of the header and footer zones, counted in non-blank lines.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZonesSpec {
    /// The first this many non-blank lines are the header zone.
    pub header_lines: Option<usize>,
    /// The last this many non-blank lines are the footer zone.
    pub footer_lines: Option<usize>,
}

/// `[normalize]`: how text is normalized.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalizeSpec {
    /// `keep` (default) keeps curly quotes; `ascii` folds them to `'` and `"`.
    pub quotes: Option<QuotesSpec>,
}

/// `[generic]`: the generic boilerplate stage, which needs no rules. Where several
/// applicable files set a key, the first file in run order wins (a source file before
/// `_default.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenericSpec {
    /// `false` turns the stage off for these documents (default `true`).
    pub enabled: Option<bool>,
    /// A line whose shape occurs in at least this many documents of the batch (of the
    /// same site, when URLs are known) is template boilerplate; `0` turns this evidence
    /// off (default 3).
    pub recurring_docs: Option<Spanned<usize>>,
    /// Below this share of the document's words (0 to 1) in its main text region, the
    /// page is no article and only clear boilerplate is removed (default 0.25).
    pub main_text_share: Option<Spanned<f64>>,
}

/// `[html]`: CSS selectors for the extract stage, for the HTML pages this file applies
/// to. Selectors of every applicable file count.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HtmlSpec {
    /// Elements to drop before the main content is looked for (`div.newsletter-box`).
    #[serde(default)]
    pub drop: Vec<Spanned<String>>,
    /// Elements that are the main content: when one matches, the text is taken from the
    /// matching elements, and nothing in them is dropped for its tag or class.
    #[serde(default)]
    pub keep: Vec<Spanned<String>>,
}

/// The `quotes` setting.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuotesSpec {
    /// Keep quotes as written.
    Keep,
    /// Fold quotes to ASCII.
    Ascii,
}

/// `[[rule]]`: one rule. Which keys apply depends on `kind`; `compile` refuses the others.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// A name unique within the file, e.g. `read-more`.
    pub id: Spanned<String>,
    /// What the rule does: `line`, `section`, `icon_run` or `dateline`.
    pub kind: Spanned<KindSpec>,
    /// What the rule removes and why, in a sentence or two.
    pub doc: Option<String>,
    /// Where the rule looks: `any` (default for most kinds), `header`, `footer` or `edges`
    /// (header and footer).
    pub zone: Option<ZoneSpec>,
    /// `line`: remove lines this regular expression matches.
    pub regex: Option<Spanned<String>>,
    /// `line`: remove lines equal to this text.
    pub literal: Option<Spanned<String>>,
    /// `section`: the regular expression of the first line removed.
    pub start: Option<Spanned<String>>,
    /// `section`: the regular expression of the line that ends the section; without it,
    /// or when no line matches, the section runs to the end of the document.
    pub end: Option<Spanned<String>>,
    /// `section`: whether the end line is removed too (default true).
    pub include_end: Option<Spanned<bool>>,
    /// `icon_run`: how many `icon…` tokens make a line an icon-font label run (default 4).
    pub min_tokens: Option<Spanned<usize>>,
}

/// The rule kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindSpec {
    /// Remove single lines by regex or literal.
    Line,
    /// Remove from a start line to an end line (or the end of the document).
    Section,
    /// Remove lines made of icon-font labels (`icon bookmarkicon cameraicon …`).
    IconRun,
    /// Remove a line that is a date, or cut a labelled date from the start of a line, and
    /// take the date as the publication date.
    Dateline,
}

/// The `zone` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ZoneSpec {
    /// Anywhere in the document.
    Any,
    /// The first `header_lines` non-blank lines.
    Header,
    /// The last `footer_lines` non-blank lines.
    Footer,
    /// The header and the footer zones together.
    Edges,
}
