//! presswash: scraped news text in, clean and normalized JSONL records out.
//!
//! The flow runs one way: bytes -> [`Document`] -> stages in order -> [`Record`] -> writer.
//! Build a [`Pipeline`] once from a [`RuleSet`] and call [`Pipeline::run_one`] per input;
//! [`run::run_batch`] drives a whole batch (inputs, progress, outputs, summary).
//!
//! ```
//! use presswash::{Pipeline, RuleSet};
//!
//! let pipeline = Pipeline::new(RuleSet::embedded().unwrap());
//! let text = "Council approves the budget\n\nThe city council voted on Tuesday to approve the budget.\n\n© 2024 Example News. All rights reserved.";
//! let record = pipeline.run_one("-", text.as_bytes().to_vec()).unwrap();
//! assert_eq!(record.title.as_deref(), Some("Council approves the budget"));
//! assert_eq!(record.text, "The city council voted on Tuesday to approve the budget.");
//! assert_eq!(record.source.as_deref(), Some("Example News"));
//! ```

pub mod date;
pub mod document;
pub mod inspect;
pub mod io;
pub mod pipeline;
pub mod progress;
pub mod record;
pub mod rules;
pub mod run;
pub mod stages;

pub use document::Document;
pub use pipeline::Pipeline;
pub use record::{Record, Reject};
pub use rules::RuleSet;
