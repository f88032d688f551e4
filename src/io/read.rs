//! Inputs: the paths given on the command line expanded to a list of documents to read.
//!
//! A file is one input; a directory is every regular file below it (recursively, sorted by
//! name, so the order does not depend on the file system), hidden entries (names starting
//! with `.`) skipped and counted; `-` is one document read from stdin. A path that cannot be
//! used (missing, unreadable, a symlink loop, a FIFO or device, too large) becomes an input
//! that fails with a reason, so it ends as a reject line and the batch goes on. The same
//! file reached twice is read once, and this run's own output files are never inputs.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::io::open::{open, read_capped, Capped, Compression};
use crate::record::Reject;

/// One input to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where it comes from, as written in records and rejects.
    pub name: String,
    /// How to get its bytes.
    pub source: InputSource,
}

/// How an input's bytes are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    /// Standard input, read to its end.
    Stdin,
    /// A regular file.
    File(PathBuf),
    /// The input cannot be read; reading it gives this reason and detail.
    Failed {
        /// A short reason code: `missing`, `unreadable`, `not-a-file`.
        reason: &'static str,
        /// A sentence for a person.
        detail: String,
    },
}

/// The inputs of a run, and what was passed over while finding them.
#[derive(Debug, Clone, Default)]
pub struct Expansion {
    /// The inputs, in order.
    pub inputs: Vec<Input>,
    /// Hidden files and folders (names starting with `.`) skipped inside directories.
    pub hidden_skipped: usize,
    /// Files reached more than once (given twice, or a file inside a given directory),
    /// read only the first time.
    pub duplicates: Vec<String>,
}

/// Expands command-line inputs into the list of documents, in order. `outputs` are the
/// canonical paths of this run's record and reject files, or its output folder: they, and
/// files below an output folder, are left out.
pub fn expand(args: &[String], outputs: &[PathBuf]) -> Expansion {
    let mut found = Finder {
        out: Expansion::default(),
        seen: HashSet::new(),
        output_keys: outputs.iter().filter_map(|p| file_key(p)).collect(),
    };
    for arg in args {
        if arg == "-" {
            found.out.inputs.push(Input {
                name: "-".into(),
                source: InputSource::Stdin,
            });
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => found.walk(path),
            Ok(meta) => {
                // Given by name: it may lie inside an output folder.
                let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                if !outputs.iter().any(|out| canonical.starts_with(out)) {
                    found.add(arg.clone(), path, &meta.file_type());
                }
            }
            Err(err) => found.out.inputs.push(failed(arg.clone(), &err)),
        }
    }
    found.out
}

/// The state of one expansion.
struct Finder {
    out: Expansion,
    /// The files added so far (see [`FileKey`]).
    seen: HashSet<FileKey>,
    /// The outputs that exist, as files are told apart: a walk skips an output folder
    /// and output files without resolving every path it meets.
    output_keys: Vec<FileKey>,
}

impl Finder {
    /// Adds every regular file below `dir`, sorted by name at each level.
    fn walk(&mut self, dir: &Path) {
        let mut hidden = 0;
        let output_keys = self.output_keys.clone();
        let walker = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                let is_hidden =
                    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
                hidden += usize::from(is_hidden);
                let is_output = entry.file_type().is_dir()
                    && !output_keys.is_empty()
                    && file_key(entry.path()).is_some_and(|k| output_keys.contains(&k));
                !is_hidden && !is_output
            });
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_dir() => {}
                Ok(entry) => {
                    let name = entry.path().display().to_string();
                    self.add(name, entry.path(), &entry.file_type());
                }
                Err(err) => {
                    let name = err
                        .path()
                        .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                    let input = match err.io_error() {
                        _ if err.loop_ancestor().is_some() => Input {
                            name,
                            source: InputSource::Failed {
                                reason: "unreadable",
                                detail: "a symbolic link loops back to a folder above it; it was not followed".into(),
                            },
                        },
                        // A broken symbolic link, or a file that vanished during the walk.
                        Some(io) => failed(name, io),
                        None => Input {
                            name,
                            source: InputSource::Failed {
                                reason: "unreadable",
                                detail: err.to_string(),
                            },
                        },
                    };
                    self.out.inputs.push(input);
                }
            }
        }
        self.out.hidden_skipped += hidden;
    }

    /// Adds one path (already known to exist) unless it is an output or was seen before.
    fn add(&mut self, name: String, path: &Path, file_type: &std::fs::FileType) {
        if !file_type.is_file() {
            self.out.inputs.push(Input {
                name,
                source: InputSource::Failed {
                    reason: "not-a-file",
                    detail: "not a regular file (a FIFO, socket or device): it was not read".into(),
                },
            });
            return;
        }
        if let Some(key) = file_key(path) {
            if self.output_keys.contains(&key) {
                return;
            }
            if !self.seen.insert(key) {
                self.out.duplicates.push(name);
                return;
            }
        }
        self.out.inputs.push(Input {
            name,
            source: InputSource::File(path.to_path_buf()),
        });
    }
}

/// What tells one file from another when it is reached twice: its device and inode on
/// Unix (16 bytes, where a path would take a hundred: the list of a million inputs is held
/// in memory), its canonical path elsewhere.
#[cfg(unix)]
type FileKey = (u64, u64);
#[cfg(not(unix))]
type FileKey = PathBuf;

/// The key of the file at `path` (following symbolic links); `None` when it cannot be
/// read (it vanished: reading it will say so).
#[cfg(unix)]
fn file_key(path: &Path) -> Option<FileKey> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_key(path: &Path) -> Option<FileKey> {
    std::fs::canonicalize(path).ok()
}

/// Whether `path` starts with gzip or zstd magic bytes.
fn is_compressed(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .is_ok_and(|n| Compression::sniff(&head[..n]) != Compression::None)
}

/// Reads a list of inputs, one per line (`--files-from`): from a file, or from stdin for
/// `-`. Blank lines are skipped; nothing else is trimmed, so names may hold spaces.
pub fn read_list(from: &str) -> std::io::Result<Vec<String>> {
    let text = if from == "-" {
        let mut text = String::new();
        std::io::stdin().lock().read_to_string(&mut text)?;
        text
    } else {
        std::fs::read_to_string(from)?
    };
    Ok(text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect())
}

fn failed(name: String, err: &std::io::Error) -> Input {
    let reason = if err.kind() == std::io::ErrorKind::NotFound {
        "missing"
    } else {
        "unreadable"
    };
    Input {
        name,
        source: InputSource::Failed {
            reason,
            detail: describe(err),
        },
    }
}

/// Says what an I/O error means for a person.
fn describe(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied: presswash may not read it".to_string()
        }
        _ => err.to_string(),
    }
}

impl Input {
    /// Reads the input's bytes, decompressed when they are gzip or zstd, or says why they
    /// cannot be read. Inputs over `max_bytes` (once decompressed) are refused
    /// (`too-large`); an uncompressed file over it is refused without being read.
    pub fn read(&self, max_bytes: u64) -> Result<Vec<u8>, Reject> {
        let too_large = |size: Option<u64>, how: &str| {
            let size = size.map_or_else(|| "more".to_string(), |n| n.to_string());
            self.reject(
                "too-large",
                format!("{size} bytes{how}, over the limit of {max_bytes} bytes (--max-bytes)"),
            )
        };
        let capped = match &self.source {
            InputSource::Stdin => read_capped(std::io::stdin().lock(), max_bytes),
            InputSource::File(path) => match std::fs::metadata(path) {
                Ok(meta) if meta.len() > max_bytes && !is_compressed(path) => {
                    return Err(too_large(Some(meta.len()), ""))
                }
                _ => open(path).and_then(|reader| read_capped(reader, max_bytes)),
            },
            InputSource::Failed { reason, detail } => {
                return Err(self.reject(reason, detail.clone()))
            }
        };
        match capped {
            Ok(Capped::Bytes(bytes)) => Ok(bytes),
            Ok(Capped::TooLarge) => Err(too_large(None, " once decompressed")),
            Err(err) => Err(self.io_reject(&err)),
        }
    }

    /// The reject for an I/O error met while reading this input.
    pub fn io_reject(&self, err: &std::io::Error) -> Reject {
        let reason = match err.kind() {
            std::io::ErrorKind::NotFound => "missing",
            _ => "unreadable",
        };
        self.reject(reason, describe(err))
    }

    fn reject(&self, reason: &str, detail: String) -> Reject {
        Reject {
            input: self.name.clone(),
            stage: "read".to_string(),
            reason: reason.to_string(),
            detail,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_LIMIT: u64 = u64::MAX;

    fn names(expansion: &Expansion) -> Vec<String> {
        expansion
            .inputs
            .iter()
            .map(|i| i.name.rsplit('/').next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn directories_expand_sorted_and_missing_paths_fail_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "b").unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::fs::write(dir.path().join("sub/c.txt"), "c").unwrap();
        let missing = dir.path().join("nope").display().to_string();
        let found = expand(
            &[dir.path().display().to_string(), missing, "-".into()],
            &[],
        );
        assert_eq!(names(&found), vec!["a.txt", "b.txt", "c.txt", "nope", "-"]);
        let err = found.inputs[3].read(NO_LIMIT).unwrap_err();
        assert_eq!(
            (err.reason.as_str(), err.stage.as_str()),
            ("missing", "read")
        );
        assert_eq!(found.inputs[0].read(NO_LIMIT).unwrap(), b"a");
    }

    #[test]
    fn hidden_entries_duplicates_and_outputs_are_not_inputs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/HEAD"), "ref").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "h").unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::fs::write(dir.path().join("out.jsonl"), "{}").unwrap();
        let out = std::fs::canonicalize(dir.path().join("out.jsonl")).unwrap();
        let root = dir.path().display().to_string();
        let a = dir.path().join("a.txt").display().to_string();
        let found = expand(&[root, a], &[out]);
        assert_eq!(names(&found), vec!["a.txt"]);
        assert_eq!(found.hidden_skipped, 2);
        assert_eq!(found.duplicates.len(), 1);
    }

    #[test]
    fn compressed_files_read_decompressed_and_capped_after_decompression() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&[b'x'; 5000]).unwrap();
        std::fs::write(dir.path().join("a.txt.gz"), enc.finish().unwrap()).unwrap();
        let found = expand(&[dir.path().display().to_string()], &[]);
        assert_eq!(found.inputs[0].read(NO_LIMIT).unwrap().len(), 5000);
        let err = found.inputs[0].read(4999).unwrap_err();
        assert_eq!(err.reason, "too-large");
        assert!(err.detail.contains("decompressed"), "{}", err.detail);
    }

    #[test]
    fn a_vanished_file_is_a_missing_input() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        let found = expand(&[dir.path().display().to_string()], &[]);
        std::fs::remove_file(dir.path().join("a.txt")).unwrap();
        assert_eq!(
            found.inputs[0].read(NO_LIMIT).unwrap_err().reason,
            "missing"
        );
    }

    #[test]
    fn an_output_folder_inside_an_input_folder_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::fs::create_dir(dir.path().join("out")).unwrap();
        std::fs::write(dir.path().join("out/part-00000.jsonl"), "{}").unwrap();
        let out = std::fs::canonicalize(dir.path().join("out")).unwrap();
        let root = dir.path().display().to_string();
        let inside = dir
            .path()
            .join("out/part-00000.jsonl")
            .display()
            .to_string();
        let found = expand(&[root, inside], &[out]);
        assert_eq!(names(&found), vec!["a.txt"]);
    }

    #[test]
    fn file_lists_skip_blank_lines() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("list");
        std::fs::write(&list, "a.txt\n\n  \nb c.txt\r\n").unwrap();
        let names = read_list(list.to_str().unwrap()).unwrap();
        assert_eq!(names, vec!["a.txt", "b c.txt"]);
    }

    #[test]
    fn oversized_inputs_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("big.txt"), "0123456789").unwrap();
        let found = expand(&[dir.path().display().to_string()], &[]);
        let err = found.inputs[0].read(9).unwrap_err();
        assert_eq!(err.reason, "too-large");
        assert!(err.detail.contains("10 bytes"), "{}", err.detail);
        assert!(found.inputs[0].read(10).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_failed_inputs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let found = expand(&[dir.path().display().to_string()], &[]);
        assert_eq!(found.inputs.len(), 2);
        let err = found
            .inputs
            .iter()
            .find_map(|i| i.read(NO_LIMIT).err())
            .unwrap();
        assert!(err.detail.contains("loop"), "{}", err.detail);
    }

    #[cfg(unix)]
    #[test]
    fn fifos_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let found = expand(&[dir.path().display().to_string()], &[]);
        let err = found.inputs[0].read(NO_LIMIT).unwrap_err();
        assert_eq!(err.reason, "not-a-file");
    }
}
