//! Input and output: finding and reading inputs, writing records and rejects.
//!
//! Nothing here knows what a stage does; the batch driver connects the two.

pub mod read;
pub mod write;
