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
use crate::stages::Stage;

/// The ordered stages a document goes through.
pub struct Pipeline {
    rules: Arc<RuleSet>,
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// Builds the pipeline for text input: decode, blocks, normalize, boilerplate, metadata.
    pub fn new(rules: RuleSet) -> Pipeline {
        let rules = Arc::new(rules);
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Decode),
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
    pub fn process(&self, mut doc: Document) -> Result<Document, Reject> {
        for stage in &self.stages {
            if let Err(rejection) = stage.apply(&mut doc) {
                return Err(Reject {
                    input: doc.input,
                    stage: stage.name().to_string(),
                    reason: rejection.reason.to_string(),
                    detail: rejection.detail,
                });
            }
        }
        Ok(doc)
    }

    /// Cleans one input: `input` says where the bytes came from (a path, or `-`).
    pub fn run_one(&self, input: &str, bytes: Vec<u8>) -> Result<Record, Reject> {
        self.process(Document::new(input, bytes))
            .map(|doc| Record::assemble(&doc))
    }
}
