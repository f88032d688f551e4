//! Text throughput of the whole pipeline on one core: `cargo bench --bench throughput`.
//!
//! The corpus is generated from `samples/`: documents built by a fixed pseudo-random mix of
//! the seeds' lines (so boilerplate, datelines and paragraphs all occur, and the rule
//! files' signatures match about as often as in the seeds). Nothing is timed in
//! `cargo test`; figures come from this program only.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use presswash::{Pipeline, RuleSet};

/// How many documents the corpus holds.
const DOCS: usize = 4000;
/// How many timed passes over the corpus; the best is reported.
const PASSES: usize = 5;

fn main() {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    let pipeline = Pipeline::new(RuleSet::embedded().expect("shipped rules load"));
    let mut best = f64::INFINITY;
    let mut records = 0;
    for _ in 0..PASSES {
        let started = Instant::now();
        records = 0;
        for doc in &corpus {
            if black_box(pipeline.run_one("bench", doc.clone())).is_ok() {
                records += 1;
            }
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "text pipeline, one core: {:.1} MB/s, {:.0} docs/s ({DOCS} docs, {mb:.1} MB, {records} records, best of {PASSES})",
        mb / best,
        DOCS as f64 / best,
    );
}

/// Documents made of the seeds' lines, mixed with a fixed-seed generator.
fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut seeds: Vec<String> = std::fs::read_dir(dir)
        .expect("samples/ exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).expect("samples are UTF-8"))
        .collect();
    seeds.sort();
    let lines: Vec<Vec<&str>> = seeds.iter().map(|s| s.lines().collect()).collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64*: deterministic, good enough to mix lines.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    (0..DOCS)
        .map(|i| {
            // Each document keeps one seed's frame (its first and last lines) and takes
            // paragraphs from all seeds, so it is no exact copy of a seed.
            let frame = &lines[i % lines.len()];
            let mut doc: Vec<&str> = frame.iter().take(3).copied().collect();
            for _ in 0..(8 + next() % 24) {
                let seed = &lines[(next() % lines.len() as u64) as usize];
                doc.push(seed[(next() % seed.len() as u64) as usize]);
                doc.push("");
            }
            doc.extend(frame.iter().rev().take(6).rev().copied());
            doc.join("\n").into_bytes()
        })
        .collect()
}
