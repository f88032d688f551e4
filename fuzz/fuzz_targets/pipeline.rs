//! The whole pipeline with the shipped rules on any bytes: a record or a reject, never a
//! panic. (Markup is taken for HTML as `--format auto` takes it; `html_extract` forces HTML.)
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use presswash::{Pipeline, RuleSet};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(RuleSet::embedded().expect("shipped rules load")))
}

fuzz_target!(|data: &[u8]| {
    let _ = pipeline().run_one("fuzz", data.to_vec());
});
