//! The WCXB pieces the benchmarks share (`text_boilerplate` on the text dumps,
//! `html_extract` on the pages): the word F1 metric of `../shared/bench/README.md`, and
//! reading the set's JSON ground truth. One copy, so both benchmarks score alike.

use std::collections::HashMap;
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
