//! Where a run writes, and the checks that keep it from writing where it must not: over an
//! input, over a file that is not presswash output, or records and rejects into one file.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::io::write::{JsonLines, WriteError};
use crate::run::{BatchOptions, RunError};

/// Where a stream of JSON lines goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
    /// A file, replaced atomically when the run ends.
    File(PathBuf),
    /// A folder (records only): size-capped part files, `rejects.jsonl` and
    /// `manifest.json`, resumable (see [`crate::io::parts`]). `BatchOptions::rejects` is
    /// not used then.
    Dir(PathBuf),
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Stdout => f.write_str("stdout"),
            Target::Stderr => f.write_str("stderr"),
            Target::File(path) => write!(f, "{}", path.display()),
            Target::Dir(path) => {
                let shown = path.display().to_string();
                write!(f, "{}/", shown.trim_end_matches('/'))
            }
        }
    }
}

impl Target {
    pub(super) fn open(&self) -> Result<JsonLines, WriteError> {
        match self {
            Target::Stdout => Ok(JsonLines::stdout()),
            Target::Stderr => Ok(JsonLines::stderr()),
            Target::File(path) | Target::Dir(path) => JsonLines::create(path),
        }
    }
}

/// Refuses options that would read stdin twice, write records and rejects to one file, or
/// overwrite an input; returns the canonical paths of the output files, which are never
/// read as inputs.
pub(super) fn check_targets(options: &BatchOptions) -> Result<Vec<PathBuf>, RunError> {
    if options.inputs.iter().filter(|i| *i == "-").count() > 1 {
        return Err(RunError::Options(
            "`-` (stdin) is given more than once; stdin can be read only once".into(),
        ));
    }
    let outputs: Vec<PathBuf> = [&options.records, &options.rejects]
        .into_iter()
        .filter_map(|t| match t {
            Target::File(path) => Some(canonical(path)),
            Target::Dir(path) if options.records == Target::Dir(path.clone()) => {
                Some(canonical(path))
            }
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
