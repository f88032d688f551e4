//! Text throughput of the whole pipeline on one core: `cargo bench --bench throughput`.
//! Passes alternate between the whole pipeline, the pipeline without the generic
//! boilerplate stage and the pipeline without language detection, so that one run shows
//! what each costs.
//!
//! The corpus is generated from `samples/`: documents built by a fixed pseudo-random mix of
//! the seeds' lines (so boilerplate, datelines and paragraphs all occur, and the rule
//! files' signatures match about as often as in the seeds). Nothing is timed in
//! `cargo test`; figures come from this program only.
//!
//! Then the cost of many rules: the same corpus with a rule set of 10 line rules, against
//! the same 10 plus 1,000 line rules in 50 generated source files, (a) where each document
//! matches one source file (as in real use) and (b) where every file applies to every
//! document (the worst case). The 1,000-rule time may be at most 2x the 10-rule time.

use std::hint::black_box;
use std::time::Instant;

use presswash::{Pipeline, RuleSet};

#[path = "support/corpus.rs"]
mod corpus;

/// How many documents the corpus holds.
const DOCS: usize = 4000;
/// How many timed passes over the corpus; the best is reported.
const PASSES: usize = 5;

fn main() {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    let pipeline = Pipeline::new(RuleSet::embedded().expect("shipped rules load"));
    let rules_only = Pipeline::rules_only(RuleSet::embedded().expect("shipped rules load"));
    let no_language = Pipeline::without_language(RuleSet::embedded().expect("shipped rules load"));
    // Passes alternate between the three, so that a busy machine slows all alike.
    let (mut best, mut best_rules_only, mut best_no_language, mut records) =
        (f64::INFINITY, f64::INFINITY, f64::INFINITY, 0);
    for _ in 0..PASSES {
        let (t, n) = time_once(&pipeline, &corpus);
        (best, records) = (best.min(t), n);
        best_rules_only = best_rules_only.min(time_once(&rules_only, &corpus).0);
        best_no_language = best_no_language.min(time_once(&no_language, &corpus).0);
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "text pipeline, one core: {:.1} MB/s, {:.0} docs/s ({DOCS} docs, {mb:.1} MB, {records} records, best of {PASSES})",
        mb / best,
        DOCS as f64 / best,
    );
    println!(
        "  without the generic boilerplate stage: {:.1} MB/s (the stage takes {:.0}% of the time)",
        mb / best_rules_only,
        100.0 * (1.0 - best_rules_only / best),
    );
    println!(
        "  without language detection: {:.1} MB/s (detection takes {:.0}% of the time)",
        mb / best_no_language,
        100.0 * (1.0 - best_no_language / best),
    );

    // Many rules. Each document gets one site's marker line and template lines, so that
    // source files have something to match and rules something to remove.
    let sites: Vec<Vec<u8>> = corpus
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let site = i % SITES;
            let mut doc = doc.clone();
            doc.extend_from_slice(
                format!("\n\nFollow Site{site} Daily on Twitter\nSite{site} Daily newsletter: the day's top stories\n© Site{site} Daily Media\n").as_bytes(),
            );
            doc
        })
        .collect();
    let base = ("_default.toml", ten_rules());
    let few = Pipeline::new(RuleSet::from_texts(&[(base.0, &base.1)]).expect("10 rules load"));
    let files: Vec<(String, String)> = (0..SITES).map(|s| site_file(s, false)).collect();
    let everywhere: Vec<(String, String)> = (0..SITES).map(|s| site_file(s, true)).collect();
    let with = |files: &[(String, String)]| {
        let mut texts: Vec<(&str, &str)> = vec![(base.0, &base.1)];
        texts.extend(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        Pipeline::new(RuleSet::from_texts(&texts).expect("generated rules load"))
    };
    let many = with(&files);
    let worst = with(&everywhere);
    let rules = |p: &Pipeline| {
        p.rules()
            .files()
            .iter()
            .map(|f| f.rules.len())
            .sum::<usize>()
    };
    let (t_few, _) = time(&few, &sites);
    let (t_many, _) = time(&many, &sites);
    let (t_worst, _) = time(&worst, &sites);
    let site_mb = sites.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    for (label, pipeline, t) in [
        ("10 line rules, 1 file", &few, t_few),
        (
            "1,010 line rules, 51 files, 1 source file per document",
            &many,
            t_many,
        ),
        (
            "1,010 line rules, 51 files, all 51 apply to every document",
            &worst,
            t_worst,
        ),
    ] {
        println!(
            "rules scale: {label} ({} rules): {:.1} MB/s, {:.2}x the 10-rule time",
            rules(pipeline),
            site_mb / t,
            t / t_few
        );
    }
}

/// Runs the corpus `PASSES` times; the best time in seconds, and the records made.
fn time(pipeline: &Pipeline, corpus: &[Vec<u8>]) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut records = 0;
    for _ in 0..PASSES {
        let (t, n) = time_once(pipeline, corpus);
        (best, records) = (best.min(t), n);
    }
    (best, records)
}

/// Runs the corpus once; the time in seconds, and the records made.
fn time_once(pipeline: &Pipeline, corpus: &[Vec<u8>]) -> (f64, usize) {
    let started = Instant::now();
    let records = corpus
        .iter()
        .filter(|doc| black_box(pipeline.run_one("bench", (*doc).clone())).is_ok())
        .count();
    (started.elapsed().as_secs_f64(), records)
}

/// How many generated source files the rules-scale figures use.
const SITES: usize = 50;

/// A `_default.toml` of 10 line rules, half literals, half anchored regexes.
fn ten_rules() -> String {
    let mut text = String::new();
    for (i, literal) in ["Share", "Print", "Email", "To Top", "Advertisement"]
        .iter()
        .enumerate()
    {
        text += &format!("[[rule]]\nid = \"lit{i}\"\nkind = \"line\"\nliteral = \"{literal}\"\n\n");
    }
    for (i, regex) in [
        "^Read more: \\S.{0,80}$",
        "^(?i:related stories|most read|top stories)$",
        "^Photo: [A-Z][a-z]+$",
        "^Updated \\d{1,2}:\\d{2}$",
        "^Comments \\(\\d+\\)$",
    ]
    .iter()
    .enumerate()
    {
        text += &format!("[[rule]]\nid = \"re{i}\"\nkind = \"line\"\nregex = '{regex}'\n\n");
    }
    text
}

/// Source file `site{n}.toml` with 20 line rules; it applies to the documents of its site,
/// or with `everywhere` to every document (its `[match]` names a word all documents hold).
fn site_file(n: usize, everywhere: bool) -> (String, String) {
    let signature = if everywhere {
        "Russia".to_string()
    } else {
        format!("© Site{n} Daily Media")
    };
    let mut text = format!("[match]\ncontains = [\"{signature}\"]\n\n");
    for i in 0..10 {
        let literal = match i {
            0 => format!("Follow Site{n} Daily on Twitter"),
            1 => format!("© Site{n} Daily Media"),
            _ => format!("Site{n} Daily section {i}"),
        };
        text += &format!("[[rule]]\nid = \"lit{i}\"\nkind = \"line\"\nliteral = \"{literal}\"\n\n");
        let regex = match i {
            0 => format!("^Site{n} Daily newsletter: .{{0,80}}$"),
            _ => format!("^(?:Site{n} Daily|S{n}D) (?:promo|offer) {i}: [A-Z].{{0,40}}$"),
        };
        text += &format!("[[rule]]\nid = \"re{i}\"\nkind = \"line\"\nregex = '{regex}'\n\n");
    }
    (format!("site{n}.toml"), text)
}

/// Documents made of the seeds' lines, mixed with a fixed-seed generator.
fn corpus() -> Vec<Vec<u8>> {
    corpus::documents(DOCS, |_| None)
        .map(String::into_bytes)
        .collect()
}
