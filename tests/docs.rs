//! `docs/rules.md` checked against the code, so that the rule-file documentation cannot
//! drift: every key the loader accepts is documented in a table row, every documented key
//! is accepted, and every TOML example loads and passes its own tests.

use std::collections::BTreeSet;

use presswash::inspect::rule_tests::run_rule_tests;
use presswash::{Pipeline, RuleSet};

fn rules_md() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap()
}

/// The keys the loader accepts in a table, read from its own refusal of an unknown key
/// (serde lists the expected ones).
fn accepted_keys(file_text: &str) -> BTreeSet<String> {
    let err = RuleSet::from_texts(&[("site.toml", file_text)])
        .expect_err("an unknown key is refused")
        .to_string();
    expected_names(&err).into_iter().collect()
}

/// The names serde lists after "expected one of" (or "expected") in an error message.
fn expected_names(err: &str) -> Vec<String> {
    let listed = err
        .split("expected one of ")
        .nth(1)
        .or_else(|| err.split("expected ").nth(1))
        .unwrap_or_else(|| panic!("no name list in: {err}"));
    listed
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The keys documented in the table under `heading`: rows starting with "| `key` |".
fn documented_keys(doc: &str, heading: &str) -> BTreeSet<String> {
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("docs/rules.md has a `## {heading}` section"));
    // Subsections (`### Capturing metadata`) hold other tables.
    let section = section.split("\n### ").next().unwrap();
    section
        .lines()
        .filter_map(|line| line.strip_prefix("| `")?.split_once("` |").map(|(k, _)| k))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_key_is_documented_and_every_documented_key_exists() {
    let doc = rules_md();
    let tables = [
        ("Top-level keys", "zzz = 1\n"),
        ("`[match]` keys", "[match]\nzzz = 1\n"),
        ("`[zones]` keys", "[zones]\nzzz = 1\n"),
        ("`[normalize]` keys", "[normalize]\nzzz = 1\n"),
        ("`[generic]` keys", "[generic]\nzzz = 1\n"),
        ("`[html]` keys", "[html]\nzzz = 1\n"),
        ("`[[rule]]` keys", "[[rule]]\nzzz = 1\n"),
        ("`[[tests]]` keys", "[[tests]]\nzzz = 1\n"),
    ];
    for (heading, probe) in tables {
        assert_eq!(
            documented_keys(&doc, heading),
            accepted_keys(probe),
            "the `{heading}` table of docs/rules.md and the loader disagree"
        );
    }
}

#[test]
fn every_toml_example_loads_and_passes_its_tests() {
    let doc = rules_md();
    let examples: Vec<&str> = doc
        .split("```toml\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .collect();
    assert!(examples.len() >= 2, "the examples are found");
    for (i, example) in examples.iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(format!("example-{i}.toml")), example).unwrap();
        let rules = RuleSet::load(Some(dir.path()))
            .unwrap_or_else(|e| panic!("example {i} does not load: {e}\n{example}"));
        let name = format!("example-{i}.toml");
        let own_tests = rules
            .files()
            .iter()
            .find(|f| f.name == name)
            .unwrap()
            .tests
            .len();
        assert!(own_tests > 0, "example {i} shows a test");
        // The example's own tests; a shipped file for the same site may disagree with it.
        let report = run_rule_tests(&Pipeline::new(rules));
        let own: Vec<_> = report
            .failures
            .iter()
            .filter(|f| f.file.contains(&name))
            .collect();
        assert!(own.is_empty(), "example {i}: {own:#?}");
    }
}

#[test]
fn the_kinds_and_capture_fields_named_in_the_docs_are_the_codes() {
    let doc = rules_md();
    for field in presswash::rules::CAPTURE_FIELDS {
        assert!(doc.contains(&format!("`(?P<{field}>...)`")), "{field}");
    }
    let kinds = accepted_kind_names();
    for kind in &kinds {
        assert!(
            doc.contains(&format!("- **`{kind}`**")),
            "kind {kind} documented"
        );
    }
}

/// The rule kinds, read from the loader's refusal of an unknown one.
fn accepted_kind_names() -> Vec<String> {
    let err = RuleSet::from_texts(&[("_default.toml", "[[rule]]\nid = \"r\"\nkind = \"zzz\"\n")])
        .expect_err("an unknown kind is refused")
        .to_string();
    expected_names(&err)
}
