//! Any bytes as an HTML page (`--format html`), through the whole pipeline: a record or a
//! reject, never a panic. The first byte picks a URL: none, one that only the shipped rules
//! see, or one matched by a rule file with `[html]` drop and keep selectors, so that the
//! selector paths of the extract stage run too.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use presswash::document::Format;
use presswash::{Document, Pipeline, RuleSet};

/// A rule file for `selectors.example` pages: selectors by tag, class, id, attribute and
/// child, for both `drop` and `keep`.
const SELECTOR_RULES: &str = r##"
doc = "selectors.example pages"
match.domains = ["selectors.example"]
html.drop = ["div.promo", "#sidebar", "[data-role=teaser]", "ul > li.share"]
html.keep = ["article > div.body", "main p.lede"]
"##;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        // `RuleSet::load` takes a folder: the selector file goes beside the shipped ones.
        let dir = std::env::temp_dir().join(format!("presswash-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary folder");
        std::fs::write(dir.join("selectors-example.toml"), SELECTOR_RULES).expect("rule file");
        let rules = RuleSet::load(Some(&dir)).expect("shipped rules and the selector file load");
        let _ = std::fs::remove_dir_all(&dir);
        Pipeline::new(rules)
    })
}

fuzz_target!(|data: &[u8]| {
    let (url, bytes) = match data.split_first() {
        Some((b, rest)) if b % 3 == 1 => (Some("https://www.selectors.example/news/1"), rest),
        Some((b, rest)) if b % 3 == 2 => (Some("https://www.rt.com/news/1"), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    let mut doc = Document::new("fuzz.html", bytes.to_vec());
    doc.format = Format::Html;
    doc.url = url.map(str::to_string);
    let _ = pipeline().run_document(doc);
});
