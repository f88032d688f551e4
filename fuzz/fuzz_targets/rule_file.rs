//! Parse and compile any rule-file text: a load error with a position, or a rule set;
//! never a panic. A rule set that loads is then run on a short document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presswash::{Pipeline, RuleSet};

fuzz_target!(|text: &str| {
    if let Ok(rules) = RuleSet::from_texts(&[("_default.toml", text)]) {
        let pipeline = Pipeline::new(rules);
        let page = "Headline of the day\n\nShare this\nThe council met on Tuesday and voted.\n© 2024 Example News";
        let _ = pipeline.run_one("fuzz", page.as_bytes().to_vec());
    }
});
