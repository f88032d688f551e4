//! Batch runs: docs/s with 1 and 2 threads, and peak memory for 10k and 40k documents:
//! `cargo bench --bench batch`.
//!
//! The corpus is generated from `samples/` like the throughput benchmark's (documents mixed
//! from the seeds' lines with a fixed-seed generator) and written as one file per document
//! under `target/bench-batch/`, as scrapers leave them. Throughput is the whole driver
//! (`run_batch`: reading, both passes, writing to a folder output) on the first
//! `TIMED_DOCS` documents, with 1 and 2 threads alternated `ROUNDS` times, in pairs so
//! that both of a pair see about the same machine load; each pair's ratio is printed, then
//! the median and the quartiles, and the same ratio with the working threads' run-queue
//! wait taken off each run's wall time (sampled from Linux schedstat): an estimate of an
//! idle machine. Peak memory is measured in a child process per corpus size (this program
//! run again), read from the kernel's high-water mark (`VmHWM`, Linux only), so the two
//! figures do not mix. On a busy machine the wall-clock ratio is noisy; the CPU seconds of
//! each run (all threads) show what parallelism costs whatever the load, and
//! 2 x (1-thread CPU) / (2-thread CPU) is the ratio two idle cores would give if nothing
//! else limited it (printed as the CPU bound).
//!
//! The working threads are the calling thread (it cleans documents too, and with one
//! thread it is the only one) and the `presswash-worker-*` threads.

use std::path::{Path, PathBuf};
use std::time::Instant;

use presswash::progress::ProgressMode;
use presswash::run::{run_batch, BatchOptions, Target};
use presswash::{Pipeline, RuleSet};

#[path = "support/corpus.rs"]
mod corpus;

/// How many times 1 and 2 threads are timed, alternately.
const ROUNDS: usize = 9;

/// How many documents a timed run cleans (the first folders of the 10k corpus).
const TIMED_DOCS: usize = 10_000;

fn main() {
    if let Ok(corpus) = std::env::var("PRESSWASH_BENCH_RSS_CORPUS") {
        child_run(Path::new(&corpus));
        return;
    }
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-batch");
    let small = corpus(&base, 10_000);
    let timed: Vec<String> = (0..TIMED_DOCS / 100)
        .map(|i| small.join(format!("{i:04}")).display().to_string())
        .collect();
    let pipeline = Pipeline::new(RuleSet::embedded().expect("shipped rules load"));
    for (label, single) in [("two passes (default)", false), ("--single-pass", true)] {
        let mut ratios = Vec::new();
        let mut corrected = Vec::new();
        let mut cpu_bound = Vec::new();
        for round in 0..ROUNDS {
            let one = measure(&pipeline, &timed, 1, single, &base);
            let two = measure(&pipeline, &timed, 2, single, &base);
            println!(
                "batch {label}, round {}: 1 thread {:.0} docs/s, 2 threads {:.0} docs/s, {:.2}x; CPU {:.2}s vs {:.2}s; run-queue wait {:.2}s vs {:.2}s",
                round + 1,
                one.docs_per_second,
                two.docs_per_second,
                two.docs_per_second / one.docs_per_second,
                one.cpu,
                two.cpu,
                one.worker_wait,
                two.worker_wait,
            );
            ratios.push(two.docs_per_second / one.docs_per_second);
            cpu_bound.push(2.0 * one.cpu / two.cpu.max(1e-3));
            // Each working thread would have run at once on an idle machine: take the
            // average wait per thread off each run's wall time (an estimate: it assumes the
            // waits were spread evenly).
            let idle_one = (one.wall - one.worker_wait).max(1e-3);
            let idle_two = (two.wall - two.worker_wait / 2.0).max(1e-3);
            corrected.push(idle_one / idle_two);
        }
        cpu_bound.sort_by(f64::total_cmp);
        println!(
            "batch {label}: CPU bound, 2 x (1-thread CPU) / (2-thread CPU): median {:.2}x, quartiles {:.2}x to {:.2}x",
            cpu_bound[ROUNDS / 2],
            cpu_bound[ROUNDS / 4],
            cpu_bound[ROUNDS * 3 / 4],
        );
        corrected.sort_by(f64::total_cmp);
        println!(
            "batch {label}: the same with the workers' run-queue wait taken off (estimate of an idle machine): median {:.2}x, quartiles {:.2}x to {:.2}x",
            corrected[ROUNDS / 2],
            corrected[ROUNDS / 4],
            corrected[ROUNDS * 3 / 4],
        );
        ratios.sort_by(f64::total_cmp);
        println!(
            "batch {label}: 2 threads / 1 thread over {ROUNDS} pairs: median {:.2}x, quartiles {:.2}x to {:.2}x, all {:.2}x to {:.2}x",
            ratios[ROUNDS / 2],
            ratios[ROUNDS / 4],
            ratios[ROUNDS * 3 / 4],
            ratios[0],
            ratios[ROUNDS - 1]
        );
    }
    let large = corpus(&base, 40_000);
    match (peak_rss(&small), peak_rss(&large)) {
        (Some(a), Some(b)) => println!(
            "peak RSS: 10k docs {:.1} MB, 40k docs {:.1} MB: {:.2}x",
            a as f64 / 1024.0,
            b as f64 / 1024.0,
            b as f64 / a as f64
        ),
        _ => println!("peak RSS: skipped (needs Linux's /proc/self/status)"),
    }
}

/// What one timed run measured.
struct Measure {
    docs_per_second: f64,
    /// CPU seconds of the whole process (all threads): the same for 1 and 2 threads when
    /// parallelism costs nothing, whatever else the machine runs.
    cpu: f64,
    /// Wall seconds.
    wall: f64,
    /// Seconds the working threads (the calling thread and the workers) spent ready to
    /// run but waiting for a CPU (Linux schedstat; 0 elsewhere): the time other programs
    /// on the machine took from them.
    worker_wait: f64,
}

/// Samples the scheduler figures (`/proc/self/task/*/schedstat`) of presswash's worker
/// threads every few milliseconds while a run goes, keeping each thread's last sample.
struct WaitSampler {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: std::thread::JoinHandle<std::collections::HashMap<String, f64>>,
}

impl WaitSampler {
    fn start() -> WaitSampler {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&stop);
        let handle = std::thread::spawn(move || {
            let mut waits = std::collections::HashMap::new();
            loop {
                let last = flag.load(std::sync::atomic::Ordering::SeqCst);
                for task in std::fs::read_dir("/proc/self/task")
                    .into_iter()
                    .flatten()
                    .flatten()
                {
                    let comm =
                        std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
                    if !comm.starts_with("presswash-work") {
                        continue;
                    }
                    let stat =
                        std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
                    if let Some(wait) = stat
                        .split_whitespace()
                        .nth(1)
                        .and_then(|w| w.parse::<f64>().ok())
                    {
                        waits.insert(task.file_name().to_string_lossy().into_owned(), wait / 1e9);
                    }
                }
                if last {
                    return waits;
                }
                std::thread::sleep(std::time::Duration::from_millis(3));
            }
        });
        WaitSampler { stop, handle }
    }

    /// Stops sampling; the total wait of the worker threads seen, in seconds.
    fn finish(self) -> f64 {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        self.handle.join().map_or(0.0, |w| w.values().sum())
    }
}

/// Seconds a thread has waited on a run queue, from its `/proc/.../schedstat`; 0 where
/// there is none.
fn run_queue_wait(schedstat: &str) -> f64 {
    std::fs::read_to_string(schedstat)
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

/// CPU seconds (user + system) from a `/proc/.../stat` file; 0 where there is none.
fn cpu_seconds(stat: &str) -> f64 {
    let text = std::fs::read_to_string(stat).unwrap_or_default();
    // The fields after the command name (which may hold spaces) start at field 3.
    let after = text.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15, in clock ticks of 1/100 s on Linux.
    (ticks(11) + ticks(12)) / 100.0
}

/// Runs the batch over `corpus` with `threads`.
fn measure(
    pipeline: &Pipeline,
    inputs: &[String],
    threads: usize,
    single: bool,
    base: &Path,
) -> Measure {
    let cpu0 = cpu_seconds("/proc/self/stat");
    let out = tempfile::tempdir_in(base).expect("a temporary folder in target/");
    let options = BatchOptions {
        inputs: inputs.to_vec(),
        records: Target::Dir(out.path().join("out")),
        progress: ProgressMode::Off,
        quiet: true,
        threads,
        count_recurring: !single,
        ..BatchOptions::default()
    };
    let sampler = WaitSampler::start();
    // This thread cleans documents too: its wait counts with the workers'.
    let wait0 = run_queue_wait("/proc/thread-self/schedstat");
    let started = Instant::now();
    let summary = run_batch(pipeline, &options).expect("the batch runs");
    let wall = started.elapsed().as_secs_f64();
    let own_wait = run_queue_wait("/proc/thread-self/schedstat") - wait0;
    Measure {
        docs_per_second: summary.inputs as f64 / wall,
        wall,
        worker_wait: sampler.finish() + own_wait,
        cpu: cpu_seconds("/proc/self/stat") - cpu0,
    }
}

/// This program again, as a child, running the whole default batch (two passes, all
/// cores) over `corpus`; its peak RSS in KiB.
fn peak_rss(corpus: &Path) -> Option<u64> {
    let output = std::process::Command::new(std::env::current_exe().ok()?)
        .env("PRESSWASH_BENCH_RSS_CORPUS", corpus)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("VmHWM_KB=")?.trim().parse().ok())
}

fn child_run(corpus: &Path) {
    let pipeline = Pipeline::new(RuleSet::embedded().expect("shipped rules load"));
    let out = tempfile::tempdir_in(corpus.parent().expect("corpus has a parent"))
        .expect("a temporary folder");
    let options = BatchOptions {
        inputs: vec![corpus.display().to_string()],
        records: Target::Dir(out.path().join("out")),
        ..BatchOptions::default()
    };
    run_batch(&pipeline, &options).expect("the batch runs");
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
        let kb: String = line.chars().filter(char::is_ascii_digit).collect();
        println!("VmHWM_KB={kb}");
    }
}

/// The corpus of `n` documents under `base`, written once and reused.
fn corpus(base: &Path, n: usize) -> PathBuf {
    let dir = base.join(format!("corpus-{n}"));
    let done = dir.join(".complete");
    if done.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("target/ is writable");
    // A line of its own in each document, so that no two documents are the same.
    let docs = corpus::documents(n, |i| {
        Some(format!("Document {i} of the generated batch corpus."))
    });
    for (i, doc) in docs.enumerate() {
        // 100 documents per folder, as a crawl's dump is often laid out.
        let sub = dir.join(format!("{:04}", i / 100));
        std::fs::create_dir_all(&sub).expect("target/ is writable");
        std::fs::write(sub.join(format!("{i:06}.txt")), doc).expect("target/ is writable");
    }
    std::fs::write(&done, "").expect("target/ is writable");
    dir
}
