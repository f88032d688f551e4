//! The ftfy test cases (`../shared/bench/ftfy/`, see `tests/support/ftfy_cases.rs`): every
//! expected-pass case repaired, no negative case changed. Skips, saying so, when the case
//! files are not beside the repository.

#[path = "support/ftfy_cases.rs"]
mod ftfy_cases;

use presswash::stages::repair::{repair_text, RepairOptions, Repairs};

fn repair(text: &str) -> String {
    repair_text(text, &RepairOptions::default(), &mut Repairs::new()).into_owned()
}

#[test]
fn every_expected_pass_case_is_repaired_and_no_negative_case_changes() {
    let scores = match ftfy_cases::score(repair) {
        Ok(scores) => scores,
        Err(missing) => {
            eprintln!("skipped: the ftfy cases are not available ({missing})");
            return;
        }
    };
    let mut problems = Vec::new();
    for score in &scores {
        problems.extend(
            score
                .failures
                .iter()
                .map(|f| format!("{}: {f}", score.file)),
        );
        problems.extend(
            score
                .negatives_changed
                .iter()
                .map(|n| format!("{}: negative case changed: {n}", score.file)),
        );
    }
    let passed: usize = scores.iter().map(|s| s.passed).sum();
    let expected: usize = scores.iter().map(|s| s.expected_pass).sum();
    assert!(
        problems.is_empty(),
        "{passed}/{expected} expected-pass cases repaired; problems:\n{}",
        problems.join("\n")
    );
    assert_eq!(expected, 151, "the case files hold 151 expected-pass cases");
}
