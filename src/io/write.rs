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
        /// The permissions of the file it replaces, if one existed.
        permissions: Option<std::fs::Permissions>,
    },
    /// A FIFO or device, written as it is.
    Direct {
        /// The path, for error messages.
        path: PathBuf,
        /// The open file.
        file: BufWriter<std::fs::File>,
    },
}

/// An output that could not be written, with its path.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}")]
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

    /// JSON lines to `path`. A regular file (or a new one) is written under a temporary name
    /// beside it and renamed into place at `finish`, keeping the old file's permissions; a
    /// symlink is followed, so its target is replaced, not the link. A FIFO or device (e.g.
    /// `/dev/null`) is written directly.
    pub fn create(path: &Path) -> Result<JsonLines, WriteError> {
        let error = |source| WriteError {
            path: path.display().to_string(),
            source,
        };
        let (target, permissions) = match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(error(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "it is a directory; name a file",
                )))
            }
            Ok(meta) if !meta.is_file() => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(error)?;
                return Ok(JsonLines::Direct {
                    path: path.to_path_buf(),
                    file: BufWriter::new(file),
                });
            }
            Ok(meta) => (
                std::fs::canonicalize(path).map_err(error)?,
                Some(meta.permissions()),
            ),
            Err(err) if err.kind() == io::ErrorKind::NotFound => (path.to_path_buf(), None),
            Err(err) => return Err(error(err)),
        };
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            let msg = format!("the folder {} does not exist", dir.display());
            return Err(error(io::Error::new(io::ErrorKind::NotFound, msg)));
        }
        let temp = tempfile::Builder::new()
            .prefix(".presswash-")
            .suffix(".part")
            .tempfile_in(dir)
            .map_err(|e| {
                error(io::Error::new(
                    e.kind(),
                    format!("cannot create a file in {}", dir.display()),
                ))
            })?;
        Ok(JsonLines::File {
            path: target,
            temp: BufWriter::new(temp),
            permissions,
        })
    }

    /// Writes one line already serialized (ending in `\n`).
    pub fn write_line(&mut self, line: &[u8]) -> Result<(), WriteError> {
        let result = match self {
            JsonLines::Stdout(w) => w.write_all(line),
            JsonLines::Stderr(w) => w.write_all(line),
            JsonLines::File { temp, .. } => temp.write_all(line),
            JsonLines::Direct { file, .. } => file.write_all(line),
        };
        result.map_err(|e| self.error(e))
    }

    /// Writes one value as a line; returns the bytes written.
    pub fn write<T: Serialize>(&mut self, value: &T) -> Result<usize, WriteError> {
        let mut line = serde_json::to_vec(value).map_err(|e| self.error(e.into()))?;
        line.push(b'\n');
        let result = match self {
            JsonLines::Stdout(w) => w.write_all(&line),
            JsonLines::Stderr(w) => w.write_all(&line),
            JsonLines::File { temp, .. } => temp.write_all(&line),
            JsonLines::Direct { file, .. } => file.write_all(&line),
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
            JsonLines::File {
                path,
                temp,
                permissions,
            } => {
                let err = |source| WriteError {
                    path: path.display().to_string(),
                    source,
                };
                let temp = temp.into_inner().map_err(|e| err(e.into_error()))?;
                temp.as_file().sync_all().map_err(err)?;
                // A temporary file is private (0600); the output gets the permissions of the
                // file it replaces, or those of an ordinary new file.
                if let Some(permissions) = permissions.or_else(new_file_permissions) {
                    temp.as_file().set_permissions(permissions).map_err(err)?;
                }
                temp.persist(&path).map_err(|e| err(e.error))?;
                Ok(())
            }
            JsonLines::Direct { path, mut file } => file.flush().map_err(|source| WriteError {
                path: path.display().to_string(),
                source,
            }),
        }
    }

    fn error(&self, source: io::Error) -> WriteError {
        let path = match self {
            JsonLines::Stdout(_) => "stdout".to_string(),
            JsonLines::Stderr(_) => "stderr".to_string(),
            JsonLines::File { path, .. } | JsonLines::Direct { path, .. } => {
                path.display().to_string()
            }
        };
        WriteError { path, source }
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, synced, then
/// renamed over `path`, and the folder synced, so that `path` holds either its old content
/// or all of `bytes`, even if the machine stops.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let err = |source| WriteError {
        path: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".presswash-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(err)?;
    temp.write_all(bytes).map_err(err)?;
    persist(temp, path).map_err(err)
}

/// Moves a finished temporary file into place: synced, readable like a new file, renamed,
/// and its folder synced so that the rename survives a crash.
pub fn persist(temp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    temp.as_file().sync_all()?;
    if let Some(permissions) = new_file_permissions() {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    sync_folder(path)
}

/// Syncs the folder holding `path`, where the platform allows it.
fn sync_folder(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// The permissions of a newly created output file: readable by all, like `touch` makes.
/// (Elsewhere than Unix, the temporary file's own permissions are kept.)
fn new_file_permissions() -> Option<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        None
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
