//! The pipeline: the stages in order, built once from the rule set.
//!
//! `Pipeline::run_one` is the library API: bytes in, a `Record` or a `Reject` out. It is
//! shared read-only by every worker; it does no I/O and keeps no state between documents.

use std::sync::Arc;

use crate::date::latest_publication_date;
use crate::document::Document;
use crate::record::{Record, Reject};
use crate::rules::RuleSet;
use crate::stages::blocks::SplitBlocks;
use crate::stages::boilerplate::StripBoilerplate;
use crate::stages::decode::Decode;
use crate::stages::metadata::DetectMetadata;
use crate::stages::normalize::Normalize;
use crate::stages::repair::Repair;
use crate::stages::Stage;

/// The ordered stages a document goes through.
pub struct Pipeline {
    rules: Arc<RuleSet>,
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// Builds the pipeline for text input: decode, repair, blocks, normalize, boilerplate, metadata.
    pub fn new(rules: RuleSet) -> Pipeline {
        let rules = Arc::new(rules);
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Decode),
            Box::new(Repair::default()),
            Box::new(SplitBlocks),
            Box::new(Normalize {
                options: rules.normalize_options(),
            }),
            Box::new(StripBoilerplate::new(
                Arc::clone(&rules),
                latest_publication_date(),
            )),
            Box::new(DetectMetadata),
        ];
        Pipeline { rules, stages }
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

    /// Cleans one document made by the caller, e.g. with its `url` set.
    pub fn run_document(&self, doc: Document) -> Result<Record, Reject> {
        self.process(doc).map(|doc| Record::assemble(&doc))
    }
}
