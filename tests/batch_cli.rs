//! Batch runs at scale, tried as a user would: threads, compressed and container inputs,
//! folder output, shards, kill-and-resume, the stream subcommand, and fatal output errors.
//! Outputs are parsed back into records before anything is asserted.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use presswash::{Record, Reject};

fn presswash() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_presswash"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    // Tests run inside CI jobs, which may be array jobs themselves: no shard from there.
    for var in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_COUNT",
        "SLURM_ARRAY_TASK_MIN",
        "JOB_COMPLETION_INDEX",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Vec<T> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A corpus of `n` documents made from the samples (each different), with an empty and a
/// binary file among them, so that a run has rejects too.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let samples: Vec<String> = {
        let mut paths: Vec<PathBuf> =
            std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    };
    let root = dir.join("corpus");
    std::fs::create_dir_all(&root).unwrap();
    for i in 0..n {
        let path = root.join(format!("doc-{i:04}.txt"));
        let text = match i % 37 {
            5 => String::new(),
            11 => "\u{0}\u{1}binary\u{0}".to_string(),
            _ => format!(
                "{}\n\nThis paragraph number {i} was added so that every generated document differs from the others.\n",
                samples[i % samples.len()]
            ),
        };
        std::fs::write(path, text).unwrap();
    }
    root
}

/// Records and rejects of a folder output, parts read in order (decompressed).
fn read_dir_output(dir: &Path) -> (Vec<Record>, Vec<Reject>, serde_json::Value) {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let mut records = Vec::new();
    for part in manifest["parts"].as_array().unwrap() {
        let path = dir.join(part["file"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        let text = if path.extension().is_some_and(|e| e == "gz") {
            let mut out = String::new();
            std::io::Read::read_to_string(
                &mut flate2::read::MultiGzDecoder::new(&bytes[..]),
                &mut out,
            )
            .unwrap();
            out
        } else if path.extension().is_some_and(|e| e == "zst") {
            String::from_utf8(zstd::decode_all(&bytes[..]).unwrap()).unwrap()
        } else {
            String::from_utf8(bytes).unwrap()
        };
        records.extend(parse::<Record>(&text));
    }
    let rejects = parse(&std::fs::read_to_string(dir.join("rejects.jsonl")).unwrap());
    (records, rejects, manifest)
}

fn run_ok(args: &[&str]) -> Output {
    let output = presswash().args(args).output().unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        stderr(&output)
    );
    output
}

#[test]
fn records_come_in_input_order_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let root = corpus(dir.path(), 300);
    // Some documents many times longer than the rest, so that the threads' chunks of
    // documents finish out of order. (Paragraphs that differ: an article repeated word for
    // word is furniture to the generic stage, and all of it goes.)
    for i in (0..300).step_by(23) {
        let path = root.join(format!("doc-{i:04}.txt"));
        let mut text = std::fs::read_to_string(&path).unwrap();
        for k in 0..400 {
            text.push_str(&format!("\nParagraph {k} of document {i} makes it longer, so that cleaning it takes the time of many others.\n"));
        }
        std::fs::write(&path, text).unwrap();
    }
    let root = root.to_str().unwrap();
    let run = |threads: &str| {
        let rejects = dir.path().join(format!("rejects-{threads}.jsonl"));
        let rejects_arg = rejects.to_str().unwrap();
        let output = run_ok(&["run", root, "-j", threads, "--rejects", rejects_arg, "-q"]);
        (output.stdout, std::fs::read(&rejects).unwrap())
    };
    let (one, one_rejects) = run("1");
    for threads in ["2", "3", "4"] {
        let (records, rejects) = run(threads);
        assert!(records == one, "records differ with -j {threads}");
        assert!(rejects == one_rejects, "rejects differ with -j {threads}");
    }
    let records: Vec<Record> = parse(&String::from_utf8(one).unwrap());
    let names: Vec<&str> = records.iter().map(|r| r.input.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    // Documents 5, 11, 42, 48, ... (i % 37 of 5 or 11) are empty or binary.
    let rejected = (0..300).filter(|i| [5, 11].contains(&(i % 37))).count();
    assert_eq!(records.len(), 300 - rejected);
    let rejects: Vec<Reject> = parse(&String::from_utf8(one_rejects).unwrap());
    let names: Vec<&str> = rejects.iter().map(|r| r.input.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!((names.len(), &names), (rejected, &sorted));
}

#[test]
fn compressed_jsonl_and_warc_inputs_become_records() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Council approves the budget\n\nThe city council voted on Tuesday to approve the budget for the coming year after a long debate.\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).unwrap();
    std::fs::write(dir.path().join("a.txt.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(
        dir.path().join("b.txt.zst"),
        zstd::encode_all(text.as_bytes(), 3).unwrap(),
    )
    .unwrap();
    let jsonl = format!(
        "{}\n{{\"title\":\"no text here\"}}\n",
        serde_json::json!({"text": text, "url": "https://news.example/1", "id": "doc-1", "lang": "en"})
    );
    std::fs::write(
        dir.path().join("c.jsonl.zst"),
        zstd::encode_all(jsonl.as_bytes(), 3).unwrap(),
    )
    .unwrap();
    let body = "Caf\u{e9} council approves the budget\n\nThe city council voted on Tuesday to approve the caf\u{e9} budget for the coming year.\n";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(body);
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n".to_vec();
    http.extend_from_slice(&latin1);
    let mut warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://warc.example/page\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    warc.extend_from_slice(&http);
    warc.extend_from_slice(b"\r\n\r\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&warc).unwrap();
    std::fs::write(dir.path().join("d.warc.gz"), gz.finish().unwrap()).unwrap();

    let output = presswash()
        .args(["run", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "one JSONL line has no text: {}",
        stderr(&output)
    );
    let records: Vec<Record> = parse(&String::from_utf8(output.stdout.clone()).unwrap());
    assert_eq!(records.len(), 4);
    assert!(records[..2]
        .iter()
        .all(|r| r.text.contains("city council voted")));
    assert_eq!(records[2].id, "doc-1");
    assert_eq!(records[2].url.as_deref(), Some("https://news.example/1"));
    assert_eq!(records[2].metadata.fields["lang"], "en");
    assert!(
        records[2].input.ends_with("c.jsonl.zst:1"),
        "{}",
        records[2].input
    );
    assert_eq!(records[3].url.as_deref(), Some("https://warc.example/page"));
    assert!(
        records[3].text.contains("café budget"),
        "{}",
        records[3].text
    );
    assert_eq!(records[3].metadata.encoding.decided_by, "given");
    let rejects: Vec<Reject> = parse(&stderr(&output));
    assert_eq!(rejects.len(), 1);
    assert_eq!(rejects[0].reason, "no-text-field");
    assert!(rejects[0].input.ends_with("c.jsonl.zst:2"));
}

#[test]
fn a_folder_output_has_parts_rejects_and_a_manifest_that_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = corpus(dir.path(), 40);
    let out = dir.path().join("out");
    let out_arg = format!("{}/", out.display());
    run_ok(&[
        "run",
        root.to_str().unwrap(),
        "-o",
        &out_arg,
        "--part-size",
        "20000",
        "--compress",
        "gz",
        "-q",
    ]);
    let (records, rejects, manifest) = read_dir_output(&out);
    assert!(
        manifest["parts"].as_array().unwrap().len() > 1,
        "{manifest}"
    );
    assert_eq!(records.len() + rejects.len(), 40);
    assert_eq!(manifest["summary"]["inputs"], 40);
    assert_eq!(manifest["summary"]["records"], records.len());
    assert!(
        manifest["summary"]["rejects_by_stage"]["decode"]["empty"]
            .as_u64()
            .unwrap()
            > 0
    );
    assert!(
        !out.join(".presswash").exists(),
        "the checkpoint goes when the run is complete"
    );
    // The same records as a single-file run.
    let single = run_ok(&["run", root.to_str().unwrap(), "-q"]);
    assert_eq!(
        parse::<Record>(&String::from_utf8(single.stdout).unwrap()),
        records
    );
}

#[test]
fn shards_together_equal_the_whole_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = corpus(dir.path(), 30);
    let root = root.to_str().unwrap();
    // One pass: each record depends on its own input only, so the shards, concatenated,
    // are exactly the whole run.
    let whole = run_ok(&["run", root, "--single-pass", "-q"]).stdout;
    let mut joined = Vec::new();
    for shard in ["0/2", "1/2"] {
        joined.extend(run_ok(&["run", root, "--single-pass", "--shard", shard, "-q"]).stdout);
    }
    assert_eq!(
        String::from_utf8(joined).unwrap(),
        String::from_utf8(whole).unwrap()
    );
    // Two passes: a shard counts recurring lines over its own inputs, so it equals a run
    // over exactly those inputs; and the environment of a Slurm array task names a shard.
    let shard = presswash()
        .args(["run", root, "-q"])
        .env("SLURM_ARRAY_TASK_ID", "1")
        .env("SLURM_ARRAY_TASK_COUNT", "2")
        .output()
        .unwrap();
    let names: Vec<String> = parse::<Record>(&String::from_utf8(shard.stdout.clone()).unwrap())
        .iter()
        .map(|r| r.input.clone())
        .collect();
    assert!(
        names.first().unwrap().ends_with("doc-0015.txt"),
        "{names:?}"
    );
    let list = dir.path().join("list");
    let files: Vec<String> = (15..30).map(|i| format!("{root}/doc-{i:04}.txt")).collect();
    std::fs::write(&list, files.join("\n")).unwrap();
    let alone = run_ok(&["run", "--files-from", list.to_str().unwrap(), "-q"]);
    assert_eq!(shard.stdout, alone.stdout);
}

/// A small seeded generator, so that the kill times are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn a_run_killed_at_random_moments_and_resumed_equals_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = corpus(dir.path(), 150);
    let root = root.to_str().unwrap();
    let expected_dir = dir.path().join("expected");
    let common = ["--part-size", "6000", "--compress", "zst", "-j", "2", "-q"];
    let expected_arg = format!("{}/", expected_dir.display());
    let mut args = vec!["run", root, "-o", &expected_arg];
    args.extend(common);
    let started = std::time::Instant::now();
    run_ok(&args);
    // Kill times are drawn within an uninterrupted run's time, whatever the machine's speed.
    let run_ms = (started.elapsed().as_millis() as u64).max(20);
    let (want_records, want_rejects, want_manifest) = read_dir_output(&expected_dir);

    let out = dir.path().join("killed");
    let out_arg = format!("{}/", out.display());
    let mut args = vec!["run", root, "-o", &out_arg, "--resume"];
    args.extend(common);
    let mut rng = Lcg(7);
    let mut kills = 0;
    for _ in 0..16 {
        let mut child = presswash()
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Within the first half of a run's time, so that most runs are cut short even
        // when this machine is faster now than when the reference run was timed.
        std::thread::sleep(std::time::Duration::from_millis(rng.below(run_ms / 2 + 1)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        if out.join("manifest.json").exists() {
            // A run got to the end before its kill: start over, to be killed again.
            std::fs::remove_dir_all(&out).unwrap();
        }
        if kills == 8 {
            break;
        }
    }
    run_ok(&args);
    let (records, rejects, manifest) = read_dir_output(&out);
    assert!(kills > 0, "no run was killed: make the corpus larger");
    assert_eq!(records, want_records);
    assert_eq!(rejects, want_rejects);
    for key in [
        "inputs",
        "records",
        "rejects",
        "removed_by_rule",
        "bytes_out",
    ] {
        assert_eq!(
            manifest["summary"][key], want_manifest["summary"][key],
            "{key}"
        );
    }
    assert_eq!(manifest["parts"], want_manifest["parts"]);
}

#[test]
fn resuming_with_other_arguments_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = corpus(dir.path(), 12);
    let out = format!("{}/", dir.path().join("out").display());
    let state = dir.path().join("out/.presswash");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("state.json"), r#"{"version":1,"parts":[],"chunks":0,"driver":{"fingerprint":"other","summary":{"inputs":3,"records":3,"rejects":{},"rejects_by_stage":{},"encodings":{},"repaired":{},"normalized":{},"bytes_in":0,"bytes_out":0,"removed_by_rule":{},"fired":[],"files_applied":[],"never_fired":[],"never_applied":[],"elapsed":0.0,"hidden_skipped":0,"duplicates":0,"records_to":"","rejects_to":""}}}"#).unwrap();
    let output = presswash()
        .args(["run", root.to_str().unwrap(), "-o", &out, "--resume"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("same arguments"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn stream_reads_jsonl_or_paths_on_stdin_and_exits_zero_with_rejects() {
    let text = "Council approves the budget\n\nThe city council voted on Tuesday to approve the budget for the coming year after a long debate.\n";
    let input = format!(
        "{}\nnot json\n{}\n",
        serde_json::json!({"content": text, "k": 1}),
        serde_json::json!({"content": text, "k": 2})
    );
    let mut child = presswash()
        .args(["stream", "--text-field", "content", "-j", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let records: Vec<Record> = parse(&String::from_utf8(output.stdout.clone()).unwrap());
    assert_eq!(
        records
            .iter()
            .map(|r| r.metadata.fields["k"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        vec![1, 2]
    );
    let rejects: Vec<Reject> = parse(&stderr(&output));
    assert_eq!((rejects.len(), rejects[0].reason.as_str()), (1, "bad-json"));

    let dir = tempfile::tempdir().unwrap();
    let root = corpus(dir.path(), 3);
    let mut child = presswash()
        .args(["stream", "--paths"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{}", root.display()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        parse::<Record>(&String::from_utf8(output.stdout).unwrap()).len(),
        3
    );
}

#[test]
fn a_full_disk_or_unwritable_output_is_fatal_with_a_clear_message() {
    if Path::new("/dev/full").exists() {
        let output = presswash()
            .args(["run", "samples", "-o", "/dev/full", "--rejects", "-"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let err = stderr(&output);
        assert!(
            err.contains("cannot write /dev/full") && err.contains("No space left"),
            "{err}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let out = format!("{}/out/", file.display());
    let output = presswash()
        .args(["run", "samples", "-o", &out])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot write"),
        "{}",
        stderr(&output)
    );
    // A folder holding other files is not presswash's to fill.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let output = presswash()
        .args(["run", "samples", "-o"])
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("notes.txt"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(other.join("notes.txt")).unwrap(),
        "mine"
    );
}
