//! Compiling rule files: TOML text -> checked, compiled `RuleFile`s.
//!
//! Every check happens here, once, when the files load: TOML syntax, unknown keys, keys that
//! do not apply to a rule's kind, regexes that do not compile, capture groups that name no
//! field, duplicate ids. Each error names the file, line and column, and what was expected.
//! The stages never see a rule that could fail at run time.

use std::collections::HashSet;
use std::ops::Range;

use regex::Regex;

use super::line_regex::LineRegex;
use toml::Spanned;

use crate::rules::matcher::{compile_signature, Signature, SpanError};
use crate::rules::model::{
    GenericSpec, HtmlSpec, KindSpec, QuotesSpec, RuleFileSpec, RuleSpec, TestSpec, ZoneSpec,
};
use crate::rules::RuleError;
use crate::stages::normalize::{normalize_line, NormalizeChanges, NormalizeOptions, Quotes};

/// The name of the rule file that applies to every document.
pub const DEFAULT_FILE: &str = "_default.toml";

/// Zone sizes used when no file sets them.
const DEFAULT_HEADER_LINES: usize = 5;
const DEFAULT_FOOTER_LINES: usize = 12;

/// The fields a named capture group in a rule's regex may fill.
pub const CAPTURE_FIELDS: &[&str] = &["date", "updated", "title", "source", "author"];

/// One compiled rule file.
#[derive(Debug, Clone)]
pub struct RuleFile {
    /// The file name, e.g. `rt.toml`.
    pub name: String,
    /// The name without `.toml`: the prefix of this file's qualified rule ids.
    pub stem: String,
    /// Where it was loaded from: `embedded` or a path.
    pub origin: String,
    /// What the file is for.
    pub doc: Option<String>,
    /// The stems of the files it extends, with the span of each name in the file.
    pub extends: Vec<(String, Range<usize>)>,
    /// Which documents it applies to; `None` for `_default.toml`, which applies to all,
    /// and for a file that applies only where another file extends it.
    pub signature: Option<Signature>,
    /// Its `[[tests]]`.
    pub tests: Vec<RuleTest>,
    /// The zone sizes this file's rules use; `None` where the file sets none.
    pub header_lines: Option<usize>,
    /// See `header_lines`.
    pub footer_lines: Option<usize>,
    /// Normalization settings (only `_default.toml` may set them).
    pub normalize: Option<NormalizeOptions>,
    /// The `[generic]` settings this file gives; unset keys are `None`.
    pub generic: GenericOverrides,
    /// The `[html]` selectors this file gives.
    pub html: HtmlSelectors,
    /// The rules, in the order they are tried.
    pub rules: Vec<Rule>,
}

/// One `[[tests]]` example: an input and what must come out of the whole pipeline.
#[derive(Debug, Clone)]
pub struct RuleTest {
    /// The test's name, or `test N` (1-based) when it has none.
    pub name: String,
    /// The 1-based line of the test's `input` in the file.
    pub line: usize,
    /// The document text.
    pub input: String,
    /// The URL the document comes with.
    pub url: Option<String>,
    /// The input path the document comes with.
    pub path: Option<String>,
    /// The record text that must come out.
    pub output: Option<String>,
    /// Fields and the value each must have; `None` means the field must be null.
    pub fields: Vec<(&'static str, Option<String>)>,
    /// Qualified rule ids that must remove a line, with the span where each is written.
    pub removed_by: Vec<(String, Range<usize>)>,
}

/// One compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The qualified id, `<file stem>:<id>`.
    pub id: String,
    /// What the rule does, for people.
    pub doc: Option<String>,
    /// Where in the document the rule looks.
    pub zone: Zone,
    /// What it matches and does.
    pub kind: RuleKind,
}

/// Where in a document a rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Every line.
    Any,
    /// The first N non-blank lines.
    Header,
    /// The last N non-blank lines.
    Footer,
    /// The header and the footer zones: page chrome that stands at either end.
    Edges,
}

/// A compiled rule's matching logic.
#[derive(Debug, Clone)]
pub enum RuleKind {
    /// Remove each line that matches.
    Line(LineMatch),
    /// Remove from a `start` line up to an `end` line, or to the end of the document.
    Section {
        /// The first line removed.
        start: LineRegex,
        /// The line that closes the section.
        end: Option<LineRegex>,
        /// Whether the closing line is removed too.
        include_end: bool,
    },
    /// Remove lines made of at least `min_tokens` icon-font labels.
    IconRun {
        /// How many `icon…` tokens the line needs.
        min_tokens: usize,
    },
    /// Remove a date line, or cut a labelled date from a line's start; capture the date.
    Dateline,
}

/// How a `line` rule recognizes a line.
#[derive(Debug, Clone)]
pub enum LineMatch {
    /// The regex matches somewhere in the line; its named groups capture fields.
    Regex(LineRegex),
    /// The line equals this text.
    Literal(String),
}

/// Where the bytes of a rule file came from, for error messages.
pub struct Source<'a> {
    /// The file name, e.g. `rt.toml`.
    pub name: &'a str,
    /// How to show the file to a person: its path, or `rules/NAME (embedded)`.
    pub display: &'a str,
    /// The TOML text.
    pub text: &'a str,
}

/// Parses and checks one rule file. Literal strings (`literal`, `[match] contains`) are
/// normalized with `normalize`, the options of `_default.toml`, since they are compared
/// with normalized text.
pub fn compile_file(
    source: &Source<'_>,
    default_normalize: &NormalizeOptions,
) -> Result<RuleFile, RuleError> {
    let error = |span: Option<Range<usize>>, message: String| {
        RuleError::at(source.display, source.text, span, message)
    };
    let spec: RuleFileSpec =
        toml::from_str(source.text).map_err(|e| error(e.span(), e.message().to_string()))?;
    let is_default = source.name == DEFAULT_FILE;
    let stem = source
        .name
        .strip_suffix(".toml")
        .unwrap_or(source.name)
        .to_string();

    let signature = match (&spec.matcher, is_default) {
        (Some(_), true) => {
            return Err(error(
                table_span(source.text, "match"),
                format!("{DEFAULT_FILE} applies to every document and takes no [match] table"),
            ))
        }
        (None, _) => None,
        (Some(m), false) => {
            let conditions =
                m.domains.len() + m.urls.len() + m.paths.len() + m.contains.len() + m.regex.len();
            if conditions == 0 {
                return Err(error(
                    table_span(source.text, "match"),
                    "[match] needs at least one condition: `domains`, `urls`, `paths`, `contains` or `regex`".into(),
                ));
            }
            let signature = compile_signature(
                m,
                |needle| normalized_literal(needle, default_normalize),
                |re| compile_regex(re, true, false).map_err(|msg| (re.span(), msg)),
            );
            Some(signature.map_err(|(span, msg)| error(Some(span), msg))?)
        }
    };
    let extends = match &spec.extends {
        Some(_) if is_default => {
            return Err(error(
                table_span(source.text, "extends"),
                format!("{DEFAULT_FILE} applies to every document: it cannot extend other files"),
            ))
        }
        Some(names) => names
            .get_ref()
            .iter()
            .map(|n| {
                let name = n.get_ref();
                let stem = name.strip_suffix(".toml").unwrap_or(name);
                (stem.to_string(), n.span())
            })
            .collect(),
        None => Vec::new(),
    };

    let normalize = match &spec.normalize {
        Some(_) if !is_default => {
            return Err(error(
                table_span(source.text, "normalize"),
                format!("[normalize] is read from {DEFAULT_FILE} only: normalization runs before source files are matched"),
            ))
        }
        Some(n) => Some(NormalizeOptions {
            quotes: match n.quotes {
                Some(QuotesSpec::Ascii) => Quotes::Ascii,
                Some(QuotesSpec::Keep) | None => Quotes::Keep,
            },
        }),
        None => None,
    };

    let generic = match &spec.generic {
        Some(g) => compile_generic(g).map_err(|(span, msg)| error(Some(span), msg))?,
        None => GenericOverrides::default(),
    };
    let html = match &spec.html {
        Some(h) => compile_html(h).map_err(|(span, msg)| error(Some(span), msg))?,
        None => HtmlSelectors::default(),
    };

    // `_default.toml`'s own literals follow its own setting.
    let literals = normalize.unwrap_or(*default_normalize);
    let mut seen = HashSet::new();
    let mut rules = Vec::with_capacity(spec.rules.len());
    for rule in &spec.rules {
        if !seen.insert(rule.id.get_ref().clone()) {
            return Err(error(
                Some(rule.id.span()),
                format!("duplicate rule id `{}` in this file", rule.id.get_ref()),
            ));
        }
        let compiled = compile_rule(&stem, rule, &literals);
        rules.push(compiled.map_err(|(span, msg)| error(Some(span), msg))?);
    }

    let tests = spec
        .tests
        .iter()
        .enumerate()
        .map(|(i, test)| compile_test(&stem, i, test, source.text))
        .collect::<Result<_, _>>()
        .map_err(|(span, msg)| error(Some(span), msg))?;

    Ok(RuleFile {
        name: source.name.to_string(),
        stem,
        origin: source.display.to_string(),
        doc: spec.doc,
        extends,
        signature,
        tests,
        header_lines: spec.zones.as_ref().and_then(|z| z.header_lines),
        footer_lines: spec.zones.as_ref().and_then(|z| z.footer_lines),
        normalize,
        generic,
        html,
        rules,
    })
}

/// The `[generic]` keys a file sets, checked.
fn compile_generic(spec: &GenericSpec) -> Result<GenericOverrides, (Range<usize>, String)> {
    if let Some(docs) = &spec.recurring_docs {
        if *docs.get_ref() == 1 {
            return Err((
                docs.span(),
                "recurring_docs = 1 would remove every line: use 0 (off) or 2 or more".into(),
            ));
        }
    }
    if let Some(share) = &spec.main_text_share {
        if !(0.0..=1.0).contains(share.get_ref()) {
            return Err((
                share.span(),
                format!(
                    "main_text_share must be between 0 and 1, not {}",
                    share.get_ref()
                ),
            ));
        }
    }
    Ok(GenericOverrides {
        enabled: spec.enabled,
        recurring_docs: spec.recurring_docs.as_ref().map(|d| *d.get_ref()),
        main_text_share: spec.main_text_share.as_ref().map(|s| *s.get_ref()),
    })
}

/// A file's `[html]` selectors, compiled.
#[derive(Debug, Clone, Default)]
pub struct HtmlSelectors {
    /// Elements to drop.
    pub drop: Vec<scraper::Selector>,
    /// Elements that are the main content.
    pub keep: Vec<scraper::Selector>,
}

impl HtmlSelectors {
    /// Whether the file gives no selectors.
    pub fn is_empty(&self) -> bool {
        self.drop.is_empty() && self.keep.is_empty()
    }
}

/// The `[html]` selectors, parsed; a selector that does not parse is an error at its
/// position in the file.
fn compile_html(spec: &HtmlSpec) -> Result<HtmlSelectors, (Range<usize>, String)> {
    let parse = |list: &[Spanned<String>]| {
        list.iter()
            .map(|s| {
                scraper::Selector::parse(s.get_ref()).map_err(|e| {
                    (
                        s.span(),
                        format!("`{}` is not a CSS selector ({e:?})", s.get_ref()),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(HtmlSelectors {
        drop: parse(&spec.drop)?,
        keep: parse(&spec.keep)?,
    })
}

/// What a file's `[generic]` table sets; `None` leaves the key to later files.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GenericOverrides {
    /// `enabled`.
    pub enabled: Option<bool>,
    /// `recurring_docs`.
    pub recurring_docs: Option<usize>,
    /// `main_text_share`.
    pub main_text_share: Option<f64>,
}

/// Zone sizes for a file, falling back to `_default.toml`'s and then to built-in sizes.
pub fn zone_sizes(file: &RuleFile, default: Option<&RuleFile>) -> (usize, usize) {
    let header = file
        .header_lines
        .or(default.and_then(|d| d.header_lines))
        .unwrap_or(DEFAULT_HEADER_LINES);
    let footer = file
        .footer_lines
        .or(default.and_then(|d| d.footer_lines))
        .unwrap_or(DEFAULT_FOOTER_LINES);
    (header, footer)
}

/// Checks one `[[tests]]` entry. A test must expect something: one that checks nothing
/// would always pass.
fn compile_test(
    stem: &str,
    index: usize,
    spec: &TestSpec,
    text: &str,
) -> Result<RuleTest, SpanError> {
    let mut fields: Vec<(&'static str, Option<String>)> = [
        ("title", &spec.title),
        ("date", &spec.date),
        ("source", &spec.source),
        ("updated", &spec.updated),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.clone().map(|v| (name, Some(v))))
    .collect();
    for field in &spec.absent {
        let Some(&name) = TEST_FIELDS.iter().find(|f| **f == field.get_ref()) else {
            let msg = format!(
                "`{}` is no field a test can check: `absent` takes {}",
                field.get_ref(),
                TEST_FIELDS.join(", ")
            );
            return Err((field.span(), msg));
        };
        if fields.iter().any(|(f, _)| *f == name) {
            let msg = format!("`{name}` is both expected and listed in `absent`");
            return Err((field.span(), msg));
        }
        fields.push((name, None));
    }
    let removed_by: Vec<(String, Range<usize>)> = spec
        .removed_by
        .iter()
        .map(|id| {
            let id_text = id.get_ref();
            let qualified = if id_text.contains(':') {
                id_text.clone()
            } else {
                format!("{stem}:{id_text}")
            };
            (qualified, id.span())
        })
        .collect();
    if spec.output.is_none() && fields.is_empty() && removed_by.is_empty() {
        let msg = "this test checks nothing: give `output`, a field (`title`, `date`, `source`, `updated`), `absent` or `removed_by`";
        return Err((spec.input.span(), msg.into()));
    }
    let line = text
        .get(..spec.input.span().start)
        .map_or(1, |before| before.matches('\n').count() + 1);
    Ok(RuleTest {
        name: spec
            .name
            .clone()
            .unwrap_or_else(|| format!("test {}", index + 1)),
        line,
        input: spec.input.get_ref().clone(),
        url: spec.url.clone(),
        path: spec.path.clone(),
        output: spec.output.clone(),
        fields,
        removed_by,
    })
}

/// The fields a `[[tests]]` entry can check.
const TEST_FIELDS: &[&str] = &["title", "date", "source", "updated"];

/// A literal as the normalize stage would leave it, so that it can equal a normalized line.
fn normalized_literal(text: &str, options: &NormalizeOptions) -> String {
    normalize_line(text, options, &mut NormalizeChanges::default()).into_owned()
}

fn compile_rule(
    stem: &str,
    spec: &RuleSpec,
    normalize: &NormalizeOptions,
) -> Result<Rule, SpanError> {
    let id = spec.id.get_ref();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return Err((
            spec.id.span(),
            format!("rule id `{id}` must be non-empty and use only letters, digits, `-` and `_`"),
        ));
    }
    let kind_name = match spec.kind.get_ref() {
        KindSpec::Line => "line",
        KindSpec::Section => "section",
        KindSpec::IconRun => "icon_run",
        KindSpec::Dateline => "dateline",
    };
    // Keys that belong to other kinds are refused, so a misplaced key is never ignored.
    let allowed: &[&str] = match spec.kind.get_ref() {
        KindSpec::Line => &["regex", "literal"],
        KindSpec::Section => &["start", "end", "include_end"],
        KindSpec::IconRun => &["min_tokens"],
        KindSpec::Dateline => &[],
    };
    let present = [
        ("regex", spec.regex.as_ref().map(Spanned::span)),
        ("literal", spec.literal.as_ref().map(Spanned::span)),
        ("start", spec.start.as_ref().map(Spanned::span)),
        ("end", spec.end.as_ref().map(Spanned::span)),
        ("include_end", spec.include_end.as_ref().map(Spanned::span)),
        ("min_tokens", spec.min_tokens.as_ref().map(Spanned::span)),
    ];
    for (key, span) in present {
        if let Some(span) = span {
            if !allowed.contains(&key) {
                let expected = if allowed.is_empty() {
                    "no matching keys".to_string()
                } else {
                    allowed
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                return Err((
                    span,
                    format!(
                        "`{key}` does not apply to kind = \"{kind_name}\" (it takes {expected})"
                    ),
                ));
            }
        }
    }

    let kind = match spec.kind.get_ref() {
        KindSpec::Line => RuleKind::Line(match (&spec.regex, &spec.literal) {
            (Some(re), None) => LineMatch::Regex(LineRegex::new(line_regex(re, true)?)),
            (None, Some(lit)) => {
                let literal = normalized_literal(lit.get_ref(), normalize);
                if literal.is_empty() {
                    return Err((lit.span(), "`literal` must not be empty".into()));
                }
                LineMatch::Literal(literal)
            }
            _ => {
                return Err((
                    spec.kind.span(),
                    "a `line` rule needs exactly one of `regex` or `literal`".into(),
                ))
            }
        }),
        KindSpec::Section => {
            let Some(start) = &spec.start else {
                return Err((
                    spec.kind.span(),
                    "a `section` rule needs a `start` regex".into(),
                ));
            };
            RuleKind::Section {
                start: LineRegex::new(line_regex(start, false)?),
                end: spec
                    .end
                    .as_ref()
                    .map(|end| checked_regex(end, false).map(LineRegex::new))
                    .transpose()?,
                include_end: spec.include_end.as_ref().is_none_or(|b| *b.get_ref()),
            }
        }
        KindSpec::IconRun => {
            let min_tokens = spec.min_tokens.as_ref().map_or(4, |n| *n.get_ref());
            if min_tokens < 2 {
                let span = spec
                    .min_tokens
                    .as_ref()
                    .map_or(spec.kind.span(), Spanned::span);
                return Err((span, "`min_tokens` must be at least 2".into()));
            }
            RuleKind::IconRun { min_tokens }
        }
        KindSpec::Dateline => RuleKind::Dateline,
    };
    let default_zone = match spec.kind.get_ref() {
        KindSpec::Dateline => Zone::Header,
        _ => Zone::Any,
    };
    Ok(Rule {
        id: format!("{stem}:{id}"),
        doc: spec.doc.clone(),
        zone: match spec.zone {
            Some(ZoneSpec::Any) => Zone::Any,
            Some(ZoneSpec::Header) => Zone::Header,
            Some(ZoneSpec::Footer) => Zone::Footer,
            Some(ZoneSpec::Edges) => Zone::Edges,
            None => default_zone,
        },
        kind,
    })
}

/// Compiles a rule regex; `captures` says whether named groups (fields) may be used.
fn checked_regex(re: &Spanned<String>, captures: bool) -> Result<Regex, SpanError> {
    compile_regex(re, false, captures).map_err(|msg| (re.span(), msg))
}

/// Sentences any news article may hold. A rule regex that matches one would remove article
/// text everywhere: it is refused at load (`\b`, `[a-z]`, `.` unanchored).
const ORDINARY_SENTENCES: &[&str] = &[
    "The council voted on Tuesday to approve the new budget after a long debate.",
    "Officials said the plan would raise spending on schools and roads next year.",
    "Prices rose by 3 percent in March, according to the statistics office.",
];

/// A regex that selects lines to remove: it must not match an empty line (it would match
/// every line) nor an ordinary article sentence (it would remove article text).
fn line_regex(re: &Spanned<String>, captures: bool) -> Result<Regex, SpanError> {
    let compiled = checked_regex(re, captures)?;
    if compiled.is_match("") {
        let msg = "this regex matches an empty line, so it would remove every line: anchor it (`^...$`) or make it match at least one character";
        return Err((re.span(), msg.into()));
    }
    if let Some(sentence) = ORDINARY_SENTENCES.iter().find(|s| compiled.is_match(s)) {
        let msg = format!("this regex matches an ordinary sentence (`{sentence}`), so it would remove article text: anchor it (`^...$`) or make it more specific");
        return Err((re.span(), msg));
    }
    Ok(compiled)
}

/// Where a table's header (`[name]`) or first dotted key (`name.key = ...`) stands, for
/// errors about a whole table.
fn table_span(text: &str, name: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let header = trimmed.strip_prefix('[').is_some_and(|rest| {
            rest.trim_start()
                .strip_prefix(name)
                .is_some_and(|r| r.trim_start().starts_with(']'))
        });
        let dotted = trimmed
            .strip_prefix(name)
            .is_some_and(|r| r.trim_start().starts_with('.'));
        if header || dotted {
            let at = offset + line.len() - trimmed.len();
            return Some(at..at);
        }
        offset += line.len();
    }
    Some(0..0)
}

fn compile_regex(re: &Spanned<String>, multi_line: bool, captures: bool) -> Result<Regex, String> {
    let compiled = regex::RegexBuilder::new(re.get_ref())
        .multi_line(multi_line)
        .build()
        .map_err(|e| format!("invalid regex: {e}"))?;
    for name in compiled.capture_names().flatten() {
        if !captures {
            return Err(format!(
                "capture group `{name}` captures nothing here: fields are captured only by a `line` rule's `regex`; use `(?:...)`"
            ));
        }
        if !CAPTURE_FIELDS.contains(&name) {
            return Err(format!(
                "capture group `{name}` names no field: named groups may be {}",
                CAPTURE_FIELDS.join(", ")
            ));
        }
    }
    Ok(compiled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_only(text: &str) -> crate::rules::Subject<'_> {
        crate::rules::Subject {
            text,
            ..Default::default()
        }
    }

    fn compile(name: &str, text: &str) -> Result<RuleFile, RuleError> {
        let source = Source {
            name,
            display: name,
            text,
        };
        compile_file(&source, &NormalizeOptions::default())
    }

    #[test]
    fn dotted_key_tables_load_and_misplaced_tables_point_at_their_line() {
        let file = compile("x.toml", "match.contains = [\"Mickey\"]\n").unwrap();
        assert!(file.signature.unwrap().matches(&text_only("Mickey Mouse")));
        let text = "doc = \"d\"\nmatch.contains = [\"a\"]\nnormalize.quotes = \"ascii\"\n";
        let err = compile("x.toml", text).unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.message.contains("[normalize]"), "{err}");
    }

    #[test]
    fn html_selectors_compile_and_a_bad_one_points_at_its_position() {
        let text = "match.domains = [\"a.example\"]\n[html]\ndrop = [\"div.promo\", \"#x\"]\nkeep = [\"article\"]\n";
        let file = compile("a.toml", text).unwrap();
        assert_eq!((file.html.drop.len(), file.html.keep.len()), (2, 1));
        let text = "match.domains = [\"a.example\"]\n[html]\ndrop = [\"div.ok\", \"div..bad\"]\n";
        let err = compile("a.toml", text).unwrap_err();
        assert_eq!((err.line, err.column), (3, 19), "{err}");
        assert!(err.message.contains("not a CSS selector"), "{err}");
    }

    #[test]
    fn captures_outside_line_rules_and_multi_line_contains_are_refused() {
        let err = compile("x.toml", "[match]\nregex = ['(?P<source>x)']\n").unwrap_err();
        assert!(err.message.contains("captures nothing"), "{err}");
        let text = "[match]\ncontains = [\"a\"]\n[[rule]]\nid = \"s\"\nkind = \"section\"\nstart = '^(?P<title>x)$'\n";
        let err = compile("x.toml", text).unwrap_err();
        assert!(err.message.contains("captures nothing"), "{err}");
        let err = compile("x.toml", "[match]\ncontains = [\"a\\nb\"]\n").unwrap_err();
        assert!(err.message.contains("line break"), "{err}");
    }

    #[test]
    fn regexes_that_match_ordinary_sentences_are_refused() {
        for regex in [r"\b", "[a-z]", "(?i)the"] {
            let text = format!("[[rule]]\nid = \"r\"\nkind = \"line\"\nregex = '{regex}'\n");
            let err = compile(DEFAULT_FILE, &text).unwrap_err();
            assert!(err.message.contains("ordinary sentence"), "{regex}: {err}");
        }
        let ok = "[[rule]]\nid = \"правило\"\nkind = \"line\"\nregex = \"^To Top$\"\n";
        assert!(
            compile(DEFAULT_FILE, ok).is_ok(),
            "unicode ids are letters too"
        );
    }

    #[test]
    fn rules_that_match_everything_are_refused() {
        for text in [
            "[match]\ncontains = [\"\"]\n",
            "[match]\nregex = [\"x*\"]\n",
            "[match]\ncontains = [\"a\"]\n[[rule]]\nid = \"r\"\nkind = \"line\"\nregex = \"\"\n",
            "[match]\ncontains = [\"a\"]\n[[rule]]\nid = \"r\"\nkind = \"section\"\nstart = \"a?\"\n",
        ] {
            let err = compile("x.toml", text).unwrap_err();
            assert!(err.message.contains("every"), "{err}");
        }
    }

    #[test]
    fn literals_are_normalized_like_the_text() {
        let text = "[match]\ncontains = [\"Example\u{a0}News\"]\n[[rule]]\nid = \"r\"\nkind = \"line\"\nliteral = \" Home  |  News \"\n";
        let file = compile("x.toml", text).unwrap();
        assert!(file
            .signature
            .unwrap()
            .matches(&text_only("at Example News today")));
        assert!(
            matches!(&file.rules[0].kind, RuleKind::Line(LineMatch::Literal(l)) if l == "Home | News")
        );
    }

    #[test]
    fn unknown_top_level_key_names_line_column_and_valid_keys() {
        let err = compile("x.toml", "colour = 1\n[match]\ncontains = [\"a\"]\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 1));
        assert!(err.message.contains("colour"), "{err}");
        assert!(err.message.contains("rule"), "lists valid keys: {err}");
        assert!(err.to_string().starts_with("x.toml:1:1: "), "{err}");
    }

    #[test]
    fn bad_regex_points_at_the_regex() {
        let text = "[match]\ncontains = [\"a\"]\n\n[[rule]]\nid = \"r\"\nkind = \"line\"\nregex = \"(unclosed\"\n";
        let err = compile("x.toml", text).unwrap_err();
        assert_eq!((err.line, err.column), (7, 9));
        assert!(err.message.contains("invalid regex"), "{err}");
    }

    #[test]
    fn key_of_another_kind_is_refused() {
        let text = "[[rule]]\nid = \"r\"\nkind = \"line\"\nregex = \"a\"\nstart = \"b\"\n";
        let err = compile(DEFAULT_FILE, text).unwrap_err();
        assert_eq!(err.line, 5);
        assert!(err.message.contains("`start` does not apply"), "{err}");
    }

    #[test]
    fn capture_group_must_name_a_field() {
        let text = "[[rule]]\nid = \"r\"\nkind = \"line\"\nregex = \"(?P<sorce>x)\"\n";
        let err = compile(DEFAULT_FILE, text).unwrap_err();
        assert!(err.message.contains("sorce"), "{err}");
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let dup = "[[rule]]\nid = \"r\"\nkind = \"dateline\"\n[[rule]]\nid = \"r\"\nkind = \"dateline\"\n";
        let err = compile(DEFAULT_FILE, dup).unwrap_err();
        assert_eq!(err.line, 5);
        assert!(err.message.contains("duplicate"), "{err}");
    }

    #[test]
    fn unknown_kind_lists_the_kinds() {
        let err = compile(DEFAULT_FILE, "[[rule]]\nid = \"r\"\nkind = \"lines\"\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("section"), "{err}");
    }

    #[test]
    fn a_good_file_compiles_with_qualified_ids() {
        let text = "doc = \"x\"\n[match]\ncontains = [\"Site\"]\n[zones]\nfooter_lines = 3\n[[rule]]\nid = \"nav\"\nkind = \"line\"\nliteral = \"To Top\"\nzone = \"footer\"\n";
        let file = compile("site.toml", text).unwrap();
        assert_eq!(file.rules[0].id, "site:nav");
        assert_eq!(file.rules[0].zone, Zone::Footer);
        assert_eq!(file.footer_lines, Some(3));
        assert!(file.signature.unwrap().matches(&text_only("a Site b")));
    }
}
