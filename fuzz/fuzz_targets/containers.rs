//! The container readers on any bytes: a JSONL stream and a WARC stream each end, giving
//! documents and rejects, never a panic or a document over the size cap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presswash::io::jsonl::{FieldMap, JsonlDocs};
use presswash::io::warc::WarcDocs;

const CAP: u64 = 4096;

fuzz_target!(|data: &[u8]| {
    for doc in JsonlDocs::new(data, "f.jsonl", FieldMap::default(), CAP).flatten() {
        assert!(doc.bytes.len() as u64 <= CAP);
    }
    for doc in WarcDocs::new(data, "f.warc", CAP).flatten() {
        assert!(doc.bytes.len() as u64 <= CAP);
    }
});
