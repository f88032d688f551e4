//! The ftfy project's test cases, read from `../shared/bench/ftfy/` (beside the repository,
//! never copied into it) for `tests/ftfy_cases.rs` and `benches/repair.rs`.
//!
//! The pass rule is the one in `../shared/bench/README.md`: an expected-pass case passes
//! when the repaired text equals `fixed`, or `fixed-encoding` when the case has one, after
//! folding both sides the same way (NFKC, curly quotes to straight ones), since ftfy's
//! `fix_text` also folds those and presswash's repair does not. A negative case must come
//! back unchanged under the same folding.

use std::path::PathBuf;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// The case files, in the order they are reported.
pub const FILES: [&str; 5] = [
    "in-the-wild.json",
    "synthetic.json",
    "language-names.json",
    "negative.json",
    "known-failures.json",
];

/// One case as the files hold it.
#[derive(Debug, Deserialize)]
pub struct Case {
    pub label: String,
    pub original: String,
    pub fixed: String,
    #[serde(rename = "fixed-encoding")]
    pub fixed_encoding: Option<String>,
    pub expect: String,
}

/// How one file's cases went.
#[derive(Debug, Default)]
pub struct FileScore {
    pub file: &'static str,
    /// Cases ftfy expects to pass (all but `known-failures.json`).
    pub expected_pass: usize,
    pub passed: usize,
    /// Known failures (`expect = "fail"`) that came out right anyway.
    pub known_failures: usize,
    pub known_failures_fixed: Vec<String>,
    /// Negative cases (`negative.json`, and cases labelled negative elsewhere) that did not
    /// come back as expected: changed, where they should not have been.
    pub negatives_changed: Vec<String>,
    /// `label: got ≠ want` for each expected-pass case that failed.
    pub failures: Vec<String>,
}

/// Where the cases are: `../shared/bench/ftfy` from the repository root.
pub fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/ftfy")
}

/// Both sides of a comparison folded the same way: NFKC, curly quotes to straight ones.
pub fn fold(text: &str) -> String {
    text.nfkc()
        .map(|c| match c {
            '\u{2018}'..='\u{201B}' | '\u{02BC}' => '\'',
            '\u{201C}'..='\u{201F}' => '"',
            c => c,
        })
        .collect()
}

/// Runs `repair` over every case file; `Err` says what is missing.
pub fn score(repair: impl Fn(&str) -> String) -> Result<Vec<FileScore>, String> {
    let dir = cases_dir();
    FILES
        .iter()
        .map(|&file| {
            let path = dir.join(file);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
            let cases: Vec<Case> = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not a list of cases: {e}", path.display()))?;
            Ok(score_file(file, &cases, &repair))
        })
        .collect()
}

fn score_file(file: &'static str, cases: &[Case], repair: &impl Fn(&str) -> String) -> FileScore {
    let mut score = FileScore {
        file,
        ..FileScore::default()
    };
    for case in cases {
        let got = repair(&case.original);
        let folded = fold(&got);
        let right = folded == fold(&case.fixed)
            || case
                .fixed_encoding
                .as_deref()
                .is_some_and(|e| folded == fold(e));
        let negative = file == "negative.json" || case.label.contains("negative");
        // A negative case is text that only looks like mojibake: its expected output is
        // the original (one of them has C1 controls to fix as well).
        if negative && !right {
            score
                .negatives_changed
                .push(format!("{}: {:?}", case.label, got));
        }
        if case.expect == "pass" {
            score.expected_pass += 1;
            if right {
                score.passed += 1;
            } else {
                score.failures.push(format!(
                    "{}: got {:?}, want {:?}",
                    case.label, got, case.fixed
                ));
            }
        } else {
            score.known_failures += 1;
            if right {
                score.known_failures_fixed.push(case.label.clone());
            }
        }
    }
    score
}
