//! Property tests of the repair stage: it never panics, repairing twice changes nothing
//! the first repair did not (idempotence), and correct text comes back byte for byte.
//!
//! "Correct text" is generated as people write it: words of one script each (Latin with
//! its accents, Cyrillic, Greek, Hebrew, Arabic, Thai, Devanagari, CJK, Hangul, emoji),
//! lower case inside a word and at most a capital at its start (and `œ` before a letter,
//! as in `cœur`), separated by spaces and
//! the punctuation and quotes of many languages (`“ ” ‘ ’ « » „ – — …`), with digits. The
//! capitals leave out `Ã Â Î Ð`: a word starting with them is the typical mojibake
//! signature (`Ãœ`), not something a language writes. Damaged text is made the way it
//! happens: such text encoded in UTF-8 and decoded in a code page, once or twice, with
//! references, C1 controls, escapes and stray bytes mixed in.

use std::borrow::Cow;

use proptest::prelude::*;

use presswash::stages::decode::decode;
use presswash::stages::repair::{repair_text, RepairOptions, Repairs};

fn repair(text: &str) -> Cow<'_, str> {
    repair_text(text, &RepairOptions::default(), &mut Repairs::new())
}

/// Lower-case letters of each script, and the capitals a word may start with.
const SCRIPTS: &[(&str, &str)] = &[
    (
        "abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßąćęłńśźżčďěňřšťůžőűğışœ",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZÉÈÖÜÄÅÆØÇŁŚŻČŠŽŘİ",
    ),
    (
        "абвгдежзийклмнопрстуфхцчшщъыьэюяёєіїўђјљњћџ",
        "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯЁЄІЇЂЈЉЊЋЏ",
    ),
    (
        "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋς",
        "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏ",
    ),
    ("אבגדהוזחטיכלמנסעפצקרשת", ""),
    ("ابتثجحخدذرزسشصضطظعغفقكلمنهوي", ""),
    ("กขคงจฉชซญดตถทนบปผพฟมยรลวสหอะาิีึืุูเแโใไ", ""),
    ("कखगघचछजझटठडढणतथदधनपफबभमयरलवशषसहािीुूेैोौ", ""),
    (
        "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年",
        "",
    ),
    ("한국어가나다라마바사아자차카타파하는을를이에서의", ""),
    ("😀🎉👍🌍", ""),
];

fn word() -> impl Strategy<Value = String> {
    (0..SCRIPTS.len(), any::<bool>(), 1usize..9, any::<u64>()).prop_map(
        |(script, capital, len, seed)| {
            let (lower, upper) = SCRIPTS[script];
            let lower: Vec<char> = lower.chars().collect();
            let upper: Vec<char> = upper.chars().collect();
            let mut state = seed | 1;
            let mut pick = |n: usize| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state % n as u64) as usize
            };
            let mut word = String::new();
            if capital && !upper.is_empty() {
                word.push(upper[pick(upper.len())]);
            }
            while word.chars().count() < len {
                // `œ` stands before a letter of the Latin alphabet (`cœur`, `œuvre`).
                let letter = match word.chars().last() {
                    Some('œ') => char::from(b'a' + pick(26) as u8),
                    _ => lower[pick(lower.len())],
                };
                word.push(letter);
            }
            if word.ends_with('œ') {
                word.push('u');
            }
            word
        },
    )
}

/// A word as it stands in a sentence: bare, quoted, or with punctuation after it.
fn token() -> impl Strategy<Value = String> {
    let wraps = prop_oneof![
        Just(("", " ")),
        Just(("", ", ")),
        Just(("", ". ")),
        Just(("", "… ")),
        Just(("", " – ")),
        Just(("", " — ")),
        Just(("“", "” ")),
        Just(("‘", "’ ")),
        Just(("«", "» ")),
        Just(("„", "“ ")),
        Just(("(", ") ")),
        Just(("", "’s ")),
    ];
    prop_oneof![
        8 => (word(), wraps).prop_map(|(w, (open, close))| format!("{open}{w}{close}")),
        1 => (0u32..100_000).prop_map(|n| format!("{n} ")),
    ]
}

/// Lines of correct text.
fn clean_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::collection::vec(token(), 1..24).prop_map(|t| t.concat()),
        1..6,
    )
    .prop_map(|lines| lines.join("\n"))
}

/// UTF-8 read in a code page, as it happens.
fn garble(text: &str, page: &'static encoding_rs::Encoding) -> String {
    page.decode_without_bom_handling(text.as_bytes())
        .0
        .into_owned()
}

/// Characters that mojibake, references and stray bytes are made of.
const DAMAGE_ALPHABET: &str = "ÃÂÐÎâ€™œ©®¢£¤¥¬�‚„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜šžŸ¡¿°±²³µ¶·¹º»¼½¾ðñÑßВГРСвЂў╨┐√∂ƒ \u{80}\u{85}\u{92}\u{9D}\u{A0}\u{FEFF}\u{1B}[m?&;#x1aé ";

fn damaged_text() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = DAMAGE_ALPHABET.chars().collect();
    let piece = prop_oneof![
        clean_text(),
        clean_text().prop_map(|t| garble(&t, encoding_rs::WINDOWS_1252)),
        clean_text().prop_map(|t| garble(&t, encoding_rs::WINDOWS_1251)),
        clean_text().prop_map(|t| garble(&t, encoding_rs::WINDOWS_1250)),
        clean_text().prop_map(|t| garble(&t, encoding_rs::MACINTOSH)),
        clean_text().prop_map(|t| t.bytes().map(char::from).collect()),
        clean_text().prop_map(|t| garble(
            &garble(&t, encoding_rs::WINDOWS_1252),
            encoding_rs::WINDOWS_1252
        )),
        clean_text().prop_map(|t| t.replace('’', "&amp;#8217;").replace(' ', "&nbsp;")),
        proptest::collection::vec(proptest::sample::select(alphabet), 0..40)
            .prop_map(|chars| chars.into_iter().collect()),
        any::<String>(),
    ];
    proptest::collection::vec(piece, 1..5).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn correct_text_comes_back_byte_for_byte(text in clean_text()) {
        let repaired = repair(&text);
        prop_assert!(matches!(repaired, Cow::Borrowed(_)), "changed: {text:?} -> {repaired:?}");
    }

    #[test]
    fn repair_is_idempotent(text in damaged_text()) {
        let once = repair(&text).into_owned();
        let twice = repair(&once);
        prop_assert_eq!(twice.as_ref(), once.as_str(), "input: {:?}", text);
    }

    #[test]
    fn garbled_correct_text_is_restored(text in clean_text()) {
        // UTF-8 read as windows-1252 is the commonest damage of all. A lone letter may
        // leave no signature (`×¢` for `ע` is also `5×£35`), so each line needs a few
        // characters beyond ASCII.
        let garbled = garble(&text, encoding_rs::WINDOWS_1252);
        let restorable = text.lines().all(|l| l.chars().filter(|c| !c.is_ascii()).count() >= 6);
        prop_assume!(restorable);
        let repaired = repair(&garbled);
        prop_assert_eq!(repaired.as_ref(), text.as_str());
    }

    #[test]
    fn any_bytes_decode_and_repair_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok((text, _)) = decode(&bytes) {
            let _ = repair(&text);
        }
        let _ = repair(&String::from_utf8_lossy(&bytes));
    }
}
