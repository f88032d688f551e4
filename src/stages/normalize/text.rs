//! Text normalization for the normalize stage: invisible and look-alike characters.
//!
//! Per line this removes control and zero-width characters, turns odd Unicode spaces and
//! tabs into plain spaces, fixes look-alike apostrophes (`Russia´s` -> `Russia’s`),
//! optionally folds curly quotes to ASCII, applies Unicode NFC, collapses runs of spaces
//! and trims the line. Per text it also unifies line endings and blank lines.
//!
//! What it must never do: change the words, reorder text, or touch line structure beyond
//! what is documented on [`normalize_text`]. Dashes and ellipses are left as written.
//! Both entry points are idempotent: running them twice gives the same result as once.

use std::borrow::Cow;

use unicode_normalization::{is_nfc, is_nfc_quick, IsNormalized, UnicodeNormalization};

/// How quotes and apostrophes come out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Quotes {
    /// Keep quotes as written; apostrophe look-alikes become U+2019 (’).
    #[default]
    Keep,
    /// Fold curly single/double quotes (‘ ’ ‚ ‛ “ ” „ ‟ ′ ″) to ASCII ' and "; look-alike
    /// apostrophes become '.
    Ascii,
}

/// Options for [`normalize_line`] and [`normalize_text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NormalizeOptions {
    /// How quotes and apostrophes come out.
    pub quotes: Quotes,
}

/// What normalization changed in a document, counted per kind (each counts characters or
/// runs changed), so the record's metadata can say so.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NormalizeChanges {
    /// No-break and other Unicode spaces, and tabs, turned into ' ' (characters).
    pub odd_spaces: usize,
    /// Zero-width characters and soft hyphens removed (characters).
    pub zero_width_removed: usize,
    /// C0 controls (except tab), DEL and the C1 controls windows-1252 leaves undefined,
    /// removed (characters).
    pub control_removed: usize,
    /// C1 controls read as the windows-1252 characters they were meant as: text decoded as
    /// Latin-1 that was windows-1252 (`U+0085` is `…`, `U+0093` is `“`) (characters).
    pub c1_as_windows_1252: usize,
    /// Look-alike apostrophes replaced (characters).
    pub apostrophes: usize,
    /// Curly quotes folded to ASCII, only with [`Quotes::Ascii`] (characters).
    pub quotes_folded: usize,
    /// Runs of 2+ spaces collapsed, and leading/trailing spaces trimmed (runs).
    pub spaces_collapsed: usize,
    /// Lines that were not in NFC (after removals) and were composed.
    pub nfc: usize,
}

impl NormalizeChanges {
    /// True when nothing was changed.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Adds another set of counts to this one (e.g. a line's counts to a document's).
    pub fn add(&mut self, other: &NormalizeChanges) {
        // Destructuring (rather than `other.x`) makes the compiler flag this function
        // when a field is added, so no count is silently dropped.
        let NormalizeChanges {
            odd_spaces,
            zero_width_removed,
            control_removed,
            c1_as_windows_1252,
            apostrophes,
            quotes_folded,
            spaces_collapsed,
            nfc,
        } = other;
        self.odd_spaces += odd_spaces;
        self.zero_width_removed += zero_width_removed;
        self.control_removed += control_removed;
        self.c1_as_windows_1252 += c1_as_windows_1252;
        self.apostrophes += apostrophes;
        self.quotes_folded += quotes_folded;
        self.spaces_collapsed += spaces_collapsed;
        self.nfc += nfc;
    }
}

/// What the first (pre-NFC) step does with one character.
enum Class {
    Keep,
    /// Becomes a plain space.
    OddSpace,
    ZeroWidth,
    Control,
    /// A C1 control that stands for this windows-1252 character.
    C1(char),
}

fn classify(c: char) -> Class {
    match c {
        // A '\n' or '\r' never reaches here from `normalize_text`; if a caller passes one
        // anyway, a space keeps the words on either side apart (deleting it would glue them).
        '\t' | '\n' | '\r' => Class::OddSpace,
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Class::OddSpace
        }
        // ZWNJ U+200C and ZWJ U+200D are deliberately NOT here: they carry meaning in emoji
        // sequences, Persian and Indic scripts.
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' | '\u{AD}' => Class::ZeroWidth,
        // `is_control` is exactly C0, DEL and C1 (U+0000..U+001F, U+007F..U+009F).
        // Text decoded as Latin-1 that was windows-1252 carries its punctuation as C1
        // controls; read them as meant. The five bytes windows-1252 leaves undefined stay
        // controls.
        '\u{80}'..='\u{9F}' => match c1_as_windows_1252(c) {
            Some(meant) => Class::C1(meant),
            None => Class::Control,
        },
        c if c.is_control() => Class::Control,
        _ => Class::Keep,
    }
}

/// Characters typed in place of an apostrophe: acute accent, grave/backtick, prime. The
/// modifier letters U+02B9 and U+02BC are not: they are letters in their own right (the
/// Ukrainian apostrophe in `мʼята`).
fn is_apostrophe_lookalike(c: char) -> bool {
    matches!(c, '\u{B4}' | '`' | '\u{2032}')
}

/// A letter for the "letter on both sides" apostrophe rule.
fn is_word_letter(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphabetic() && !is_apostrophe_lookalike(c))
}

/// The windows-1252 character a C1 control (U+0080..U+009F) stands for, if any.
fn c1_as_windows_1252(c: char) -> Option<char> {
    let byte = [u8::try_from(u32::from(c)).ok()?];
    let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
    decoded.chars().next().filter(|&meant| meant != c)
}

/// The ASCII form of a curly quote or prime, for [`Quotes::Ascii`].
fn fold_quote(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Some('"'),
        _ => None,
    }
}

/// The apostrophe/quote step for one character, given its neighbours. What it puts in
/// (’ ' ") is neither a letter nor a candidate for another change, which keeps it stable.
fn fix_quote(
    c: char,
    prev: Option<char>,
    next: Option<char>,
    opts: &NormalizeOptions,
    changes: &mut NormalizeChanges,
) -> char {
    if is_apostrophe_lookalike(c) && is_word_letter(prev) && is_word_letter(next) {
        changes.apostrophes += 1;
        return match opts.quotes {
            Quotes::Keep => '\u{2019}',
            Quotes::Ascii => '\'',
        };
    }
    if opts.quotes == Quotes::Ascii {
        if let Some(folded) = fold_quote(c) {
            changes.quotes_folded += 1;
            return folded;
        }
    }
    c
}

/// Whether a byte is printable ASCII other than the backtick: no rule changes such a byte
/// on its own (only spaces in runs or at the ends of a line, which are checked apart).
fn is_plain_ascii(b: u8) -> bool {
    b.wrapping_sub(0x20) < 0x5f && b != b'`'
}

/// The length of the run of plain ASCII bytes ([`is_plain_ascii`]) at the start of `bytes`.
/// Most text is such bytes, so they are read eight at a time as one `u64`: each test below
/// sets the top bit of a byte that fails it, and a byte's result never depends on its
/// neighbours (no sum or difference carries into the next byte), so the lowest bit set is
/// the first byte that is not plain.
fn plain_ascii_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let mut run = 0;
    while let Some(word) = bytes.get(run..run + 8) {
        let x = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        // Beyond ASCII: the top bit itself.
        let beyond = x & TOPS;
        // Below 0x20: with its top bit set a byte stays at or above 0x80 after taking
        // 0x20 away only if it was at least 0x20.
        let control = !((x | TOPS) - 0x20 * ONES) & TOPS;
        // DEL 0x7F: the only ASCII byte whose low seven bits plus one reach 0x80.
        let delete = ((x & !TOPS) + ONES) & TOPS;
        // The backtick 0x60: the byte that XOR 0x60 leaves zero.
        let y = x ^ (0x60 * ONES);
        let backtick = !(((y & !TOPS) + !TOPS) | y) & TOPS;
        let not_plain = beyond | control | delete | backtick;
        if not_plain != 0 {
            return run + (not_plain.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    run + bytes[run..]
        .iter()
        .position(|&b| !is_plain_ascii(b))
        .unwrap_or(bytes.len() - run)
}

/// Whether `c` can make a text non-NFC, on its own or next to a neighbour. Everything
/// below U+0300 is NFC_Quick_Check=Yes with combining class 0 and never composes with what
/// precedes it, and so is the punctuation most text carries (dashes, curly quotes, ellipsis:
/// U+2010..U+2027). A text without any other character is NFC, and `is_nfc` says so; this
/// is only a cheaper way to know that.
fn may_affect_nfc(c: char) -> bool {
    c >= '\u{300}' && !('\u{2010}'..='\u{2027}').contains(&c)
}

/// The fast path: true if no rule would change `line`, found with one scan and no
/// allocation. NFC "maybe" answers false; the slow path then settles it.
fn is_clean(line: &str, opts: &NormalizeOptions) -> bool {
    if line.starts_with(' ') || line.ends_with(' ') || line.contains("  ") {
        return false;
    }
    let bytes = line.as_bytes();
    // Most lines are mostly printable ASCII, which no rule changes but for a backtick (a
    // possible apostrophe): skip runs of it, and look at each other character on its own.
    let mut at = plain_ascii_run(bytes);
    if at == bytes.len() {
        return true;
    }
    let mut needs_nfc_check = false;
    while at < bytes.len() {
        let rest = &line[at..];
        let Some(c) = rest.chars().next() else { break };
        let next_at = at + c.len_utf8();
        if !matches!(classify(c), Class::Keep)
            || (opts.quotes == Quotes::Ascii && fold_quote(c).is_some())
            || (is_apostrophe_lookalike(c)
                && is_word_letter(line[..at].chars().next_back())
                && is_word_letter(line[next_at..].chars().next()))
        {
            return false;
        }
        needs_nfc_check |= may_affect_nfc(c);
        at = next_at + plain_ascii_run(&bytes[next_at..]);
    }
    !needs_nfc_check || is_nfc_quick(line.chars()) == IsNormalized::Yes
}

/// Normalizes one line (contains no '\n' or '\r'): controls and zero-width characters
/// removed; no-break and other Unicode space separators (U+00A0, U+1680, U+2000..U+200A,
/// U+202F, U+205F, U+3000) and tabs become ' '; an acute accent U+00B4, a grave/backtick
/// U+0060 or a prime U+2032 used as an apostrophe (a letter on both sides, as in
/// `Russia´s`) becomes the apostrophe; C1 controls become the windows-1252 characters
/// they stand for (`U+0085` -> `…`); Unicode NFC; runs of
/// spaces collapsed to one; leading and trailing spaces trimmed.
///
/// Returns `Cow::Borrowed` when nothing changes; clean input (plain ASCII, or NFC text
/// with none of the characters above) is recognized without allocating. A stray '\n' or
/// '\r' is treated like a tab. Idempotent for every input, and never panics.
pub fn normalize_line<'a>(
    line: &'a str,
    opts: &NormalizeOptions,
    changes: &mut NormalizeChanges,
) -> Cow<'a, str> {
    if is_clean(line, opts) {
        return Cow::Borrowed(line);
    }

    // The order of the steps is what makes this idempotent:
    // 1. Removals and space mapping come before NFC, so that a combining mark after a
    //    removed zero-width character composes now, not on a second run.
    let (removed, needs_nfc_check) = remove_and_map(line, changes);
    let mut text = removed.map_or(Cow::Borrowed(line), Cow::Owned);

    // 2. NFC. It never produces a character that step 1 acts on.
    if needs_nfc_check && !is_nfc(&text) {
        changes.nfc += 1;
        text = Cow::Owned(text.nfc().collect());
    }

    // 3. Apostrophes and quotes come after NFC: NFC can create look-alikes (U+1FEF GREEK
    //    VARIA becomes a backtick) and compose a letter next to one (`e` + U+0301). The
    //    replacements are starters that never compose, so the text stays NFC.
    // 4. Space collapsing and trimming come last; removing a space next to a starter or a
    //    mark cannot undo NFC, and never turns a non-letter neighbour into a letter.
    if let Some(fixed) = fix_quotes_and_spaces(&text, opts, changes) {
        text = Cow::Owned(fixed);
    }

    // NFC "maybe" sends some clean lines here; they still come back borrowed.
    if text == line {
        Cow::Borrowed(line)
    } else {
        text
    }
}

/// Text built from a source string by a few edits: the source is copied in pieces, and only
/// once the first edit comes, so a text without edits costs no allocation.
struct Edits<'a> {
    source: &'a str,
    out: Option<String>,
    /// How much of `source` is in `out` (or would be, had there been an edit).
    copied: usize,
}

impl<'a> Edits<'a> {
    fn new(source: &'a str) -> Self {
        Edits {
            source,
            out: None,
            copied: 0,
        }
    }

    /// Replaces `source[start..end]` (at or after everything replaced so far) with `with`.
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        let source = self.source;
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(source.len()));
        out.push_str(&source[self.copied..start]);
        out.push_str(with);
        self.copied = end;
    }

    /// The edited text, or None when nothing was edited.
    fn finish(self) -> Option<String> {
        let mut out = self.out?;
        out.push_str(&self.source[self.copied..]);
        Some(out)
    }
}

/// Step 1 of [`normalize_line`]: controls and zero-width characters removed, odd spaces
/// mapped to ' ', C1 controls read as windows-1252. Returns the new text (None when nothing
/// changed) and whether it holds a character that may make it non-NFC
/// ([`may_affect_nfc`]): without one, it is NFC and step 2 has nothing to do.
fn remove_and_map(line: &str, changes: &mut NormalizeChanges) -> (Option<String>, bool) {
    let bytes = line.as_bytes();
    let mut edits = Edits::new(line);
    let mut needs_nfc_check = false;
    // Printable ASCII is kept as it is (a backtick too, which `classify` keeps).
    let mut at = plain_ascii_run(bytes);
    while at < bytes.len() {
        let Some(c) = line[at..].chars().next() else {
            break;
        };
        let end = at + c.len_utf8();
        let mut utf8 = [0; 4];
        let with: &str = match classify(c) {
            Class::Keep => {
                needs_nfc_check |= may_affect_nfc(c);
                at = end + plain_ascii_run(&bytes[end..]);
                continue;
            }
            Class::OddSpace => {
                changes.odd_spaces += 1;
                " "
            }
            Class::ZeroWidth => {
                changes.zero_width_removed += 1;
                ""
            }
            Class::Control => {
                changes.control_removed += 1;
                ""
            }
            Class::C1(meant) => {
                changes.c1_as_windows_1252 += 1;
                needs_nfc_check |= may_affect_nfc(meant);
                meant.encode_utf8(&mut utf8)
            }
        };
        edits.replace(at, end, with);
        at = end + plain_ascii_run(&bytes[end..]);
    }
    (edits.finish(), needs_nfc_check)
}

/// Steps 3 and 4 of [`normalize_line`]: apostrophes and quotes, then runs of spaces
/// collapsed and the ends trimmed. Returns None when nothing changed.
///
/// Only these start something the steps act on: the spaces at either end, two spaces in a
/// row, a backtick, and the UTF-8 lead bytes 0xC2 (U+00B4 acute accent) and 0xE2 (U+2032
/// prime, and the curly quotes U+2018..U+201F and U+2033 that [`Quotes::Ascii`] folds).
/// They are found with `memchr` (a lead byte is never a continuation byte, so a match is
/// always the start of a character), and taken in the order they stand; every other byte
/// is copied as it is.
fn fix_quotes_and_spaces(
    text: &str,
    opts: &NormalizeOptions,
    changes: &mut NormalizeChanges,
) -> Option<String> {
    let bytes = text.as_bytes();
    let mut edits = Edits::new(text);
    let leading = bytes.iter().take_while(|&&b| b == b' ').count();
    if leading == bytes.len() {
        // Empty, or one run of spaces that is both ends at once.
        if leading > 0 {
            changes.spaces_collapsed += 1;
            edits.replace(0, leading, "");
        }
        return edits.finish();
    }
    let trailing = bytes.iter().rev().take_while(|&&b| b == b' ').count();
    // The middle starts and ends with a character other than a space.
    let middle_end = bytes.len() - trailing;
    if leading > 0 {
        changes.spaces_collapsed += 1;
        edits.replace(0, leading, "");
    }
    let middle = &bytes[..middle_end];
    let mut quotes = memchr::memchr3_iter(b'`', 0xC2, 0xE2, middle);
    let mut doubles = memchr::memmem::find_iter(middle, b"  ");
    let (mut quote, mut double) = (quotes.next(), doubles.next());
    // Pairs of spaces in the leading run are that run's, already trimmed.
    while double.is_some_and(|d| d < leading) {
        double = doubles.next();
    }
    loop {
        // Whichever comes first: a quote, or a run of two or more spaces.
        if let Some(at) = quote.filter(|&at| double.is_none_or(|d| at < d)) {
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            let end = at + c.len_utf8();
            let prev = text[..at].chars().next_back();
            let next = text[end..].chars().next();
            let fixed = fix_quote(c, prev, next, opts, changes);
            if fixed != c {
                edits.replace(at, end, fixed.encode_utf8(&mut [0; 4]));
            }
            quote = quotes.next();
        } else if let Some(start) = double {
            let end = start + middle[start..].iter().take_while(|&&b| b == b' ').count();
            changes.spaces_collapsed += 1;
            edits.replace(start, end, " ");
            // The rest of this run may hold more pairs of spaces.
            while double.is_some_and(|d| d < end) {
                double = doubles.next();
            }
        } else {
            break;
        }
    }
    if trailing > 0 {
        changes.spaces_collapsed += 1;
        edits.replace(middle_end, bytes.len(), "");
    }
    edits.finish()
}

/// Splits on CRLF, lone CR and LF. Both are ASCII, so byte offsets are char boundaries.
fn split_lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(&text[start..]);
    lines
}

/// Normalizes a whole text: CRLF and lone CR become LF; each line through
/// [`normalize_line`]; lines that are empty after that count as blank; runs of blank lines
/// become exactly one blank line (paragraph break); no leading or trailing blank lines; no
/// trailing newline. Idempotent too.
pub fn normalize_text(
    text: &str,
    opts: &NormalizeOptions,
    changes: &mut NormalizeChanges,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_pending = false;
    for raw in split_lines(text) {
        let line = normalize_line(raw, opts, changes);
        if line.is_empty() {
            blank_pending = true;
            continue;
        }
        // Blank lines before the first text line are dropped, not kept as a break.
        if !out.is_empty() {
            out.push('\n');
            if blank_pending {
                out.push('\n');
            }
        }
        out.push_str(&line);
        blank_pending = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line_with(s: &str, quotes: Quotes) -> (String, NormalizeChanges) {
        let mut ch = NormalizeChanges::default();
        let out = normalize_line(s, &NormalizeOptions { quotes }, &mut ch).into_owned();
        (out, ch)
    }

    fn line(s: &str) -> String {
        line_with(s, Quotes::Keep).0
    }

    fn text(s: &str) -> String {
        normalize_text(
            s,
            &NormalizeOptions::default(),
            &mut NormalizeChanges::default(),
        )
    }

    #[test]
    fn apostrophe_lookalikes_between_letters() {
        let (out, ch) = line_with("Russia´s", Quotes::Keep);
        assert_eq!(out, "Russia’s");
        assert_eq!(ch.apostrophes, 1);
        assert_eq!(line("don`t it′s"), "don’t it’s");
        assert_eq!(line_with("Russia´s", Quotes::Ascii).0, "Russia's");
        // Needs a letter on both sides: an acute accent on its own stays.
        assert_eq!(line("´s and 5′ tall"), "´s and 5′ tall");
    }

    #[test]
    fn backtick_in_code_is_kept() {
        let (out, ch) = line_with("run `ls` now", Quotes::Keep);
        assert_eq!(out, "run `ls` now");
        assert!(ch.is_empty());
    }

    #[test]
    fn odd_spaces_become_plain_and_collapse() {
        let (out, ch) = line_with("Log\u{a0}Out\u{a0}/\u{a0} Change\u{a0})", Quotes::Keep);
        assert_eq!(out, "Log Out / Change )");
        assert_eq!(ch.odd_spaces, 4);
        assert_eq!(ch.spaces_collapsed, 1);
        assert_eq!(line("a\tb\u{2009}c\u{3000}d\u{202f}e"), "a b c d e");
    }

    #[test]
    fn spaces_collapsed_and_trimmed() {
        let (out, ch) = line_with("  a   b c  ", Quotes::Keep);
        assert_eq!(out, "a b c");
        assert_eq!(ch.spaces_collapsed, 3);
        assert_eq!(line(" \t "), "");
    }

    #[test]
    fn pairs_of_spaces_inside_the_leading_run_are_trimmed_once() {
        // Regression: the search for pairs of spaces once started inside the leading run,
        // behind what had already been trimmed.
        let (out, ch) = line_with("\t\t\u{a0}A  b ", Quotes::Keep);
        assert_eq!(out, "A b");
        assert_eq!(ch.spaces_collapsed, 3);
        assert_eq!(ch.odd_spaces, 3);
    }

    #[test]
    fn nfc_composes() {
        let (out, ch) = line_with("e\u{301}", Quotes::Keep);
        assert_eq!(out, "é");
        assert_eq!(ch.nfc, 1);
    }

    #[test]
    fn zero_width_and_soft_hyphen_removed() {
        let (out, ch) = line_with("\u{feff}news\u{200b}pa\u{ad}per\u{2060}", Quotes::Keep);
        assert_eq!(out, "newspaper");
        assert_eq!(ch.zero_width_removed, 4);
        // The mark after a removed zero-width space composes in the same run.
        assert_eq!(line("e\u{200b}\u{301}"), "é");
    }

    #[test]
    fn zwj_and_zwnj_kept() {
        let s = "👩\u{200d}💻 می\u{200c}خواهم";
        assert_eq!(line(s), s);
        assert!(is_clean(s, &NormalizeOptions::default()));
    }

    #[test]
    fn controls_removed_tab_kept_as_space() {
        let (out, ch) = line_with("a\u{0}b\u{7f}c\u{81}d\u{1b}e\tf", Quotes::Keep);
        assert_eq!(out, "abcde f");
        assert_eq!(ch.control_removed, 4);
        assert_eq!(ch.odd_spaces, 1);
    }

    #[test]
    fn c1_controls_are_read_as_windows_1252() {
        let (out, ch) = line_with(
            "He waited\u{85} \u{93}Nothing\u{94} \u{96} it\u{92}s over",
            Quotes::Keep,
        );
        assert_eq!(out, "He waited… “Nothing” – it’s over");
        assert_eq!(ch.c1_as_windows_1252, 5);
    }

    #[test]
    fn modifier_letter_apostrophes_are_letters_not_lookalikes() {
        assert_eq!(line("мʼята"), "мʼята");
        assert_eq!(line("Hawaiʻi"), "Hawaiʻi");
    }

    #[test]
    fn quotes_keep_and_ascii() {
        let s = "“Hi,” she said. ‘No’ „ja“ 5′ 3″";
        assert_eq!(line(s), s);
        let (out, ch) = line_with(s, Quotes::Ascii);
        assert_eq!(out, "\"Hi,\" she said. 'No' \"ja\" 5' 3\"");
        assert_eq!(ch.quotes_folded, 8);
        // Dashes and ellipses are not touched.
        assert_eq!(line_with("a – b — c…", Quotes::Ascii).0, "a – b — c…");
    }

    #[test]
    fn fast_path_borrows() {
        let opts = NormalizeOptions::default();
        let mut ch = NormalizeChanges::default();
        for s in ["Plain text.", "Zürich – naïve", "", "run `ls` now"] {
            assert!(is_clean(s, &opts), "{s:?} should take the fast path");
            assert!(matches!(
                normalize_line(s, &opts, &mut ch),
                Cow::Borrowed(_)
            ));
        }
        assert!(ch.is_empty());
        assert!(!is_clean(
            "“Hi”",
            &NormalizeOptions {
                quotes: Quotes::Ascii
            }
        ));
    }

    #[test]
    fn line_endings_and_blank_lines() {
        assert_eq!(text("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(text("a\n\n\n\n\n\nb"), "a\n\nb");
        assert_eq!(text("\n \n\u{a0}\r\na\n\t\n\r\n\n"), "a");
        assert_eq!(text("a\r\n\r\n\r\nb\n"), "a\n\nb");
        assert_eq!(text(""), "");
    }

    #[test]
    fn changes_add_and_is_empty() {
        let mut total = NormalizeChanges::default();
        assert!(total.is_empty());
        let one = NormalizeChanges {
            nfc: 1,
            apostrophes: 2,
            ..Default::default()
        };
        total.add(&one);
        total.add(&one);
        assert_eq!((total.nfc, total.apostrophes, total.odd_spaces), (2, 4, 0));
        assert!(!total.is_empty());
    }

    /// Arbitrary characters mixed with the ones the rules act on, and combining marks.
    fn tricky_string() -> impl Strategy<Value = String> {
        let special = vec![
            ' ', ' ', 'a', 'e', 's', 'é', '\t', '\n', '\r', '\u{0}', '\u{7f}', '\u{85}', '\u{92}',
            '\u{81}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{200a}', '\u{202f}',
            '\u{3000}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{180e}',
            '\u{ad}', '\u{b4}', '`', '\u{2032}', '\u{2033}', '\u{2b9}', '\u{2bc}', '\u{2018}',
            '\u{2019}', '\u{201c}', '\u{201e}', '\u{1fef}', '\u{1ffd}', '\u{374}', '\u{1100}',
            '\u{1161}', '\u{11a8}',
        ];
        proptest::collection::vec(
            prop_oneof![
                any::<char>(),
                proptest::sample::select(special),
                proptest::char::range('\u{300}', '\u{36f}'),
            ],
            0..40,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn any_quotes() -> impl Strategy<Value = Quotes> {
        prop_oneof![Just(Quotes::Keep), Just(Quotes::Ascii)]
    }

    /// The steps of [`normalize_line`] done the plain way, one character at a time with no
    /// fast path and no skipping: what the fast paths must agree with.
    fn reference_line(
        line: &str,
        opts: &NormalizeOptions,
        changes: &mut NormalizeChanges,
    ) -> String {
        let mut cleaned = String::new();
        for c in line.chars() {
            match classify(c) {
                Class::Keep => cleaned.push(c),
                Class::OddSpace => {
                    changes.odd_spaces += 1;
                    cleaned.push(' ');
                }
                Class::ZeroWidth => changes.zero_width_removed += 1,
                Class::Control => changes.control_removed += 1,
                Class::C1(meant) => {
                    changes.c1_as_windows_1252 += 1;
                    cleaned.push(meant);
                }
            }
        }
        let composed = if is_nfc(&cleaned) {
            cleaned
        } else {
            changes.nfc += 1;
            cleaned.nfc().collect()
        };
        let chars: Vec<char> = composed.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == ' ' {
                let start = i;
                while i < chars.len() && chars[i] == ' ' {
                    i += 1;
                }
                let at_edge = start == 0 || i == chars.len();
                if at_edge || i - start > 1 {
                    changes.spaces_collapsed += 1;
                }
                if !at_edge {
                    out.push(' ');
                }
                continue;
            }
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            out.push(fix_quote(chars[i], prev, next, opts, changes));
            i += 1;
        }
        out
    }

    /// Long lines of mostly plain ASCII (so that the 16-byte chunks are exercised) with the
    /// tricky characters sprinkled in.
    fn long_mostly_ascii() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                8 => "[a-zA-Z0-9 ,.]{0,40}",
                1 => tricky_string(),
            ],
            0..8,
        )
        .prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn plain_ascii_runs_end_at_the_first_other_byte(
            bytes in proptest::collection::vec(
                prop_oneof![0x20u8..0x7f, any::<u8>(), Just(b'`'), Just(0x7f), Just(0x1f)],
                0..40,
            )
        ) {
            let expected = bytes.iter().position(|&b| !is_plain_ascii(b)).unwrap_or(bytes.len());
            prop_assert_eq!(plain_ascii_run(&bytes), expected);
        }

        #[test]
        fn fast_paths_agree_with_the_plain_steps(
            s in prop_oneof![tricky_string(), long_mostly_ascii()],
            quotes in any_quotes(),
        ) {
            let opts = NormalizeOptions { quotes };
            let mut fast = NormalizeChanges::default();
            let out = normalize_line(&s, &opts, &mut fast);
            let mut plain = NormalizeChanges::default();
            let expected = reference_line(&s, &opts, &mut plain);
            prop_assert_eq!(out.as_ref(), expected.as_str());
            prop_assert_eq!(&fast, &plain);
            prop_assert_eq!(matches!(out, Cow::Borrowed(_)), expected == s);
            if is_clean(&s, &opts) {
                prop_assert_eq!(&expected, &s);
                prop_assert!(plain.is_empty());
            }
        }

        #[test]
        fn line_is_idempotent_and_clean(s in tricky_string(), quotes in any_quotes()) {
            let opts = NormalizeOptions { quotes };
            let once = normalize_line(&s, &opts, &mut NormalizeChanges::default()).into_owned();
            let mut again = NormalizeChanges::default();
            let twice = normalize_line(&once, &opts, &mut again);
            prop_assert_eq!(&twice, &once);
            prop_assert!(matches!(twice, Cow::Borrowed(_)));
            prop_assert!(again.is_empty(), "second run changed {:?}", again);
            prop_assert!(!once.chars().any(|c| c.is_control()));
            prop_assert!(!once.contains("  "));
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' '));
            prop_assert!(is_nfc(&once));
        }

        #[test]
        fn text_is_idempotent(s in tricky_string(), quotes in any_quotes()) {
            let opts = NormalizeOptions { quotes };
            let once = normalize_text(&s, &opts, &mut NormalizeChanges::default());
            let mut again = NormalizeChanges::default();
            prop_assert_eq!(normalize_text(&once, &opts, &mut again), once.clone());
            prop_assert!(again.is_empty());
            prop_assert!(!once.contains("\n\n\n") && !once.contains('\r'));
            prop_assert!(!once.starts_with('\n') && !once.ends_with('\n'));
        }
    }
}
