//! What one line looks like to the generic boilerplate stage: its words, how many of them
//! are function words, whether it ends like a sentence, whether it is a list item, and
//! whether it reads as page chrome or as the heading that opens a site's after-article
//! furniture. Only the line itself is read here; context is the stage's business.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

/// The languages whose function words count as stop words: the NLTK lists of the
/// `stop-words` crate for the languages written with spaces between words.
const STOP_WORD_LANGUAGES: &[&str] = &[
    "ar", "az", "be", "bn", "ca", "da", "de", "el", "en", "es", "eu", "fi", "fr", "he", "hu", "id",
    "it", "kk", "ne", "nl", "no", "pt", "ro", "ru", "sl", "sq", "sv", "tg", "tr",
];

/// Function words of many languages, lower case: prose is full of them, menus and
/// product names are not.
static STOP_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
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
        let (mut words, mut lettered, mut capitals) = (0usize, 0usize, 0usize);
        for word in words_of(body) {
            words += 1;
            if let Some(first) = word.chars().next().filter(|c| c.is_alphabetic()) {
                lettered += 1;
                capitals += usize::from(first.is_uppercase());
            }
        }
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

/// The words of a line: maximal runs of letters, digits and `_`.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
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
