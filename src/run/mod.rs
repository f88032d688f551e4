//! The batch driver: inputs -> pipeline -> records and rejects, in parallel, in order,
//! with progress, a summary, shards and resumable directory output.
//!
//! It owns I/O, parallelism, ordering, resume and counting, and nothing else: what happens
//! to a document is the pipeline's business. Every document ends as exactly one record or
//! one reject line, in input order whatever the number of threads; one bad document never
//! stops the batch (even a bug that panics in a stage becomes a reject). Only an output
//! that cannot be written (a full disk, a closed folder) is fatal.
//!
//! Two passes by default over file inputs: the first counts the lines that recur across the
//! batch (in parallel, the counts merged in input order, so they do not depend on the
//! number of threads), the second cleans with that evidence. Records therefore depend on
//! the batch they were cleaned in: a shard's records are those of a run over that shard's
//! inputs alone, and a resumed run counts again over all its inputs before going on, so it
//! ends with exactly the records of an uninterrupted run. `--single-pass` makes every
//! record depend on its own input only.

mod ordered;
pub mod shard;
mod summary;
mod targets;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::document::{Document, Format};
use crate::io::jsonl::FieldMap;
use crate::io::parts::{Found, PartOptions, PartsDir, DEFAULT_PART_BYTES};
use crate::io::read::{expand, Input, InputSource};
use crate::io::source::{documents, Item, ReadOptions, StdinAs};
use crate::io::write::{JsonLines, WriteError};
use crate::pipeline::Pipeline;
use crate::progress::{Progress, ProgressMode};
use crate::record::{Record, Reject};
use crate::rules::suggest::ShapeCounter;

pub use ordered::ordered_map;
pub use shard::Shard;
pub use summary::Summary;
pub use targets::Target;

use targets::check_targets;

/// What a batch run reads and where it writes.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Files, directories, or `-` for stdin.
    pub inputs: Vec<String>,
    /// Where records go.
    pub records: Target,
    /// Where reject lines go (unless records go to a folder, which holds its rejects).
    pub rejects: Target,
    /// How progress is shown.
    pub progress: ProgressMode,
    /// No progress and no per-input warnings on stderr.
    pub quiet: bool,
    /// Documents larger than this (read, decompressed, or decoded) are rejected
    /// (`too-large`).
    pub max_bytes: u64,
    /// The page URL of inputs that do not come with one (`--url`).
    pub url: Option<String>,
    /// Read the inputs twice: first to count the lines that recur across the batch (site
    /// templates, evidence for the generic boilerplate stage), then to clean them.
    pub count_recurring: bool,
    /// What the inputs are: `Auto` lets decode tell HTML from text per input; a container
    /// that says (WARC, `--html-field`) wins.
    pub format: Format,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Fields of JSONL input.
    pub fields: FieldMap,
    /// What `-` reads from stdin.
    pub stdin: StdinAs,
    /// Take only this shard of the inputs.
    pub shard: Option<Shard>,
    /// With a folder output: go on from the folder's checkpoint, if it has one.
    pub resume: bool,
    /// With a folder output: how records are split into part files.
    pub parts: PartOptions,
}

impl Default for BatchOptions {
    fn default() -> BatchOptions {
        BatchOptions {
            inputs: Vec::new(),
            records: Target::Stdout,
            rejects: Target::Stderr,
            progress: ProgressMode::Off,
            quiet: true,
            max_bytes: DEFAULT_MAX_BYTES,
            url: None,
            count_recurring: true,
            format: Format::Auto,
            threads: default_threads(),
            fields: FieldMap::default(),
            stdin: StdinAs::Document,
            shard: None,
            resume: false,
            parts: PartOptions {
                max_part_bytes: DEFAULT_PART_BYTES,
                compress: Default::default(),
            },
        }
    }
}

/// The default number of threads: every core the process may use.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// How many (site, line shape) counters the recurring-line count keeps: beyond that, rare
/// lines are forgotten (Misra-Gries), so memory stays flat however large the batch.
const RECURRING_CAPACITY: usize = 500_000;

/// The default of `BatchOptions::max_bytes`: 64 MiB, far above any news page.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Documents in flight per thread: between the oldest not yet written and the newest read.
/// Enough to keep every worker busy past a slow document; memory is this many documents
/// per thread, whatever the size of the batch.
const WINDOW_PER_THREAD: usize = 16;

/// Why a batch could not run, or stopped.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The options contradict each other (e.g. an output that is also an input).
    #[error("{0}")]
    Options(String),
    /// An output could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// What a folder output's checkpoint keeps for the driver.
#[derive(Debug, Serialize, Deserialize)]
struct Checkpoint {
    /// What the run was asked to do; a resumed run must be asked the same.
    fingerprint: String,
    /// The summary so far: its `inputs` is how many documents are done.
    summary: Summary,
}

/// What one worker made of one document.
enum Done {
    Record { record: Box<Record>, line: Vec<u8> },
    Reject { reject: Reject, line: Vec<u8> },
}

/// Where records and rejects are being written.
enum Sink {
    Lines {
        records: JsonLines,
        rejects: JsonLines,
        rejects_on_stderr: bool,
    },
    Dir {
        parts: PartsDir,
        fingerprint: String,
    },
}

/// Runs a batch. Fails only on contradictory options or an output that cannot be written.
pub fn run_batch(pipeline: &Pipeline, options: &BatchOptions) -> Result<Summary, RunError> {
    let started = Instant::now();
    let outputs = check_targets(options)?;
    let found = expand(&options.inputs, &outputs);
    let mut inputs = found.inputs;
    // The list stays in memory for the run (two passes, resume): no slack in it.
    inputs.shrink_to_fit();
    let reads_stdin = inputs.iter().any(|i| i.source == InputSource::Stdin);
    if let Some(shard) = options.shard {
        if reads_stdin {
            return Err(RunError::Options(
                "--shard divides a list of input files; it cannot divide stdin".into(),
            ));
        }
        inputs = shard.take(inputs);
    }
    let pipeline =
        pipeline.with_max_text_bytes(usize::try_from(options.max_bytes).unwrap_or(usize::MAX));
    let read = ReadOptions {
        max_bytes: options.max_bytes,
        fields: options.fields.clone(),
        url: options.url.clone(),
        format: options.format,
        stdin: options.stdin,
    };
    let mut summary = Summary {
        hidden_skipped: found.hidden_skipped,
        duplicates: found.duplicates.len(),
        records_to: options.records.to_string(),
        rejects_to: match &options.records {
            Target::Dir(dir) => dir.join("rejects.jsonl").display().to_string(),
            _ => options.rejects.to_string(),
        },
        ..Summary::default()
    };

    let (mut sink, done_before) = match &options.records {
        Target::Dir(dir) => {
            let fingerprint = fingerprint(&pipeline, options, &inputs);
            match PartsDir::open::<Checkpoint>(dir, options.parts, options.resume)? {
                Found::Fresh(parts) => (Sink::Dir { parts, fingerprint }, None),
                Found::Resumed(parts, checkpoint) => {
                    if checkpoint.fingerprint != fingerprint {
                        return Err(RunError::Options(format!(
                            "{} holds a checkpoint of a run with other inputs or options; resume with the same arguments, or run without --resume to start again",
                            dir.display()
                        )));
                    }
                    (Sink::Dir { parts, fingerprint }, Some(checkpoint.summary))
                }
                Found::Complete(manifest) => {
                    return complete_run(dir, &manifest, started);
                }
            }
        }
        records => (
            Sink::Lines {
                records: records.open()?,
                rejects: options.rejects.open()?,
                rejects_on_stderr: options.rejects == Target::Stderr,
            },
            None,
        ),
    };
    if let Some(before) = done_before {
        summary = Summary {
            hidden_skipped: summary.hidden_skipped,
            duplicates: summary.duplicates,
            resumed_after: before.inputs,
            ..before
        };
    }
    let skip = summary.resumed_after;

    let counted;
    let pipeline = if options.count_recurring && !reads_stdin && inputs.len() >= 2 {
        counted = count_recurring(&pipeline, options, &inputs, &read);
        &counted
    } else {
        &pipeline
    };
    let mut progress = Progress::new(options.progress, inputs.len(), options.quiet);
    for name in &found.duplicates {
        progress.warn(&format!(
            "presswash: {name} was reached more than once; it is read once"
        ));
    }
    let threads = options.threads.max(1);
    let items = documents(inputs, read.clone()).skip(skip);
    let work = |item: Item| clean(pipeline, item, &read);
    let result = ordered_map(threads, threads * WINDOW_PER_THREAD, items, work, |done| {
        match done {
            Done::Record { record, line } => {
                summary.count_record(&record);
                summary.bytes_in += record.metadata.bytes_in as u64;
                summary.bytes_out += line.len() as u64;
                match &mut sink {
                    Sink::Lines { records, .. } => records.write_line(&line)?,
                    Sink::Dir { parts, .. } => parts.write_record(&line)?,
                }
            }
            Done::Reject { reject, line } => {
                summary.count_reject(&reject);
                match &mut sink {
                    Sink::Lines {
                        rejects,
                        rejects_on_stderr: true,
                        ..
                    } => {
                        // The JSON line is the message; a warning would say it twice.
                        progress.suspend(|| rejects.write_line(&line))?;
                    }
                    Sink::Lines { rejects, .. } => {
                        warn_reject(&progress, &reject);
                        rejects.write_line(&line)?;
                    }
                    Sink::Dir { parts, .. } => {
                        warn_reject(&progress, &reject);
                        parts.write_reject(&line)?;
                    }
                }
            }
        }
        if let Sink::Dir { parts, fingerprint } = &mut sink {
            if parts.is_full() {
                let mut so_far = summary.clone();
                so_far.elapsed += started.elapsed();
                let checkpoint = Checkpoint {
                    fingerprint: fingerprint.clone(),
                    summary: so_far,
                };
                parts.checkpoint(&checkpoint)?;
            }
        }
        progress.inc();
        Ok::<(), WriteError>(())
    });
    progress.finish();
    result?;
    summary.find_idle_rules(pipeline.rules());
    summary.elapsed += started.elapsed();
    match sink {
        Sink::Lines {
            records, rejects, ..
        } => {
            records.finish()?;
            rejects.finish()?;
        }
        Sink::Dir { parts, fingerprint } => {
            let checkpoint = Checkpoint {
                fingerprint,
                summary: summary.clone(),
            };
            let shard = options.shard.map(|s| s.to_string());
            parts.finish(&checkpoint, |files| {
                serde_json::json!({
                    "schema": 1,
                    "complete": true,
                    "shard": shard,
                    "parts": files,
                    "rejects": "rejects.jsonl",
                    "summary": &summary,
                })
            })?;
        }
    }
    Ok(summary)
}

/// A folder output that a run already completed: its summary, from the manifest.
fn complete_run(dir: &Path, manifest: &str, started: Instant) -> Result<Summary, RunError> {
    let value: serde_json::Value = serde_json::from_str(manifest).map_err(|e| {
        RunError::Options(format!(
            "{}/manifest.json cannot be read ({e}); remove the folder to run again",
            dir.display()
        ))
    })?;
    let mut summary: Summary = serde_json::from_value(value["summary"].clone()).map_err(|e| {
        RunError::Options(format!(
            "{}/manifest.json has no summary ({e}); remove the folder to run again",
            dir.display()
        ))
    })?;
    summary.resumed_after = summary.inputs;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

fn warn_reject(progress: &Progress, reject: &Reject) {
    progress.warn(&format!(
        "presswash: rejected {}: {} ({})",
        reject.input, reject.detail, reject.reason
    ));
}

/// What the run is asked to do, as a hash: inputs, shard, passes, limits, field mapping,
/// output layout and rules. A checkpoint is taken up only by a run with the same one.
fn fingerprint(pipeline: &Pipeline, options: &BatchOptions, inputs: &[Input]) -> String {
    let mut hash = Sha256::new();
    let mut add = |part: &str| {
        hash.update(part.as_bytes());
        hash.update([0]);
    };
    add(env!("CARGO_PKG_VERSION"));
    for input in inputs {
        add(&input.name);
    }
    add(&format!(
        "{:?} {} {} {:?} {:?} {:?} {:?} {:?}",
        options.shard,
        options.count_recurring,
        options.max_bytes,
        options.url,
        options.fields,
        options.stdin,
        options.parts.max_part_bytes,
        options.parts.compress,
    ));
    for file in pipeline.rules().files() {
        add(&file.name);
        for rule in &file.rules {
            add(&rule.id);
        }
    }
    hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads, cleans and serializes one document, on a worker thread.
fn clean(pipeline: &Pipeline, item: Item, read: &ReadOptions) -> Done {
    let outcome = item
        .into_document(read)
        .and_then(|doc| process(pipeline, doc));
    match outcome {
        Ok(record) => Done::Record {
            line: json_line(&record),
            record: Box::new(record),
        },
        Err(reject) => Done::Reject {
            line: json_line(&reject),
            reject,
        },
    }
}

/// The first pass: counts which lines recur across the inputs and returns the pipeline
/// with that evidence. Documents are read and normalized in parallel; their lines are
/// added to one counter in input order, so the counts (and the records) do not depend on
/// the number of threads. A document that cannot be read or decoded adds nothing; the
/// second pass rejects it with the reason.
fn count_recurring(
    pipeline: &Pipeline,
    options: &BatchOptions,
    inputs: &[Input],
    read: &ReadOptions,
) -> Pipeline {
    let mut counter = ShapeCounter::new(RECURRING_CAPACITY);
    // A bar on a terminal; log lines are kept for the cleaning pass.
    let quiet = options.quiet || options.progress != ProgressMode::Auto;
    let mut progress = Progress::new(options.progress, inputs.len(), quiet);
    let threads = options.threads.max(1);
    let items = documents(inputs.iter().cloned(), read.clone());
    let work = |item: Item| {
        let doc = item.into_document(read).ok()?;
        // A panic here is caught again, and rejected, in the second pass.
        catch_unwind(AssertUnwindSafe(|| pipeline.lines_to_count(doc))).ok()?
    };
    let _ = ordered_map(threads, threads * WINDOW_PER_THREAD, items, work, |lines| {
        if let Some(lines) = lines {
            lines.add_to(&mut counter);
        }
        progress.inc();
        Ok::<(), ()>(())
    });
    progress.finish();
    pipeline.with_recurring(counter.recurring(2))
}

/// Cleans one input's bytes; a panic inside the pipeline becomes a reject.
fn process(pipeline: &Pipeline, doc: Document) -> Result<Record, Reject> {
    let name = doc.input.clone();
    catch_unwind(AssertUnwindSafe(|| pipeline.run_document(doc))).unwrap_or_else(|_| {
        Err(Reject {
            input: name,
            stage: "pipeline".into(),
            reason: "internal-error".into(),
            detail: "presswash hit a bug on this input (see the panic message above); please report it with the input".into(),
        })
    })
}

/// A record or reject as one JSON line, ending in `\n`.
fn json_line<T: Serialize>(value: &T) -> Vec<u8> {
    // Records and rejects are plain data: serializing them cannot fail.
    let mut line = serde_json::to_vec(value).expect("records and rejects serialize");
    line.push(b'\n');
    line
}
