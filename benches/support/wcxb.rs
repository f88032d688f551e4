//! The WCXB pieces the benchmarks share (`text_boilerplate` on the text dumps,
//! `html_extract`, `page_metadata` and `dates` on the pages): the word F1 metric of
//! `../shared/bench/README.md`, and reading the set's JSON ground truth. One copy, so the
//! benchmarks score alike. The pages themselves are read by `pages.rs`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use regex::Regex;
use serde_json::Value;

/// WCXB word F1 of one page: lower-cased `\w+` tokens as multisets; 1.0 when both sides
/// are empty, 0.0 when one is.
pub fn word_f1(words: &Regex, predicted: &str, truth: &str) -> f64 {
    let bag = |text: &str| {
        let mut bag: HashMap<String, usize> = HashMap::new();
        for w in words.find_iter(&text.to_lowercase()) {
            *bag.entry(w.as_str().to_string()).or_default() += 1;
        }
        bag
    };
    let (p, t) = (bag(predicted), bag(truth));
    let (np, nt): (usize, usize) = (p.values().sum(), t.values().sum());
    if np == 0 && nt == 0 {
        return 1.0;
    }
    let overlap: usize = p
        .iter()
        .map(|(w, n)| (*n).min(t.get(w).copied().unwrap_or(0)))
        .sum();
    if overlap == 0 {
        return 0.0;
    }
    let (precision, recall) = (overlap as f64 / np as f64, overlap as f64 / nt as f64);
    2.0 * precision * recall / (precision + recall)
}

/// A JSON file of the set; a file that does not read or parse stops the benchmark.
pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The strings of a JSON array (a ground truth's `with` or `without`); none for anything
/// else.
pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// What one page's ground truth says, as the scores read it.
pub struct Truth<'a> {
    pub page_type: &'a str,
    pub main_content: &'a str,
    pub with: &'a [String],
    pub without: &'a [String],
}

/// WCXB scores of a set of predictions: mean word F1 overall (`all`) and per page type,
/// and the share of `with` snippets present and of `without` snippets absent.
pub struct Scores<'a> {
    /// Sum of F1 and pages, per page type and under `all`.
    pub by_type: BTreeMap<&'a str, (f64, usize)>,
    /// Each page's F1, in the order given.
    pub per_page: Vec<f64>,
    with: (usize, usize),
    without: (usize, usize),
}

impl<'a> Scores<'a> {
    /// Scores each page's `predicted` text against its truth.
    pub fn of(words: &Regex, pages: impl Iterator<Item = (Truth<'a>, &'a str)>) -> Scores<'a> {
        let mut scores = Scores {
            by_type: BTreeMap::new(),
            per_page: Vec::new(),
            with: (0, 0),
            without: (0, 0),
        };
        for (truth, predicted) in pages {
            let f1 = word_f1(words, predicted, truth.main_content);
            scores.per_page.push(f1);
            for key in ["all", truth.page_type] {
                let entry = scores.by_type.entry(key).or_default();
                entry.0 += f1;
                entry.1 += 1;
            }
            scores.with.0 += truth
                .with
                .iter()
                .filter(|s| predicted.contains(s.as_str()))
                .count();
            scores.with.1 += truth.with.len();
            scores.without.0 += truth
                .without
                .iter()
                .filter(|s| !predicted.contains(s.as_str()))
                .count();
            scores.without.1 += truth.without.len();
        }
        scores
    }

    /// Mean F1 of the pages of `page_type` (`all` for every page).
    pub fn mean(&self, page_type: &str) -> f64 {
        let (sum, n) = self.by_type.get(page_type).copied().unwrap_or_default();
        sum / n.max(1) as f64
    }

    /// Share of `with` snippets found in the predictions.
    pub fn with_rate(&self) -> f64 {
        self.with.0 as f64 / self.with.1.max(1) as f64
    }

    /// Share of `without` snippets absent from the predictions.
    pub fn without_rate(&self) -> f64 {
        self.without.0 as f64 / self.without.1.max(1) as f64
    }

    /// `type 0.903` per page type, by name; with `counts`, `type 0.903 (711)`.
    pub fn per_type(&self, counts: bool) -> Vec<String> {
        self.by_type
            .iter()
            .filter(|(k, _)| **k != "all")
            .map(|(k, (_, n))| match counts {
                true => format!("{k} {:.3} ({n})", self.mean(k)),
                false => format!("{k} {:.3}", self.mean(k)),
            })
            .collect()
    }
}
