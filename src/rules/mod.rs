//! Rule files: the shipped ones compiled into the binary, plus a user's `--rules DIR`.
//!
//! `RuleSet::load` reads and compiles every file once; a bad file stops the load with an
//! error naming the file, line and column, so a rule set never half-applies. The rule set
//! then tells which files apply to a document (`applicable`). This module knows nothing of
//! stages: it only describes and checks rules.

mod compile;
mod embedded;
mod line_index;
mod line_regex;
mod matcher;
pub mod model;
pub mod suggest;

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use compile::{
    zone_sizes, GenericOverrides, LineMatch, Rule, RuleFile, RuleKind, RuleTest, Zone,
    CAPTURE_FIELDS, DEFAULT_FILE,
};
pub use line_index::{LineIndex, RuleRef};
pub use line_regex::LineRegex;
pub use matcher::{url_host, Signature, Subject};

use crate::stages::normalize::NormalizeOptions;
use matcher::FileMatcher;

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
    /// Rule files are malformed: every problem found, one per file at most.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Rules(Vec<RuleError>),
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

impl From<RuleError> for LoadError {
    fn from(error: RuleError) -> LoadError {
        LoadError::Rules(vec![error])
    }
}

/// One rule file's text before compiling: its name, how to show it, and the TOML.
struct FileText {
    name: String,
    display: String,
    text: String,
}

/// All rule files, compiled: `_default.toml` first, then the other files by name.
#[derive(Debug, Clone)]
pub struct RuleSet {
    files: Vec<RuleFile>,
    /// Per file: its index followed by the files it extends, transitively, each once.
    closures: Vec<Vec<usize>>,
    matcher: FileMatcher,
    lines: LineIndex,
}

impl RuleSet {
    /// The rule files shipped in the binary.
    pub fn embedded() -> Result<RuleSet, LoadError> {
        RuleSet::load(None)
    }

    /// The shipped rule files plus the `*.toml` files in `dir`; a file in `dir` with the
    /// name of a shipped one replaces it. Every file is checked; the error lists the first
    /// problem of each bad file, so one run of `presswash rules check` shows them all.
    pub fn load(dir: Option<&Path>) -> Result<RuleSet, LoadError> {
        let mut sources: Vec<FileText> = embedded::FILES
            .iter()
            .map(|(name, text)| FileText {
                name: name.to_string(),
                display: format!("rules/{name} (embedded)"),
                text: text.to_string(),
            })
            .collect();
        if let Some(dir) = dir {
            for (name, path, text) in read_dir(dir)? {
                let file = FileText {
                    name,
                    display: path.display().to_string(),
                    text,
                };
                match sources.iter_mut().find(|f| f.name == file.name) {
                    Some(slot) => *slot = file,
                    None => sources.push(file),
                }
            }
        }
        RuleSet::compile(sources)
    }

    /// A rule set of exactly these files, given as `(file name, TOML text)`, without the
    /// shipped ones: for programs that carry their own rules, tests and benchmarks.
    pub fn from_texts(files: &[(&str, &str)]) -> Result<RuleSet, LoadError> {
        let sources: Vec<FileText> = files
            .iter()
            .map(|(name, text)| FileText {
                name: name.to_string(),
                display: name.to_string(),
                text: text.to_string(),
            })
            .collect();
        RuleSet::compile(sources)
    }

    /// Compiles the files `_default.toml` first, then by name: the order rules run in.
    fn compile(mut sources: Vec<FileText>) -> Result<RuleSet, LoadError> {
        sources.sort_by(|a, b| {
            (a.name != DEFAULT_FILE, &a.name).cmp(&(b.name != DEFAULT_FILE, &b.name))
        });
        let sources = &sources;
        // `_default.toml` sorts first and sets the normalization the other files' literals
        // are normalized with.
        let mut files: Vec<RuleFile> = Vec::with_capacity(sources.len());
        // The text of each compiled file, for positions in cross-file errors.
        let mut texts: Vec<&FileText> = Vec::with_capacity(sources.len());
        let mut failed: Vec<&str> = Vec::new();
        let mut errors = Vec::new();
        let mut normalize = NormalizeOptions::default();
        for (i, source) in sources.iter().enumerate() {
            let compiled = compile::compile_file(
                &compile::Source {
                    name: &source.name,
                    display: &source.display,
                    text: &source.text,
                },
                &normalize,
            );
            match compiled {
                Ok(file) => {
                    if i == 0 && file.name == DEFAULT_FILE {
                        normalize = file.normalize.unwrap_or_default();
                    }
                    files.push(file);
                    texts.push(source);
                }
                Err(e) => {
                    errors.push(e);
                    failed.push(source.name.strip_suffix(".toml").unwrap_or(&source.name));
                }
            }
        }
        // The files that compiled are checked across files too, so that one `rules check`
        // reports every problem; a name in `extends` or `removed_by` that points into a
        // file that failed is not reported again.
        let closures = resolve_extends(&files, &texts, &failed);
        let ids = check_test_rule_ids(&files, &texts, !failed.is_empty());
        errors.extend(closures.as_ref().err().into_iter().flatten().cloned());
        errors.extend(ids.err().into_iter().flatten());
        if !errors.is_empty() {
            errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
            errors.dedup();
            return Err(LoadError::Rules(errors));
        }
        let closures = closures.unwrap_or_default();
        let matcher = FileMatcher::new(files.iter().map(|f| f.signature.clone()).collect());
        let lines = LineIndex::new(&files);
        Ok(RuleSet {
            files,
            closures,
            matcher,
            lines,
        })
    }

    /// Every file, `_default.toml` first.
    pub fn files(&self) -> &[RuleFile] {
        &self.files
    }

    /// The same set without its source files: only `_default.toml`, the generic rules. Shows
    /// what presswash does on a site nobody wrote rules for.
    pub fn only_default(&self) -> RuleSet {
        let files: Vec<RuleFile> = self.default_file().into_iter().cloned().collect();
        RuleSet {
            closures: (0..files.len()).map(|i| vec![i]).collect(),
            matcher: FileMatcher::new(files.iter().map(|_| None).collect()),
            lines: LineIndex::new(&files),
            files,
        }
    }

    /// `_default.toml`, if the set has one.
    pub fn default_file(&self) -> Option<&RuleFile> {
        self.default_index().map(|i| &self.files[i])
    }

    fn default_index(&self) -> Option<usize> {
        self.files.iter().position(|f| f.name == DEFAULT_FILE)
    }

    /// The normalization options `_default.toml` sets.
    pub fn normalize_options(&self) -> NormalizeOptions {
        self.default_file()
            .and_then(|f| f.normalize)
            .unwrap_or_default()
    }

    /// The files that apply to `subject`, as indices into [`files`](RuleSet::files), in the
    /// order their rules are tried: each matching source file (by name) followed by the
    /// files it extends, then `_default.toml`; a file reached twice runs at its first place
    /// only. A rule of an earlier file wins over a later one for the same line, so a
    /// source's own rules take precedence over the generic ones.
    pub fn applicable(&self, subject: &Subject<'_>) -> Vec<usize> {
        let matched = self.matcher.matching(subject);
        // A matching file that another matching file extends takes its place after that
        // file, not its own: the extending file's rules come first.
        let extended_by_other = |i: usize| {
            (0..self.files.len()).any(|j| j != i && matched[j] && self.closures[j].contains(&i))
        };
        let mut out: Vec<usize> = Vec::new();
        let starts = (0..self.files.len())
            .filter(|&i| matched[i] && !extended_by_other(i))
            .chain(self.default_index());
        for start in starts {
            for &file in &self.closures[start] {
                if !out.contains(&file) {
                    out.push(file);
                }
            }
        }
        out
    }

    /// The index of every `line` rule, for the boilerplate stage.
    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }

    /// A rule by position.
    pub fn rule(&self, at: RuleRef) -> &Rule {
        &self.files[at.file].rules[at.rule]
    }

    /// The file a qualified rule id (`stem:id`) belongs to.
    pub fn file_of(&self, qualified_id: &str) -> Option<&RuleFile> {
        let (stem, _) = qualified_id.split_once(':')?;
        self.files.iter().find(|f| f.stem == stem)
    }
}

/// Resolves every file's `extends` into the list of files its rules bring, and checks that
/// each file can apply somewhere: a file without `[match]` must be extended by another.
fn resolve_extends(
    files: &[RuleFile],
    sources: &[&FileText],
    failed: &[&str],
) -> Result<Vec<Vec<usize>>, Vec<RuleError>> {
    let by_stem: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.stem.as_str(), i))
        .collect();
    let mut errors = Vec::new();
    let error = |file: usize, span: Range<usize>, message: String| {
        let source = &sources[file];
        RuleError::at(&source.display, &source.text, Some(span), message)
    };
    // Direct edges, checked.
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); files.len()];
    for (i, file) in files.iter().enumerate() {
        for (name, span) in &file.extends {
            match by_stem.get(name.as_str()) {
                Some(&j) if files[j].name == DEFAULT_FILE => errors.push(error(
                    i,
                    span.clone(),
                    format!(
                        "{DEFAULT_FILE} applies to every document already: it cannot be extended"
                    ),
                )),
                Some(&j) if j == i => {
                    errors.push(error(i, span.clone(), "a file cannot extend itself".into()))
                }
                Some(&j) => edges[i].push(j),
                None if failed.contains(&name.as_str()) => {}
                None => {
                    let known: Vec<&str> = files
                        .iter()
                        .filter(|f| f.name != DEFAULT_FILE)
                        .map(|f| f.stem.as_str())
                        .collect();
                    errors.push(error(
                        i,
                        span.clone(),
                        format!(
                            "no rule file `{name}.toml` is loaded; files that can be extended: {}",
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
    }
    let extended: Vec<bool> = (0..files.len())
        .map(|j| edges.iter().any(|e| e.contains(&j)))
        .collect();
    for (i, file) in files.iter().enumerate() {
        if file.name != DEFAULT_FILE && file.signature.is_none() && !extended[i] {
            errors.push(error(
                i,
                0..0,
                "this file has no [match] table and no file extends it, so it would never apply: add [match] (`domains`, `urls`, `paths`, `contains` or `regex`) or name it in another file's `extends`".into(),
            ));
        }
    }
    // Closures, depth first in the order written; a cycle is an error at the name that
    // closes it.
    let mut closures = Vec::with_capacity(files.len());
    for start in 0..files.len() {
        let mut order = vec![start];
        let mut stack = vec![(start, 0usize)];
        let mut path = vec![start];
        while let Some((file, next)) = stack.pop() {
            if next >= edges[file].len() {
                path.pop();
                continue;
            }
            stack.push((file, next + 1));
            let target = edges[file][next];
            if path.contains(&target) {
                let span = files[file].extends[next].1.clone();
                let cycle: Vec<&str> = path
                    .iter()
                    .chain([&target])
                    .map(|&k| files[k].stem.as_str())
                    .collect();
                let e = error(
                    file,
                    span,
                    format!("`extends` goes round in a circle: {}", cycle.join(" -> ")),
                );
                if !errors.contains(&e) {
                    errors.push(e);
                }
                continue;
            }
            if !order.contains(&target) {
                order.push(target);
                path.push(target);
                stack.push((target, 0));
            }
        }
        closures.push(order);
    }
    if errors.is_empty() {
        Ok(closures)
    } else {
        Err(errors)
    }
}

/// Checks that the rule ids the `[[tests]]` name in `removed_by` exist; with `partial`
/// (some files failed to compile), ids of files that are not there are not reported.
fn check_test_rule_ids(
    files: &[RuleFile],
    sources: &[&FileText],
    partial: bool,
) -> Result<(), Vec<RuleError>> {
    let mut errors = Vec::new();
    for (i, file) in files.iter().enumerate() {
        for test in &file.tests {
            for (id, span) in &test.removed_by {
                let exists = files.iter().any(|f| f.rules.iter().any(|r| r.id == *id));
                let stem = id.split(':').next().unwrap_or_default();
                let in_failed_file = partial && !files.iter().any(|f| f.stem == stem);
                if !exists && !in_failed_file {
                    let source = &sources[i];
                    errors.push(RuleError::at(
                        &source.display,
                        &source.text,
                        Some(span.clone()),
                        format!("no loaded rule has the id `{id}` (write `file:id`, or `id` for a rule of this file)"),
                    ));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
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

    fn load_files(files: &[(&str, &str)]) -> Result<RuleSet, LoadError> {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        RuleSet::load(Some(dir.path()))
    }

    fn names(set: &RuleSet, subject: &Subject<'_>) -> Vec<String> {
        set.applicable(subject)
            .into_iter()
            .map(|i| set.files()[i].stem.clone())
            .collect()
    }

    #[test]
    fn extended_files_run_right_after_the_file_that_extends_them() {
        let set = load_files(&[
            ("zz-shared.toml", "doc = \"shared pieces\"\n"),
            (
                "aa-site.toml",
                "extends = [\"zz-shared\", \"wordpress-comments\"]\n[match]\ndomains = [\"site.example\"]\n",
            ),
        ])
        .unwrap();
        let on_site = Subject {
            text: "Body",
            url: Some("https://www.site.example/a"),
            path: None,
        };
        assert_eq!(
            names(&set, &on_site),
            ["aa-site", "zz-shared", "wordpress-comments", "_default"]
        );
        let elsewhere = Subject {
            text: "Connecting to %s",
            ..Subject::default()
        };
        assert_eq!(names(&set, &elsewhere), ["wordpress-comments", "_default"]);
        // Both match: the extended file still runs after the one that extends it, even
        // when its name sorts first.
        let set = load_files(&[(
            "zz-site.toml",
            "extends = [\"wordpress-comments\"]\n[match]\ndomains = [\"site.example\"]\n",
        )])
        .unwrap();
        let both = Subject {
            text: "Connecting to %s",
            url: Some("https://site.example/a"),
            path: None,
        };
        assert_eq!(
            names(&set, &both),
            ["zz-site", "wordpress-comments", "_default"]
        );
    }

    #[test]
    fn every_bad_file_is_reported_and_extends_problems_point_at_the_name() {
        let err = load_files(&[
            ("lonely.toml", "doc = \"no match, not extended\"\n"),
            ("a.toml", "extends = [\"b\"]\n[match]\ncontains = [\"x\"]\n"),
            ("b.toml", "extends = [\"a\"]\n[match]\ncontains = [\"y\"]\n"),
            (
                "c.toml",
                "doc = \"c\"\nextends = [\"nope\"]\n[match]\ncontains = [\"z\"]\n",
            ),
        ])
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("lonely.toml:1:1: this file has no [match]"),
            "{err}"
        );
        assert!(
            err.contains(".toml:1:12: `extends` goes round in a circle: "),
            "{err}"
        );
        assert!(
            err.contains("c.toml:2:12: no rule file `nope.toml`"),
            "{err}"
        );
        let err = load_files(&[
            ("bad1.toml", "colour = 1\n"),
            ("bad2.toml", "[match]\ncontains = [\"\"]\n"),
            (
                "bad3.toml",
                "extends = [\"nope\"]\n[match]\ncontains = [\"x\"]\n",
            ),
            (
                "bad4.toml",
                "[match]\ncontains = [\"x\"]\n[[tests]]\ninput = \"x\"\nremoved_by = [\"ghost\"]\n",
            ),
            // Points into a file that failed: not reported twice.
            (
                "ok.toml",
                "extends = [\"bad1\"]\n[match]\ncontains = [\"y\"]\n",
            ),
        ])
        .unwrap_err()
        .to_string();
        assert_eq!(err.lines().count(), 4, "{err}");
        assert!(
            err.contains("bad3.toml:1:12: no rule file `nope.toml`"),
            "{err}"
        );
        assert!(
            err.contains("bad4.toml:5:15: no loaded rule has the id `bad4:ghost`"),
            "{err}"
        );
    }

    #[test]
    fn error_position_counts_characters() {
        let err = RuleError::at("f", "a = 1\nbé = 2", Some(10..11), "x".into());
        assert_eq!((err.line, err.column), (2, 4));
    }
}
