//! The command-line contract, tried as a user would: real processes, real files, exit codes,
//! and outputs parsed back into typed records before anything is asserted.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use presswash::{Pipeline, Record, Reject, RuleSet};

fn presswash() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_presswash"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    // `run` takes a shard from an array job's environment; CI may be one.
    cmd.env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("JOB_COMPLETION_INDEX");
    cmd
}

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn seed(prefix: &str) -> PathBuf {
    std::fs::read_dir(samples_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap()
}

fn parse_lines<T: serde::de::DeserializeOwned>(text: &str) -> Vec<T> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

fn read_lines<T: serde::de::DeserializeOwned>(path: &Path) -> Vec<T> {
    parse_lines(&std::fs::read_to_string(path).unwrap())
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn samples_become_seven_records_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cleaned.jsonl");
    let output = presswash()
        .args(["run", "samples", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let records: Vec<Record> = read_lines(&out);
    // The 5 text dumps and the 2 HTML pages under samples/html/.
    assert_eq!(records.len(), 7);
    assert_eq!(
        records.iter().filter(|r| r.metadata.html.is_some()).count(),
        2
    );
    let summary = stderr(&output);
    assert!(
        summary.contains("7 inputs -> 7 records, 0 rejected"),
        "{summary}"
    );
    assert!(summary.contains("lines removed by rule"), "{summary}");
    // The default rejects file exists, and is empty: no stale rejects from an earlier run.
    let rejects = std::fs::read_to_string(dir.path().join("cleaned.rejects.jsonl")).unwrap();
    assert_eq!(rejects, "");
}

#[test]
fn cli_records_equal_library_records() {
    let output = presswash()
        .args(["run", "samples", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "--quiet prints nothing: {}",
        stderr(&output)
    );
    let records: Vec<Record> = parse_lines(&String::from_utf8(output.stdout).unwrap());
    let pipeline = Pipeline::new(RuleSet::embedded().unwrap());
    for record in records {
        let bytes =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(&record.input)).unwrap();
        assert_eq!(pipeline.run_one(&record.input, bytes).unwrap(), record);
    }
}

#[test]
fn a_mixed_folder_gives_records_a_reject_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(seed("001_"), inputs.join("seed.txt")).unwrap();
    std::fs::write(
        inputs.join("image.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .unwrap();
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode("Café … – naïve\n");
    std::fs::write(inputs.join("legacy.txt"), &cp1252).unwrap();
    let out = dir.path().join("out.jsonl");
    let rejects = dir.path().join("rejects.jsonl");
    let output = presswash()
        .arg("run")
        .arg(&inputs)
        .arg("-o")
        .arg(&out)
        .arg("--rejects")
        .arg(&rejects)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let records: Vec<Record> = read_lines(&out);
    assert_eq!(records.len(), 2);
    let legacy = records
        .iter()
        .find(|r| r.input.ends_with("legacy.txt"))
        .unwrap();
    assert_eq!(legacy.text, "Café … – naïve");
    assert_eq!(legacy.metadata.encoding.name, "windows-1252");
    let rejects: Vec<Reject> = read_lines(&rejects);
    assert_eq!(rejects.len(), 1);
    assert!(rejects[0].input.ends_with("image.png"));
    assert_eq!(
        (rejects[0].stage.as_str(), rejects[0].reason.as_str()),
        ("decode", "binary")
    );
    assert!(rejects[0].detail.contains("PNG"), "{}", rejects[0].detail);
    assert!(stderr(&output).contains("binary 1"), "{}", stderr(&output));
}

#[test]
fn stdin_gives_exactly_one_record_on_stdout() {
    let mut child = presswash()
        .args(["run", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let bytes = std::fs::read(seed("001_")).unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let records: Vec<Record> = parse_lines(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].input, "-");
    assert_eq!(
        records[0].id,
        presswash::record::document_id(&bytes),
        "same bytes, same id"
    );
    assert_eq!(records[0].date.as_deref(), Some("2016-10-07T19:40:00"));
}

#[test]
fn bad_inputs_are_rejects_with_reasons_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("nul.txt"), b"text\0with nul").unwrap();
    std::fs::write(
        dir.path().join("zero-width.txt"),
        "\u{200b}\u{feff}\n\u{ad}",
    )
    .unwrap();
    let mut invalid = b"Valid text then ".to_vec();
    invalid.extend_from_slice(&[0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, 0x80]);
    std::fs::write(dir.path().join("invalid-utf8.txt"), &invalid).unwrap();
    let missing = dir.path().join("missing.txt");
    let output = presswash()
        .arg("run")
        .arg(dir.path())
        .arg(&missing)
        .arg(seed("003_"))
        .args(["--rejects", "-", "--progress", "off"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records: Vec<Record> = parse_lines(&String::from_utf8_lossy(&output.stdout));
    let rejects: Vec<Reject> = stderr(&output)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Every input is accounted for: 6 inputs, each a record or a reject.
    assert_eq!(records.len() + rejects.len(), 6, "{records:?} {rejects:?}");
    let reason = |name: &str| {
        rejects
            .iter()
            .find(|r| r.input.ends_with(name))
            .map(|r| r.reason.clone())
    };
    assert_eq!(reason("empty.txt").as_deref(), Some("empty"));
    assert_eq!(reason("nul.txt").as_deref(), Some("binary"));
    assert_eq!(reason("zero-width.txt").as_deref(), Some("no-text"));
    assert_eq!(reason("missing.txt").as_deref(), Some("missing"));
    // Invalid UTF-8 is decoded by detection, not lost.
    assert!(records
        .iter()
        .any(|r| r.input.ends_with("invalid-utf8.txt")));
    assert!(records
        .iter()
        .any(|r| r.input.ends_with(".txt") && r.source.as_deref() == Some("iTech Post")));
}

#[test]
fn a_bad_rule_file_is_fatal_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "[match]\ncontains = [\"x\"]\n\n[[rule]]\nid = \"a\"\nkind = \"line\"\nregex = \"(\"\n",
    )
    .unwrap();
    let output = presswash()
        .args(["run", "samples", "--rules"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        output.stdout.is_empty(),
        "no half-applied rules: nothing is written"
    );
    let err = stderr(&output);
    assert!(err.contains("site.toml:7:9: invalid regex"), "{err}");
}

#[test]
fn rules_dir_overrides_shipped_files() {
    let dir = tempfile::tempdir().unwrap();
    // A `_default.toml` with no rules: the generic rules are switched off.
    std::fs::write(dir.path().join("_default.toml"), "doc = \"none\"\n").unwrap();
    let output = presswash()
        .args(["run", "-q", "--rules"])
        .arg(dir.path())
        .arg(seed("000_"))
        .output()
        .unwrap();
    let records: Vec<Record> = parse_lines(&String::from_utf8(output.stdout).unwrap());
    assert!(
        records[0].text.starts_with("date 2016-11-08"),
        "the dateline rule is gone"
    );
}

#[test]
fn unwritable_output_is_fatal() {
    let output = presswash()
        .args(["run", "samples", "-o", "/nonexistent-dir/out.jsonl"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("/nonexistent-dir/out.jsonl"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_flags_exit_2_and_help_documents_the_contract() {
    let output = presswash()
        .args(["run", "--no-such-flag", "x"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let help = presswash().args(["run", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    for needle in [
        "--output",
        "--rejects",
        "--rules",
        "--quiet",
        "Exit status",
        "stdin",
    ] {
        assert!(help.contains(needle), "help lacks {needle}:\n{help}");
    }
}

#[test]
fn log_lines_replace_the_bar_when_stderr_is_not_a_terminal() {
    // Under a test, stderr is a pipe: `auto` must not print escape codes.
    let output = presswash()
        .args(["run", "samples", "-o", "-"])
        .output()
        .unwrap();
    assert!(!stderr(&output).contains('\u{1b}'), "{}", stderr(&output));
}

#[test]
fn outputs_never_overwrite_inputs_or_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::copy(seed("002_"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = dir.path().join("o.jsonl");
    // (arguments after `run`, what the error must say)
    let refusals: [(Vec<&std::ffi::OsStr>, &str); 4] = [
        (
            vec![input.as_ref(), "-o".as_ref(), input.as_ref()],
            "both an input and an output",
        ),
        (
            vec![
                input.as_ref(),
                "-o".as_ref(),
                out.as_ref(),
                "--rejects".as_ref(),
                out.as_ref(),
            ],
            "both be written",
        ),
        // An input found inside a folder is protected too.
        (
            vec![dir.path().as_ref(), "-o".as_ref(), input.as_ref()],
            "will not overwrite",
        ),
        (vec!["-".as_ref(), "-".as_ref()], "stdin"),
    ];
    for (args, message) in refusals {
        let output = presswash().arg("run").args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(message),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(
            std::fs::read(&input).unwrap(),
            before,
            "the input is untouched"
        );
    }
}

#[test]
fn a_second_run_into_the_input_folder_does_not_read_its_outputs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(seed("003_"), dir.path().join("a.txt")).unwrap();
    let out = dir.path().join("out.jsonl");
    for _ in 0..2 {
        let output = presswash()
            .arg("run")
            .arg(dir.path())
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(read_lines::<Record>(&out).len(), 1);
    }
}

#[test]
fn progress_off_keeps_warnings_and_quiet_drops_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    let rejects = dir.path().join("r.jsonl");
    let run = |flag: &str| {
        presswash()
            .arg("run")
            .arg(dir.path().join("empty.txt"))
            .arg("--rejects")
            .arg(&rejects)
            .arg(flag)
            .output()
            .unwrap()
    };
    let output = run("--progress=off");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("rejected"), "{}", stderr(&output));
    let output = run("--quiet");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
    assert_eq!(
        read_lines::<Reject>(&rejects).len(),
        1,
        "quiet still writes rejects"
    );
}
