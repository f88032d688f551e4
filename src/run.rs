//! The batch driver: inputs -> pipeline -> records and rejects, with progress and a summary.
//!
//! It owns I/O, ordering and counting, and nothing else: what happens to a document is the
//! pipeline's business. Every input ends as exactly one record or one reject line; one bad
//! document never stops the batch (even a bug that panics in a stage becomes a reject).
//! Only an output that cannot be written is fatal.

use std::collections::BTreeMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::io::read::{expand, Input};
use crate::io::write::{JsonLines, WriteError};
use crate::pipeline::Pipeline;
use crate::progress::{Progress, ProgressMode};
use crate::record::{Record, Reject};

/// Where a stream of JSON lines goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
    /// A file, replaced atomically when the run ends.
    File(PathBuf),
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Stdout => f.write_str("stdout"),
            Target::Stderr => f.write_str("stderr"),
            Target::File(path) => write!(f, "{}", path.display()),
        }
    }
}

impl Target {
    fn open(&self) -> Result<JsonLines, WriteError> {
        match self {
            Target::Stdout => Ok(JsonLines::stdout()),
            Target::Stderr => Ok(JsonLines::stderr()),
            Target::File(path) => JsonLines::create(path),
        }
    }
}

/// What a batch run reads and where it writes.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Files, directories, or `-` for stdin.
    pub inputs: Vec<String>,
    /// Where records go.
    pub records: Target,
    /// Where reject lines go.
    pub rejects: Target,
    /// How progress is shown.
    pub progress: ProgressMode,
}

/// What a batch run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Inputs seen (records + rejects).
    pub inputs: usize,
    /// Records written.
    pub records: usize,
    /// Rejects by reason code.
    pub rejects: BTreeMap<String, usize>,
    /// Bytes read from inputs that were read.
    pub bytes_in: u64,
    /// Bytes of record lines written.
    pub bytes_out: u64,
    /// Lines removed, by qualified rule id.
    pub removed_by_rule: BTreeMap<String, usize>,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Where records went and where rejects went, for the summary.
    pub records_to: String,
    /// See `records_to`.
    pub rejects_to: String,
}

impl Summary {
    /// The number of rejected inputs.
    pub fn rejected(&self) -> usize {
        self.rejects.values().sum()
    }
}

/// Runs a batch. Fails only when an output cannot be written.
pub fn run_batch(pipeline: &Pipeline, options: &BatchOptions) -> Result<Summary, WriteError> {
    let started = Instant::now();
    let inputs = expand(&options.inputs);
    let mut records = options.records.open()?;
    let mut rejects = options.rejects.open()?;
    let mut progress = Progress::new(options.progress, inputs.len());
    let mut summary = Summary {
        records_to: options.records.to_string(),
        rejects_to: options.rejects.to_string(),
        ..Summary::default()
    };

    for input in &inputs {
        summary.inputs += 1;
        match process(pipeline, input, &mut summary) {
            Ok(record) => {
                for removal in &record.metadata.removed {
                    *summary
                        .removed_by_rule
                        .entry(removal.rule.clone())
                        .or_default() += removal.lines.len();
                }
                summary.bytes_out += records.write(&record)? as u64;
                summary.records += 1;
            }
            Err(reject) => {
                progress.warn(&format!(
                    "presswash: rejected {}: {} ({})",
                    reject.input, reject.detail, reject.reason
                ));
                *summary.rejects.entry(reject.reason.clone()).or_default() += 1;
                rejects.write(&reject)?;
            }
        }
        progress.inc();
    }
    progress.finish();
    records.finish()?;
    rejects.finish()?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Reads and cleans one input; a panic inside the pipeline becomes a reject.
fn process(pipeline: &Pipeline, input: &Input, summary: &mut Summary) -> Result<Record, Reject> {
    let bytes = input.read()?;
    summary.bytes_in += bytes.len() as u64;
    catch_unwind(AssertUnwindSafe(|| pipeline.run_one(&input.name, bytes))).unwrap_or_else(|_| {
        Err(Reject {
            input: input.name.clone(),
            stage: "pipeline".into(),
            reason: "internal-error".into(),
            detail: "presswash hit a bug on this input (see the panic message above); please report it with the input".into(),
        })
    })
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        writeln!(
            f,
            "presswash: {} inputs -> {} records, {} rejected, in {:.2}s ({:.0} docs/s)",
            self.inputs,
            self.records,
            self.rejected(),
            secs,
            self.inputs as f64 / secs.max(1e-9)
        )?;
        writeln!(
            f,
            "  {} read, {} of records written to {}",
            human_bytes(self.bytes_in),
            human_bytes(self.bytes_out),
            self.records_to
        )?;
        if !self.rejects.is_empty() {
            let reasons: Vec<String> = self
                .rejects
                .iter()
                .map(|(reason, n)| format!("{reason} {n}"))
                .collect();
            writeln!(f, "  rejects ({}): {}", self.rejects_to, reasons.join(", "))?;
        }
        if !self.removed_by_rule.is_empty() {
            writeln!(f, "  lines removed by rule:")?;
            let width = self
                .removed_by_rule
                .keys()
                .map(|k| k.len())
                .max()
                .unwrap_or(0);
            for (rule, n) in &self.removed_by_rule {
                writeln!(f, "    {rule:<width$}  {n}")?;
            }
        }
        Ok(())
    }
}

/// `1234` -> `1.2 kB`: sizes for people, in powers of 1,000.
fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_person_writes_them() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(19_748), "19.7 kB");
        assert_eq!(human_bytes(26_474_586), "26.5 MB");
    }
}
