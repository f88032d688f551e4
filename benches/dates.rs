//! Publication dates: `cargo bench --bench dates`.
//!
//! Reads the benchmark pages from `../shared/bench/` (see its README for the sets and the
//! metric) and skips with a message when they are absent:
//!
//! - the htmldate set (news pages in many languages, `htmldate/gold.jsonl`);
//! - WCXB dev (1,358 pages of 7 types, the `publish_date` of each ground truth).
//!
//! Every page runs through the whole pipeline (embedded rules, `Format::Html`, the page's
//! URL as `doc.url`) on this thread. A page counts as correct when the record's date, cut
//! to `YYYY-MM-DD`, equals the gold date; accuracy is correct / pages with a gold date, and
//! wrong and missing are counted apart (a rejected page has no record: it counts as
//! missing, and the rejects are counted too). For pages whose gold date is null, the number
//! of pages we date anyway is printed. The correct and wrong counts are broken down by the
//! date's source (`metadata.origins.date.from`, up to its second `:`).
//!
//! When `target/htmldate-venv/bin/python` exists (`scripts/htmldate_side_by_side.sh` makes
//! it), `scripts/htmldate_eval.py` runs htmldate (extensive and fast) and trafilatura's
//! metadata extraction on the same pages in the same run, and they are scored by the same
//! code here, with their pages/s on one core.
//!
//! Environment: `PRESSWASH_BENCH_ONLY=htmldate` or `=wcxb` runs one set;
//! `PRESSWASH_DATES_DUMP=1` writes each page's result to `target/dates-<set>.jsonl`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use presswash::document::Format;
use presswash::{Document, Pipeline, RuleSet};
use serde_json::{json, Value};

/// One benchmark page.
struct Page {
    id: String,
    url: String,
    html: Vec<u8>,
    /// The gold publication date, `YYYY-MM-DD`, when the set gives one.
    gold: Option<String>,
}

/// What the pipeline said about one page's date.
#[derive(Default, Clone)]
struct Found {
    date: Option<String>,
    from: String,
    evidence: String,
    confidence: Option<f64>,
    updated: Option<String>,
    rejected: Option<String>,
}

#[path = "support/pages.rs"]
mod pages;
use pages::{gunzip, page_ids};

#[path = "support/python.rs"]
mod python;

// Only the JSON reader is used here; the WCXB scores serve the others.
#[allow(dead_code)]
#[path = "support/wcxb.rs"]
mod wcxb;
use wcxb::read_json;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bench = root.join("../shared/bench");
    if !bench.is_dir() {
        println!(
            "dates: skipped: {} is absent (see ../shared/bench/README.md)",
            bench.display()
        );
        return;
    }
    let pipeline = Pipeline::new(RuleSet::embedded().expect("shipped rules load"));
    let only = std::env::var("PRESSWASH_BENCH_ONLY").unwrap_or_default();

    let htmldate = bench.join("htmldate");
    if only != "wcxb" {
        if htmldate.join("gold.jsonl").is_file() {
            let pages = load_htmldate(&htmldate);
            run_set(
                root,
                "htmldate",
                &pages,
                &pipeline,
                &["htmldate-extensive", "htmldate-fast"],
            );
        } else {
            println!("htmldate set: skipped: {} is absent", htmldate.display());
        }
    }
    let wcxb = bench.join("wcxb-dev");
    if only != "htmldate" {
        if wcxb.is_dir() {
            let pages = load_wcxb(&wcxb);
            run_set(root, "wcxb", &pages, &pipeline, &["trafilatura"]);
        } else {
            println!("WCXB dev: skipped: {} is absent", wcxb.display());
        }
    }
}

/// Runs the pipeline (and, when the venv exists, the other `tools`) over one set and
/// prints the scores.
fn run_set(root: &Path, name: &str, pages: &[Page], pipeline: &Pipeline, tools: &[&str]) {
    let dated = pages.iter().filter(|p| p.gold.is_some()).count();
    println!("{name}: {} pages, {dated} with a gold date", pages.len(),);
    let (found, secs) = detect(pipeline, pages);
    let dates: Vec<Option<String>> = found.iter().map(|f| f.date.clone()).collect();
    print_scores("presswash", pages, &dates, pages.len() as f64 / secs);
    let rejected = found.iter().filter(|f| f.rejected.is_some()).count();
    if rejected > 0 {
        println!("    {rejected} pages rejected (no record; counted as missing)");
    }
    print_by_source(pages, &found);
    if std::env::var_os("PRESSWASH_DATES_DUMP").is_some() {
        dump(root, name, pages, &found);
    }
    for tool in tools {
        if let Some((dates, secs)) = other_tool(root, tool, pages) {
            print_scores(tool, pages, &dates, pages.len() as f64 / secs);
        }
    }
}

/// Runs every page through the pipeline on this thread: what it found, and the seconds.
fn detect(pipeline: &Pipeline, pages: &[Page]) -> (Vec<Found>, f64) {
    let started = Instant::now();
    let found = pages
        .iter()
        .map(|p| {
            let mut doc = Document::new(p.id.clone(), p.html.clone());
            doc.url = Some(p.url.clone());
            doc.format = Format::Html;
            match pipeline.run_document(doc) {
                Ok(record) => {
                    let origin = record.metadata.origins.get("date");
                    Found {
                        date: record.date.map(|d| d.chars().take(10).collect()),
                        from: origin.map(|o| o.from.clone()).unwrap_or_default(),
                        evidence: origin.map(|o| o.evidence.clone()).unwrap_or_default(),
                        confidence: origin.and_then(|o| o.confidence),
                        updated: record.metadata.updated,
                        rejected: None,
                    }
                }
                Err(reject) => Found {
                    rejected: Some(reject.reason),
                    ..Found::default()
                },
            }
        })
        .collect();
    (found, started.elapsed().as_secs_f64())
}

/// Correct, wrong and missing among the pages with a gold date; pages without one that
/// got a date anyway.
fn score(pages: &[Page], dates: &[Option<String>]) -> (usize, usize, usize, usize) {
    let (mut correct, mut wrong, mut missing, mut extra) = (0, 0, 0, 0);
    for (page, date) in pages.iter().zip(dates) {
        match (&page.gold, date) {
            (Some(gold), Some(date)) if date.get(..10) == Some(gold.as_str()) => correct += 1,
            (Some(_), Some(_)) => wrong += 1,
            (Some(_), None) => missing += 1,
            (None, Some(_)) => extra += 1,
            (None, None) => {}
        }
    }
    (correct, wrong, missing, extra)
}

fn print_scores(name: &str, pages: &[Page], dates: &[Option<String>], rate: f64) {
    let (correct, wrong, missing, extra) = score(pages, dates);
    let total = (correct + wrong + missing).max(1);
    println!(
        "  {name}: accuracy {:.3} ({correct} correct, {wrong} wrong, {missing} missing); \
         {extra} of {} undated pages dated; {rate:.0} pages/s on one core",
        correct as f64 / total as f64,
        pages.len() - (correct + wrong + missing),
    );
}

/// Correct and wrong by the date's source.
fn print_by_source(pages: &[Page], found: &[Found]) {
    let mut by: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (page, f) in pages.iter().zip(found) {
        let (Some(gold), Some(date)) = (&page.gold, &f.date) else {
            continue;
        };
        let source: String = f.from.splitn(3, ':').take(2).collect::<Vec<_>>().join(":");
        let entry = by.entry(source).or_default();
        if date == gold {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    let mut rows: Vec<_> = by.into_iter().collect();
    rows.sort_by_key(|(_, (c, w))| std::cmp::Reverse(c + w));
    let rows: Vec<String> = rows
        .iter()
        .map(|(source, (c, w))| format!("{source} {c}/{w}"))
        .collect();
    println!("    by source (correct/wrong): {}", rows.join(", "));
}

/// Writes each page's result to `target/dates-<set>.jsonl`.
fn dump(root: &Path, name: &str, pages: &[Page], found: &[Found]) {
    let path = root.join(format!("target/dates-{name}.jsonl"));
    let lines: Vec<String> = pages
        .iter()
        .zip(found)
        .map(|(page, f)| {
            let status = match (&page.gold, &f.date) {
                (Some(g), Some(d)) if g == d => "correct",
                (Some(_), Some(_)) => "wrong",
                (Some(_), None) => "missing",
                (None, Some(_)) => "extra",
                (None, None) => "none",
            };
            json!({
                "id": page.id, "url": page.url, "gold": page.gold, "date": f.date,
                "status": status, "from": f.from, "evidence": f.evidence,
                "confidence": f.confidence, "updated": f.updated, "rejected": f.rejected,
            })
            .to_string()
        })
        .collect();
    match std::fs::write(&path, lines.join("\n") + "\n") {
        Ok(()) => println!("    per page: {}", path.display()),
        Err(e) => println!("    per page: {} not written: {e}", path.display()),
    }
}

/// Runs `tool` through `scripts/htmldate_eval.py` in the venv, when there is one: its
/// dates and its seconds on one core.
fn other_tool(root: &Path, tool: &str, pages: &[Page]) -> Option<(Vec<Option<String>>, f64)> {
    let inputs = pages.iter().map(|p| python::PageInput {
        id: &p.id,
        url: &p.url,
        html: &p.html,
    });
    let result = python::run(
        root,
        "htmldate-venv",
        "htmldate_eval.py",
        &[tool],
        tool,
        inputs,
    )?;
    let dates = result["dates"]
        .as_array()?
        .iter()
        .map(|d| d.as_str().map(|d| d.chars().take(10).collect()))
        .collect();
    Some((dates, result["seconds"].as_f64()?))
}

fn load_htmldate(dir: &Path) -> Vec<Page> {
    let gold = std::fs::read_to_string(dir.join("gold.jsonl")).expect("gold.jsonl reads");
    gold.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let entry: Value = serde_json::from_str(line).expect("a JSON line");
            let file = entry["file"].as_str().expect("a file").to_string();
            Page {
                id: file.clone(),
                url: entry["url"].as_str().unwrap_or("").to_string(),
                html: gunzip(&dir.join(&file)),
                gold: entry["date"].as_str().map(str::to_string),
            }
        })
        .collect()
}

fn load_wcxb(dir: &Path) -> Vec<Page> {
    let ids = page_ids(dir);
    ids.into_iter()
        .map(|id| {
            let json = read_json(&dir.join(format!("dev/ground-truth/{id}.json")));
            Page {
                url: json["url"].as_str().unwrap_or("").to_string(),
                html: gunzip(&dir.join(format!("dev/html/{id}.html.gz"))),
                gold: json["ground_truth"]["publish_date"]
                    .as_str()
                    .map(|d| d.chars().take(10).collect()),
                id,
            }
        })
        .collect()
}
