//! Whether text looks like mojibake: short sequences of characters that real writing in
//! any language almost never puts side by side, but that UTF-8 read in a single-byte code
//! page produces all the time (`Ã©`, `â€™`, `Ð¿Ñ€`, `вЂ™`, `ÄŒ`).
//!
//! Each character gets a set of classes (an accented capital, a currency sign, a symbol
//! that is nearly only seen in mojibake, a box-drawing piece, ...), and a list of
//! [`PATTERNS`] says which runs of classes are suspicious, each with the mojibake it
//! catches. The classes and sequences follow the observations behind ftfy's "badness"
//! heuristic (Apache-2.0, Robyn Speer), written anew here as class masks.
//!
//! Suspicion alone changes nothing: `mojibake` repairs text only when it is suspicious
//! *and* re-encoding it gives valid UTF-8. So a pattern may be generous, but it must not
//! fire on correct text where a re-encoding would also happen to be valid, which is why
//! each one needs several odd characters together. Clean text is the common case: a line
//! is scanned once, and the patterns are tried only around characters that can start
//! mojibake.

use std::sync::OnceLock;

use crate::stages::ascii_run;

/// A C1 control character, U+0080 to U+009F: in text, always a decoding mistake.
const C1: u32 = 1 << 0;
/// Symbols that are next to never written on purpose: `¦ ¤ ¨ ¬ ¯ ¸ ƒ ˆ ˇ ˘ ˛ ˜ † ‡ ‰ ◊ �`.
const BAD: u32 = 1 << 1;
/// `¶ §`.
const LAW: u32 = 1 << 2;
/// `¢ £ ¥ ₧ €`.
const CURRENCY: u32 = 1 << 3;
/// Punctuation that opens: `¡ ¿ « “ ‘ „ ‚ © •`, ...
const OPEN: u32 = 1 << 4;
/// Punctuation that closes: `» ” › ® ™ ˝`.
const CLOSE: u32 = 1 << 5;
/// Numeric and mathematical signs: `² ³ ¹ ± ¼ ½ ¾ × ÷ µ √ ∞ ≤ ≥ №`, ...
const NUMERIC: u32 = 1 << 6;
/// Letters and signs that emoticons (kaomoji) are drawn with: `Ò Ö Ù Ü ò ö ø ü °`, ...
const KAOMOJI: u32 = 1 << 7;
/// Accented Latin capitals found in the single-byte pages (`Ã Â Ä Å Ð Ø Č Ş Ž`, ...).
const UPPER_ACCENTED: u32 = 1 << 8;
/// Accented Latin small letters found in the single-byte pages (`à é ñ ß ă č ł ž`, ...).
const LOWER_ACCENTED: u32 = 1 << 9;
/// Greek and Cyrillic capitals (and `Þ`).
const UPPER_GREEK_CYRILLIC: u32 = 1 << 10;
/// Greek and Cyrillic small letters.
const LOWER_GREEK_CYRILLIC: u32 = 1 << 11;
/// Box-drawing and block pieces of code page 437.
const BOX: u32 = 1 << 12;
/// Characters common in many contexts: no-break space, soft hyphen, `· ´ – — ― … ’`.
const COMMON: u32 = 1 << 13;
/// A character some [`PATTERNS`] name one by one, and the only sign of mojibake they start
/// from (`Ђ` of `вЂ`, `В` of `LogВ\u{A0}Out`, `Γ` of windows-1253 mojibake).
const NAMED: u32 = 1 << 14;
/// `a` to `z`.
const ASCII_LOWER: u32 = 1 << 15;
/// `A` to `Z`.
const ASCII_UPPER: u32 = 1 << 16;
/// White space (including the no-break space).
const SPACE: u32 = 1 << 17;
/// `.` `,` `?` `!`.
const SENTENCE_PUNCT: u32 = 1 << 18;
/// A letter, digit or `_` in any script.
const WORD: u32 = 1 << 19;
/// Before the first character of the text.
const START: u32 = 1 << 20;

const ASCII_LETTER: u32 = ASCII_LOWER | ASCII_UPPER;
/// Accented letters and the symbols found with them in mojibake.
const SYMBOLISH: u32 =
    LOWER_ACCENTED | UPPER_ACCENTED | BOX | OPEN | CLOSE | CURRENCY | NUMERIC | LAW;
/// The classes one of which every pattern needs: a line without any is not suspicious.
/// Quotation marks are not among them: on their own they are just typography, so the
/// curly quotes of clean English never cost more than one look.
const EVIDENCE: u32 = (C1 | BAD | SYMBOLISH | KAOMOJI | NAMED) & !(OPEN | CLOSE);

/// The members of each class, as written (ranges spelled out by their ends).
const CLASS_MEMBERS: &[(u32, &str)] = &[
    (BAD, "¦¤¨¬¯¸ƒˆˇ˘˛˜†‡‰⌐◊\u{FFFD}ªº"),
    (LAW, "¶§"),
    (CURRENCY, "¢£¥₧€"),
    (OPEN, "¡«¿©΄΅‘‚“„•‹\u{F8FF}"),
    (CLOSE, "®»˝”›™"),
    (NUMERIC, "²³¹±¼½¾×µ÷⁄∂∆∏∑√∞∩∫≈≠≡≤≥№"),
    (KAOMOJI, "ÒÓÔÕÖÙÚÛÜòóôõöøùúûüŐŌŪŲ°"),
    (
        UPPER_ACCENTED,
        "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑØÜÝĂĀĄĆČĎĐĘĚĒĖĞĢİĪĶĹĽŁĻŃŇŅŒŘŚŞŠŢŤŮŰŸŹŻŽҐ",
    ),
    (
        LOWER_ACCENTED,
        "ßàáâãäåæçèéêëìíîïðñăąāćčďđęěēėğģįīıķĺľłļńňņœŕřśşšţťůűÿźżžґﬁﬂ",
    ),
    (
        UPPER_GREEK_CYRILLIC,
        "ÞΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    ),
    (
        LOWER_GREEK_CYRILLIC,
        "αβγδεζηθικλμνξοπρςστυφχψωάέήίόύώΐΰϊϋабвгдежзийклмнопрстуфхцчшщъыьэюяѐёђѓєѕіїјљњћќѝўџ",
    ),
    (BOX, "│┌┐┘├┤┬┼═║╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬▀▄█▌▐░▒▓"),
    (COMMON, "\u{A0}\u{AD}·´–—―…’"),
    (NAMED, "ЂВГРСΒΓΞΟ"),
];

/// windows-1252's characters for the continuation bytes 0x80 to 0xBF, but for those that
/// follow a capital in correct text too (`NÃO…`, `Ã’s`) and `¥` (`Ã¥` may as well be Mac OS
/// Roman or Latin-1, so it is not evidence enough).
const WINDOWS_1252_CONTINUATIONS: &str =
    "€\u{81}‚ƒ„†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘“”•–—˜™š›œ\u{9D}žŸ\u{A0}¡¢£¤¦§¨©ª«¬\u{AD}®¯°±²³´µ¶·¸¹º»¼½¾¿";

/// Mac OS Roman's characters for the continuation bytes 0x80 to 0xBF, but for `π` and `∞`,
/// which follow a square root in mathematics (`√π`).
const MAC_ROMAN_CONTINUATIONS: &str =
    "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ±≤≥¥µ∂∑∏∫ªºΩæø";

/// One position of a pattern: the characters that may stand there.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// Any character of these classes.
    Class(u32),
    /// One of these characters.
    Chars(&'static str),
    /// Any character of these classes, or one of these characters.
    Either(u32, &'static str),
    /// Any character of none of these classes (a following character must exist).
    Not(u32),
    /// Any character.
    Any,
}

use Slot::{Any, Chars, Class, Either, Not};

/// The suspicious sequences, each with the mojibake it catches.
const PATTERNS: &[(&str, &[Slot])] = &[
    ("C1 controls are never meant", &[Class(C1)]),
    ("a near-mojibake-only symbol after an accented letter or symbol", &[Class(BAD | SYMBOLISH), Class(BAD)]),
    ("a Greek or Cyrillic letter inside a Latin word, then a mojibake symbol (`iп¬Ѓ`)", &[Class(ASCII_LETTER), Class(LOWER_GREEK_CYRILLIC | UPPER_GREEK_CYRILLIC), Class(BAD)]),
    ("a near-mojibake-only symbol before an accented letter or symbol", &[Class(BAD), Class(SYMBOLISH)]),
    ("an accented capital after a small letter or a symbol (`rÃ©`)", &[Class(LOWER_ACCENTED | LOWER_GREEK_CYRILLIC | BOX | CLOSE | CURRENCY | NUMERIC), Class(UPPER_ACCENTED)]),
    ("an accented small letter after a symbol", &[Class(BOX | CLOSE | CURRENCY | NUMERIC), Class(LOWER_ACCENTED)]),
    ("a currency sign after an accented small letter", &[Class(LOWER_ACCENTED | BOX | CLOSE), Class(CURRENCY)]),
    ("a word starting with an accented capital and a currency sign", &[Class(SPACE), Class(UPPER_ACCENTED), Class(CURRENCY)]),
    ("a numeric sign after an accented capital (`Ä±`, `Å³`)", &[Class(UPPER_ACCENTED | BOX), Class(NUMERIC | LAW)]),
    ("opening punctuation between a letter and a numeric sign", &[Class(LOWER_ACCENTED | UPPER_ACCENTED | BOX | CURRENCY | CLOSE), Class(OPEN), Class(NUMERIC)]),
    ("closing then opening punctuation after a letter or symbol", &[Class(LOWER_ACCENTED | UPPER_ACCENTED | CURRENCY | NUMERIC | BOX | LAW), Class(CLOSE), Class(OPEN)]),
    ("opening punctuation after a symbol", &[Class(CURRENCY | NUMERIC | BOX), Class(OPEN)]),
    ("an accented capital inside a lower-case word, then a symbol", &[Class(ASCII_LOWER), Class(UPPER_ACCENTED), Class(OPEN | CURRENCY)]),
    ("a box piece before a letter emoticons use", &[Class(BOX), Class(KAOMOJI)]),
    ("a box piece after a letter or symbol", &[Class(LOWER_ACCENTED | UPPER_ACCENTED | CURRENCY | NUMERIC | OPEN | CLOSE | LAW), Class(BOX)]),
    ("closing punctuation after a box piece", &[Class(BOX), Class(CLOSE)]),
    ("quotation marks inside a word (`Ã©tÃ©`)", &[Class(LOWER_ACCENTED | UPPER_ACCENTED), Class(OPEN | CLOSE), Class(WORD)]),
    ("`œ` that does not start a Latin word's next letter (`Å“`)", &[Chars("Œœ"), Not(ASCII_LETTER)]),
    ("a degree sign after an accented capital", &[Class(UPPER_ACCENTED), Chars("°")]),
    ("the commonest windows-1252 pairs (`Ã©`, `Â£`, `Ã—`, `Ãœ`): a lead byte's letter, then a continuation byte's symbol", &[Chars("ÂÃÎÐ"), Chars(WINDOWS_1252_CONTINUATIONS)]),
    ("a multiplication sign before a superscript", &[Chars("×"), Chars("²³")]),
    ("windows-1252 mojibake of Arabic, two letters running (`Ø±Ø³`)", &[Chars("ØÙ"), Either(COMMON | CURRENCY | BAD | NUMERIC | OPEN, "ŸŠ®°µ»"), Chars("ØÙ"), Either(COMMON | CURRENCY | BAD | NUMERIC | OPEN, "ŸŠ®°µ»")]),
    ("windows-1252 mojibake of South Asian scripts (`à¤`)", &[Chars("à"), Chars("²µ¹¼½¾")]),
    ("Mac OS Roman mojibake (`√©`, `√ü`): the square root sign is 0xC3, the lead byte of `é`", &[Chars("√"), Chars(MAC_ROMAN_CONTINUATIONS)]),
    ("Mac OS Roman mojibake (`≈°`)", &[Chars("≈"), Chars("°¢")]),
    ("Mac OS Roman mojibake of mojibake (`‚Äô`)", &[Chars("‚"), Chars("Ä"), Chars("ìîïòôúùû†°¢π")]),
    ("Mac OS Roman mojibake of mojibake (`‚àö`)", &[Chars("‚"), Chars("âó"), Chars("àä°ê")]),
    ("windows-1251 mojibake of punctuation (`вЂ™`)", &[Chars("в"), Chars("Ђ")]),
    ("windows-1251 mojibake of Cyrillic and Latin-1 (`РїСЂ`)", &[Chars("ВГРС"), Either(C1 | BAD | OPEN | CLOSE | CURRENCY, "°µ"), Chars("ВГРС")]),
    ("windows-1251 mojibake of Latin-1 inside a Latin word (`LogВ\u{A0}Out`, `RussiaВґs`)", &[Class(ASCII_LETTER), Chars("ВГРС"), Either(C1 | BAD | OPEN | CLOSE | CURRENCY, "\u{A0}°µґ")]),
    ("windows-1251 mojibake of Latin-1 starting a word (`В© 2017`); not a no-break space, which follows the Russian `В` by design", &[Class(SPACE | START), Chars("ВГРС"), Either(C1 | BAD | OPEN | CLOSE | CURRENCY, "°µ")]),
    ("windows-1251 mojibake of Latin-1 mojibake of punctuation (`ГўВЂВ™s`)", &[Chars("Г"), Chars("ў"), Chars("В"), Chars("Ђ"), Chars("В"), Any, Either(ASCII_LETTER, " ")]),
    ("`à` or a no-break space read in windows-1252 (`Ã\u{A0}`, `Ã¡`)", &[Chars("Ã"), Chars("\u{A0}¡")]),
    ("`à` read in windows-1252, its no-break space turned into a space", &[Class(ASCII_LOWER), Chars("ÃÂ"), Chars(" ")]),
    ("`à` read in windows-1252, its no-break space turned into a space", &[Class(ASCII_LOWER), Class(SPACE), Chars("ÃÂ"), Chars(" ")]),
    ("`à` read in windows-1252 at the start of the text", &[Class(START), Chars("ÃÂ"), Chars(" ")]),
    ("`Â` before the character it was the first byte of", &[Class(ASCII_LOWER | SENTENCE_PUNCT | CLOSE), Chars("Â"), Either(COMMON | CLOSE, " ")]),
    ("windows-1253 mojibake of punctuation (`β€™`)", &[Chars("β"), Chars("€"), Chars("™\u{A0}Ά\u{AD}®°")]),
    ("windows-1253 mojibake of Greek and Latin-1", &[Chars("ΒΓΞΟ"), Either(C1 | BAD | OPEN | CLOSE | CURRENCY, "°"), Chars("ΒΓΞΟ")]),
    ("windows-1257 mojibake of punctuation (`ā€`)", &[Chars("ā"), Chars("€")]),
];

/// Whether `text` holds a character that mojibake could be built around. Text without one
/// is not suspicious, and this is much cheaper to know than [`looks_like_mojibake`].
pub fn has_evidence(text: &str) -> bool {
    let classes = classes();
    let bytes = text.as_bytes();
    // No ASCII character is evidence, and most text is ASCII: skip runs of it, and read a
    // character only where a byte beyond ASCII starts one.
    let mut at = ascii_run(bytes);
    while let Some(c) = text[at..].chars().next() {
        if classes.of(c) & EVIDENCE != 0 {
            return true;
        }
        at += c.len_utf8();
        at += ascii_run(&bytes[at..]);
    }
    false
}

/// Whether `text` holds any suspicious sequence.
pub fn looks_like_mojibake(text: &str) -> bool {
    if !has_evidence(text) {
        return false;
    }
    let classes = classes();
    let items: Vec<(char, u32)> = std::iter::once(('\0', START))
        .chain(text.chars().map(|c| (c, classes.of(c))))
        .collect();
    let anchors = anchors();
    items.iter().enumerate().any(|(at, &item)| {
        if item.1 & EVIDENCE == 0 {
            return false;
        }
        let mut candidates = anchors.admitting(item);
        while candidates != 0 {
            let (anchor, slots) = anchors.patterns[candidates.trailing_zeros() as usize];
            candidates &= candidates - 1;
            if at >= anchor && matches_at(&items, at - anchor, slots) {
                return true;
            }
        }
        false
    })
}

/// Whether `slots` match `items` from `start` on.
fn matches_at(items: &[(char, u32)], start: usize, slots: &[Slot]) -> bool {
    items.len() >= start + slots.len()
        && slots
            .iter()
            .zip(&items[start..])
            .all(|(slot, &item)| slot.admits(item))
}

impl Slot {
    fn admits(self, (c, class): (char, u32)) -> bool {
        match self {
            Class(mask) => class & mask != 0,
            Chars(set) => set.contains(c),
            Either(mask, set) => class & mask != 0 || set.contains(c),
            Not(mask) => class & (mask | START) == 0,
            Any => class & START == 0,
        }
    }

    /// Whether every character this slot admits is evidence of mojibake, so that a match
    /// can be looked for only around such characters.
    fn needs_evidence(self, classes: &Classes) -> bool {
        let all_evidence = |set: &str| set.chars().all(|c| classes.of(c) & EVIDENCE != 0);
        match self {
            Class(mask) => mask & !EVIDENCE == 0,
            Chars(set) => all_evidence(set),
            Either(mask, set) => mask & !EVIDENCE == 0 && all_evidence(set),
            Not(_) | Any => false,
        }
    }
}

/// Each pattern with the position of its first slot that needs evidence (its anchor:
/// every pattern has one, a test checks it), and for each character below [`TABLE_END`]
/// the patterns whose anchor admits it, so that a character is only tried against the
/// few patterns it can anchor.
struct Anchors {
    patterns: Vec<(usize, &'static [Slot])>,
    /// Bit `i` set: pattern `i` may be anchored on the character.
    by_char: Vec<u64>,
}

impl Anchors {
    /// The patterns (as bits) whose anchor admits `item`.
    fn admitting(&self, item: (char, u32)) -> u64 {
        match self.by_char.get(item.0 as usize) {
            Some(&bits) => bits,
            None => self.bits_for(item),
        }
    }

    fn bits_for(&self, item: (char, u32)) -> u64 {
        self.patterns
            .iter()
            .enumerate()
            .filter(|(_, &(anchor, slots))| slots[anchor].admits(item))
            .fold(0, |bits, (i, _)| bits | 1 << i)
    }
}

fn anchors() -> &'static Anchors {
    static ANCHORS: OnceLock<Anchors> = OnceLock::new();
    ANCHORS.get_or_init(|| {
        let classes = classes();
        let patterns: Vec<(usize, &'static [Slot])> = PATTERNS
            .iter()
            .filter_map(|&(_, slots)| {
                let anchor = slots.iter().position(|s| s.needs_evidence(classes))?;
                Some((anchor, slots))
            })
            .collect();
        assert!(patterns.len() <= 64, "pattern sets are 64-bit masks");
        let mut anchors = Anchors {
            patterns,
            by_char: Vec::new(),
        };
        anchors.by_char = (0..TABLE_END)
            .map(|code| {
                let c = char::from_u32(code).unwrap_or('\0');
                anchors.bits_for((c, classes.of(c)))
            })
            .collect();
        anchors
    })
}

/// The classes of every character below [`TABLE_END`]; the few classed characters above
/// it are matched one by one.
struct Classes {
    table: Vec<u32>,
}

/// The class table covers U+0000 to U+25FF: Latin, Greek, Cyrillic, punctuation, math
/// and box drawing.
const TABLE_END: u32 = 0x2600;

impl Classes {
    fn of(&self, c: char) -> u32 {
        match self.table.get(c as usize) {
            Some(&class) => class,
            None => match c {
                '\u{F8FF}' => OPEN,
                'ﬁ' | 'ﬂ' => LOWER_ACCENTED | WORD,
                '\u{FFFD}' => BAD,
                _ if c.is_alphanumeric() => WORD,
                _ if c.is_whitespace() => SPACE,
                _ => 0,
            },
        }
    }
}

fn classes() -> &'static Classes {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let mut table = vec![0u32; TABLE_END as usize];
        for (i, slot) in table.iter_mut().enumerate() {
            let c = char::from_u32(i as u32).unwrap_or('\0');
            *slot = match c {
                'a'..='z' => ASCII_LOWER,
                'A'..='Z' => ASCII_UPPER,
                '.' | ',' | '?' | '!' => SENTENCE_PUNCT,
                '\u{80}'..='\u{9F}' => C1,
                _ => 0,
            };
            if c.is_alphanumeric() || c == '_' {
                *slot |= WORD;
            }
            if c.is_whitespace() {
                *slot |= SPACE;
            }
        }
        for &(class, members) in CLASS_MEMBERS {
            for c in members.chars().filter(|&c| (c as u32) < TABLE_END) {
                table[c as usize] |= class;
            }
        }
        Classes { table }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_pattern_has_an_anchor() {
        assert_eq!(anchors().patterns.len(), PATTERNS.len());
    }

    #[test]
    fn common_mojibake_is_suspicious() {
        for text in [
            "cafÃ©",
            "donâ€™t",
            "â€œquotedâ€\u{9D}",
            "Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
            "вЂ™",
            "ÄŒeÅ¡tina",
            "r√©gime",
            "╨┐╤Ç╨░",
            "voilÃ le",
            "parlé\u{85}",
        ] {
            assert!(looks_like_mojibake(text), "{text}");
        }
    }

    #[test]
    fn correct_text_is_not_suspicious() {
        for text in [
            "Café au lait, naïve résumé",
            "“Quoted” – it’s fine…",
            "Привет, мир",
            "Ελληνικά",
            "Čeština, Łódź, Ærøskøbing",
            "日本語のテキスト",
            "5×£35, 10 Å—, 2012—∞, √π",
            "ВІКІ is Ukrainian for WIKI",
            "NESTLÉ® requiere",
            "HÅØYA ER BLÅØYD",
        ] {
            assert!(!looks_like_mojibake(text), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Skipping ASCII runs finds the same evidence as reading every character.
        #[test]
        fn skipping_ascii_finds_the_same_evidence(
            pieces in proptest::collection::vec(
                prop_oneof![
                    "[a-zA-Z0-9 .,]{0,40}",
                    proptest::sample::select(vec!["é", "Ã", "’", "–", "\u{85}", "日本", "Привет", "\u{a0}", "©"])
                        .prop_map(String::from),
                    any::<char>().prop_map(String::from),
                ],
                0..12,
            )
        ) {
            let text = pieces.concat();
            let classes = classes();
            let every_char = text.chars().any(|c| !c.is_ascii() && classes.of(c) & EVIDENCE != 0);
            prop_assert_eq!(has_evidence(&text), every_char);
        }
    }

    #[test]
    fn class_members_are_unique_per_class() {
        for &(class, members) in CLASS_MEMBERS {
            let mut chars: Vec<char> = members.chars().collect();
            let n = chars.len();
            chars.sort_unstable();
            chars.dedup();
            assert_eq!(
                chars.len(),
                n,
                "a character is listed twice in class {class:#x}"
            );
        }
    }
}
