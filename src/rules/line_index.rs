//! One index over the `line` rules of every file, so that finding the rules a line matches
//! costs about the same with ten rules or a thousand.
//!
//! Literal rules go in a hash map keyed by the line they equal. Regexes anchored at the
//! start of the line with a known literal beginning (`^Read more: ...`, most site rules)
//! are found by that beginning: one Aho-Corasick automaton over all of them reads the
//! first bytes of a line and names the few regexes worth running. The other regexes
//! (case-insensitive alternations, unanchored ones) go in a `RegexSet`, which answers
//! "does any rule match this line?" in one pass. The index is built once with the rule set
//! and shared read-only; it says what matches, never what to do about it (precedence and
//! zones are the boilerplate stage's business).

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet};

use crate::rules::compile::{LineMatch, RuleFile, RuleKind};

/// A rule by position: `files[file].rules[rule]` of the rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleRef {
    /// The file's index in the rule set.
    pub file: usize,
    /// The rule's index in its file.
    pub rule: usize,
}

/// Every `line` rule of a rule set, indexed for one lookup per line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    literals: HashMap<String, Vec<RuleRef>>,
    /// The byte lengths of the shortest and longest literal: most lines (paragraphs) are
    /// longer than any literal and need no hashing.
    literal_lengths: std::ops::RangeInclusive<usize>,
    /// Anchored regexes by their possible beginnings. Pattern `i` of the automaton is a
    /// distinct beginning; `candidates[i]` lists the regexes (in `prefixed`) with a
    /// beginning that is a prefix of it, so the longest beginning a line starts with
    /// names every regex worth running on it.
    beginnings: Option<AhoCorasick>,
    candidates: Vec<Vec<usize>>,
    prefixed: Vec<(Regex, RuleRef)>,
    /// The longest beginning, in bytes: how much of a line the automaton reads.
    longest_beginning: usize,
    /// The other regex rules, in as few sets as fit the regex size limit; pattern `i` of a
    /// set is the rule at `i` of its list.
    sets: Vec<(RegexSet, Vec<RuleRef>)>,
    /// Regex rules left out of the set: those with a Unicode word boundary (`\b`), which
    /// the fast DFA cannot run on non-ASCII text and which would slow every pattern in the
    /// set. The stage runs them one by one, in their zone only.
    apart: Vec<RuleRef>,
}

impl LineIndex {
    /// Indexes the `line` rules of `files`.
    pub fn new(files: &[RuleFile]) -> LineIndex {
        let mut literals: HashMap<String, Vec<RuleRef>> = HashMap::new();
        let mut patterns: Vec<(&str, RuleRef)> = Vec::new();
        let mut apart = Vec::new();
        let mut beginnings: Vec<(String, usize)> = Vec::new();
        let mut prefixed = Vec::new();
        for (file_index, file) in files.iter().enumerate() {
            for (rule_index, rule) in file.rules.iter().enumerate() {
                let at = RuleRef {
                    file: file_index,
                    rule: rule_index,
                };
                match &rule.kind {
                    RuleKind::Line(LineMatch::Literal(text)) => {
                        literals.entry(text.clone()).or_default().push(at)
                    }
                    RuleKind::Line(LineMatch::Regex(re)) if has_unicode_word_boundary(re) => {
                        apart.push(at)
                    }
                    RuleKind::Line(LineMatch::Regex(re)) => match anchored_beginnings(re) {
                        Some(found) => {
                            for beginning in found {
                                beginnings.push((beginning, prefixed.len()));
                            }
                            prefixed.push((re.regex().clone(), at));
                        }
                        None => patterns.push((re.as_str(), at)),
                    },
                    _ => {}
                }
            }
        }
        let mut sets = Vec::new();
        build_sets(&patterns, &mut sets, &mut apart);
        apart.sort_unstable();
        let shortest = literals.keys().map(String::len).min().unwrap_or(1);
        let longest = literals.keys().map(String::len).max().unwrap_or(0);
        let longest_beginning = beginnings.iter().map(|(b, _)| b.len()).max().unwrap_or(0);
        let mut distinct: Vec<&str> = beginnings.iter().map(|(b, _)| b.as_str()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let candidates = distinct
            .iter()
            .map(|longest| {
                let mut regexes: Vec<usize> = beginnings
                    .iter()
                    .filter(|(b, _)| longest.starts_with(b.as_str()))
                    .map(|(_, regex)| *regex)
                    .collect();
                regexes.sort_unstable();
                regexes.dedup();
                regexes
            })
            .collect();
        let beginnings = (!distinct.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .start_kind(aho_corasick::StartKind::Anchored)
                .build(&distinct)
                .expect("short literal beginnings fit an automaton")
        });
        LineIndex {
            literal_lengths: shortest..=longest,
            literals,
            beginnings,
            candidates,
            prefixed,
            longest_beginning,
            sets,
            apart,
        }
    }

    /// Appends to `out` the indexed `line` rules that match `line`, in no particular order.
    pub fn matches(&self, line: &str, out: &mut Vec<RuleRef>) {
        if self.literal_lengths.contains(&line.len()) {
            if let Some(found) = self.literals.get(line) {
                out.extend_from_slice(found);
            }
        }
        if let Some(ac) = &self.beginnings {
            let head = &line.as_bytes()[..line.len().min(self.longest_beginning)];
            // Anchored: the automaton reads only as far as some beginning still fits.
            let input = aho_corasick::Input::new(head).anchored(aho_corasick::Anchored::Yes);
            if let Ok(Some(found)) = ac.try_find(input) {
                for &regex in &self.candidates[found.pattern().as_usize()] {
                    let (re, at) = &self.prefixed[regex];
                    if re.is_match(line) {
                        out.push(*at);
                    }
                }
            }
        }
        for (set, rules) in &self.sets {
            // `is_match` stops at the first match on the fast path; the full list is only
            // worth its cost on lines some rule takes.
            if set.is_match(line) {
                out.extend(set.matches(line).into_iter().map(|pattern| rules[pattern]));
            }
        }
    }

    /// Whether `at` is a `line` rule this index finds; the others run on their own.
    pub fn covers(&self, at: RuleRef) -> bool {
        self.apart.binary_search(&at).is_err()
    }
}

/// The literal texts a line must begin with for `re` to match it, when `re` is anchored at
/// the start (`^...`) and its beginning is a small set of non-empty literals; `None`
/// otherwise (the regex then goes in a set).
fn anchored_beginnings(re: &Regex) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    use regex_syntax::hir::Look;
    let hir = regex_syntax::Parser::new().parse(re.as_str()).ok()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix).limit_total(64);
    let seq = extractor.extract(&hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.len() > 64 {
        return None;
    }
    literals
        .iter()
        .map(|lit| {
            let text = std::str::from_utf8(lit.as_bytes()).ok()?;
            (!text.is_empty()).then(|| text.to_string())
        })
        .collect()
}

/// The size one compiled set may take. Above the default (10 MB), since one set of many
/// rules saves a pass per line for each set it replaces.
const SET_SIZE_LIMIT: usize = 64 << 20;

/// Compiles `patterns` into sets: all in one when it fits the size limit, else split in
/// halves until each part fits. A pattern that fits no set on its own goes to `apart`.
fn build_sets(
    patterns: &[(&str, RuleRef)],
    sets: &mut Vec<(RegexSet, Vec<RuleRef>)>,
    apart: &mut Vec<RuleRef>,
) {
    if patterns.is_empty() {
        return;
    }
    let built = regex::RegexSetBuilder::new(patterns.iter().map(|(p, _)| p))
        .size_limit(SET_SIZE_LIMIT)
        .dfa_size_limit(SET_SIZE_LIMIT / 4)
        .build();
    match built {
        Ok(set) => sets.push((set, patterns.iter().map(|(_, at)| *at).collect())),
        Err(_) if patterns.len() == 1 => apart.push(patterns[0].1),
        Err(_) => {
            let (left, right) = patterns.split_at(patterns.len() / 2);
            build_sets(left, sets, apart);
            build_sets(right, sets, apart);
        }
    }
}

/// Whether a regex uses a Unicode-aware word boundary (`\b`, `\B`, `\<`, ...).
fn has_unicode_word_boundary(re: &Regex) -> bool {
    regex_syntax::Parser::new()
        .parse(re.as_str())
        .map_or(true, |hir| {
            hir.properties().look_set().contains_word_unicode()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beginnings(pattern: &str) -> Option<Vec<String>> {
        anchored_beginnings(&Regex::new(pattern).unwrap())
    }

    #[test]
    fn anchored_regexes_are_found_by_their_literal_beginnings() {
        assert_eq!(beginnings("^READ MORE: \\S").unwrap(), ["READ MORE: "]);
        let mut both = beginnings("^(?:Popular On|More On) X$").unwrap();
        both.sort();
        assert_eq!(both, ["More On X", "Popular On X"]);
        // Unanchored, or with no literal beginning: they go in a set.
        assert_eq!(beginnings("READ MORE"), None);
        assert_eq!(beginnings("^\\d+ comments$"), None);
        assert_eq!(beginnings("^(?:Share)?Print$").map(|b| b.len()), Some(2));
    }

    #[test]
    fn the_index_finds_what_each_regex_finds() {
        use crate::rules::RuleSet;
        let text = r#"
[[rule]]
id = "a"
kind = "line"
regex = '^READ MORE: \S'
[[rule]]
id = "b"
kind = "line"
regex = '^(?i:share|tweet)$'
[[rule]]
id = "c"
kind = "line"
regex = '^READ MORE: [A-Z]'
[[rule]]
id = "d"
kind = "line"
literal = "To Top"
[[rule]]
id = "e"
kind = "line"
regex = '(?:^|\s)\b(?:Photo)\b'
"#;
        let set = RuleSet::from_texts(&[(crate::rules::DEFAULT_FILE, text)]).unwrap();
        let index = set.line_index();
        let found = |line: &str| {
            let mut out = Vec::new();
            index.matches(line, &mut out);
            let mut ids: Vec<String> = out.iter().map(|&at| set.rule(at).id.clone()).collect();
            ids.sort();
            ids
        };
        assert_eq!(
            found("READ MORE: Putin on hacks"),
            ["_default:a", "_default:c"]
        );
        assert_eq!(found("READ MORE: putin"), ["_default:a"]);
        assert_eq!(found("SHARE"), ["_default:b"]);
        assert_eq!(found("READ MORE: P"), ["_default:a", "_default:c"]);
        assert_eq!(found("To Top"), ["_default:d"]);
        assert!(found("Body text that READ MORE: X mentions").is_empty());
        // `\b` rules are left to the stage, in their zone.
        assert!(found("Photo by X").is_empty());
        assert!(!index.covers(RuleRef { file: 0, rule: 4 }));
    }

    #[test]
    fn the_index_agrees_with_every_rule_run_alone_on_the_samples() {
        use crate::rules::RuleSet;
        let set = RuleSet::embedded().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut lines: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            lines.extend(text.lines().map(|l| l.trim().to_string()));
        }
        lines.extend(
            [
                "Share",
                "READ MORE: X",
                "Popular On True Activist",
                "© 2020 A B. All rights reserved.",
                "More",
            ]
            .map(String::from),
        );
        for line in &lines {
            let mut indexed = Vec::new();
            set.line_index().matches(line, &mut indexed);
            indexed.sort();
            let mut alone = Vec::new();
            for (file, f) in set.files().iter().enumerate() {
                for (rule, r) in f.rules.iter().enumerate() {
                    let at = RuleRef { file, rule };
                    let hit = match &r.kind {
                        RuleKind::Line(LineMatch::Literal(t)) => t == line,
                        RuleKind::Line(LineMatch::Regex(re)) => re.is_match(line),
                        _ => false,
                    };
                    if hit && set.line_index().covers(at) {
                        alone.push(at);
                    }
                }
            }
            assert_eq!(indexed, alone, "{line}");
        }
    }
}
