//! Running a Python tool side by side: the benchmarks that compare presswash with
//! trafilatura or htmldate write the pages as JSON lines, run a script of `scripts/` in a
//! venv under `target/` (made by a `scripts/*_side_by_side.sh`), and read back its JSON
//! answer. One copy, so every comparison feeds the other tool the same way.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// One page as the scripts read it.
pub struct PageInput<'a> {
    pub id: &'a str,
    pub url: &'a str,
    pub html: &'a [u8],
}

/// Runs `script` (under `scripts/`) with the venv's Python at `target/<venv>`, with
/// `args` before the input and output paths, on `pages`; its JSON output, or `None`, with
/// a line saying why, when the venv is missing or the script fails.
pub fn run<'a>(
    root: &Path,
    venv: &str,
    script: &str,
    args: &[&str],
    label: &str,
    pages: impl Iterator<Item = PageInput<'a>>,
) -> Option<Value> {
    let python = root.join("target").join(venv).join("bin/python");
    if !python.exists() {
        println!(
            "  {label}: not run (no target/{venv}; the scripts/*_side_by_side.sh script makes it)"
        );
        return None;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let input = dir.path().join("pages.jsonl");
    let lines: Vec<String> = pages
        .map(|p| {
            serde_json::json!({"id": p.id, "url": p.url, "html": String::from_utf8_lossy(p.html)})
                .to_string()
        })
        .collect();
    std::fs::write(&input, lines.join("\n")).expect("pages written");
    let output = dir.path().join("out.json");
    let status = Command::new(&python)
        .arg(root.join("scripts").join(script))
        .args(args)
        .arg(&input)
        .arg(&output)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        println!("  {label}: the script failed");
        return None;
    }
    serde_json::from_str(&std::fs::read_to_string(&output).ok()?).ok()
}
