//! The batch driver: inputs -> pipeline -> records and rejects, with progress and a summary.
//!
//! It owns I/O, ordering and counting, and nothing else: what happens to a document is the
//! pipeline's business. Every input ends as exactly one record or one reject line; one bad
//! document never stops the batch (even a bug that panics in a stage becomes a reject).
//! Only an output that cannot be written is fatal.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::document::{Document, Format};
use crate::io::read::{expand, Input, InputSource};
use crate::io::write::{JsonLines, WriteError};
use crate::pipeline::Pipeline;
use crate::progress::{Progress, ProgressMode};
use crate::record::{Record, Reject};
use crate::rules::suggest::ShapeCounter;
use crate::rules::RuleSet;

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
    /// No progress and no per-input warnings on stderr.
    pub quiet: bool,
    /// Inputs larger than this are rejected (`too-large`) without being read.
    pub max_bytes: u64,
    /// The page URL every input comes with (`--url`), for rule matching and the record.
    pub url: Option<String>,
    /// Read the inputs twice: first to count the lines that recur across the batch (site
    /// templates, evidence for the generic boilerplate stage), then to clean them.
    pub count_recurring: bool,
    /// What the inputs are: `Auto` lets decode tell HTML from text per input.
    pub format: Format,
}

/// How many (site, line shape) counters the recurring-line count keeps: beyond that, rare
/// lines are forgotten (Misra-Gries), so memory stays flat however large the batch.
const RECURRING_CAPACITY: usize = 500_000;

/// The default of `BatchOptions::max_bytes`: 64 MiB, far above any news page.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

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
    /// Rules that removed, cut or captured something in some record.
    pub fired: BTreeSet<String>,
    /// Rule files that applied to some record.
    pub files_applied: BTreeSet<String>,
    /// Rules of applied files that fired in no record, in rule-set order. (A rejected
    /// document keeps no trace of its rules beyond the reject's detail.)
    pub never_fired: Vec<String>,
    /// Files (other than `_default.toml`) that applied to no record.
    pub never_applied: Vec<String>,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Hidden files and folders skipped inside input directories.
    pub hidden_skipped: usize,
    /// Files reached more than once and read once.
    pub duplicates: usize,
    /// Where records went and where rejects went, for the summary.
    pub records_to: String,
    /// See `records_to`.
    pub rejects_to: String,
}

impl Summary {
    /// Counts what the rules did for one record.
    fn count_rules(&mut self, record: &Record) {
        let meta = &record.metadata;
        for removal in &meta.removed {
            *self
                .removed_by_rule
                .entry(removal.rule.clone())
                .or_default() += removal.lines.len();
            self.fired.insert(removal.rule.clone());
        }
        let cut = meta.trimmed.iter().map(|t| &t.rule);
        let captured = meta.origins.values().map(|o| &o.from);
        self.fired.extend(cut.chain(captured).cloned());
        self.files_applied.extend(meta.rule_files.iter().cloned());
    }

    /// Lists the rules that never fired and the files that never applied, so that a rule
    /// that matches nothing (a typo, a site that changed its template) shows up.
    fn find_idle_rules(&mut self, rules: &RuleSet) {
        for file in rules.files() {
            if !self.files_applied.contains(&file.name) {
                self.never_applied.push(file.name.clone());
                continue;
            }
            let idle = file.rules.iter().filter(|r| !self.fired.contains(&r.id));
            self.never_fired.extend(idle.map(|r| r.id.clone()));
        }
    }

    /// The number of rejected inputs.
    pub fn rejected(&self) -> usize {
        self.rejects.values().sum()
    }
}

/// Runs a batch. Fails only on contradictory options or an output that cannot be written.
pub fn run_batch(pipeline: &Pipeline, options: &BatchOptions) -> Result<Summary, RunError> {
    let started = Instant::now();
    let outputs = check_targets(options)?;
    let found = expand(&options.inputs, &outputs);
    let mut records = options.records.open()?;
    let mut rejects = options.rejects.open()?;
    let rejects_on_stderr = options.rejects == Target::Stderr;
    let mut summary = Summary {
        hidden_skipped: found.hidden_skipped,
        duplicates: found.duplicates.len(),
        records_to: options.records.to_string(),
        rejects_to: options.rejects.to_string(),
        ..Summary::default()
    };

    let counted;
    let pipeline = if options.count_recurring && found.inputs.len() >= 2 {
        counted = count_recurring(pipeline, options, &found.inputs);
        &counted
    } else {
        pipeline
    };
    let mut progress = Progress::new(options.progress, found.inputs.len(), options.quiet);
    for name in &found.duplicates {
        progress.warn(&format!(
            "presswash: {name} was reached more than once; it is read once"
        ));
    }
    for input in &found.inputs {
        summary.inputs += 1;
        let outcome = input.read(options.max_bytes).and_then(|bytes| {
            summary.bytes_in += bytes.len() as u64;
            let mut doc = Document::new(input.name.clone(), bytes);
            doc.url = options.url.clone();
            doc.format = options.format;
            process(pipeline, doc)
        });
        match outcome {
            Ok(record) => {
                summary.count_rules(&record);
                summary.bytes_out += records.write(&record)? as u64;
                summary.records += 1;
            }
            Err(reject) => {
                *summary.rejects.entry(reject.reason.clone()).or_default() += 1;
                if rejects_on_stderr {
                    // The JSON line is the message; a warning would say it twice.
                    progress.suspend(|| rejects.write(&reject))?;
                } else {
                    progress.warn(&format!(
                        "presswash: rejected {}: {} ({})",
                        reject.input, reject.detail, reject.reason
                    ));
                    rejects.write(&reject)?;
                }
            }
        }
        progress.inc();
    }
    progress.finish();
    records.finish()?;
    rejects.finish()?;
    summary.find_idle_rules(pipeline.rules());
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Refuses options that would read stdin twice, write records and rejects to one file, or
/// overwrite an input; returns the canonical paths of the output files, which are never
/// read as inputs.
fn check_targets(options: &BatchOptions) -> Result<Vec<PathBuf>, RunError> {
    if options.inputs.iter().filter(|i| *i == "-").count() > 1 {
        return Err(RunError::Options(
            "`-` (stdin) is given more than once; stdin can be read only once".into(),
        ));
    }
    let outputs: Vec<PathBuf> = [&options.records, &options.rejects]
        .into_iter()
        .filter_map(|t| match t {
            Target::File(path) => Some(canonical(path)),
            _ => None,
        })
        .collect();
    if let [records, rejects] = outputs.as_slice() {
        if records == rejects {
            return Err(RunError::Options(format!(
                "records and rejects would both be written to {}: give --rejects another file",
                records.display()
            )));
        }
    }
    for input in &options.inputs {
        let input_path = canonical(Path::new(input));
        if input != "-" && input_path.is_file() && outputs.contains(&input_path) {
            return Err(RunError::Options(format!(
                "{input} is both an input and an output; it would be overwritten"
            )));
        }
    }
    // An existing output file is replaced only when it is presswash output (JSON lines, or
    // empty): `-o in/article.txt` would otherwise destroy an input found in a folder.
    for path in &outputs {
        if path.is_file() && !looks_like_json_lines(path) {
            return Err(RunError::Options(format!(
                "{} exists and is not a JSON-lines file; presswash will not overwrite it (remove it, or choose another output)",
                path.display()
            )));
        }
    }
    Ok(outputs)
}

/// Whether a file is empty or starts with a JSON object line, as presswash writes.
fn looks_like_json_lines(path: &Path) -> bool {
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(path) else {
        // Unreadable: opening it for writing will say what is wrong.
        return true;
    };
    let mut first = String::new();
    match std::io::BufReader::new(file)
        .take(1 << 20)
        .read_line(&mut first)
    {
        Ok(0) => true,
        Ok(_) => {
            serde_json::from_str::<serde_json::Value>(first.trim_end()).is_ok_and(|v| v.is_object())
        }
        Err(_) => false,
    }
}

/// The canonical form of a path that may not exist yet: its folder canonicalized.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(full) = std::fs::canonicalize(path) {
        return full;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// The first pass: counts which lines recur across the inputs (stdin, which cannot be
/// read twice, is left out) and returns the pipeline with that evidence. An input that
/// cannot be read or decoded adds nothing; the second pass rejects it with the reason.
fn count_recurring(pipeline: &Pipeline, options: &BatchOptions, inputs: &[Input]) -> Pipeline {
    let mut counter = ShapeCounter::new(RECURRING_CAPACITY);
    // A bar on a terminal; log lines are kept for the cleaning pass.
    let quiet = options.quiet || options.progress != ProgressMode::Auto;
    let mut progress = Progress::new(options.progress, inputs.len(), quiet);
    for input in inputs {
        if !matches!(input.source, InputSource::Stdin) {
            if let Ok(bytes) = input.read(options.max_bytes) {
                let mut doc = Document::new(input.name.clone(), bytes);
                doc.format = options.format;
                doc.url = options.url.clone();
                // A panic here is caught again, and rejected, in the second pass.
                let _ = catch_unwind(AssertUnwindSafe(|| pipeline.count_lines(doc, &mut counter)));
            }
        }
        progress.inc();
    }
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

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        writeln!(
            f,
            "presswash: {} -> {}, {} rejected, in {:.2}s ({:.0} docs/s)",
            count(self.inputs, "input"),
            count(self.records, "record"),
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
        if self.hidden_skipped > 0 {
            writeln!(
                f,
                "  skipped {} hidden files or folders (names starting with `.`) in input folders",
                self.hidden_skipped
            )?;
        }
        if self.duplicates > 0 {
            writeln!(
                f,
                "  {} files reached more than once were read once",
                self.duplicates
            )?;
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
        if self.records > 0 {
            if !self.never_applied.is_empty() {
                let label = "rule files that applied to no record";
                wrapped_list(f, label, &self.never_applied)?;
            }
            if !self.never_fired.is_empty() {
                let label = format!(
                    "rules that fired in no record ({}, see `presswash rules list`)",
                    self.never_fired.len()
                );
                wrapped_list(f, &label, &self.never_fired)?;
            }
        }
        Ok(())
    }
}

/// `  label: a, b, c` wrapped at about 100 columns.
fn wrapped_list(f: &mut fmt::Formatter<'_>, label: &str, items: &[String]) -> fmt::Result {
    write!(f, "  {label}:")?;
    let mut column = label.len() + 3;
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.clone()
        };
        if column + piece.len() + 1 > 100 {
            write!(f, "\n   ")?;
            column = 3;
        }
        write!(f, " {piece}")?;
        column += piece.len() + 1;
    }
    writeln!(f)
}

/// `1 input`, `2 inputs`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
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
