//! `LineRegex`: a rule's regex together with the bytes a line it matches can start with.
//!
//! Most rule regexes are anchored at the start of the line (`^Leave a Reply$`,
//! `^(?i:copyright)...`), and then only a line starting with one of a few bytes can match.
//! Checking that byte costs nothing next to running the regex (a call into the regex
//! engine, and for a regex with a Unicode word boundary a search that cannot use the fast
//! DFA on non-ASCII text), and it rules out nearly every line. The answer is always the
//! regex's own: the check only skips lines the regex cannot match.
//!
//! The bytes are worked out the first time the regex runs through [`LineRegex::is_match`],
//! not when the rules load: most rule regexes are run by the line index instead, and
//! reading a regex's beginnings costs a parse of the pattern (about 6% of loading the
//! shipped rules, were it done for all of them).

use std::ops::Deref;
use std::sync::OnceLock;

use regex::Regex;

/// A compiled rule regex with its cheap pre-check. It dereferences to the [`Regex`], so
/// captures, names and the pattern are read as usual; [`LineRegex::is_match`] checks the
/// first byte before running the regex.
#[derive(Debug, Clone)]
pub struct LineRegex {
    regex: Regex,
    /// `first_bytes[b]`: a match can start with byte `b`. None when any line may match
    /// (the regex is not anchored at the start, or its beginnings are too many to list).
    /// Set on first use.
    first_bytes: OnceLock<Option<Box<[bool; 256]>>>,
}

impl LineRegex {
    /// Wraps `regex`, compiled from its pattern with the regex crate's default flags (as
    /// the rule compiler does, with `multi_line` off).
    pub fn new(regex: Regex) -> LineRegex {
        LineRegex {
            regex,
            first_bytes: OnceLock::new(),
        }
    }

    /// The regex itself.
    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// Whether the regex matches `line`: exactly `Regex::is_match`, only cheaper on lines
    /// whose first byte no match starts with.
    pub fn is_match(&self, line: &str) -> bool {
        self.may_match(line) && self.regex.is_match(line)
    }

    /// False when the regex surely does not match `line` (no match starts with its first
    /// byte, or the line is empty); true when it may.
    pub fn may_match(&self, line: &str) -> bool {
        let first_bytes = self
            .first_bytes
            .get_or_init(|| first_bytes(self.regex.as_str()).map(Box::new));
        match first_bytes {
            None => true,
            Some(table) => line
                .as_bytes()
                .first()
                .is_some_and(|&b| table[usize::from(b)]),
        }
    }
}

impl Deref for LineRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        &self.regex
    }
}

/// The bytes every match of `pattern` can start with, when it is anchored at the start of
/// the text (`^` without multi-line mode) and its beginnings are a short list of
/// non-empty literals (a case-insensitive word is two bytes; `\p{Lu}` is too many). Every
/// match of an anchored regex starts at the start of the text, and `regex_syntax` promises
/// that every match starts with one of the prefixes it extracts from a finite sequence.
fn first_bytes(pattern: &str) -> Option<[bool; 256]> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    use regex_syntax::hir::Look;
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_literal_len(1)
        .limit_class(64)
        .limit_total(256);
    let seq = extractor.extract(&hir);
    let mut table = [false; 256];
    for literal in seq.literals()? {
        let &first = literal.as_bytes().first()?;
        table[usize::from(first)] = true;
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn starts(pattern: &str) -> Option<String> {
        first_bytes(pattern).map(|table| {
            (0..=255u8)
                .filter(|&b| table[usize::from(b)])
                .map(|b| if b.is_ascii() { char::from(b) } else { '¿' })
                .collect()
        })
    }

    #[test]
    fn anchored_regexes_name_their_first_bytes() {
        assert_eq!(starts("^Leave a Reply$").as_deref(), Some("L"));
        assert_eq!(starts("^(?i:leave|post) a").as_deref(), Some("LPlp"));
        assert_eq!(starts(r"^(?:©|\(c\))\s*\d{4}").as_deref(), Some("(¿"));
        // Not anchored, anchored per line, or too many beginnings: no pre-check.
        assert_eq!(starts("Leave a Reply"), None);
        assert_eq!(starts("(?m)^Leave"), None);
        assert_eq!(starts(r"^\p{Lu}\S+$"), None);
        assert_eq!(starts("^a|b"), None);
    }

    #[test]
    fn an_empty_line_matches_no_anchored_literal_regex() {
        let re = LineRegex::new(Regex::new("^Leave").unwrap());
        assert!(!re.may_match(""));
        assert!(re.is_match("Leave a Reply"));
        assert!(!re.is_match("Please leave"));
    }

    /// Patterns in the style of the shipped rules, including case-insensitive words with
    /// non-ASCII case variants (`k` and the Kelvin sign, `s` and the long s).
    const PATTERNS: &[&str] = &[
        r"^(?i:skip to (?:main )?content|sign in|kelvin|search)$",
        r"^(?:(?i:copyright)\s*(?:©|\(c\))?\s*(?:199[5-9]|20\d\d)|(?:©|\(c\))\s*(?:(?:199[5-9]|20\d\d)\b)?)",
        r"^(?i:leave a (?:reply|comment)|post a comment)$",
        r"^© \d{4} (?P<source>.+?) All rights reserved\.",
        r"^(?:Popular|POPULAR|Most read) (?i:on|at) \S*\p{Lu}\S*$",
        r"^Ä[öü]",
        r"^\d{1,2} (?:Jan|Feb), \d{4}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The pre-check never turns a match into a miss.
        #[test]
        fn the_pre_check_agrees_with_the_regex(
            pattern in proptest::sample::select(PATTERNS),
            line in prop_oneof![
                "(?i:skip to content|sign in|kelvin|search|copyright|leave a reply|post a comment)",
                "[©(cCKkſSsLlPp\u{212a}ÄäÖöü0-9] ?[a-zA-Z0-9 ©()]{0,12}",
                any::<String>(),
            ],
        ) {
            let regex = Regex::new(pattern).unwrap();
            let line_regex = LineRegex::new(regex.clone());
            prop_assert_eq!(line_regex.is_match(&line), regex.is_match(&line));
        }
    }
}
