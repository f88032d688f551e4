//! Input and output: finding and reading inputs, writing records and rejects.
//!
//! Nothing here knows what a stage does; the batch driver connects the two. Inputs:
//! `read` (paths to a list of inputs), `open` (decompression, size caps), `jsonl` and
//! `warc` (containers of many documents), `source` (inputs to a stream of documents).
//! Outputs: `write` (one JSON-lines stream, files replaced atomically) and `parts` (a
//! directory of size-capped part files, a rejects file and a manifest).

pub mod jsonl;
pub mod open;
pub mod parts;
pub mod read;
pub mod source;
pub mod warc;
pub mod write;
