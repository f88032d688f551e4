//! Finds site-template lines (footers, share prompts, navigation, newsletter
//! boxes) that recur across many documents and renders them as rule-file
//! entries: the engine behind `presswash rules suggest`.
//!
//! It must not do I/O or know how documents are read or normalized (callers
//! hand over finished lines), must not let memory grow with the corpus (counts
//! live in a fixed number of Misra–Gries counters), and must never propose a
//! line that occurs in only one document.
//!
//! `recurring.rs` counts the same evidence for the generic boilerplate stage, keyed by a
//! hash of each line's shape rather than its text.

mod recurring;
mod render;

use std::collections::{BTreeMap, HashMap, HashSet};

pub use recurring::{shape_hash, RecurringInGroup, RecurringLines, ShapeCounter};
pub use render::render_toml;

/// One normalized line of a document, as given to [`LineCounter::add_document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocLine<'a> {
    /// The normalized text of the line.
    pub text: &'a str,
    /// Qualified id of an existing rule that already removes this line in this
    /// document (e.g. `"_default:copyright"`), if any.
    pub removed_by: Option<&'a str>,
}

/// Thresholds for [`LineCounter::suggest`]. A line is suggested for a group
/// when it occurs in at least `max(min_docs, 2)` documents and in at least
/// `min_share` of that group's documents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SuggestOptions {
    /// Share of the group's documents (0..=1) a line must occur in; values
    /// outside that range are clamped.
    pub min_share: f64,
    /// Documents a line must occur in; anything below 2 counts as 2.
    pub min_docs: usize,
}

/// How a suggested rule matches its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// Every occurrence had exactly this text.
    Literal(String),
    /// Occurrences differed only in digit runs: an anchored regex with `\d+`
    /// in place of each run.
    Regex(String),
}

/// One proposed `[[rule]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSuggestion {
    /// Rule id: a slug of the line's first words, unique within its group.
    pub id: String,
    /// What the rule matches.
    pub pattern: Pattern,
    /// Documents of the group holding the line; an underestimate by at most
    /// [`LineCounter::max_undercount`].
    pub documents: usize,
    /// One text the line was seen with.
    pub example: String,
    /// When existing rules already remove the line: the most common such rule
    /// and in how many of the line's documents any rule removed it.
    pub covered_by: Option<(String, usize)>,
}

/// The suggestions for one detected source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSuggestion {
    /// Source name, or `None` for documents whose source was not detected.
    pub group: Option<String>,
    /// Documents seen for this group (exact).
    pub documents: usize,
    /// Suggested lines, most documents first, then by text.
    pub lines: Vec<LineSuggestion>,
    /// A literal line in at least 90% of the group's documents, long enough
    /// (12+ characters) to serve as the rule file's `[match] contains` string.
    pub signature: Option<String>,
}

/// Counts, with bounded memory, how many documents of each group hold each
/// line shape (the line with digit runs abstracted).
#[derive(Debug)]
pub struct LineCounter {
    capacity: usize,
    counters: HashMap<(usize, String), Counter>,
    /// (name, documents); groups are few, so a linear lookup is fine.
    groups: Vec<(Option<String>, usize)>,
    documents: usize,
    decrement_rounds: usize,
}

#[derive(Debug)]
struct Counter {
    documents: usize,
    example: String,
    same_text: bool,
    covered_docs: usize,
    covering_rules: Vec<(String, usize)>,
}

impl LineCounter {
    /// Creates a counter keeping at most `capacity` (group, line) counters
    /// (at least 1). Counts are exact while the distinct line shapes stay
    /// within `capacity`; beyond that, rare lines are forgotten and every
    /// count may be low by at most [`LineCounter::max_undercount`].
    pub fn new(capacity: usize) -> LineCounter {
        LineCounter {
            capacity: capacity.max(1),
            counters: HashMap::new(),
            groups: Vec::new(),
            documents: 0,
            decrement_rounds: 0,
        }
    }

    /// Adds one document. `group` is the detected source name (`None` when
    /// unknown). A line occurring several times in one document counts once.
    /// Lines without a letter and with at most three visible characters
    /// (`|`, `-`, page numbers) are ignored: they would make useless rules.
    pub fn add_document(&mut self, group: Option<&str>, lines: &[DocLine<'_>]) {
        self.documents += 1;
        let group_id = match self.groups.iter().position(|(g, _)| g.as_deref() == group) {
            Some(id) => id,
            None => {
                self.groups.push((group.map(str::to_string), 0));
                self.groups.len() - 1
            }
        };
        self.groups[group_id].1 += 1;

        // Fold repeats: key -> (first text, all repeats identical, removing rule).
        // A BTreeMap keeps the feed order independent of hashing, so which
        // keys survive a decrement round is reproducible.
        let mut seen: BTreeMap<String, (&str, bool, Option<&str>)> = BTreeMap::new();
        for line in lines.iter().filter(|l| !is_trivial(l.text)) {
            let entry = seen
                .entry(digit_regex(line.text))
                .or_insert((line.text, true, None));
            entry.1 &= entry.0 == line.text;
            entry.2 = entry.2.or(line.removed_by);
        }
        for (key, (text, same_text, removed_by)) in seen {
            self.count((group_id, key), text, same_text, removed_by);
        }
        debug_assert!(self.counters.len() <= self.capacity);
    }

    /// Number of documents added so far.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// Upper bound on how far any reported count falls short of the truth:
    /// 0 while the distinct line shapes fit in the capacity, and never more
    /// than (line occurrences counted) / (capacity + 1).
    pub fn max_undercount(&self) -> usize {
        self.decrement_rounds
    }

    /// Lines worth a rule, per group: named groups sorted by name, then the
    /// unknown-source group; groups without suggestions are left out.
    pub fn suggest(&self, options: &SuggestOptions) -> Vec<GroupSuggestion> {
        let mut by_group: Vec<Vec<&Counter>> = self.groups.iter().map(|_| Vec::new()).collect();
        for ((group, _), counter) in &self.counters {
            by_group[*group].push(counter);
        }
        let mut out = Vec::new();
        for (counters, (name, group_docs)) in by_group.into_iter().zip(&self.groups) {
            let floor = required_documents(options, *group_docs);
            let mut chosen: Vec<&Counter> = counters
                .iter()
                .copied()
                .filter(|c| c.documents >= floor)
                .collect();
            if chosen.is_empty() {
                continue;
            }
            chosen.sort_by(|a, b| {
                b.documents
                    .cmp(&a.documents)
                    .then_with(|| a.example.cmp(&b.example))
            });
            let mut used = HashSet::new();
            let lines = chosen
                .into_iter()
                .map(|c| LineSuggestion {
                    id: unique_id(&c.example, &mut used),
                    pattern: c.pattern(),
                    documents: c.documents,
                    example: c.example.clone(),
                    covered_by: c.covered_by(),
                })
                .collect();
            out.push(GroupSuggestion {
                group: name.clone(),
                documents: *group_docs,
                lines,
                signature: signature(&counters, *group_docs),
            });
        }
        out.sort_by(|a, b| (a.group.is_none(), &a.group).cmp(&(b.group.is_none(), &b.group)));
        out
    }

    fn count(&mut self, key: (usize, String), text: &str, same: bool, removed_by: Option<&str>) {
        if let Some(counter) = self.counters.get_mut(&key) {
            counter.documents += 1;
            counter.same_text &= same && counter.example == text;
            counter.add_cover(removed_by);
        } else if self.counters.len() < self.capacity {
            let mut counter = Counter {
                documents: 1,
                example: text.to_string(),
                same_text: same,
                covered_docs: 0,
                covering_rules: Vec::new(),
            };
            counter.add_cover(removed_by);
            self.counters.insert(key, counter);
        } else {
            // Misra–Gries: the newcomer cancels out against one occurrence of
            // every tracked key. Each round discards capacity + 1 occurrences,
            // so the rounds (and so any count's shortfall) stay few.
            self.decrement_rounds += 1;
            self.counters.retain(|_, c| {
                c.documents -= 1;
                c.documents > 0
            });
        }
    }
}

impl Counter {
    fn add_cover(&mut self, rule: Option<&str>) {
        let Some(rule) = rule else { return };
        self.covered_docs += 1;
        match self.covering_rules.iter_mut().find(|(r, _)| r == rule) {
            Some(entry) => entry.1 += 1,
            None => self.covering_rules.push((rule.to_string(), 1)),
        }
    }

    fn pattern(&self) -> Pattern {
        if self.same_text {
            Pattern::Literal(self.example.clone())
        } else {
            Pattern::Regex(digit_regex(&self.example))
        }
    }

    fn covered_by(&self) -> Option<(String, usize)> {
        let (rule, _) = self
            .covering_rules
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
        // Decrement rounds lower `documents` but not the cover tallies.
        Some((rule.clone(), self.covered_docs.min(self.documents)))
    }
}

fn required_documents(options: &SuggestOptions, group_docs: usize) -> usize {
    let share = options.min_share.clamp(0.0, 1.0);
    options.min_docs.max(2).max(ceil_share(share, group_docs))
}

fn ceil_share(share: f64, n: usize) -> usize {
    // The epsilon keeps float error (0.9 * 40 = 36.000…01) from adding a
    // document; a NaN share saturates to 0 in the cast.
    (share * n as f64 - 1e-9).ceil().max(0.0) as usize
}

fn signature(counters: &[&Counter], group_docs: usize) -> Option<String> {
    let floor = ceil_share(0.9, group_docs).max(2);
    let len = |c: &Counter| c.example.chars().count();
    counters
        .iter()
        .filter(|c| c.same_text && c.documents >= floor && len(c) >= 12)
        .max_by(|a, b| {
            (a.documents.cmp(&b.documents))
                .then_with(|| len(a).cmp(&len(b)))
                .then_with(|| b.example.cmp(&a.example))
        })
        .map(|c| c.example.clone())
}

/// Bars, dashes and page numbers recur everywhere but make useless rules.
fn is_trivial(text: &str) -> bool {
    !text.chars().any(char::is_alphabetic)
        && text.chars().filter(|c| !c.is_whitespace()).count() <= 3
}

/// Also the counting key: escaping is injective and never yields `\d+`, so
/// two lines share it exactly when they differ only in digit runs.
fn digit_regex(text: &str) -> String {
    let mut out = String::from("^");
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&regex::escape(&rest[..start]));
        out.push_str(r"\d+");
        let end = rest[start..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len(), |i| start + i);
        rest = &rest[end..];
    }
    out.push_str(&regex::escape(rest));
    out.push('$');
    out
}

/// Lowercased words joined by `-`. Words without a letter are skipped: they
/// are mostly the digits that vary between documents.
fn slug(text: &str, max_words: usize) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.chars()
                .flat_map(char::to_lowercase)
                .filter(|c| c.is_alphabetic() || c.is_ascii_digit())
                .collect::<String>()
        })
        .filter(|w| w.chars().any(char::is_alphabetic))
        .take(max_words)
        .collect();
    truncate(&words.join("-"), 40)
}

fn truncate(s: &str, max_chars: usize) -> String {
    s.chars()
        .take(max_chars)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

fn unique_id(text: &str, used: &mut HashSet<String>) -> String {
    let mut base = slug(text, 5);
    if base.is_empty() {
        base = "line".to_string();
    }
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        let suffix = format!("-{n}");
        id = truncate(&base, 40 - suffix.len()) + &suffix;
        n += 1;
    }
    used.insert(id.clone());
    id
}

#[cfg(test)]
mod tests;
