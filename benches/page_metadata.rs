//! Page metadata on WCXB dev: title, author and publication date accuracy against the
//! set's ground truth, and pages/s: `cargo bench --bench page_metadata`.
//!
//! Reads `../shared/bench/wcxb-dev/` (1,358 pages; skipped with a message when absent).
//! Each page goes through the whole pipeline as HTML with its URL, and the record's
//! `title`, `authors` and `date` are compared with `ground_truth.{title, author,
//! publish_date}` by the **loose-match rule** (also in `docs/record.md`):
//!
//! - title and author: the lower-cased `\w+` words of both sides, as multisets, have a word
//!   F1 of at least 0.8 (a site suffix of one or two words, a middle initial, a
//!   punctuation difference pass; another headline or another person does not). Authors
//!   are joined with `, ` first. The exact rule (the same words in the same order) is
//!   printed too.
//! - date: the first ten characters (`YYYY-MM-DD`) are equal.
//!
//! For each field: accuracy = correct / pages whose truth has a value; wrong (a value that
//! does not match) and missing (null where the truth has a value) apart; and invented (a
//! value where the truth has none). When `target/htmldate-venv/bin/python` exists
//! (`scripts/htmldate_side_by_side.sh` makes it), trafilatura 2.3.1's
//! `extract_metadata` runs on the same pages in the same run and is scored by the same
//! code.

use std::path::Path;
use std::time::Instant;

use presswash::document::Format;
use presswash::{Document, Pipeline, RuleSet};
use regex::Regex;
use serde_json::Value;

#[path = "support/pages.rs"]
mod pages;
use pages::{gunzip, page_ids};

#[path = "support/python.rs"]
mod python;

// Only the word F1 and the JSON reader are used here; the text scores serve the others.
#[allow(dead_code)]
#[path = "support/wcxb.rs"]
mod wcxb;
use wcxb::{read_json, word_f1};

/// The word F1 at or above which two titles (or author lists) match loosely.
const LOOSE_F1: f64 = 0.8;

/// One page and its truth.
struct Page {
    id: String,
    url: String,
    html: Vec<u8>,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

/// What a tool found on one page.
#[derive(Default)]
struct Found {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("../shared/bench/wcxb-dev");
    if !dir.is_dir() {
        println!(
            "page_metadata: skipped: {} is absent (see ../shared/bench/README.md)",
            dir.display()
        );
        return;
    }
    let words = Regex::new(r"\w+").expect("valid");
    let pages = load(&dir);
    println!("WCXB dev: {} pages", pages.len());
    let pipeline = Pipeline::new(RuleSet::embedded().expect("shipped rules load"));
    let started = Instant::now();
    let ours: Vec<Found> = pages.iter().map(|p| run(&pipeline, p)).collect();
    let rate = pages.len() as f64 / started.elapsed().as_secs_f64();
    report("presswash", &words, &pages, &ours, rate);
    if let Some((theirs, secs)) = trafilatura(root, &pages) {
        report(
            "trafilatura 2.3.1",
            &words,
            &pages,
            &theirs,
            pages.len() as f64 / secs,
        );
    }
}

/// The record's title, authors and date for one page; nothing when it is rejected.
fn run(pipeline: &Pipeline, page: &Page) -> Found {
    let mut doc = Document::new(format!("{}.html", page.id), page.html.clone());
    doc.format = Format::Html;
    doc.url = (!page.url.is_empty()).then(|| page.url.clone());
    match pipeline.run_document(doc) {
        Ok(record) => Found {
            title: record.title,
            author: (!record.authors.is_empty()).then(|| record.authors.join(", ")),
            date: record.date,
        },
        Err(_) => Found::default(),
    }
}

/// One field's tally.
#[derive(Default)]
struct Tally {
    truths: usize,
    correct: usize,
    exact: usize,
    wrong: usize,
    missing: usize,
    invented: usize,
}

impl Tally {
    fn add(
        &mut self,
        truth: Option<&str>,
        found: Option<&str>,
        matches: impl Fn(&str, &str) -> (bool, bool),
    ) {
        match (truth, found) {
            (None, None) => {}
            (None, Some(_)) => self.invented += 1,
            (Some(_), None) => {
                self.truths += 1;
                self.missing += 1;
            }
            (Some(t), Some(f)) => {
                self.truths += 1;
                let (loose, exact) = matches(t, f);
                self.correct += usize::from(loose);
                self.exact += usize::from(exact);
                self.wrong += usize::from(!loose);
            }
        }
    }

    fn line(&self, name: &str) -> String {
        let share = |n: usize| n as f64 / self.truths.max(1) as f64;
        format!(
            "{name} {:.3} (exact {:.3}): {} right, {} wrong, {} missing of {}; {} invented",
            share(self.correct),
            share(self.exact),
            self.correct,
            self.wrong,
            self.missing,
            self.truths,
            self.invented
        )
    }
}

fn report(name: &str, words: &Regex, pages: &[Page], found: &[Found], rate: f64) {
    let text_match = |t: &str, f: &str| {
        let exact = tokens(words, t) == tokens(words, f);
        (exact || word_f1(words, f, t) >= LOOSE_F1, exact)
    };
    let date_match = |t: &str, f: &str| {
        let same = f.len() >= 10 && t.len() >= 10 && t[..10] == f[..10];
        (same, same)
    };
    let (mut title, mut author, mut date) = (Tally::default(), Tally::default(), Tally::default());
    let dump = std::env::var_os("PRESSWASH_BENCH_DUMP").is_some();
    for (page, found) in pages.iter().zip(found) {
        title.add(page.title.as_deref(), found.title.as_deref(), text_match);
        author.add(page.author.as_deref(), found.author.as_deref(), text_match);
        date.add(page.date.as_deref(), found.date.as_deref(), date_match);
        if dump {
            let line = serde_json::json!({
                "tool": name, "id": page.id, "url": page.url,
                "title": [found.title, page.title],
                "author": [found.author, page.author],
                "date": [found.date, page.date],
            });
            println!("{line}");
        }
    }
    println!("  {name}: {rate:.0} pages/s on one core");
    for line in [
        title.line("title"),
        author.line("author"),
        date.line("date"),
    ] {
        println!("    {line}");
    }
}

fn tokens(words: &Regex, text: &str) -> Vec<String> {
    words
        .find_iter(&text.to_lowercase())
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Runs trafilatura's `extract_metadata` through `scripts/metadata_eval.py` in the
/// venv that `scripts/htmldate_side_by_side.sh` makes, when there is one.
fn trafilatura(root: &Path, pages: &[Page]) -> Option<(Vec<Found>, f64)> {
    let inputs = pages.iter().map(|p| python::PageInput {
        id: &p.id,
        url: &p.url,
        html: &p.html,
    });
    let result = python::run(
        root,
        "htmldate-venv",
        "metadata_eval.py",
        &[],
        "trafilatura",
        inputs,
    )?;
    let text = |v: &Value| {
        v.as_str()
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
    };
    let found = result["pages"]
        .as_array()?
        .iter()
        .map(|p| Found {
            title: text(&p["title"]),
            author: text(&p["author"]),
            date: text(&p["date"]),
        })
        .collect();
    Some((found, result["seconds"].as_f64()?))
}

fn load(dir: &Path) -> Vec<Page> {
    let ids = page_ids(dir);
    ids.into_iter()
        .map(|id| {
            let json = read_json(&dir.join(format!("dev/ground-truth/{id}.json")));
            let truth = &json["ground_truth"];
            let text = |v: &Value| {
                v.as_str()
                    .filter(|s| !s.trim().is_empty())
                    .map(str::to_string)
            };
            Page {
                url: json["url"].as_str().unwrap_or("").to_string(),
                html: gunzip(&dir.join(format!("dev/html/{id}.html.gz"))),
                title: text(&truth["title"]),
                author: text(&truth["author"]),
                date: text(&truth["publish_date"]),
                id,
            }
        })
        .collect()
}
