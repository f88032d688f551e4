//! Tools for the people who write rule files: explain what happened to one document, run
//! the rule files' `[[tests]]`, list the rules, suggest rules from a corpus.
//!
//! They drive the pipeline the way the batch driver does and report for people (or as
//! JSON for tools); they never change what a run does, and write nothing but their report.

pub mod explain;
pub mod list;
pub mod rule_tests;
pub mod suggest;
