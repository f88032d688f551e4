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
pub mod page_meta;
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

/// The length of the run of ASCII bytes at the start of `bytes` (for stages' fast paths
/// over the common case), read eight at a time as one `u64`: the lowest byte with its top bit set ends the run. The run ends at a lead
/// byte, so on a character boundary.
pub(crate) fn ascii_run(bytes: &[u8]) -> usize {
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let mut run = 0;
    while let Some(word) = bytes.get(run..run + 8) {
        let beyond = u64::from_le_bytes(word.try_into().expect("eight bytes")) & TOPS;
        if beyond != 0 {
            return run + (beyond.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    run + bytes[run..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_ascii_run_is_found_eight_bytes_at_a_time(text in "[a-z ]{0,20}[é’]?[a-z]{0,12}") {
            let bytes = text.as_bytes();
            prop_assert_eq!(ascii_run(bytes), bytes.iter().take_while(|b| b.is_ascii()).count());
        }
    }
}
