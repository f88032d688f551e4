//! HTML main-content extraction: `cargo bench --bench html_extract`.
//!
//! Reads the benchmark pages from `../shared/bench/` (see its README for the sets and the
//! metrics) and skips with a message when they are absent:
//!
//! - ScrapingHub article-extraction benchmark (181 news pages): shingle F1, precision
//!   and recall of the record's text against `articleBody`, and docs/s on one core (pages
//!   over CPU seconds, the median of three passes over the pages, for each tool);
//! - WCXB dev (1,358 pages of 7 types): word F1 (mean per page, overall and per page
//!   type) of the record's text against `main_content`, the share of `with[]`
//!   snippets present and of `without[]` snippets absent, and docs/s.
//!
//! When `target/trafilatura-venv/bin/python` exists (`scripts/trafilatura_side_by_side.sh`
//! makes it), trafilatura runs on the same pages in the same run, through
//! `scripts/trafilatura_eval.py`, and is scored by the same code here, with its docs/s on
//! one core and the speed ratio. Set `PRESSWASH_BENCH_ONLY=scrapinghub` to skip WCXB.

use std::collections::HashMap;
use std::path::Path;

use presswash::document::Format;
use presswash::{Document, Pipeline, RuleSet};
use regex::Regex;

#[path = "support/cpu.rs"]
mod cpu;

#[path = "support/pages.rs"]
mod pages;
use pages::{gunzip, page_ids};

#[path = "support/python.rs"]
mod python;

#[path = "support/wcxb.rs"]
mod wcxb;
use wcxb::{read_json, strings, Scores, Truth};

/// One benchmark page.
struct Page {
    id: String,
    url: String,
    page_type: String,
    html: Vec<u8>,
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bench = root.join("../shared/bench");
    if !bench.is_dir() {
        println!(
            "html_extract: skipped: {} is absent (see ../shared/bench/README.md)",
            bench.display()
        );
        return;
    }
    let words = Regex::new(r"\w+").expect("valid");
    let pipeline = Pipeline::new(RuleSet::embedded().expect("shipped rules load"));
    let only = std::env::var("PRESSWASH_BENCH_ONLY").unwrap_or_default();

    let sh = bench.join("scrapinghub");
    if only != "wcxb" && sh.is_dir() {
        let pages = load_scrapinghub(&sh);
        println!("ScrapingHub: {} pages", pages.len());
        let (texts, secs) = extract(&pipeline, &pages, SPEED_PASSES);
        let ours = shingle_scores(&words, &pages, &texts);
        let ours_rate = pages.len() as f64 / secs;
        print_shingles("presswash", ours, ours_rate);
        if let Some(dir) = std::env::var_os("PRESSWASH_BENCH_DUMP") {
            dump(&Path::new(&dir).join("scrapinghub"), &words, &pages, &texts);
        }
        if let Some((texts, secs)) = trafilatura(root, &pages, SPEED_PASSES) {
            let theirs = shingle_scores(&words, &pages, &texts);
            let rate = pages.len() as f64 / secs;
            print_shingles("trafilatura 2.3.1", theirs, rate);
            println!(
                "  speed ratio presswash / trafilatura: {:.1}x",
                ours_rate / rate
            );
        }
    } else {
        println!("ScrapingHub: skipped: {} is absent", sh.display());
    }

    let wcxb = bench.join("wcxb-dev");
    if only != "scrapinghub" && wcxb.is_dir() {
        let pages = load_wcxb(&wcxb);
        println!("WCXB dev: {} pages", pages.len());
        let (texts, secs) = extract(&pipeline, &pages, 1);
        report_wcxb(
            "presswash",
            &words,
            &pages,
            &texts,
            pages.len() as f64 / secs,
        );
        if let Some((texts, secs)) = trafilatura(root, &pages, 1) {
            report_wcxb(
                "trafilatura 2.3.1",
                &words,
                &pages,
                &texts,
                pages.len() as f64 / secs,
            );
        }
    }
}

/// How many times the ScrapingHub pages are run through each tool for its speed: the
/// median pass is reported, so one pass slowed by the machine (or by a first pass's cold
/// caches) does not decide the ratio. Both tools are timed the same way, in CPU seconds
/// of their process (see `support/cpu.rs`).
const SPEED_PASSES: usize = 3;

/// Runs every page through the pipeline as HTML with its URL, on this thread, `passes`
/// times; returns the text of each record (empty for a reject; the title is a field of its
/// own, and neither set's ground truth holds the headline) and the median CPU seconds of a
/// pass.
fn extract(pipeline: &Pipeline, pages: &[Page], passes: usize) -> (Vec<String>, f64) {
    let mut seconds = Vec::with_capacity(passes);
    let mut texts = Vec::new();
    for _ in 0..passes.max(1) {
        // The documents are made before the clock starts, as the Python side reads its
        // pages before timing: copying the bench's bytes is not the pipeline's work.
        let docs: Vec<Document> = pages
            .iter()
            .map(|p| {
                let mut doc = Document::new(p.id.clone(), p.html.clone());
                doc.url = Some(p.url.clone());
                doc.format = Format::Html;
                doc
            })
            .collect();
        let started = cpu::process_seconds();
        texts = docs
            .into_iter()
            .map(|doc| {
                pipeline
                    .run_document(doc)
                    .map(|record| record.text)
                    .unwrap_or_default()
            })
            .collect();
        seconds.push(cpu::process_seconds() - started);
    }
    seconds.sort_by(f64::total_cmp);
    (texts, seconds[seconds.len() / 2])
}

/// Runs trafilatura through `scripts/trafilatura_eval.py` in the venv, when there is one,
/// `passes` times over the pages: the texts and the median seconds of a pass on one core.
fn trafilatura(root: &Path, pages: &[Page], passes: usize) -> Option<(Vec<String>, f64)> {
    let passes = passes.to_string();
    let inputs = pages.iter().map(|p| python::PageInput {
        id: &p.id,
        url: &p.url,
        html: &p.html,
    });
    let result = python::run(
        root,
        "trafilatura-venv",
        "trafilatura_eval.py",
        &["--passes", &passes],
        "trafilatura",
        inputs,
    )?;
    let texts = result["texts"]
        .as_array()?
        .iter()
        .map(|t| t.as_str().unwrap_or("").to_string())
        .collect();
    Some((texts, result["seconds"].as_f64()?))
}

/// The `\w+` tokens of a text.
fn tokens<'t>(words: &Regex, text: &'t str) -> Vec<&'t str> {
    words.find_iter(text).map(|m| m.as_str()).collect()
}

/// Word 4-gram shingles as a multiset; a text of fewer than 4 tokens is one shingle.
fn shingles(words: &Regex, text: &str) -> HashMap<Vec<String>, usize> {
    let toks = tokens(words, text);
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    if toks.len() < 4 {
        *out.entry(toks.iter().map(|t| t.to_string()).collect())
            .or_default() += 1;
        return out;
    }
    for w in toks.windows(4) {
        *out.entry(w.iter().map(|t| t.to_string()).collect())
            .or_default() += 1;
    }
    out
}

/// ScrapingHub's metric: precision and recall means over pages, and their harmonic mean.
fn shingle_scores(words: &Regex, pages: &[Page], texts: &[String]) -> (f64, f64, f64) {
    let (mut p_sum, mut p_n, mut r_sum, mut r_n) = (0.0, 0, 0.0, 0);
    let mut worst = Vec::new();
    for (page, text) in pages.iter().zip(texts) {
        let pred = shingles(words, text);
        let truth = shingles(words, &page.truth);
        let tp: usize = pred
            .iter()
            .map(|(s, n)| (*n).min(truth.get(s).copied().unwrap_or(0)))
            .sum();
        let np: usize = pred.values().sum();
        let nt: usize = truth.values().sum();
        let (fp, fn_) = (np - tp, nt - tp);
        if tp + fp > 0 {
            p_sum += tp as f64 / (tp + fp) as f64;
            p_n += 1;
        }
        if tp + fn_ > 0 {
            r_sum += tp as f64 / (tp + fn_) as f64;
            r_n += 1;
        }
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fn_).max(1) as f64;
        worst.push((p.min(r), p, r, page.id.as_str()));
    }
    if std::env::var_os("PRESSWASH_BENCH_WORST").is_some() {
        worst.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, p, r, id) in worst.iter().take(25) {
            println!("    worst: {id} P {p:.3} R {r:.3}");
        }
    }
    let p = p_sum / p_n.max(1) as f64;
    let r = r_sum / r_n.max(1) as f64;
    (2.0 * p * r / (p + r).max(f64::MIN_POSITIVE), p, r)
}

fn print_shingles(name: &str, (f1, p, r): (f64, f64, f64), rate: f64) {
    println!("  {name}: F1 {f1:.3} (P {p:.3}, R {r:.3}); {rate:.0} docs/s on one core");
}

fn report_wcxb(name: &str, words: &Regex, pages: &[Page], texts: &[String], rate: f64) {
    let scores = Scores::of(
        words,
        pages
            .iter()
            .zip(texts)
            .map(|(page, text)| (page.truth(), text.as_str())),
    );
    println!(
        "  {name}: word F1 {:.3}; with {:.3}, without {:.3}; {rate:.0} docs/s on one core\n    {}",
        scores.mean("all"),
        scores.with_rate(),
        scores.without_rate(),
        scores.per_type(true).join(", ")
    );
    if std::env::var_os("PRESSWASH_BENCH_WORST").is_some() {
        let mut per_page: Vec<(f64, &str)> = scores
            .per_page
            .iter()
            .zip(pages)
            .map(|(f1, page)| (*f1, page.id.as_str()))
            .collect();
        per_page.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f1, id) in per_page.iter().take(40) {
            println!("    worst: {id} {f1:.3}");
        }
    }
    if let Some(dir) = std::env::var_os("PRESSWASH_BENCH_DUMP") {
        dump(Path::new(&dir), words, pages, texts);
        let pipeline = Pipeline::new(RuleSet::embedded().expect("shipped rules load"));
        for page in pages {
            let mut doc = Document::new(page.id.clone(), page.html.clone());
            doc.url = Some(page.url.clone());
            doc.format = Format::Html;
            let how = match pipeline.run_document(doc) {
                Ok(record) => format!("{:#?}", record.metadata.html),
                Err(reject) => format!("{reject:?}"),
            };
            let path = Path::new(&dir).join(format!("{}.how", page.id));
            std::fs::write(path, how).expect("a dump file");
        }
    }
}

/// With `PRESSWASH_BENCH_DUMP=DIR`: per page, `DIR/<id>.txt` holds the predicted text, and
/// `DIR/scores.tsv` one line per page (id, type, F1, precision, recall, predicted and
/// truth word counts), for reading where the score is lost.
fn dump(dir: &Path, words: &Regex, pages: &[Page], texts: &[String]) {
    std::fs::create_dir_all(dir).expect("the dump folder");
    let bag = |text: &str| {
        let mut bag: HashMap<String, usize> = HashMap::new();
        for w in words.find_iter(&text.to_lowercase()) {
            *bag.entry(w.as_str().to_string()).or_default() += 1;
        }
        bag
    };
    let mut lines = vec!["id\ttype\tf1\tp\tr\tpred\ttruth".to_string()];
    for (page, text) in pages.iter().zip(texts) {
        let (p, t) = (bag(text), bag(&page.truth));
        let (np, nt): (usize, usize) = (p.values().sum(), t.values().sum());
        let overlap: usize = p
            .iter()
            .map(|(w, n)| (*n).min(t.get(w).copied().unwrap_or(0)))
            .sum();
        let precision = overlap as f64 / np.max(1) as f64;
        let recall = overlap as f64 / nt.max(1) as f64;
        let f1 = wcxb::word_f1(words, text, &page.truth);
        lines.push(format!(
            "{}\t{}\t{f1:.3}\t{precision:.3}\t{recall:.3}\t{np}\t{nt}",
            page.id, page.page_type
        ));
        std::fs::write(dir.join(format!("{}.txt", page.id)), text).expect("a dump file");
    }
    std::fs::write(dir.join("scores.tsv"), lines.join("\n") + "\n").expect("scores.tsv");
}

fn load_scrapinghub(dir: &Path) -> Vec<Page> {
    let truth = read_json(&dir.join("ground-truth.json"));
    let mut ids: Vec<&String> = truth.as_object().expect("an object").keys().collect();
    ids.sort();
    ids.into_iter()
        .map(|id| Page {
            id: id.clone(),
            url: truth[id]["url"].as_str().unwrap_or("").to_string(),
            page_type: "article".into(),
            html: gunzip(&dir.join(format!("html/{id}.html.gz"))),
            truth: truth[id]["articleBody"].as_str().unwrap_or("").to_string(),
            with: Vec::new(),
            without: Vec::new(),
        })
        .collect()
}

fn load_wcxb(dir: &Path) -> Vec<Page> {
    let metadata = read_json(&dir.join("metadata.json"));
    let mut ids = page_ids(dir);
    if let Ok(only) = std::env::var("PRESSWASH_BENCH_IDS") {
        ids.retain(|id| only.split(',').any(|o| o == id));
    }
    ids.into_iter()
        .map(|id| {
            let json = read_json(&dir.join(format!("dev/ground-truth/{id}.json")));
            let truth = &json["ground_truth"];
            Page {
                url: json["url"].as_str().unwrap_or("").to_string(),
                page_type: metadata["files"][&id]["page_type"]
                    .as_str()
                    .unwrap_or("unknown")
                    .to_string(),
                html: gunzip(&dir.join(format!("dev/html/{id}.html.gz"))),
                // Two pages have no main content: an empty prediction is right for them.
                truth: truth["main_content"].as_str().unwrap_or("").to_string(),
                with: strings(&truth["with"]),
                without: strings(&truth["without"]),
                id,
            }
        })
        .collect()
}
