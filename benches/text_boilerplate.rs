//! Generic boilerplate on text dumps of unseen sites: `cargo bench --bench text_boilerplate`.
//!
//! Reads the WCXB dev pages as plain-text dumps from `../shared/bench/wcxb-dev-text/` and
//! their ground truth from `../shared/bench/wcxb-dev/` (see `../shared/bench/README.md`);
//! skips with a message when they are absent. For each way of cleaning it prints the WCXB
//! word F1 (mean per page, overall and per page type), the share of `with[]` snippets
//! present and `without[]` snippets absent, and the speed on one core:
//!
//! - no cleaning at all (the dump as it is);
//! - the rule files alone (the generic stage off);
//! - the whole pipeline, without and with the batch's recurring lines, as
//!   `presswash run DIR` (and `--single-pass`) would clean the folder.

use std::path::Path;
use std::time::Instant;

use presswash::rules::suggest::ShapeCounter;
use presswash::{Document, Pipeline, RuleSet};
use regex::Regex;

#[path = "support/wcxb.rs"]
mod wcxb;
use wcxb::{read_json, strings, Scores, Truth};

/// One page: its dump and what the ground truth says.
struct Page {
    id: String,
    page_type: String,
    text: Vec<u8>,
    truth: String,
    with: Vec<String>,
    without: Vec<String>,
}

impl Page {
    fn truth(&self) -> Truth<'_> {
        Truth {
            page_type: &self.page_type,
            main_content: &self.truth,
            with: &self.with,
            without: &self.without,
        }
    }
}

fn main() {
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench");
    let dumps = bench.join("wcxb-dev-text");
    if !dumps.is_dir() {
        println!(
            "text_boilerplate: skipped: {} is absent (see ../shared/bench/README.md)",
            dumps.display()
        );
        return;
    }
    let pages = load(&bench);
    let bytes: usize = pages.iter().map(|p| p.text.len()).sum();
    println!(
        "WCXB dev text dumps: {} pages, {:.1} MB; word F1 (mean per page), snippets with/without",
        pages.len(),
        bytes as f64 / 1e6
    );
    let words = Regex::new(r"\w+").expect("valid");

    let raw: Vec<String> = pages
        .iter()
        .map(|p| String::from_utf8_lossy(&p.text).into_owned())
        .collect();
    report("no cleaning", &pages, &raw, &words, None);

    let rules = || RuleSet::embedded().expect("shipped rules load");
    let rules_only = Pipeline::rules_only(rules());
    let (texts, secs) = clean(&rules_only, &pages);
    report(
        "rule files alone",
        &pages,
        &texts,
        &words,
        Some((secs, bytes)),
    );

    let pipeline = Pipeline::new(rules());
    let (texts, secs) = clean(&pipeline, &pages);
    report(
        "presswash, --single-pass",
        &pages,
        &texts,
        &words,
        Some((secs, bytes)),
    );

    let started = Instant::now();
    let mut counter = ShapeCounter::new(500_000);
    for page in &pages {
        pipeline.count_lines(
            Document::new(page.id.clone(), page.text.clone()),
            &mut counter,
        );
    }
    let counting = started.elapsed().as_secs_f64();
    let batch = pipeline.with_recurring(counter.recurring(2));
    let (texts, secs) = clean(&batch, &pages);
    report(
        "presswash (two passes)",
        &pages,
        &texts,
        &words,
        Some((secs + counting, bytes)),
    );
    println!("  (the counting pass took {counting:.2} s of that)");
}

/// Cleans every page; returns the texts (empty for a reject) and the seconds it took.
fn clean(pipeline: &Pipeline, pages: &[Page]) -> (Vec<String>, f64) {
    let started = Instant::now();
    let texts = pages
        .iter()
        .map(|p| {
            pipeline
                .run_one(&p.id, p.text.clone())
                .map(|r| r.text)
                .unwrap_or_default()
        })
        .collect();
    (texts, started.elapsed().as_secs_f64())
}

fn report(
    name: &str,
    pages: &[Page],
    texts: &[String],
    words: &Regex,
    speed: Option<(f64, usize)>,
) {
    let scores = Scores::of(
        words,
        pages
            .iter()
            .zip(texts)
            .map(|(page, text)| (page.truth(), text.as_str())),
    );
    let speed = speed.map_or(String::new(), |(secs, bytes)| {
        format!(
            "; {:.0} docs/s, {:.1} MB/s",
            pages.len() as f64 / secs,
            bytes as f64 / 1e6 / secs
        )
    });
    println!(
        "{name}: F1 {:.3}; with {:.3}, without {:.3}{speed}\n  {}",
        scores.mean("all"),
        scores.with_rate(),
        scores.without_rate(),
        scores.per_type(false).join(", ")
    );
}

fn load(bench: &Path) -> Vec<Page> {
    let metadata = read_json(&bench.join("wcxb-dev/metadata.json"));
    let mut ids: Vec<String> = std::fs::read_dir(bench.join("wcxb-dev-text"))
        .expect("the dumps folder reads")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    ids.sort();
    ids.into_iter()
        .map(|id| {
            let truth = read_json(&bench.join(format!("wcxb-dev/dev/ground-truth/{id}.json")));
            let truth = &truth["ground_truth"];
            Page {
                page_type: metadata["files"][&id]["page_type"]
                    .as_str()
                    .unwrap_or("unknown")
                    .to_string(),
                text: std::fs::read(bench.join(format!("wcxb-dev-text/{id}.txt")))
                    .expect("a dump reads"),
                // Two pages have no main content: an empty prediction is right for them.
                truth: truth["main_content"].as_str().unwrap_or("").to_string(),
                with: strings(&truth["with"]),
                without: strings(&truth["without"]),
                id,
            }
        })
        .collect()
}
