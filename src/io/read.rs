//! Inputs: the paths given on the command line expanded to a list of documents to read.
//!
//! A file is one input; a directory is every file below it (recursively, sorted by name, so
//! the order does not depend on the file system); `-` is one document read from stdin.
//! A path that cannot be used (missing, unreadable, a symlink loop) becomes an input that
//! fails with a reason, so it ends as a reject line and the batch goes on.

use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::record::Reject;

/// One input to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where it comes from, as written in records and rejects.
    pub name: String,
    /// How to get its bytes.
    pub origin: Origin,
}

/// How an input's bytes are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Standard input, read to its end.
    Stdin,
    /// A file.
    File(PathBuf),
    /// The input could not even be found; reading it gives this reason and detail.
    Failed {
        /// A short reason code: `missing`, `unreadable`.
        reason: &'static str,
        /// A sentence for a person.
        detail: String,
    },
}

/// Expands command-line inputs into the list of documents, in order.
pub fn expand(args: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(Input {
                name: "-".into(),
                origin: Origin::Stdin,
            });
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut out),
            Ok(_) => out.push(Input {
                name: arg.clone(),
                origin: Origin::File(path.to_path_buf()),
            }),
            Err(err) => out.push(failed(arg.clone(), &err)),
        }
    }
    out
}

/// Adds every file below `dir`, sorted by name at each level.
fn walk(dir: &Path, out: &mut Vec<Input>) {
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => out.push(Input {
                name: entry.path().display().to_string(),
                origin: Origin::File(entry.into_path()),
            }),
            Err(err) => {
                let name = err
                    .path()
                    .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                let detail = if err.loop_ancestor().is_some() {
                    "a symbolic link loops back to a folder above it; it was not followed"
                        .to_string()
                } else {
                    err.io_error().map_or_else(|| err.to_string(), describe)
                };
                out.push(Input {
                    name,
                    origin: Origin::Failed {
                        reason: "unreadable",
                        detail,
                    },
                });
            }
        }
    }
}

fn failed(name: String, err: &std::io::Error) -> Input {
    let reason = if err.kind() == std::io::ErrorKind::NotFound {
        "missing"
    } else {
        "unreadable"
    };
    Input {
        name,
        origin: Origin::Failed {
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
    /// Reads the input's bytes, or says why it cannot be read.
    pub fn read(&self) -> Result<Vec<u8>, Reject> {
        let result = match &self.origin {
            Origin::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .map(|_| bytes)
            }
            Origin::File(path) => std::fs::read(path),
            Origin::Failed { reason, detail } => return Err(self.reject(reason, detail.clone())),
        };
        result.map_err(|err| {
            let reason = match err.kind() {
                std::io::ErrorKind::NotFound => "missing",
                _ => "unreadable",
            };
            self.reject(reason, describe(&err))
        })
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

    #[test]
    fn directories_expand_sorted_and_missing_paths_fail_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "b").unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::fs::write(dir.path().join("sub/c.txt"), "c").unwrap();
        let missing = dir.path().join("nope").display().to_string();
        let inputs = expand(&[
            dir.path().display().to_string(),
            missing.clone(),
            "-".into(),
        ]);
        let names: Vec<_> = inputs
            .iter()
            .map(|i| i.name.rsplit('/').next().unwrap().to_string())
            .collect();
        assert_eq!(names, vec!["a.txt", "b.txt", "c.txt", "nope", "-"]);
        let err = inputs[3].read().unwrap_err();
        assert_eq!(
            (err.reason.as_str(), err.stage.as_str()),
            ("missing", "read")
        );
        assert_eq!(inputs[0].read().unwrap(), b"a");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_failed_inputs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let inputs = expand(&[dir.path().display().to_string()]);
        assert_eq!(inputs.len(), 2);
        let err = inputs.iter().find_map(|i| i.read().err()).unwrap();
        assert!(err.detail.contains("loop"), "{}", err.detail);
    }
}
