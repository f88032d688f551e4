//! Decode any bytes: it must return text or a rejection, never panic, and text it returns
//! must be valid (it is a `String`) and free of NUL bytes taken for text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presswash::stages::decode::decode_from;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a URL, so the top-level-domain hint is exercised too.
    let (url, bytes) = match data.split_first() {
        Some((b, rest)) if b % 4 == 1 => (Some("https://www.example.ru/a"), rest),
        Some((b, rest)) if b % 4 == 2 => (Some("http://[::1]/"), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    let _ = decode_from(bytes, url);
});
