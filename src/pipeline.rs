//! The pipeline: the stages in order, built once from the rule set.
//!
//! `Pipeline::run_one` is the library API: bytes in, a `Record` or a `Reject` out. It is
//! shared read-only by every worker; it does no I/O and keeps no state between documents.

use std::sync::Arc;

use crate::date::latest_publication_date;
use crate::document::{Document, Format};
use crate::record::{Record, Reject};
use crate::rules::suggest::{RecurringLines, ShapeCounter};
use crate::rules::RuleSet;
use crate::stages::blocks::SplitBlocks;
use crate::stages::boilerplate::StripBoilerplate;
use crate::stages::decode::html::sniff_format;
use crate::stages::decode::Decode;
use crate::stages::extract::Extract;
use crate::stages::generic::GenericBoilerplate;
use crate::stages::metadata::DetectMetadata;
use crate::stages::normalize::Normalize;
use crate::stages::repair::Repair;
use crate::stages::Stage;

/// One document's normalized lines, ready to be counted (see
/// [`Pipeline::lines_to_count`]). The lines are kept in one buffer, not one `String` each:
/// they are made on a worker thread and counted on another, and freeing thirty small
/// allocations per document on a thread that did not make them costs the allocator more
/// than the counting.
#[derive(Debug, Clone)]
pub struct CountedLines {
    /// The host of the document's URL, the group its lines are counted in.
    pub host: Option<String>,
    /// The normalized lines, one after the other.
    text: String,
    /// Where each line ends in `text`.
    ends: Vec<usize>,
}

impl CountedLines {
    /// The normalized lines, in order.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.text[start..end])
    }

    /// Adds the document to `counter`.
    pub fn add_to(&self, counter: &mut ShapeCounter) {
        counter.add_document(self.host.as_deref(), self.lines());
    }
}

/// The ordered stages a document goes through.
pub struct Pipeline {
    rules: Arc<RuleSet>,
    stages: Vec<Box<dyn Stage>>,
    recurring: Arc<RecurringLines>,
    max_text_bytes: usize,
}

impl Pipeline {
    /// Builds the pipeline: decode, extract (HTML input only), repair, blocks, normalize,
    /// boilerplate, generic boilerplate, metadata. The generic stage has no batch evidence: see
    /// [`with_recurring`](Pipeline::with_recurring).
    pub fn new(rules: RuleSet) -> Pipeline {
        Pipeline::build(
            Arc::new(rules),
            Arc::new(RecurringLines::default()),
            usize::MAX,
        )
    }

    /// The same pipeline, with the generic stage told which lines recur across the batch
    /// (count them with [`count_lines`](Pipeline::count_lines)).
    pub fn with_recurring(&self, recurring: RecurringLines) -> Pipeline {
        Pipeline::build(
            Arc::clone(&self.rules),
            Arc::new(recurring),
            self.max_text_bytes,
        )
    }

    /// The same pipeline, rejecting (`too-large`) documents whose decoded text is longer
    /// than `max_text_bytes` bytes.
    pub fn with_max_text_bytes(&self, max_text_bytes: usize) -> Pipeline {
        Pipeline::build(
            Arc::clone(&self.rules),
            Arc::clone(&self.recurring),
            max_text_bytes,
        )
    }

    /// The pipeline without the generic boilerplate stage: what the rule files alone do,
    /// for testing rules in isolation.
    pub fn rules_only(rules: RuleSet) -> Pipeline {
        let mut pipeline = Pipeline::new(rules);
        pipeline.stages.retain(|stage| stage.name() != "generic");
        pipeline
    }

    /// The pipeline without language detection (`language` stays null): what the
    /// detector costs, for benchmarks.
    pub fn without_language(rules: RuleSet) -> Pipeline {
        let mut pipeline = Pipeline::new(rules);
        for stage in &mut pipeline.stages {
            if stage.name() == "metadata" {
                *stage = Box::new(DetectMetadata {
                    detect_language: false,
                });
            }
        }
        pipeline
    }

    fn build(
        rules: Arc<RuleSet>,
        recurring: Arc<RecurringLines>,
        max_text_bytes: usize,
    ) -> Pipeline {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Decode { max_text_bytes }),
            Box::new(Extract::new(Arc::clone(&rules), latest_publication_date())),
            Box::new(Repair::default()),
            Box::new(SplitBlocks),
            Box::new(Normalize {
                options: rules.normalize_options(),
            }),
            Box::new(StripBoilerplate::new(
                Arc::clone(&rules),
                latest_publication_date(),
            )),
            Box::new(TextOnly(GenericBoilerplate::new(
                Arc::clone(&rules),
                Arc::clone(&recurring),
            ))),
            Box::new(DetectMetadata::default()),
        ];
        Pipeline {
            rules,
            stages,
            recurring,
            max_text_bytes,
        }
    }

    /// The rule set the pipeline was built from.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Runs every stage on `doc`, stopping at the first that rejects it.
    pub fn process(&self, doc: Document) -> Result<Document, Reject> {
        match self.trace(doc) {
            (doc, None) => Ok(doc),
            (_, Some(reject)) => Err(reject),
        }
    }

    /// Runs every stage on `doc` like [`process`](Pipeline::process), but hands back the
    /// document as the stages left it even when one rejected it, so that `explain` can show
    /// what happened up to the rejection.
    pub fn trace(&self, mut doc: Document) -> (Document, Option<Reject>) {
        for stage in &self.stages {
            if let Err(rejection) = stage.apply(&mut doc) {
                let reject = Reject {
                    input: doc.input.clone(),
                    stage: stage.name().to_string(),
                    reason: rejection.reason.to_string(),
                    detail: rejection.detail,
                };
                return (doc, Some(reject));
            }
        }
        (doc, None)
    }

    /// Cleans one input: `input` says where the bytes came from (a path, or `-`).
    pub fn run_one(&self, input: &str, bytes: Vec<u8>) -> Result<Record, Reject> {
        self.run_document(Document::new(input, bytes))
    }

    /// Adds `doc`'s lines to `counter`, read as the generic stage will see them (decoded,
    /// split and normalized), grouped by the URL's host when there is one. A document
    /// the first stages reject adds nothing, and so does an HTML page.
    pub fn count_lines(&self, doc: Document, counter: &mut ShapeCounter) {
        if let Some(lines) = self.lines_to_count(doc) {
            lines.add_to(counter);
        }
    }

    /// The part of [`count_lines`](Pipeline::count_lines) that can run on any thread: the
    /// document's lines as the generic stage will see them, and its URL's host. Adding
    /// them to one counter in input order ([`CountedLines::add_to`]) then gives the same
    /// counts whatever the number of threads.
    pub fn lines_to_count(&self, doc: Document) -> Option<CountedLines> {
        let mut doc = doc;
        // The generic stage does not run on HTML pages: nothing to count, and no reason to
        // decode or parse the page twice. The format is told from the raw bytes, as the
        // decode stage tells it.
        if doc.format == Format::Auto {
            doc.format = sniff_format(&doc.input, &doc.bytes);
        }
        if doc.format == Format::Html {
            return None;
        }
        for stage in self.stages.iter().take_while(|s| s.name() != "boilerplate") {
            if stage.apply(&mut doc).is_err() {
                return None;
            }
        }
        let host = doc.url.as_deref().and_then(crate::rules::url_host);
        let mut text = String::with_capacity(doc.blocks.iter().map(|b| b.text.len()).sum());
        let mut ends = Vec::with_capacity(doc.blocks.len());
        for block in &doc.blocks {
            text.push_str(&block.text);
            ends.push(text.len());
        }
        Some(CountedLines { host, text, ends })
    }

    /// Cleans one document made by the caller, e.g. with its `url` set.
    pub fn run_document(&self, doc: Document) -> Result<Record, Reject> {
        self.process(doc).map(|doc| Record::assemble(&doc))
    }
}

/// Runs a stage on text input only. The generic boilerplate stage reads a text dump's
/// lines for the shape of page furniture; on an HTML page the extract stage has already
/// taken the furniture out with the DOM in view, and what is left is the main content,
/// whose short lines (list items, table rows, subheadings) the generic stage would take
/// for furniture: on the benchmark pages it cost 0.8 points of ScrapingHub F1 and 0.9 of
/// WCXB word F1 (see README, Performance).
struct TextOnly<S>(S);

impl<S: Stage> Stage for TextOnly<S> {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn apply(&self, doc: &mut Document) -> Result<(), crate::stages::Rejection> {
        if doc.format == Format::Html {
            return Ok(());
        }
        self.0.apply(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_lines_are_the_normalized_lines_in_order() {
        let pipeline = Pipeline::new(RuleSet::embedded().unwrap());
        let text = "First line\n\n  Second\u{a0}line \nThird, with ünïcödé\n";
        let doc = Document::new("a.txt", text.as_bytes().to_vec());
        let counted = pipeline.lines_to_count(doc).unwrap();
        let lines: Vec<&str> = counted.lines().collect();
        assert_eq!(lines, ["First line", "Second line", "Third, with ünïcödé"]);
        let empty = Document::new("b.txt", Vec::new());
        assert!(pipeline.lines_to_count(empty).is_none());
    }
}
