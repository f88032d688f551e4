//! One index over the `line` rules of every file, so that finding the rules a line matches
//! costs about the same with ten rules or a thousand.
//!
//! Literal rules go in a hash map keyed by the line they equal; regex rules go in one
//! `RegexSet`, which answers "does any rule match this line?" in a single pass and, on the
//! rare lines that are boilerplate, which ones. The index is built once with the rule set
//! and shared read-only; it says what matches, never what to do about it (precedence and
//! zones are the boilerplate stage's business).

use std::collections::HashMap;

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
    regexes: Option<RegexSet>,
    regex_rules: Vec<RuleRef>,
    /// Regex rules left out of the set: those with a Unicode word boundary (`\b`), which
    /// the fast DFA cannot run on non-ASCII text and which would slow every pattern in the
    /// set. The stage runs them one by one, in their zone only.
    apart: Vec<RuleRef>,
}

impl LineIndex {
    /// Indexes the `line` rules of `files`.
    pub fn new(files: &[RuleFile]) -> LineIndex {
        let mut literals: HashMap<String, Vec<RuleRef>> = HashMap::new();
        let mut patterns = Vec::new();
        let mut regex_rules = Vec::new();
        let mut apart = Vec::new();
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
                    RuleKind::Line(LineMatch::Regex(re)) => {
                        patterns.push(re.as_str().to_string());
                        regex_rules.push(at);
                    }
                    _ => {}
                }
            }
        }
        let regexes = (!patterns.is_empty()).then(|| {
            RegexSet::new(&patterns)
                .expect("each pattern compiled on its own with the same options")
        });
        let shortest = literals.keys().map(String::len).min().unwrap_or(1);
        let longest = literals.keys().map(String::len).max().unwrap_or(0);
        LineIndex {
            literal_lengths: shortest..=longest,
            literals,
            regexes,
            regex_rules,
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
        if let Some(set) = &self.regexes {
            // `is_match` stops at the first match on the fast path; the full list is only
            // worth its cost on lines some rule takes.
            if set.is_match(line) {
                out.extend(
                    set.matches(line)
                        .into_iter()
                        .map(|pattern| self.regex_rules[pattern]),
                );
            }
        }
    }

    /// Whether `at` is a `line` rule this index finds; the others run on their own.
    pub fn covers(&self, at: RuleRef) -> bool {
        !self.apart.contains(&at)
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
