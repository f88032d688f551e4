//! Outputs: JSON lines to stdout or to a file that appears only when complete.
//!
//! A file output is written to a temporary file beside the target and renamed over it at
//! the end, so a killed run never leaves a half-written record line in the final file.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Where a stream of JSON lines goes.
pub enum JsonLines {
    /// Standard output (a pipe or terminal).
    Stdout(BufWriter<io::Stdout>),
    /// Standard error (for rejects when records go to stdout).
    Stderr(io::Stderr),
    /// A file, written under a temporary name until `finish`.
    File {
        /// The final path.
        path: PathBuf,
        /// The temporary file being written.
        temp: BufWriter<tempfile::NamedTempFile>,
    },
}

/// An output that could not be written, with its path.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct WriteError {
    /// The output path, or `stdout`/`stderr`.
    pub path: String,
    /// The underlying error.
    #[source]
    pub source: io::Error,
}

impl WriteError {
    /// Whether the reader went away (`presswash ... | head`): not a failure of presswash.
    pub fn is_broken_pipe(&self) -> bool {
        self.source.kind() == io::ErrorKind::BrokenPipe
    }
}

impl JsonLines {
    /// JSON lines to stdout.
    pub fn stdout() -> JsonLines {
        JsonLines::Stdout(BufWriter::new(io::stdout()))
    }

    /// JSON lines to stderr.
    pub fn stderr() -> JsonLines {
        JsonLines::Stderr(io::stderr())
    }

    /// JSON lines to `path`, created in full at `finish`.
    pub fn create(path: &Path) -> Result<JsonLines, WriteError> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".presswash-")
            .suffix(".part")
            .tempfile_in(dir)
            .map_err(|source| WriteError {
                path: path.display().to_string(),
                source,
            })?;
        Ok(JsonLines::File {
            path: path.to_path_buf(),
            temp: BufWriter::new(temp),
        })
    }

    /// Writes one value as a line; returns the bytes written.
    pub fn write<T: Serialize>(&mut self, value: &T) -> Result<usize, WriteError> {
        let mut line = serde_json::to_vec(value).map_err(|e| self.error(e.into()))?;
        line.push(b'\n');
        let result = match self {
            JsonLines::Stdout(w) => w.write_all(&line),
            JsonLines::Stderr(w) => w.write_all(&line),
            JsonLines::File { temp, .. } => temp.write_all(&line),
        };
        result.map_err(|e| self.error(e))?;
        Ok(line.len())
    }

    /// Flushes, and for a file moves it into place.
    pub fn finish(self) -> Result<(), WriteError> {
        match self {
            JsonLines::Stdout(mut w) => w.flush().map_err(|source| WriteError {
                path: "stdout".into(),
                source,
            }),
            JsonLines::Stderr(mut w) => w.flush().map_err(|source| WriteError {
                path: "stderr".into(),
                source,
            }),
            JsonLines::File { path, temp } => {
                let err = |source| WriteError {
                    path: path.display().to_string(),
                    source,
                };
                let temp = temp.into_inner().map_err(|e| err(e.into_error()))?;
                temp.as_file().sync_all().map_err(err)?;
                temp.persist(&path).map_err(|e| err(e.error))?;
                Ok(())
            }
        }
    }

    fn error(&self, source: io::Error) -> WriteError {
        let path = match self {
            JsonLines::Stdout(_) => "stdout".to_string(),
            JsonLines::Stderr(_) => "stderr".to_string(),
            JsonLines::File { path, .. } => path.display().to_string(),
        };
        WriteError { path, source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let mut out = JsonLines::create(&path).unwrap();
        out.write(&serde_json::json!({"a": 1})).unwrap();
        assert!(!path.exists());
        out.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"a\":1}\n");
    }

    #[test]
    fn an_unwritable_place_is_an_error_naming_the_path() {
        let err = JsonLines::create(Path::new("/nonexistent-dir/out.jsonl"))
            .err()
            .unwrap();
        assert!(
            err.to_string().contains("/nonexistent-dir/out.jsonl"),
            "{err}"
        );
    }
}
