//! `presswash rules suggest`: reads a corpus, and proposes rule entries for the lines that
//! recur across many of its documents (site templates).
//!
//! Each document goes through the pipeline with the loaded rules, so its lines are
//! normalized as rules see them, its source is detected where the text or URL tells it, and
//! lines the rules already remove are known. The counting itself, with bounded memory, is
//! [`crate::rules::suggest`].

use crate::document::{Document, Fate, Field};
use crate::io::read::expand;
use crate::pipeline::Pipeline;
use crate::rules::suggest::{render_toml, DocLine, GroupSuggestion, LineCounter, SuggestOptions};

/// How many (source, line) counters `rules suggest` keeps: memory stays in the tens of
/// megabytes however large the corpus; counts are exact while fewer distinct lines occur.
pub const SUGGEST_CAPACITY: usize = 200_000;

/// What `rules suggest` found.
#[derive(Debug)]
pub struct Suggestions {
    /// Documents read and counted.
    pub documents: usize,
    /// Inputs that could not be read or decoded, with the reason.
    pub skipped: Vec<(String, String)>,
    /// The suggestions, by detected source.
    pub groups: Vec<GroupSuggestion>,
    /// The rule-file text to print.
    pub text: String,
}

/// Reads `inputs` (files and directories, as for `run`) and suggests rules.
pub fn suggest_rules(
    pipeline: &Pipeline,
    inputs: &[String],
    options: &SuggestOptions,
    max_bytes: u64,
) -> Suggestions {
    let found = expand(inputs, &[]);
    let mut counter = LineCounter::new(SUGGEST_CAPACITY);
    let mut skipped = Vec::new();
    for input in &found.inputs {
        let bytes = match input.read(max_bytes) {
            Ok(bytes) => bytes,
            Err(reject) => {
                skipped.push((input.name.clone(), reject.reason));
                continue;
            }
        };
        let (doc, reject) = pipeline.trace(Document::new(input.name.clone(), bytes));
        // A document every line of which the rules remove is still a template sample;
        // one that did not decode has no lines to count.
        if doc.blocks.is_empty() {
            let reason = reject.map_or_else(|| "empty".into(), |r| r.reason);
            skipped.push((input.name.clone(), reason));
            continue;
        }
        let group = detected_source(&doc);
        let lines: Vec<DocLine<'_>> = doc
            .blocks
            .iter()
            .map(|b| DocLine {
                text: &b.text,
                removed_by: match &b.fate {
                    Fate::Removed { rule } => Some(rule.as_str()),
                    _ => None,
                },
            })
            .collect();
        counter.add_document(group.as_deref(), &lines);
    }
    let groups = counter.suggest(options);
    let floor = options.min_docs.max(2);
    let mut header = format!(
        "# presswash rules suggest: {} documents read from {}.\n# Lines in at least {:.0}% of a source's documents and in at least {floor} documents;\n# `doc` says how many documents each line is in. Save each section as its own file,\n# then run `presswash rules check` and `presswash explain FILE --rules DIR`.\n",
        counter.documents(),
        inputs.join(", "),
        options.min_share * 100.0,
    );
    if counter.max_undercount() > 0 {
        header.push_str(&format!(
            "# The corpus has more distinct lines than the counters hold: counts may be low by up to {}.\n",
            counter.max_undercount()
        ));
    }
    if groups.is_empty() {
        header.push_str("# No line recurs that often: nothing to suggest.\n");
    }
    Suggestions {
        documents: counter.documents(),
        skipped,
        text: render_toml(&groups, &header),
        groups,
    }
}

/// The source a document's text names (a rule capture, e.g. from a copyright footer).
/// Inputs carry no URL yet; once they do (JSONL, WARC), its host is the next best group.
fn detected_source(doc: &Document) -> Option<String> {
    doc.candidates
        .iter()
        .filter(|c| c.field == Field::Source)
        .min_by_key(|c| (c.rank, c.line))
        .map(|c| c.value.clone())
}
