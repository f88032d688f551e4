//! Rule files as a user works with them: `rules check`, `rules test`, `rules list`,
//! `rules suggest` and `explain`, run as real processes on real folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use presswash::inspect::rule_tests::run_rule_tests;
use presswash::{Pipeline, Record, RuleSet};

fn presswash(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_presswash"));
    cmd.current_dir(dir);
    cmd
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A copy of the shipped `rules/` folder to edit.
fn copy_of_rules() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    for entry in std::fs::read_dir(repo().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            dir.path().join("rules").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    dir
}

#[test]
fn the_shipped_rule_files_pass_their_own_tests() {
    let report = run_rule_tests(&Pipeline::new(RuleSet::embedded().unwrap()));
    assert!(report.passed(), "{:#?}", report.failures);
    let files = RuleSet::embedded().unwrap().files().len();
    assert_eq!(
        report.files_with_tests, files,
        "every shipped file has tests"
    );
}

#[test]
fn rules_check_and_test_pass_on_the_shipped_rules() {
    let output = presswash(&repo())
        .args(["rules", "check"])
        .output()
        .unwrap();
    let (out, err) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("rule files load"), "{out}");
    let output = presswash(&repo()).args(["rules", "test"]).output().unwrap();
    let (out, err) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{out}{err}");
    assert!(out.contains(" 0 failed"), "{out}");
}

#[test]
fn an_unknown_key_on_line_1_fails_the_check_with_file_line_and_key() {
    let dir = copy_of_rules();
    let file = dir.path().join("rules/rt.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("colour = \"red\"\n{original}")).unwrap();
    // In the folder holding `rules/`, as a person editing them runs it.
    let output = presswash(dir.path())
        .args(["rules", "check"])
        .output()
        .unwrap();
    let (_, err) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("rules/rt.toml:1:1:"), "{err}");
    assert!(err.contains("unknown field `colour`"), "{err}");
    assert!(err.contains("`match`"), "the valid keys are listed: {err}");
    // And a run with those rules stops before reading anything.
    let output = presswash(dir.path())
        .args(["run", "--rules", "rules", "-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn every_bad_file_is_reported_in_one_check() {
    let dir = copy_of_rules();
    std::fs::write(
        dir.path().join("rules/a.toml"),
        "[match]\ndomains = [\"https://a.example/\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("rules/b.toml"),
        "[match]\npaths = [\"[x\"]\n",
    )
    .unwrap();
    let output = presswash(dir.path())
        .args(["rules", "check", "rules"])
        .output()
        .unwrap();
    let (_, err) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("rules/a.toml:2:12: `https://a.example/` is not a domain"),
        "{err}"
    );
    assert!(err.contains("rules/b.toml:2:10: invalid glob"), "{err}");
}

#[test]
fn a_failing_rule_test_prints_a_diff_and_exits_1() {
    let dir = copy_of_rules();
    let file = dir.path().join("rules/itechpost.toml");
    let edited = std::fs::read_to_string(&file)
        .unwrap()
        .replace("source = \"iTech Post\"", "source = \"iTechPost\"");
    std::fs::write(&file, edited).unwrap();
    let output = presswash(dir.path())
        .args(["rules", "test"])
        .output()
        .unwrap();
    let (out, _) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("FAILED rules/itechpost.toml:"), "{out}");
    assert!(
        out.contains("source: expected \"iTechPost\", got \"iTech Post\""),
        "{out}"
    );
}

#[test]
fn explain_shows_the_wordpress_comment_form_removed_with_its_rule() {
    let output = presswash(&repo())
        .args(["explain", "samples/002_35fcbfe69a483c92.txt"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let (out, err) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!out.contains('\u{1b}'), "no colour when piped");
    for line in ["Leave a Reply", "Connecting to %s"] {
        let at = out
            .lines()
            .position(|l| l.ends_with(&format!("removed  {line}")))
            .unwrap_or_else(|| panic!("{line} shown as removed:\n{out}"));
        let next = out.lines().nth(at + 1).unwrap();
        assert!(
            next.contains("by wordpress-comments:comment-form")
                && next.contains("wordpress-comments.toml"),
            "{next}"
        );
    }

    let output = presswash(&repo())
        .args(["explain", "--json", "samples/002_35fcbfe69a483c92.txt"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let form = json["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["text"] == "Leave a Reply")
        .unwrap();
    assert_eq!(form["fate"], "removed");
    assert_eq!(form["rule"], "wordpress-comments:comment-form");
}

/// 40 documents of one site: unique bodies, a shared newsletter box and copyright footer.
fn site_corpus(dir: &Path) {
    let topics = [
        "council", "harbour", "railway", "library", "stadium", "museum", "hospital", "bridge",
    ];
    let verbs = ["approves", "delays", "rejects", "debates", "funds"];
    for i in 0..40 {
        let topic = topics[i % topics.len()];
        let verb = verbs[i % verbs.len()];
        let words: Vec<String> = (0..12)
            .map(|k| format!("{topic}{}", (b'a' + ((i * 7 + k) % 26) as u8) as char))
            .collect();
        let doc = format!(
            "Town {verb} the {topic} plan, part {}\n\nThe {topic} committee met on day {i} and {verb} a plan about {}.\n\nResidents said the {topic} matters to them, naming {}.\n\nSign up for the Riverside Ledger newsletter\n\n© {} Riverside Ledger. All rights reserved.\n",
            roman(i + 1),
            words[..6].join(" "),
            words[6..].join(" "),
            2020 + i % 4,
        );
        std::fs::write(dir.join(format!("page-{i:02}.txt")), doc).unwrap();
    }
}

/// Roman numerals keep titles free of digits, so they do not fold into one line shape.
fn roman(mut n: usize) -> String {
    let mut out = String::new();
    for (value, glyph) in [
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(glyph);
            n -= value;
        }
    }
    out
}

#[test]
fn suggest_proposes_the_shared_lines_and_no_body_line() {
    let corpus = tempfile::tempdir().unwrap();
    site_corpus(corpus.path());
    let output = presswash(&repo())
        .args(["rules", "suggest"])
        .arg(corpus.path())
        .output()
        .unwrap();
    let (out, err) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");

    // The output is a rule file as it stands: it parses, and presswash loads it.
    let parsed: toml::Value = toml::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let rules = parsed["rule"].as_array().expect("rules proposed");
    let literals: Vec<&str> = rules
        .iter()
        .filter_map(|r| r.get("literal")?.as_str())
        .collect();
    let regexes: Vec<&str> = rules
        .iter()
        .filter_map(|r| r.get("regex")?.as_str())
        .collect();
    assert_eq!(
        literals,
        ["Sign up for the Riverside Ledger newsletter"],
        "{out}"
    );
    // The footer's year varies, so it comes as a regex over the digits. The shipped
    // copyright rule already removes it (and takes the source from it), so it is proposed
    // commented out, saying so: an active copy in a source file would take precedence and
    // lose the source.
    assert!(regexes.is_empty(), "{out}");
    let footer = "# regex = '^© \\d+ Riverside Ledger\\. All rights reserved\\.$'";
    let at = out
        .find(footer)
        .unwrap_or_else(|| panic!("{footer} in\n{out}"));
    let note = "# already removed by _default:copyright in 40 of 40 documents: no rule needed";
    assert!(out[..at].contains(note), "{out}");
    let footer = regex::Regex::new(r"^© \d+ Riverside Ledger\. All rights reserved\.$").unwrap();
    assert!(footer.is_match("© 2021 Riverside Ledger. All rights reserved."));
    assert!(out.contains("in 40 of 40 documents (100%)"), "{out}");
    // No body line, in any form: every body line holds `committee` or `Residents` or `plan`.
    for body in ["committee", "Residents", " plan"] {
        assert!(!out.contains(body), "a body line was proposed: {out}");
    }

    let rules_dir = tempfile::tempdir().unwrap();
    std::fs::write(rules_dir.path().join("riverside.toml"), &out).unwrap();
    let output = presswash(&repo())
        .args(["rules", "check"])
        .arg(rules_dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output).1);
}

#[test]
fn a_line_in_one_document_is_never_proposed() {
    let corpus = tempfile::tempdir().unwrap();
    site_corpus(corpus.path());
    std::fs::write(
        corpus.path().join("page-99.txt"),
        "A lonely headline\n\nOnly one page says this particular thing about the weather.\n",
    )
    .unwrap();
    let output = presswash(&repo())
        .args(["rules", "suggest", "--min-share", "0", "--min-docs", "1"])
        .arg(corpus.path())
        .output()
        .unwrap();
    let (out, err) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        out.contains("literal = \"Sign up for the Riverside Ledger newsletter\""),
        "the shared lines are still proposed: {out}"
    );
    assert!(!out.contains("lonely") && !out.contains("weather"), "{out}");
}

#[test]
fn rules_list_names_every_rule_with_file_and_doc() {
    let output = presswash(&repo())
        .args(["rules", "list", "--json"])
        .output()
        .unwrap();
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let total: usize = RuleSet::embedded()
        .unwrap()
        .files()
        .iter()
        .map(|f| f.rules.len())
        .sum();
    assert_eq!(listed.len(), total);
    assert!(
        listed.iter().all(|r| r["doc"].is_string()),
        "every shipped rule is documented"
    );
    let form = listed
        .iter()
        .find(|r| r["id"] == "wordpress-comments:comment-form")
        .unwrap();
    assert!(form["file"]
        .as_str()
        .unwrap()
        .contains("wordpress-comments.toml"));
    let output = presswash(&repo()).args(["rules", "list"]).output().unwrap();
    let (out, _) = text(&output);
    assert!(
        out.contains("applies to text containing \"Connecting to %s\""),
        "{out}"
    );
}

#[test]
fn a_source_file_matched_by_url_applies_only_with_that_url() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("gazette.toml"),
        "[match]\ndomains = [\"gazette.example\"]\n\n[[rule]]\nid = \"promo\"\nkind = \"line\"\nliteral = \"Get the Gazette app\"\ndoc = \"App promotion.\"\n",
    )
    .unwrap();
    let page = "The council voted on Tuesday to approve the new budget after a long debate.\n\nGet the Gazette app\n";
    let run = |url: Option<&str>| -> Record {
        let mut cmd = presswash(&repo());
        cmd.args(["run", "-q", "--rules"]).arg(dir.path()).arg("-");
        if let Some(url) = url {
            cmd.args(["--url", url]);
        }
        let mut child = cmd
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(page.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let on_site = run(Some("https://www.gazette.example/news/1"));
    assert!(!on_site.text.contains("Gazette app"));
    assert_eq!(
        on_site.metadata.rule_files,
        ["gazette.toml", "_default.toml"]
    );
    assert_eq!(
        on_site.url.as_deref(),
        Some("https://www.gazette.example/news/1")
    );
    let elsewhere = run(None);
    assert!(elsewhere.text.contains("Gazette app"));
    assert_eq!(elsewhere.metadata.rule_files, ["_default.toml"]);
}

#[test]
fn the_run_summary_lists_rules_that_never_fired() {
    let dir = tempfile::tempdir().unwrap();
    let output = presswash(&repo())
        .args(["run", "samples", "-o"])
        .arg(dir.path().join("out.jsonl"))
        .output()
        .unwrap();
    let (_, err) = text(&output);
    assert!(err.contains("rules that fired in no record"), "{err}");
    // Fired in the samples, so not listed; never fired, so listed.
    let idle = err.split("rules that fired in no record").nth(1).unwrap();
    assert!(!idle.contains("wordpress-comments:comment-form"), "{err}");
    assert!(idle.contains("_default:popular-on-social"), "{err}");
}
