//! Directory output (`-o DIR/`): records in size-capped part files, one rejects file, and
//! a manifest, every file appearing only when complete.
//!
//! A run writes `part-00000.jsonl` (`.gz`, `.zst` with `--compress`), `part-00001.jsonl`,
//! ...: a part is closed once it holds `max_part_bytes` of records (uncompressed, so the
//! split does not depend on the compressor), synced and renamed into place. The rejects of
//! the documents of each closed part wait in `.presswash/` and are joined into
//! `rejects.jsonl` at the end; `manifest.json` is written last, so its presence says the run
//! is complete. After each part, a checkpoint (`.presswash/state.json`, written atomically)
//! records what is final, with what the driver needs to go on from there: a run killed at
//! any moment can be resumed from its last checkpoint, and whatever it wrote after that is
//! thrown away and written again. The folder belongs to presswash: a folder holding other
//! files is refused.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::io::write::{persist, write_atomically, WriteError};

/// How part files are compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Compress {
    /// Plain JSON lines.
    #[default]
    None,
    /// gzip.
    Gzip,
    /// Zstandard.
    Zstd,
}

impl Compress {
    fn suffix(self) -> &'static str {
        match self {
            Compress::None => "",
            Compress::Gzip => ".gz",
            Compress::Zstd => ".zst",
        }
    }
}

/// How records are split into parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartOptions {
    /// A part is closed once it holds at least this many bytes of record lines.
    pub max_part_bytes: u64,
    /// How parts are compressed.
    pub compress: Compress,
}

/// The default part size: 256 MB of JSON lines.
pub const DEFAULT_PART_BYTES: u64 = 256_000_000;

/// One finished part file, as listed in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartInfo {
    /// The file name inside the folder.
    pub file: String,
    /// Records it holds.
    pub records: usize,
    /// Bytes of JSON lines (before compression).
    pub bytes: u64,
}

/// What the checkpoint file holds.
#[derive(Debug, Serialize, Deserialize)]
struct State<T> {
    version: u32,
    parts: Vec<PartInfo>,
    /// Reject chunks written (`.presswash/rejects-NNNNN.jsonl`), one per closed part.
    chunks: usize,
    /// What the driver asked to keep.
    driver: T,
}

const STATE_VERSION: u32 = 1;
const STATE_DIR: &str = ".presswash";
const REJECTS: &str = "rejects.jsonl";
const MANIFEST: &str = "manifest.json";

/// A part being written.
enum Encoder {
    Plain(BufWriter<tempfile::NamedTempFile>),
    Gzip(flate2::write::GzEncoder<BufWriter<tempfile::NamedTempFile>>),
    Zstd(zstd::Encoder<'static, BufWriter<tempfile::NamedTempFile>>),
}

impl Encoder {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Encoder::Plain(w) => w.write_all(bytes),
            Encoder::Gzip(w) => w.write_all(bytes),
            Encoder::Zstd(w) => w.write_all(bytes),
        }
    }

    fn finish(self) -> io::Result<tempfile::NamedTempFile> {
        let buffered = match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w.finish()?,
            Encoder::Zstd(w) => w.finish()?,
        };
        buffered.into_inner().map_err(|e| e.into_error())
    }
}

/// The writer of a directory output.
pub struct PartsDir {
    dir: PathBuf,
    options: PartOptions,
    parts: Vec<PartInfo>,
    chunks: usize,
    part: Option<Encoder>,
    part_records: usize,
    part_bytes: u64,
    rejects: Option<BufWriter<tempfile::NamedTempFile>>,
    reject_bytes: u64,
}

/// What is found in an output folder before a run.
#[derive(Debug)]
pub enum Found<T> {
    /// Nothing to go on from (a new or empty folder, or `--resume` not asked for).
    Fresh(PartsDir),
    /// A checkpoint, with what the driver kept in it.
    Resumed(PartsDir, T),
    /// A complete run (`manifest.json` and no checkpoint), with its manifest's text.
    Complete(String),
}

impl std::fmt::Debug for PartsDir {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PartsDir")
            .field("dir", &self.dir)
            .field("parts", &self.parts.len())
            .finish()
    }
}

fn error(path: &Path, source: io::Error) -> WriteError {
    WriteError {
        path: path.display().to_string(),
        source,
    }
}

/// Whether presswash writes files of this name in an output folder.
fn is_ours(name: &str) -> bool {
    let part = name
        .strip_prefix("part-")
        .and_then(|rest| rest.split_once(".jsonl"))
        .is_some_and(|(n, ext)| {
            n.len() >= 5
                && n.bytes().all(|b| b.is_ascii_digit())
                && ["", ".gz", ".zst"].contains(&ext)
        });
    part || name == REJECTS
        || name == MANIFEST
        || name == STATE_DIR
        || name.starts_with(".presswash-")
}

impl PartsDir {
    /// Opens the output folder `dir` (creating it). With `resume`, a checkpoint found
    /// there is taken up and a complete run is reported as such; otherwise earlier
    /// presswash output in it is removed. A folder holding other files is refused.
    pub fn open<T: serde::de::DeserializeOwned>(
        dir: &Path,
        options: PartOptions,
        resume: bool,
    ) -> Result<Found<T>, WriteError> {
        std::fs::create_dir_all(dir).map_err(|e| error(dir, e))?;
        let mut foreign = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| error(dir, e))? {
            let name = entry.map_err(|e| error(dir, e))?.file_name();
            let name = name.to_string_lossy();
            if !is_ours(&name) {
                foreign.push(name.into_owned());
            }
        }
        if !foreign.is_empty() {
            foreign.sort();
            let msg = format!(
                "the output folder holds files presswash did not write ({}); choose a new or empty folder",
                foreign.join(", ")
            );
            return Err(error(
                dir,
                io::Error::new(io::ErrorKind::AlreadyExists, msg),
            ));
        }
        let state_dir = dir.join(STATE_DIR);
        if !resume {
            remove_if_there(&state_dir)?;
        }
        std::fs::create_dir_all(&state_dir).map_err(|e| error(&state_dir, e))?;
        let mut out = PartsDir {
            dir: dir.to_path_buf(),
            options,
            parts: Vec::new(),
            chunks: 0,
            part: None,
            part_records: 0,
            part_bytes: 0,
            rejects: None,
            reject_bytes: 0,
        };
        let state_path = dir.join(STATE_DIR).join("state.json");
        if resume {
            match std::fs::read(&state_path) {
                Ok(bytes) => {
                    let state: State<T> = serde_json::from_slice(&bytes).map_err(|e| {
                        let msg = format!(
                            "the checkpoint cannot be read ({e}); remove the folder to start again"
                        );
                        error(&state_path, io::Error::new(io::ErrorKind::InvalidData, msg))
                    })?;
                    if state.version != STATE_VERSION {
                        let msg = "the checkpoint was written by another version of presswash; remove the folder to start again";
                        return Err(error(
                            &state_path,
                            io::Error::new(io::ErrorKind::InvalidData, msg),
                        ));
                    }
                    out.parts = state.parts;
                    out.chunks = state.chunks;
                    out.remove_uncommitted()?;
                    return Ok(Found::Resumed(out, state.driver));
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    if let Ok(manifest) = std::fs::read_to_string(dir.join(MANIFEST)) {
                        // A run cut short while it removed its checkpoint folder.
                        remove_if_there(&state_dir)?;
                        return Ok(Found::Complete(manifest));
                    }
                }
                Err(e) => return Err(error(&state_path, e)),
            }
        }
        out.remove_uncommitted()?;
        for name in [REJECTS, MANIFEST] {
            remove_if_there(&dir.join(name))?;
        }
        Ok(Found::Fresh(out))
    }

    /// Removes part files and reject chunks past the checkpoint, and temporary files.
    fn remove_uncommitted(&self) -> Result<(), WriteError> {
        let committed: Vec<&str> = self.parts.iter().map(|p| p.file.as_str()).collect();
        for entry in std::fs::read_dir(&self.dir).map_err(|e| error(&self.dir, e))? {
            let entry = entry.map_err(|e| error(&self.dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let stale = (name.starts_with("part-") && !committed.contains(&name.as_str()))
                || name.starts_with(".presswash-");
            if stale {
                remove_if_there(&entry.path())?;
            }
        }
        let state_dir = self.dir.join(STATE_DIR);
        for entry in std::fs::read_dir(&state_dir).map_err(|e| error(&state_dir, e))? {
            let entry = entry.map_err(|e| error(&state_dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let chunk = name
                .strip_prefix("rejects-")
                .and_then(|n| n.strip_suffix(".jsonl"))
                .and_then(|n| n.parse::<usize>().ok());
            let keep = chunk.is_some_and(|n| n < self.chunks) || name == "state.json";
            if !keep {
                remove_if_there(&entry.path())?;
            }
        }
        Ok(())
    }

    fn temp(&self, dir: &Path) -> Result<tempfile::NamedTempFile, WriteError> {
        tempfile::Builder::new()
            .prefix(".presswash-")
            .suffix(".part")
            .tempfile_in(dir)
            .map_err(|e| error(dir, e))
    }

    /// Writes one record line (ending in `\n`) to the current part.
    pub fn write_record(&mut self, line: &[u8]) -> Result<(), WriteError> {
        if self.part.is_none() {
            let file = BufWriter::with_capacity(256 * 1024, self.temp(&self.dir)?);
            self.part = Some(match self.options.compress {
                Compress::None => Encoder::Plain(file),
                Compress::Gzip => Encoder::Gzip(flate2::write::GzEncoder::new(
                    file,
                    flate2::Compression::default(),
                )),
                Compress::Zstd => {
                    Encoder::Zstd(zstd::Encoder::new(file, 3).map_err(|e| error(&self.dir, e))?)
                }
            });
        }
        let part = self.part.as_mut().expect("opened above");
        part.write_all(line).map_err(|e| error(&self.dir, e))?;
        self.part_records += 1;
        self.part_bytes += line.len() as u64;
        Ok(())
    }

    /// Writes one reject line (ending in `\n`), kept with the current part's documents.
    pub fn write_reject(&mut self, line: &[u8]) -> Result<(), WriteError> {
        let state_dir = self.dir.join(STATE_DIR);
        if self.rejects.is_none() {
            self.rejects = Some(BufWriter::new(self.temp(&state_dir)?));
        }
        let rejects = self.rejects.as_mut().expect("opened above");
        rejects.write_all(line).map_err(|e| error(&state_dir, e))?;
        self.reject_bytes += line.len() as u64;
        Ok(())
    }

    /// Whether the current part is full and should be closed now.
    pub fn is_full(&self) -> bool {
        self.part_bytes + self.reject_bytes >= self.options.max_part_bytes
    }

    /// Closes the current part and its rejects, and writes the checkpoint with `driver`:
    /// everything up to here is final.
    pub fn checkpoint<T: Serialize>(&mut self, driver: &T) -> Result<(), WriteError> {
        if let Some(part) = self.part.take() {
            let file = format!(
                "part-{:05}.jsonl{}",
                self.parts.len(),
                self.options.compress.suffix()
            );
            let path = self.dir.join(&file);
            let temp = part.finish().map_err(|e| error(&path, e))?;
            persist(temp, &path).map_err(|e| error(&path, e))?;
            self.parts.push(PartInfo {
                file,
                records: self.part_records,
                bytes: self.part_bytes,
            });
        }
        if let Some(rejects) = self.rejects.take() {
            let path = self
                .dir
                .join(STATE_DIR)
                .join(format!("rejects-{:05}.jsonl", self.chunks));
            let temp = rejects
                .into_inner()
                .map_err(|e| error(&path, e.into_error()))?;
            persist(temp, &path).map_err(|e| error(&path, e))?;
            self.chunks += 1;
        }
        (self.part_records, self.part_bytes, self.reject_bytes) = (0, 0, 0);
        let state = State {
            version: STATE_VERSION,
            parts: self.parts.clone(),
            chunks: self.chunks,
            driver,
        };
        let bytes = serde_json::to_vec(&state).map_err(|e| error(&self.dir, e.into()))?;
        write_atomically(&self.dir.join(STATE_DIR).join("state.json"), &bytes)
    }

    /// The part files written so far.
    pub fn parts(&self) -> &[PartInfo] {
        &self.parts
    }

    /// Ends the run: closes the last part, joins the rejects into `rejects.jsonl`, writes
    /// `manifest.json` (made by `manifest` from the final list of parts) and removes the
    /// checkpoint.
    pub fn finish<T: Serialize>(
        mut self,
        driver: &T,
        manifest: impl FnOnce(&[PartInfo]) -> serde_json::Value,
    ) -> Result<(), WriteError> {
        self.checkpoint(driver)?;
        let state_dir = self.dir.join(STATE_DIR);
        let rejects_path = self.dir.join(REJECTS);
        let mut joined = BufWriter::new(self.temp(&self.dir)?);
        for chunk in 0..self.chunks {
            let path = state_dir.join(format!("rejects-{chunk:05}.jsonl"));
            let mut file = std::fs::File::open(&path).map_err(|e| error(&path, e))?;
            io::copy(&mut file, &mut joined).map_err(|e| error(&rejects_path, e))?;
        }
        let temp = joined
            .into_inner()
            .map_err(|e| error(&rejects_path, e.into_error()))?;
        persist(temp, &rejects_path).map_err(|e| error(&rejects_path, e))?;
        let manifest = manifest(&self.parts);
        let mut text =
            serde_json::to_vec_pretty(&manifest).map_err(|e| error(&self.dir, e.into()))?;
        text.push(b'\n');
        write_atomically(&self.dir.join(MANIFEST), &text)?;
        // The checkpoint goes first: with the manifest there and no checkpoint, the run is
        // complete, whatever is left of the folder's other files if this is cut short.
        // (Removing the folder in one go could leave the checkpoint without the reject
        // chunks it names, and a resumed run with nothing to join.)
        remove_if_there(&state_dir.join("state.json"))?;
        std::fs::remove_dir_all(&state_dir).map_err(|e| error(&state_dir, e))
    }
}

fn remove_if_there(path: &Path) -> Result<(), WriteError> {
    let removed = if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
    match removed {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(error(path, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(max: u64) -> PartOptions {
        PartOptions {
            max_part_bytes: max,
            compress: Compress::None,
        }
    }

    fn fresh(dir: &Path, max: u64) -> PartsDir {
        match PartsDir::open::<u32>(dir, options(max), true).unwrap() {
            Found::Fresh(parts) => parts,
            other => panic!("expected a fresh folder, found {other:?}"),
        }
    }

    #[test]
    fn parts_close_at_the_cap_and_the_end_writes_rejects_and_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut parts = fresh(&out, 10);
        for line in ["{\"a\":1}\n", "{\"a\":2}\n", "{\"a\":3}\n"] {
            parts.write_record(line.as_bytes()).unwrap();
            if parts.is_full() {
                parts.checkpoint(&0u32).unwrap();
            }
        }
        parts.write_reject(b"{\"r\":1}\n").unwrap();
        assert!(
            !out.join("part-00001.jsonl").exists(),
            "the open part is not final yet"
        );
        parts
            .finish(&0u32, |p| serde_json::json!({"parts": p.len()}))
            .unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "manifest.json",
                "part-00000.jsonl",
                "part-00001.jsonl",
                "rejects.jsonl"
            ]
        );
        assert_eq!(
            std::fs::read_to_string(out.join("part-00000.jsonl")).unwrap(),
            "{\"a\":1}\n{\"a\":2}\n"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("rejects.jsonl")).unwrap(),
            "{\"r\":1}\n"
        );
    }

    #[test]
    fn a_checkpoint_is_taken_up_and_later_writes_are_thrown_away() {
        let dir = tempfile::tempdir().unwrap();
        let mut parts = fresh(dir.path(), 1);
        parts.write_record(b"{\"a\":1}\n").unwrap();
        parts.checkpoint(&7u32).unwrap();
        parts.write_record(b"{\"a\":2}\n").unwrap();
        parts.checkpoint(&8u32).unwrap();
        // As if killed after part 2 was renamed but before its checkpoint: roll back.
        let state = dir.path().join(".presswash/state.json");
        let text = std::fs::read_to_string(&state).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        value["parts"].as_array_mut().unwrap().pop();
        value["driver"] = 7.into();
        std::fs::write(&state, value.to_string()).unwrap();
        std::fs::write(dir.path().join(".presswash-junk.part"), "half a li").unwrap();
        match PartsDir::open::<u32>(dir.path(), options(1), true).unwrap() {
            Found::Resumed(parts, driver) => {
                assert_eq!(driver, 7);
                assert_eq!(parts.parts().len(), 1);
            }
            other => panic!("expected a checkpoint, found {other:?}"),
        }
        assert!(!dir.path().join("part-00001.jsonl").exists());
        assert!(!dir.path().join(".presswash-junk.part").exists());
    }

    #[test]
    fn a_folder_with_other_files_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = PartsDir::open::<u32>(dir.path(), options(1), false).unwrap_err();
        assert!(err.source.to_string().contains("notes.txt"), "{err:?}");
    }

    #[test]
    fn a_run_cut_short_while_removing_its_checkpoint_is_complete() {
        let dir = tempfile::tempdir().unwrap();
        let mut parts = fresh(dir.path(), 100);
        parts.write_reject(b"{\"r\":1}\n").unwrap();
        parts.checkpoint(&0u32).unwrap();
        parts
            .finish(&0u32, |_| serde_json::json!({"done": true}))
            .unwrap();
        // As if killed after the checkpoint was removed, before the reject chunks were.
        std::fs::create_dir(dir.path().join(".presswash")).unwrap();
        std::fs::write(dir.path().join(".presswash/rejects-00000.jsonl"), "{}\n").unwrap();
        assert!(matches!(
            PartsDir::open::<u32>(dir.path(), options(100), true).unwrap(),
            Found::Complete(_)
        ));
        assert!(!dir.path().join(".presswash").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("rejects.jsonl")).unwrap(),
            "{\"r\":1}\n"
        );
    }

    #[test]
    fn a_complete_run_is_reported_on_resume() {
        let dir = tempfile::tempdir().unwrap();
        fresh(dir.path(), 100)
            .finish(&0u32, |_| serde_json::json!({"done": true}))
            .unwrap();
        assert!(matches!(
            PartsDir::open::<u32>(dir.path(), options(100), true).unwrap(),
            Found::Complete(_)
        ));
    }
}
