//! `presswash fix`, tried as a user would: real processes, stdin and files, exit codes.
//! It prints the decoded and repaired text and changes nothing else.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

fn presswash() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_presswash"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn fix_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = presswash()
        .arg("fix")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn damage_is_repaired_and_nothing_else_changes() {
    let input = "  “cafÃ©”  dâ€™Ã©tÃ©\r\nit&amp;#8217;s \x1b[1mbold\x1b[0m,  parlé\u{85}\t\nﬁne\n";
    let output = fix_stdin(&[], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "  “café”  d’été\r\nit’s bold,  parlé…\t\nﬁne\n"
    );
    let folded = fix_stdin(&["--ligatures", "-"], "ﬁne".as_bytes());
    assert_eq!(folded.stdout, b"fine");
}

#[test]
fn clean_files_come_out_byte_identical() {
    for sample in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/samples")).unwrap() {
        let path = sample.unwrap().path();
        // The text samples; `samples/html/` is a folder of pages.
        if !path.is_file() {
            continue;
        }
        let output = presswash().arg("fix").arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(
            output.stdout,
            std::fs::read(&path).unwrap(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn legacy_encodings_are_decoded_to_utf8() {
    let text = "В среду утром поезд в Москву опоздал на двадцать минут.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("legacy.txt");
    std::fs::write(&path, &bytes).unwrap();
    let output = presswash()
        .arg("fix")
        .arg(&path)
        .args(["--url", "https://example.ru/news"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), text);
}

#[test]
fn unreadable_or_binary_input_is_an_error_that_says_why() {
    let output = presswash()
        .args(["fix", "no/such/file.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no such file"),
        "{}",
        stderr(&output)
    );
    let output = fix_stdin(&[], b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("PNG"), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let output = fix_stdin(&[], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, "cafÃ© line of text\n".repeat(400_000)).unwrap();
    let mut child = presswash()
        .arg("fix")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone, as after `| head -c 16`.
    let output = child.wait_with_output().unwrap();
    assert_eq!(&first, "café line of te".as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}
