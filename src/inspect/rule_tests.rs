//! Runs the `[[tests]]` of rule files: each example goes through the whole pipeline, with
//! every loaded rule file, and what comes out is compared with what the test expects.
//!
//! A test also fails when its own file did not apply to its input: an example that never
//! reaches the rules it is written for would pass without testing them.

use std::fmt::Write as _;

use similar::TextDiff;

use crate::document::{Document, Fate};
use crate::pipeline::Pipeline;
use crate::record::Record;
use crate::rules::{RuleFile, RuleTest};

/// One test that did not pass.
#[derive(Debug, Clone)]
pub struct TestFailure {
    /// The file as a person finds it (its path, or `rules/NAME (embedded)`).
    pub file: String,
    /// The 1-based line of the test's `input`.
    pub line: usize,
    /// The test's name.
    pub name: String,
    /// What differed, one item per problem; an output difference is a unified diff.
    pub problems: Vec<String>,
}

/// What running every test found.
#[derive(Debug, Clone, Default)]
pub struct TestReport {
    /// Tests run.
    pub run: usize,
    /// Files that hold at least one test.
    pub files_with_tests: usize,
    /// The tests that failed, in file order.
    pub failures: Vec<TestFailure>,
}

impl TestReport {
    /// Whether every test passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs the tests of every file in the pipeline's rule set.
pub fn run_rule_tests(pipeline: &Pipeline) -> TestReport {
    let mut report = TestReport::default();
    for file in pipeline.rules().files() {
        if !file.tests.is_empty() {
            report.files_with_tests += 1;
        }
        for test in &file.tests {
            report.run += 1;
            let problems = check(pipeline, file, test);
            if !problems.is_empty() {
                report.failures.push(TestFailure {
                    file: file.origin.clone(),
                    line: test.line,
                    name: test.name.clone(),
                    problems,
                });
            }
        }
    }
    report
}

/// Runs one test; returns what differs from its expectations.
fn check(pipeline: &Pipeline, file: &RuleFile, test: &RuleTest) -> Vec<String> {
    let mut doc = Document::new(
        test.path.clone().unwrap_or_else(|| "-".into()),
        test.input.clone().into_bytes(),
    );
    doc.url = test.url.clone();
    let (doc, reject) = pipeline.trace(doc);
    let mut problems = Vec::new();
    if !doc.rule_files.contains(&file.name) && reject.is_none() {
        problems.push(format!(
            "{} did not apply to this input: none of its [match] conditions holds (a `domains` or `urls` condition needs `url = \"...\"` in the test, a `paths` one `path = \"...\"`)",
            file.name
        ));
        return problems;
    }
    if let Some(reject) = reject {
        problems.push(format!(
            "the input was rejected at {} ({}): {}",
            reject.stage, reject.reason, reject.detail
        ));
        return problems;
    }
    let record = Record::assemble(&doc);
    if let Some(expected) = &test.output {
        // A TOML multi-line string usually ends with a line break before its closing quotes.
        let expected = expected.trim_end_matches('\n');
        if expected != record.text {
            // Both end with a line break, so the diff shows no "no newline" markers.
            let (expected, actual) = (format!("{expected}\n"), format!("{}\n", record.text));
            let diff = TextDiff::from_lines(&expected, &actual)
                .unified_diff()
                .header("expected output", "actual output")
                .to_string();
            problems.push(format!("the output differs:\n{diff}"));
        }
    }
    for (field, expected) in &test.fields {
        let actual = match *field {
            "title" => record.title.as_deref(),
            "date" => record.date.as_deref(),
            "source" => record.source.as_deref(),
            _ => record.metadata.updated.as_deref(),
        };
        if actual != expected.as_deref() {
            problems.push(format!(
                "{field}: expected {}, got {}",
                shown(expected.as_deref()),
                shown(actual)
            ));
        }
    }
    for (rule, _) in &test.removed_by {
        let fired = doc.blocks.iter().any(|b| {
            matches!(&b.fate, Fate::Removed { rule: r } if r == rule)
                || b.trimmed.as_ref().is_some_and(|t| t.rule == *rule)
        });
        if !fired {
            let mut msg = format!("{rule} removed no line of the input");
            let removed: Vec<String> = record
                .metadata
                .removed
                .iter()
                .map(|r| r.rule.clone())
                .collect();
            if !removed.is_empty() {
                let _ = write!(msg, " (lines were removed by {})", removed.join(", "));
            }
            problems.push(msg);
        }
    }
    problems
}

fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "null".to_string(), |v| format!("{v:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn pipeline_with(file: &str) -> Pipeline {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), file).unwrap();
        Pipeline::new(RuleSet::load(Some(dir.path())).unwrap())
    }

    const SITE: &str = r#"
[match]
contains = ["Example Gazette"]

[[rule]]
id = "footer"
kind = "line"
regex = '^(?P<source>Example Gazette) newsletter$'

[[tests]]
name = "footer goes"
input = """
Council approves the budget after a long debate on Tuesday

The council voted on Tuesday to approve the new budget after a long debate.

Example Gazette newsletter
"""
output = """
The council voted on Tuesday to approve the new budget after a long debate.
"""
title = "Council approves the budget after a long debate on Tuesday"
source = "Example Gazette"
absent = ["date"]
removed_by = ["footer"]
"#;

    #[test]
    fn a_correct_test_passes() {
        let report = run_rule_tests(&pipeline_with(SITE));
        assert!(report.passed(), "{:?}", report.failures);
        // The shipped files' tests run too.
        assert!(report.run > 1);
    }

    #[test]
    fn a_wrong_expectation_fails_with_a_diff_and_the_field() {
        let wrong = SITE
            .replace("to approve the new budget", "to reject the new budget")
            .replace("source = \"Example Gazette\"", "source = \"Gazette\"");
        // The input changes too (same sentence), so change only the expected output.
        let wrong = wrong.replacen("to reject the new budget", "to approve the new budget", 1);
        let report = run_rule_tests(&pipeline_with(&wrong));
        let failure = report
            .failures
            .iter()
            .find(|f| f.name == "footer goes")
            .expect("the test fails");
        assert!(failure.problems[0].contains("-The council voted on Tuesday to reject"));
        assert!(failure.problems[0].contains("+The council voted on Tuesday to approve"));
        assert!(
            failure.problems[1].contains("source: expected \"Gazette\", got \"Example Gazette\"")
        );
        assert_eq!(failure.line, 12);
    }

    #[test]
    fn a_test_its_file_does_not_apply_to_fails() {
        let off = SITE.replace(
            "contains = [\"Example Gazette\"]",
            "domains = [\"gazette.example\"]",
        );
        let report = run_rule_tests(&pipeline_with(&off));
        let failure = report
            .failures
            .iter()
            .find(|f| f.name == "footer goes")
            .unwrap();
        assert!(
            failure.problems[0].contains("did not apply"),
            "{:?}",
            failure.problems
        );
        let with_url = off.replace(
            "name = \"footer goes\"",
            "name = \"footer goes\"\nurl = \"https://www.gazette.example/a\"",
        );
        assert!(run_rule_tests(&pipeline_with(&with_url)).passed());
    }
}
