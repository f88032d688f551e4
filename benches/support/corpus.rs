//! The generated text corpus the speed benchmarks share (`throughput`, `batch`): documents
//! made of the seeds' lines in `samples/`, mixed with a fixed-seed generator, so that
//! boilerplate, datelines and paragraphs all occur about as often as in the seeds.

use std::path::Path;

/// `n` documents, made one at a time as the iterator is read. Each keeps one seed's frame
/// (its first 3 and last 6 lines) and takes 8 to 31 paragraphs from all seeds, so it is no
/// exact copy of a seed; `own_line(i)`, when it gives one, is put before the frame's last
/// lines of document `i`.
pub fn documents(
    n: usize,
    own_line: impl Fn(usize) -> Option<String>,
) -> impl Iterator<Item = String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut seeds: Vec<String> = std::fs::read_dir(dir)
        .expect("samples/ exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).expect("samples are UTF-8"))
        .collect();
    seeds.sort();
    let lines: Vec<Vec<String>> = seeds
        .iter()
        .map(|s| s.lines().map(str::to_string).collect())
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64*: deterministic, good enough to mix lines.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    (0..n).map(move |i| {
        let frame = &lines[i % lines.len()];
        let mut doc: Vec<String> = frame.iter().take(3).cloned().collect();
        for _ in 0..(8 + next() % 24) {
            let seed = &lines[(next() % lines.len() as u64) as usize];
            doc.push(seed[(next() % seed.len() as u64) as usize].clone());
            doc.push(String::new());
        }
        doc.extend(own_line(i));
        doc.extend(frame.iter().rev().take(6).rev().cloned());
        doc.join("\n")
    })
}
