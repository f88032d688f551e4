//! The stages a document goes through, one file each, in the order the pipeline runs them:
//! `decode` -> `extract` (HTML only) -> `repair` -> `blocks` -> `normalize` -> `boilerplate`
//! -> `generic` -> `metadata`.
//!
//! A stage gets `&mut Document`, changes it, and either lets it go on or rejects it with a
//! reason. Stages are built once (from the rule set) and shared read-only across threads:
//! no stage reads files, writes output, or keeps state between documents.

pub mod blocks;
pub mod boilerplate;
pub mod decode;
pub mod extract;
pub mod generic;
pub mod metadata;
pub mod normalize;
pub mod repair;

use crate::document::Document;

/// Why a stage turned a document away. It becomes a line in the rejects file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// A short, stable reason code, e.g. `binary`, `empty`, `no-text`.
    pub reason: &'static str,
    /// A sentence for a person: what was wrong with this input.
    pub detail: String,
}

impl Rejection {
    /// A rejection with `reason` code and a human `detail`.
    pub fn new(reason: &'static str, detail: impl Into<String>) -> Rejection {
        Rejection {
            reason,
            detail: detail.into(),
        }
    }
}

/// One processing step.
pub trait Stage: Send + Sync {
    /// The stage's name, as written in rejects and summaries.
    fn name(&self) -> &'static str;

    /// Processes one document: `Ok` lets it go on to the next stage, `Err` rejects it.
    fn apply(&self, doc: &mut Document) -> Result<(), Rejection>;
}
