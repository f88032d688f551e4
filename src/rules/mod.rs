//! Rule files: the shipped ones compiled into the binary, plus a user's `--rules DIR`.
//!
//! `RuleSet::load` reads and compiles every file once; a bad file stops the load with an
//! error naming the file, line and column, so a rule set never half-applies. The rule set
//! then tells which files apply to a document (`applicable`). This module knows nothing of
//! stages: it only describes and checks rules.

mod compile;
mod embedded;
pub mod model;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use compile::{
    zone_sizes, LineMatch, Rule, RuleFile, RuleKind, Signature, Zone, CAPTURE_FIELDS, DEFAULT_FILE,
};

use crate::stages::normalize::NormalizeOptions;

/// A rule file that failed to load: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct RuleError {
    /// The file as a person would find it: a path, or `rules/NAME (embedded)`.
    pub file: String,
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column (in characters) of the problem.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl RuleError {
    /// An error at byte `span` of `text` (the start of the file when there is no span).
    pub fn at(file: &str, text: &str, span: Option<Range<usize>>, message: String) -> RuleError {
        let offset = span.map_or(0, |s| s.start).min(text.len());
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        RuleError {
            file: file.to_string(),
            line,
            column,
            message: message.trim_end().to_string(),
        }
    }
}

/// Why a rule set could not load.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A rule file is malformed.
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// The rules directory or a file in it could not be read.
    #[error("cannot read rules from {path}")]
    Io {
        /// The directory or file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// All rule files, compiled: `_default.toml` first, then the source files by name.
#[derive(Debug, Clone)]
pub struct RuleSet {
    files: Vec<RuleFile>,
}

impl RuleSet {
    /// The rule files shipped in the binary.
    pub fn embedded() -> Result<RuleSet, LoadError> {
        RuleSet::load(None)
    }

    /// The shipped rule files plus the `*.toml` files in `dir`; a file in `dir` with the
    /// name of a shipped one replaces it.
    pub fn load(dir: Option<&Path>) -> Result<RuleSet, LoadError> {
        let mut sources: Vec<(String, String, String)> = embedded::FILES
            .iter()
            .map(|(name, text)| {
                let display = format!("rules/{name} (embedded)");
                (name.to_string(), display, text.to_string())
            })
            .collect();
        if let Some(dir) = dir {
            for (name, path, text) in read_dir(dir)? {
                let display = path.display().to_string();
                match sources.iter_mut().find(|(n, _, _)| *n == name) {
                    Some(slot) => *slot = (name, display, text),
                    None => sources.push((name, display, text)),
                }
            }
        }
        sources.sort_by(|a, b| (a.0 != DEFAULT_FILE, &a.0).cmp(&(b.0 != DEFAULT_FILE, &b.0)));
        // `_default.toml` sorts first and sets the normalization the other files' literals
        // are normalized with.
        let mut files: Vec<RuleFile> = Vec::with_capacity(sources.len());
        for (name, display, text) in &sources {
            let normalize = files
                .first()
                .and_then(|default| default.normalize)
                .unwrap_or_default();
            let source = compile::Source {
                name,
                display,
                text,
            };
            files.push(compile::compile_file(&source, &normalize)?);
        }
        Ok(RuleSet { files })
    }

    /// Every file, `_default.toml` first.
    pub fn files(&self) -> &[RuleFile] {
        &self.files
    }

    /// The same set without its source files: only `_default.toml`, the generic rules. Shows
    /// what presswash does on a site nobody wrote rules for.
    pub fn only_default(&self) -> RuleSet {
        RuleSet {
            files: self.default_file().into_iter().cloned().collect(),
        }
    }

    /// `_default.toml`, if the set has one.
    pub fn default_file(&self) -> Option<&RuleFile> {
        self.files.iter().find(|f| f.name == DEFAULT_FILE)
    }

    /// The normalization options `_default.toml` sets.
    pub fn normalize_options(&self) -> NormalizeOptions {
        self.default_file()
            .and_then(|f| f.normalize)
            .unwrap_or_default()
    }

    /// The files that apply to a document with this (normalized) text, in the order their
    /// rules are tried: matching source files by name, then `_default.toml`. A rule of an
    /// earlier file wins over a later one for the same line, so a source's own rules take
    /// precedence over the generic ones.
    pub fn applicable(&self, text: &str) -> Vec<&RuleFile> {
        let mut out: Vec<&RuleFile> = self
            .files
            .iter()
            .filter(|f| f.signature.as_ref().is_some_and(|s| s.matches(text)))
            .collect();
        out.extend(self.default_file());
        out
    }
}

/// Reads the `*.toml` files directly inside `dir`, sorted by name.
fn read_dir(dir: &Path) -> Result<Vec<(String, PathBuf, String)>, LoadError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoadError::Io { path, source }
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let valid = e.utf8_error().valid_up_to();
                let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
                let msg = "the file is not valid UTF-8 here: rule files are UTF-8 text".into();
                RuleError::at(
                    &path.display().to_string(),
                    &prefix,
                    Some(valid..valid),
                    msg,
                )
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((name, path, text));
        }
    }
    out.sort();
    Ok(out)
}

impl fmt::Display for RuleFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} rules)", self.origin, self.rules.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_compile_default_first() {
        let set = RuleSet::embedded().expect("shipped rules load");
        assert_eq!(set.files()[0].name, DEFAULT_FILE);
        assert!(set.files().len() > 1);
    }

    #[test]
    fn every_file_in_rules_dir_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let on_disk: Vec<String> = read_dir(&dir)
            .unwrap()
            .into_iter()
            .map(|(name, _, _)| name)
            .collect();
        let mut embedded: Vec<String> =
            embedded::FILES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(
            on_disk, embedded,
            "add new files in rules/ to src/rules/embedded.rs"
        );
    }

    #[test]
    fn a_user_file_overrides_the_shipped_one_and_bad_files_fail_the_load() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(DEFAULT_FILE), "doc = \"mine\"\n").unwrap();
        let set = RuleSet::load(Some(dir.path())).unwrap();
        assert_eq!(set.default_file().unwrap().doc.as_deref(), Some("mine"));

        std::fs::write(
            dir.path().join("bad.toml"),
            "[match]\ncontains = [\"x\"]\nnope = 1\n",
        )
        .unwrap();
        let err = RuleSet::load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("bad.toml:3:1"), "{err}");
    }

    #[test]
    fn a_rule_file_that_is_not_utf8_fails_with_a_position() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("x.toml"),
            b"[match]\ncontains = [\"Mick\xffey\"]\n",
        )
        .unwrap();
        let err = RuleSet::load(Some(dir.path())).unwrap_err().to_string();
        assert!(
            err.contains("x.toml:2:18: the file is not valid UTF-8"),
            "{err}"
        );
    }

    #[test]
    fn error_position_counts_characters() {
        let err = RuleError::at("f", "a = 1\nbé = 2", Some(10..11), "x".into());
        assert_eq!((err.line, err.column), (2, 4));
    }
}
