//! The repair stage: `cargo bench --bench repair` (or `scripts/ftfy_side_by_side.sh` to time
//! ftfy on the same text as well).
//!
//! 1. The ftfy test cases in `../shared/bench/ftfy/` (skipped, with a message, when the
//!    folder is absent): cases passed per file, negative cases changed, known failures
//!    fixed. The pass rule is in `tests/support/ftfy_cases.rs`.
//! 2. Throughput of `repair_text` on one core, on clean text (documents mixed from the
//!    lines of `samples/`) and on the same documents with about 1% of their lines damaged
//!    in the ways the stage repairs (mojibake in several code pages, double mojibake, lost
//!    bytes, C1 controls, references, terminal escapes, byte-order marks), plus how many
//!    damaged lines came back exactly. Also clean news sentences in 10 languages, and real
//!    web text, `../shared/bench/wcxb-dev-text/`, when it is there.
//! 3. When `target/ftfy-venv/bin/python` can import ftfy (the script makes it), ftfy's
//!    `fix_text` timed on the same two corpora (`scripts/ftfy_speed.py`), and the ratio.
//!
//! `REPAIR_BENCH_SHOW=1` prints each damaged line that did not come back exactly.
//!
//! The corpora are written to `target/repair-bench/` as JSON lines (one document per line)
//! so that the Python side reads exactly what presswash read.

#[path = "../tests/support/ftfy_cases.rs"]
mod ftfy_cases;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use presswash::stages::repair::{repair_text, RepairOptions, Repairs};

/// Documents in each generated corpus.
const DOCS: usize = 2000;
/// Timed passes over a corpus; the best is reported.
const PASSES: usize = 5;
/// One line in this many is damaged.
const DAMAGE_EVERY: u64 = 100;

fn main() {
    report_ftfy_cases();

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let clean = clean_corpus(root, &mut random);
    let (damaged, originals) = damage(&clean, &mut random);
    let out_dir = root.join("target/repair-bench");
    std::fs::create_dir_all(&out_dir).expect("target/repair-bench can be created");
    let clean_path = write_corpus(&out_dir.join("clean.jsonl"), &clean);
    let damaged_path = write_corpus(&out_dir.join("damaged.jsonl"), &damaged);

    let clean_speed = throughput(&clean);
    println!(
        "repair, one core, clean text: {clean_speed:.0} MB/s ({DOCS} docs, {:.1} MB, best of {PASSES})",
        megabytes(&clean)
    );
    let damaged_speed = throughput(&damaged);
    let (lines, exact, lossy) = restored(&damaged, &originals);
    println!(
        "repair, one core, text with ~1% damaged lines: {damaged_speed:.0} MB/s ({lines} damaged lines: {exact} restored exactly, {lossy} had bytes lost for good and keep a U+FFFD)"
    );
    let multilingual = multilingual_corpus(&mut random);
    println!(
        "repair, one core, clean text in 10 languages: {:.0} MB/s ({DOCS} docs, {:.1} MB)",
        throughput(&multilingual),
        megabytes(&multilingual)
    );
    if let Some(web) = web_text(root) {
        println!(
            "repair, one core, real web text (wcxb-dev-text, {} pages, {:.1} MB): {:.0} MB/s",
            web.len(),
            megabytes(&web),
            throughput(&web)
        );
    }

    match ftfy_speed(root, &[&clean_path, &damaged_path]) {
        Ok(speeds) => {
            for (label, ours, theirs) in [
                ("clean", clean_speed, speeds[0]),
                ("~1% damaged", damaged_speed, speeds[1]),
            ] {
                println!(
                    "ftfy 6.3.1 fix_text, one core, {label}: {theirs:.2} MB/s; presswash is {:.0}x as fast",
                    ours / theirs
                );
            }
        }
        Err(why) => println!("ftfy side by side skipped: {why}"),
    }
}

fn report_ftfy_cases() {
    let repair =
        |text: &str| repair_text(text, &RepairOptions::default(), &mut Repairs::new()).into_owned();
    let scores = match ftfy_cases::score(repair) {
        Ok(scores) => scores,
        Err(missing) => {
            println!("ftfy cases skipped: {missing}");
            return;
        }
    };
    let mut passed = 0;
    let mut expected = 0;
    let mut negatives_changed = 0;
    for score in &scores {
        passed += score.passed;
        expected += score.expected_pass;
        negatives_changed += score.negatives_changed.len();
        if score.known_failures > 0 {
            println!(
                "ftfy cases, {}: {} of {} known failures fixed{}",
                score.file,
                score.known_failures_fixed.len(),
                score.known_failures,
                if score.known_failures_fixed.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", score.known_failures_fixed.join("; "))
                }
            );
        } else {
            println!(
                "ftfy cases, {}: {}/{} pass",
                score.file, score.passed, score.expected_pass
            );
        }
        for failure in score.failures.iter().chain(&score.negatives_changed) {
            println!("    {failure}");
        }
    }
    println!(
        "ftfy cases, all: {passed}/{expected} expected-pass cases pass, {negatives_changed} negative cases changed"
    );
}

/// MB/s of `repair_text` over the documents, best of [`PASSES`].
fn throughput(docs: &[String]) -> f64 {
    let options = RepairOptions::default();
    let mut best = f64::INFINITY;
    for _ in 0..PASSES {
        let started = Instant::now();
        for doc in docs {
            let mut repairs = Repairs::new();
            black_box(repair_text(black_box(doc), &options, &mut repairs));
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    megabytes(docs) / best
}

fn megabytes(docs: &[String]) -> f64 {
    docs.iter().map(String::len).sum::<usize>() as f64 / 1e6
}

/// Damaged lines, those repaired to the original exactly, and those that lost bytes.
fn restored(damaged: &[String], originals: &[Vec<DamagedLine>]) -> (usize, usize, usize) {
    let (mut lines, mut exact, mut lossy) = (0, 0, 0);
    for (doc, damage) in damaged.iter().zip(originals) {
        let repaired = repair_text(doc, &RepairOptions::default(), &mut Repairs::new());
        let repaired_lines: Vec<&str> = repaired.lines().collect();
        for DamagedLine {
            index,
            original,
            lost,
        } in damage
        {
            lines += 1;
            if *lost {
                lossy += 1;
            } else if repaired_lines.get(*index) == Some(&original.as_str()) {
                exact += 1;
            } else if std::env::var_os("REPAIR_BENCH_SHOW").is_some() {
                eprintln!(
                    "not restored: {:?}\n  repaired: {:?}\n  original: {original:?}",
                    doc.lines().nth(*index),
                    repaired_lines.get(*index),
                );
            }
        }
    }
    (lines, exact, lossy)
}

/// A fixed-seed xorshift64* generator: the corpora are the same on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Documents of 20 to 60 lines, each line drawn from the samples.
fn clean_corpus(root: &Path, random: &mut Random) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("samples"))
        .expect("samples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("samples are UTF-8");
        lines.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from),
        );
    }
    (0..DOCS)
        .map(|_| {
            let n = 20 + random.below(41);
            let mut doc: Vec<&str> = Vec::new();
            for _ in 0..n {
                doc.push(&lines[random.below(lines.len())]);
                doc.push("");
            }
            doc.join("\n")
        })
        .collect()
}

/// A line of a document that was damaged.
struct DamagedLine {
    /// Its index among the document's lines.
    index: usize,
    /// What it should come back as.
    original: String,
    /// Whether bytes were lost for good (it comes back with U+FFFD).
    lost: bool,
}

/// News sentences in languages whose letters mojibake is made of (accented Latin, Greek,
/// Cyrillic), and others: the slow side of the fast path, since their letters are what
/// suspicion looks at.
const SENTENCES: [&str; 10] = [
    "Le ministère a annoncé mercredi que les élèves étrangers pourront déjà s’inscrire à l’université dès février, a déclaré la porte-parole.",
    "Die Bundesländer einigten sich am Donnerstag auf höhere Zuschüsse für Schulen; die Gewerkschaft begrüßte die Entscheidung „ausdrücklich“.",
    "Rząd przyjął w środę projekt ustawy, który zmienia zasady przyznawania świadczeń dla rodzin z dziećmi – poinformował rzecznik.",
    "Vláda ve středu schválila návrh zákona, který mění pravidla pro přiznávání příspěvků rodinám s dětmi, uvedl mluvčí ministerstva.",
    "Правительство в среду одобрило законопроект, который меняет правила выплат семьям с детьми, сообщил представитель министерства.",
    "Η κυβέρνηση ενέκρινε την Τετάρτη νομοσχέδιο που αλλάζει τους κανόνες για τα επιδόματα στις οικογένειες με παιδιά, δήλωσε ο εκπρόσωπος.",
    "Hükümet çarşamba günü çocuklu ailelere yapılan ödemelerin kurallarını değiştiren yasa tasarısını onayladı, dedi sözcü.",
    "Chính phủ hôm thứ Tư đã thông qua dự thảo luật thay đổi quy định trợ cấp cho các gia đình có con nhỏ, người phát ngôn cho biết.",
    "政府周三批准了一项法案，修改了向有子女家庭发放补贴的规定，发言人表示。",
    "وافقت الحكومة يوم الأربعاء على مشروع قانون يغير قواعد صرف الإعانات للأسر التي لديها أطفال، حسبما قال المتحدث.",
];

/// Documents of 20 to 60 paragraphs, each a sentence of [`SENTENCES`].
fn multilingual_corpus(random: &mut Random) -> Vec<String> {
    (0..DOCS)
        .map(|_| {
            let n = 20 + random.below(41);
            let paragraphs: Vec<&str> = (0..n)
                .map(|_| SENTENCES[random.below(SENTENCES.len())])
                .collect();
            paragraphs.join("\n\n")
        })
        .collect()
}

/// The corpus with about one line in [`DAMAGE_EVERY`] damaged, and each document's
/// damaged lines.
fn damage(clean: &[String], random: &mut Random) -> (Vec<String>, Vec<Vec<DamagedLine>>) {
    let mut damaged = Vec::with_capacity(clean.len());
    let mut originals = Vec::with_capacity(clean.len());
    for doc in clean {
        let mut lines: Vec<String> = doc.lines().map(String::from).collect();
        let mut record = Vec::new();
        for (index, line) in lines.iter_mut().enumerate() {
            if line.is_empty() || random.next() % DAMAGE_EVERY != 0 {
                continue;
            }
            // Mojibake needs a character outside ASCII: quote the first word if need be.
            if line.is_ascii() {
                let (first, rest) = line.split_once(' ').unwrap_or((line.as_str(), ""));
                *line = format!("“{first}” {rest}");
            }
            let kind = DAMAGE[random.below(DAMAGE.len())];
            let (bad, lost) = kind(line);
            record.push(DamagedLine {
                index,
                original: std::mem::replace(line, bad),
                lost,
            });
        }
        damaged.push(lines.join("\n"));
        originals.push(record);
    }
    (damaged, originals)
}

/// A way to damage a line: the damaged line, and whether bytes are lost for good.
type Damage = fn(&str) -> (String, bool);

/// The ways lines are damaged.
const DAMAGE: [Damage; 10] = [
    |line| (read_as(line, encoding_rs::WINDOWS_1252), false),
    |line| {
        (
            read_as(
                &read_as(line, encoding_rs::WINDOWS_1252),
                encoding_rs::WINDOWS_1252,
            ),
            false,
        )
    },
    |line| (read_as(line, encoding_rs::WINDOWS_1251), false),
    |line| (read_as(line, encoding_rs::WINDOWS_1250), false),
    |line| (line.bytes().map(char::from).collect(), false),
    |line| {
        // A decoder that replaces the bytes windows-1252 leaves undefined with U+FFFD.
        let read = read_as(line, encoding_rs::WINDOWS_1252);
        let lost = read.contains(['\u{81}', '\u{8D}', '\u{8F}', '\u{90}', '\u{9D}']);
        (
            read.replace(
                ['\u{81}', '\u{8D}', '\u{8F}', '\u{90}', '\u{9D}'],
                "\u{FFFD}",
            ),
            lost,
        )
    },
    |line| {
        // windows-1252 punctuation read as Latin-1: C1 controls.
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(line);
        let c1: String = bytes.iter().map(|&b| char::from(b)).collect();
        (if unmappable { line.to_string() } else { c1 }, false)
    },
    |line| {
        let escaped = line
            .replace('&', "&amp;")
            .replace('’', "&amp;#8217;")
            .replace('“', "&ldquo;")
            .replace('”', "&#x201D;");
        (escaped, false)
    },
    |line| {
        let (first, rest) = line.split_once(' ').unwrap_or((line, ""));
        (format!("\x1b[1;31m{first}\x1b[0m {rest}"), false)
    },
    |line| (format!("\u{FEFF}{line}"), false),
];

/// UTF-8 bytes of `line` read in another encoding: mojibake.
fn read_as(line: &str, encoding: &'static encoding_rs::Encoding) -> String {
    encoding
        .decode_without_bom_handling(line.as_bytes())
        .0
        .into_owned()
}

fn write_corpus(path: &Path, docs: &[String]) -> PathBuf {
    let lines: Vec<String> = docs
        .iter()
        .map(|d| serde_json::to_string(d).expect("a string serializes"))
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").expect("the corpus can be written");
    path.to_path_buf()
}

/// The wcxb-dev-text pages beside the repository, if they are there.
fn web_text(root: &Path) -> Option<Vec<String>> {
    let dir = root.join("../shared/bench/wcxb-dev-text");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let pages: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    (!pages.is_empty()).then_some(pages)
}

/// ftfy's MB/s on each corpus, from `scripts/ftfy_speed.py` in the venv the side-by-side
/// script makes.
fn ftfy_speed(root: &Path, corpora: &[&Path]) -> Result<Vec<f64>, String> {
    let python = root.join("target/ftfy-venv/bin/python");
    if !python.exists() {
        return Err(
            "no target/ftfy-venv (run scripts/ftfy_side_by_side.sh to make it)".to_string(),
        );
    }
    let output = Command::new(&python)
        .arg(root.join("scripts/ftfy_speed.py"))
        .args(corpora)
        .output()
        .map_err(|e| format!("{} did not run: {e}", python.display()))?;
    if !output.status.success() {
        return Err(format!(
            "scripts/ftfy_speed.py failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| {
            l.parse::<f64>()
                .map_err(|_| format!("scripts/ftfy_speed.py printed {l:?}, not a number"))
        })
        .collect()
}
