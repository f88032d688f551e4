//! What one line looks like to the generic boilerplate stage: its words, how many of them
//! are function words, whether it ends like a sentence, whether it is a list item, and
//! whether it reads as page chrome or as the heading that opens a site's after-article
//! furniture. Only the line itself is read here; context is the stage's business.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;

use crate::stages::ascii_run;

/// The languages whose function words count as stop words: the NLTK lists of the
/// `stop-words` crate for the languages written with spaces between words.
const STOP_WORD_LANGUAGES: &[&str] = &[
    "ar", "az", "be", "bn", "ca", "da", "de", "el", "en", "es", "eu", "fi", "fr", "he", "hu", "id",
    "it", "kk", "ne", "nl", "no", "pt", "ro", "ru", "sl", "sq", "sv", "tg", "tr",
];

/// Function words of many languages, lower case: prose is full of them, menus and
/// product names are not. A fast (non-cryptographic) hash: the keys are fixed.
static STOP_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    STOP_WORD_LANGUAGES
        .iter()
        .filter_map(|code| stop_words::lookup(code))
        .flatten()
        .copied()
        .collect()
});

/// Short lines that are page chrome: navigation, account and sharing buttons, legal links.
/// Matched at the start of a line of at most [`CHROME_MAX_WORDS`] words.
static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(skip to|jump to|sign in|sign up|log ?in|log ?out|register|subscribe|menu|search|home|share|tweet|print|email|follow us|cookie|accept|privacy policy|terms|back to top|read more|load more|show more|see all|view all|close|open menu|toggle|next|previous|prev)(\W|$)",
    )
    .expect("the chrome pattern is valid")
});

/// A copyright notice anywhere in a line.
static RIGHTS_RESERVED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)all rights reserved").expect("the rights pattern is valid"));

/// A copyright notice has at most this many words; a longer line mentioning one is text.
const NOTICE_MAX_WORDS: usize = 30;

/// A chrome line has at most this many words: a longer line starting with `Search` or
/// `Share` is a sentence.
const CHROME_MAX_WORDS: usize = 8;

/// Whole lines that head what follows an article on most sites: related stories,
/// comments, tags, newsletter boxes, author boxes. The main text does not run past them.
static END_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(related( (posts|articles|stories|content|reading))?|you (may|might) also (like|enjoy)|more (from|in|on|stories|articles|like this)(\W.*)?|recommended( for you| reading| articles)?|read (next|also)|also read|popular( posts| articles| now)?|trending( now)?|most (read|popular)|(leave a |post a )?(comment|reply)s?|\d+ (comments?|responses?|replies)|share this( article| post| story)?|about the author|tags?|topics?|categories|filed under|latest( news| posts| articles)?|further reading|see also|newsletter|sign up for .*|subscribe to .*)\s*:?$",
    )
    .expect("the end-marker pattern is valid")
});

/// Characters a sentence (or a quoted sentence) ends with.
const SENTENCE_ENDS: &[char] = &[
    '.', '!', '?', ':', ';', '"', '”', '’', ')', '。', '！', '？',
];

/// What the stage knows of one line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineShape {
    /// A key equal for lines that differ only in the case of ASCII letters: the stage
    /// finds the lines a page repeats with it.
    pub key: u64,
    /// Words (runs of letters, digits and `_`), list marker excluded.
    pub words: usize,
    /// The line starts with a list marker (`* `, `+ `, `- `, `• `, `1. `, ...).
    pub list_item: bool,
    /// The line ends with sentence punctuation.
    pub sentence_end: bool,
    /// Share of the words that start with a capital letter (of those starting with a
    /// letter): menus and headings are Title Case.
    pub capitalized: f64,
    /// Page chrome: a short navigation or account line, a copyright notice.
    pub chrome: bool,
    /// A heading of the furniture that follows an article (`Related posts`, `Comments`).
    pub end_marker: bool,
    /// The line reads as prose: long enough, and built like a sentence (it ends like
    /// one in lower case, or has the function words of one).
    pub prose: bool,
}

/// A prose line has at least this many words.
const PROSE_MIN_WORDS: usize = 8;
/// ... and at least this share of function words, unless it ends like a sentence with
/// mostly lower-case words.
const PROSE_MIN_STOP_WORDS: f64 = 0.15;
/// Above this share of capitalized words a line is Title Case: a heading, a menu row.
pub const TITLE_CASE: f64 = 0.6;

impl LineShape {
    /// Reads one (normalized, trimmed) line.
    pub fn of(line: &str) -> LineShape {
        let body = strip_list_marker(line);
        let list_item = body.len() != line.len();
        let Scan {
            words,
            lettered,
            capitals,
        } = scan(body);
        let capitalized = if lettered == 0 {
            0.0
        } else {
            capitals as f64 / lettered as f64
        };
        let sentence_end = body.ends_with(SENTENCE_ENDS);
        let prose = words >= PROSE_MIN_WORDS
            && ((sentence_end && capitalized < TITLE_CASE)
                || stop_word_share(body, words) >= PROSE_MIN_STOP_WORDS);
        // A sentence that mentions a copyright is text; a notice is not built like one.
        let chrome = (words <= CHROME_MAX_WORDS && CHROME.is_match(body))
            || (!prose
                && words <= NOTICE_MAX_WORDS
                && (line.contains('©') || RIGHTS_RESERVED.is_match(line)));
        let end_marker = words <= CHROME_MAX_WORDS && END_MARKER.is_match(body);
        LineShape {
            key: caseless_key(line),
            words,
            list_item,
            sentence_end,
            capitalized,
            chrome,
            end_marker,
            prose,
        }
    }
}

/// The line without its list marker: `* `, `+ `, `- `, `o `, `• `, `◦ `, `▪ `, `· `, or a
/// number of one or two digits with `.` or `)`, each followed by a space.
fn strip_list_marker(line: &str) -> &str {
    let bytes = line.as_bytes();
    let marker_len = match bytes.first() {
        Some(b'*' | b'+' | b'-' | b'o') => 1,
        Some(b'0'..=b'9') => {
            let digits = bytes
                .iter()
                .take(3)
                .take_while(|b| b.is_ascii_digit())
                .count();
            match bytes.get(digits) {
                Some(b'.' | b')') if digits <= 2 => digits + 1,
                _ => return line,
            }
        }
        _ => match line.chars().next() {
            Some(c @ ('•' | '◦' | '▪' | '·')) => c.len_utf8(),
            _ => return line,
        },
    };
    match line[marker_len..].strip_prefix(char::is_whitespace) {
        Some(rest) => rest.trim_start(),
        None => line,
    }
}

/// Whether `c` belongs to a word: a letter, a digit or `_` in any script.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric()
    }
}

/// What one pass over a line's characters gives.
#[derive(Debug, PartialEq)]
struct Scan {
    /// Words after `body_start` (as [`words_of`] splits them), and how many of those start
    /// with a letter and with a capital letter.
    words: usize,
    lettered: usize,
    capitals: usize,
}

/// Counts the words of `body`, and those that start with a letter and with a capital.
/// Runs of ASCII, the common case, are counted in a loop the compiler vectorizes; other
/// characters are decoded one by one.
fn scan(body: &str) -> Scan {
    let mut out = Scan {
        words: 0,
        lettered: 0,
        capitals: 0,
    };
    let bytes = body.as_bytes();
    let (mut i, mut in_word) = (0, false);
    while i < bytes.len() {
        let ascii = ascii_run(&bytes[i..]);
        if ascii > 0 {
            in_word = scan_ascii(&bytes[i..i + ascii], in_word, &mut out);
            i += ascii;
            continue;
        }
        let c = body[i..].chars().next().unwrap_or_default();
        i += c.len_utf8();
        let letter = c.is_alphabetic();
        let word_char = letter || c.is_numeric();
        if word_char && !in_word {
            out.words += 1;
            out.lettered += usize::from(letter);
            out.capitals += usize::from(c.is_uppercase());
        }
        in_word = word_char;
    }
    out
}

/// Adds the word starts in `run` (ASCII only) to `out`; `in_word` says whether the byte
/// before the run was inside a word. Returns whether the run ends inside a word.
fn scan_ascii(run: &[u8], in_word: bool, out: &mut Scan) -> bool {
    // Sixty-four bytes at a time: a bit mask each of word bytes, letters and capitals
    // (bit i for byte i), then the word starts are the word bits whose left neighbour is
    // not one.
    let mut before = u64::from(in_word);
    for block in run.chunks(64) {
        let (mut word, mut letter, mut capital) = (0u64, 0u64, 0u64);
        for (k, chunk) in block.chunks(8).enumerate() {
            let mut bytes = [0u8; 8];
            bytes[..chunk.len()].copy_from_slice(chunk);
            let classes = AsciiClasses::of(u64::from_le_bytes(bytes));
            word |= classes.word << (8 * k);
            letter |= classes.letter << (8 * k);
            capital |= classes.capital << (8 * k);
        }
        // Padding bytes are NULs, never word bytes, so they start nothing.
        let starts = word & !((word << 1) | before);
        out.words += starts.count_ones() as usize;
        out.lettered += (starts & letter).count_ones() as usize;
        out.capitals += (starts & capital).count_ones() as usize;
        before = (word >> (block.len() - 1)) & 1;
    }
    before == 1
}

/// Eight ASCII bytes classified at once: one bit per byte (bit i for byte i).
struct AsciiClasses {
    word: u64,
    letter: u64,
    capital: u64,
}

impl AsciiClasses {
    /// Classifies the eight bytes of `x`, each below 0x80. A byte is in `lo..=hi` when
    /// adding `0x80 - lo` sets its high bit and adding `0x80 - hi - 1` does not; bytes
    /// below 0x80 never carry into their neighbour.
    fn of(x: u64) -> AsciiClasses {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let within = |lo: u8, hi: u8| {
            let from = x.wrapping_add(ONES * u64::from(0x80 - lo));
            let above = x.wrapping_add(ONES * u64::from(0x7f - hi));
            from & !above & HIGH
        };
        let capital = within(b'A', b'Z');
        let letter = capital | within(b'a', b'z');
        let digit = within(b'0', b'9');
        let underscore = {
            let diff = x ^ (ONES * u64::from(b'_'));
            !(((diff & !HIGH).wrapping_add(!HIGH)) | diff) & HIGH
        };
        // Gathers the high bit of each byte into the low eight bits.
        let bits = |m: u64| ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
        AsciiClasses {
            word: bits(letter | digit | underscore),
            letter: bits(letter),
            capital: bits(capital),
        }
    }
}

/// A key equal for two lines that differ only in the case of ASCII letters: FNV-1a over
/// eight bytes at a time, each lowered with the usual bit trick (bytes from 0x80 up, the
/// parts of other characters, stay as they are).
fn caseless_key(line: &str) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let lower = |chunk: u64| {
        let seven = chunk & !HIGH;
        let above_z = seven.wrapping_add(0x2525_2525_2525_2525);
        let from_a = seven.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
        let upper = from_a & !above_z & !chunk & HIGH;
        chunk | (upper >> 2)
    };
    let mut key: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = line.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("chunks of eight"));
        key = (key ^ lower(word))
            .wrapping_mul(0x0100_0000_01b3)
            .rotate_left(23);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    key ^= lower(u64::from_le_bytes(tail)) ^ line.len() as u64;
    key.wrapping_mul(0x0100_0000_01b3)
}

/// The words of a line: maximal runs of letters, digits and `_`.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// Share of `text`'s `words` words that are stop words.
fn stop_word_share(text: &str, words: usize) -> f64 {
    if words == 0 {
        return 0.0;
    }
    let mut lower = String::new();
    let stop = words_of(text)
        .filter(|word| {
            if word.chars().any(char::is_uppercase) {
                lower.clear();
                lower.extend(word.chars().flat_map(char::to_lowercase));
                STOP_WORDS.contains(lower.as_str())
            } else {
                STOP_WORDS.contains(word)
            }
        })
        .count();
    stop as f64 / words as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What [`scan`] must find, read the plain way.
    fn scan_reference(body: &str) -> Scan {
        let firsts: Vec<char> = words_of(body).filter_map(|w| w.chars().next()).collect();
        Scan {
            words: firsts.len(),
            lettered: firsts.iter().filter(|c| c.is_alphabetic()).count(),
            capitals: firsts
                .iter()
                .filter(|c| c.is_alphabetic() && c.is_uppercase())
                .count(),
        }
    }

    proptest! {
        #[test]
        fn the_fast_word_count_equals_the_plain_one(body in "[ -~éÉß’—ДдΩ1٣_\\t]{0,60}") {
            prop_assert_eq!(scan(&body), scan_reference(&body));
        }

        #[test]
        fn the_fast_word_count_holds_across_64_byte_blocks(body in "[a-zA-Z0-9_ .,'-]{50,300}") {
            prop_assert_eq!(scan(&body), scan_reference(&body));
        }

        #[test]
        fn keys_ignore_ascii_case_only(line in "[ -~é’]{0,40}") {
            prop_assert_eq!(caseless_key(&line), caseless_key(&line.to_ascii_uppercase()));
            prop_assert_eq!(caseless_key(&line), caseless_key(&line.to_ascii_lowercase()));
        }
    }

    #[test]
    fn eight_bytes_are_classified_at_once() {
        let classes = AsciiClasses::of(u64::from_le_bytes(*b"aZ_9 .Q\0"));
        assert_eq!(classes.word, 0b0100_1111);
        assert_eq!(classes.letter, 0b0100_0011);
        assert_eq!(classes.capital, 0b0100_0010);
    }

    #[test]
    fn keys_tell_different_lines_apart() {
        let lines = [
            "Share",
            "share ",
            "Shared",
            "",
            "a",
            "b",
            "Read more on our site today",
            "Read more on our site todaY!",
        ];
        for (i, a) in lines.iter().enumerate() {
            for b in &lines[i + 1..] {
                assert_ne!(caseless_key(a), caseless_key(b), "{a:?} {b:?}");
            }
        }
        assert_eq!(caseless_key("SHARE THIS"), caseless_key("share this"));
    }

    #[test]
    fn list_markers_are_recognized_and_stripped() {
        assert_eq!(strip_list_marker("* Home"), "Home");
        assert_eq!(strip_list_marker("+ How It Works"), "How It Works");
        assert_eq!(strip_list_marker("• Item"), "Item");
        assert_eq!(strip_list_marker("12. Step"), "Step");
        assert_eq!(strip_list_marker("3) Step"), "Step");
        assert_eq!(strip_list_marker("2025. A year"), "2025. A year");
        assert_eq!(strip_list_marker("old news"), "old news");
        assert_eq!(strip_list_marker("-5 degrees"), "-5 degrees");
        assert_eq!(strip_list_marker("*"), "*");
    }

    #[test]
    fn prose_is_told_from_menus_and_headings() {
        let sentence =
            LineShape::of("The council voted on Tuesday to approve the new budget for schools.");
        assert!(sentence.prose && sentence.sentence_end && !sentence.chrome);
        let menu = LineShape::of(
            "Laptops Budget Laptops Dating Apps VPNs Robot Vacuums Gaming Chairs Monitors",
        );
        assert!(!menu.prose && menu.capitalized > TITLE_CASE);
        let german = LineShape::of(
            "Der Stadtrat hat am Dienstag den neuen Haushalt für die Schulen beschlossen",
        );
        assert!(
            german.prose,
            "function words make prose without a full stop"
        );
        assert!(!LineShape::of("Short line.").prose);
    }

    #[test]
    fn chrome_and_end_markers_are_whole_short_lines() {
        assert!(LineShape::of("* Sign in").chrome);
        assert!(LineShape::of("Copyright © 2024 The Daily Courier").chrome);
        assert!(!LineShape::of("Copyright 2023 filings rose sharply, the office said.").chrome);
        assert!(
            !LineShape::of(
                "Search teams spent the night looking for the missing hikers near the ridge."
            )
            .chrome
        );
        assert!(LineShape::of("Related Posts").end_marker);
        assert!(LineShape::of("3 Comments").end_marker);
        assert!(LineShape::of("Leave a Reply").end_marker);
        assert!(!LineShape::of("Related reading helps children learn").end_marker);
    }
}
