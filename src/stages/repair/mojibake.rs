//! Mojibake: UTF-8 that was decoded in a single-byte code page, once or several times
//! (`cafÃ©`, `Ã¢â‚¬â„¢`, `РїСЂРёРІРµС‚`), undone by encoding the text back in that page
//! and reading the bytes as UTF-8.
//!
//! A line is only re-encoded when it looks like mojibake (`suspicion`), and a re-encoding
//! only counts when the bytes are valid UTF-8: correct text in a page's characters almost
//! never is, so the two tests together keep false positives away. When the whole line
//! does not re-encode (it mixes mojibake with correct characters, `l’Ã©tÃ©`), each run of
//! characters shaped like one UTF-8 sequence is tried on its own.
//!
//! Damage on top of mojibake is undone on the bytes before they are read: a no-break space
//! that became a plain space (`Ã ` for `à`), bytes a decoder lost and replaced with `�` or
//! `?` (the sequence becomes one `�`), and CESU-8 (UTF-16 surrogates encoded one by one,
//! as Java and MySQL's `utf8` write emoji).

use std::sync::OnceLock;

use super::codepage::{CodePage, LOST_BYTE};
use super::suspicion::looks_like_mojibake;

/// More layers than text is ever garbled in (three is the most seen in the wild); the
/// repair stage calls again while anything changes, so this only bounds one call.
const MAX_LAYERS: usize = 8;

/// Repairs the mojibake in `text`, layer by layer: `Some` with the repaired text and the
/// number of repairs, or `None` when there was nothing to repair.
pub fn fix_mojibake(text: &str) -> Option<(String, usize)> {
    let mut fixed: Option<String> = None;
    let mut repairs = 0;
    while repairs < MAX_LAYERS {
        let Some(next) = fix_one_layer(fixed.as_deref().unwrap_or(text)) else {
            break;
        };
        fixed = Some(next);
        repairs += 1;
    }
    fixed.map(|text| (text, repairs))
}

/// One layer: the whole text re-encoded, or else each fragment that can be.
fn fix_one_layer(text: &str) -> Option<String> {
    if text.is_ascii() || !looks_like_mojibake(text) {
        return None;
    }
    redecode(text).or_else(|| fix_fragments(text))
}

/// `text` encoded in the first code page that gives valid UTF-8, read as UTF-8.
fn redecode(text: &str) -> Option<String> {
    CodePage::ALL.iter().find_map(|&page| {
        let mut bytes = page.encode(text)?;
        // Only a page that reads 0xA0 as a no-break space can have lost one to a space.
        if page.high_half()[0x20] == '\u{A0}' {
            bytes = restore_no_break_spaces(bytes);
        }
        let bytes = if page.is_sloppy() {
            mark_lost_sequences(&bytes)
        } else {
            bytes
        };
        decode_utf8(&bytes).filter(|fixed| fixed != text && fixed.chars().all(is_assignable))
    })
}

/// Whether a character could be in real text: not in the planes Unicode leaves empty
/// (4 to 13) and not a noncharacter. Bytes that decode to one were never UTF-8 text.
fn is_assignable(c: char) -> bool {
    let code = u32::from(c);
    !(0x4_0000..=0xD_FFFF).contains(&code)
        && !(0xFDD0..=0xFDEF).contains(&code)
        && code & 0xFFFE != 0xFFFE
}

/// Repairs each run of characters shaped like UTF-8 sequences in a code page (a lead
/// byte's character followed by continuation bytes' characters, once or several times)
/// that is suspicious by itself, for text that mixes mojibake with characters no page can
/// encode (`l’Ã©tÃ©`). A run right after a character that can only be a continuation byte
/// is the tail of a sequence that does not parse, and is left alone.
fn fix_fragments(text: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < chars.len() {
        let after_continuation = i > 0 && role_of(chars[i - 1].1) & STRICT_CONTINUATION != 0;
        let mut end = i;
        while let Some(len) = sequence_at(&chars[end..]) {
            end += len;
        }
        if end == i || after_continuation {
            i += 1;
            continue;
        }
        let run = &text[offset(i)..offset(end)];
        if let Some(fixed) = looks_like_mojibake(run).then(|| redecode(run)).flatten() {
            out.push_str(&text[copied..offset(i)]);
            out.push_str(&fixed);
            copied = offset(end);
        }
        i = end;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// The length in characters of the UTF-8-shaped sequence at the start of `chars`, if one
/// is there. A space may stand for a continuation byte: it may be a no-break space (0xA0)
/// that was turned into a space, which `restore_no_break_spaces` puts back.
fn sequence_at(chars: &[(usize, char)]) -> Option<usize> {
    let (_, first) = *chars.first()?;
    let role = role_of(first);
    let len = if role & LEAD_OF_2 != 0 {
        2
    } else if role & LEAD_OF_3 != 0 {
        3
    } else if role & LEAD_OF_4 != 0 {
        4
    } else {
        return None;
    };
    let continues = |&(_, c): &(usize, char)| c == ' ' || role_of(c) & CONTINUATION != 0;
    (chars.len() >= len && chars[1..len].iter().all(continues)).then_some(len)
}

/// The character could be a UTF-8 lead byte of a 2-byte sequence in some page.
const LEAD_OF_2: u8 = 1;
/// ... of a 3-byte sequence.
const LEAD_OF_3: u8 = 2;
/// ... of a 4-byte sequence.
const LEAD_OF_4: u8 = 4;
/// ... a continuation byte.
const CONTINUATION: u8 = 8;
/// ... a continuation byte, and is not punctuation that correct text puts right before
/// mojibake (`l’Ã©`, `“Ã‰`).
const STRICT_CONTINUATION: u8 = 16;

/// Continuation bytes' characters that are common punctuation in correct text.
const TYPOGRAPHIC: &str = "‘’‚“”„–—…•\u{A0}";

/// What UTF-8 bytes a character may stand for in the Latin-1-like pages (Latin-1, the
/// windows pages, ISO-8859-2). Mac OS Roman and code page 437 are left out here: most of
/// their continuation bytes are ordinary accented letters, so fragments in them would be
/// guesses; whole lines in them are still repaired.
fn role_of(c: char) -> u8 {
    static ROLES: OnceLock<Vec<(char, u8)>> = OnceLock::new();
    let roles = ROLES.get_or_init(|| {
        // A lost byte (`â€�`) stands where a continuation byte was.
        let mut roles: Vec<(char, u8)> = vec![('\u{FFFD}', CONTINUATION)];
        for page in CodePage::ALL {
            if matches!(page, CodePage::MacRoman | CodePage::Cp437) {
                continue;
            }
            for (i, &ch) in page.high_half().iter().enumerate() {
                let role = match 0x80 + i as u8 {
                    0x80..=0xBF if TYPOGRAPHIC.contains(ch) => CONTINUATION,
                    0x80..=0xBF => CONTINUATION | STRICT_CONTINUATION,
                    0xC2..=0xDF => LEAD_OF_2,
                    0xE0..=0xEF => LEAD_OF_3,
                    0xF0..=0xF4 => LEAD_OF_4,
                    _ => 0,
                };
                roles.push((ch, role));
            }
        }
        roles.sort_unstable();
        let mut merged: Vec<(char, u8)> = Vec::with_capacity(roles.len());
        for (ch, role) in roles {
            match merged.last_mut() {
                Some(last) if last.0 == ch => last.1 |= role,
                _ => merged.push((ch, role)),
            }
        }
        merged
    });
    roles
        .binary_search_by_key(&c, |&(ch, _)| ch)
        .map_or(0, |i| roles[i].1)
}

/// A continuation byte that a lost no-break space may stand next to: not 0x85 or 0xA0,
/// which are themselves `…` and a no-break space in windows-1252.
fn plain_continuation(b: u8) -> bool {
    matches!(b, 0x80..=0x84 | 0x86..=0x9F | 0xA1..=0xBF)
}

/// Puts back the byte 0xA0 where a no-break space in the mojibake was turned into a plain
/// space (by an editor, or by collapsing spaces), and UTF-8 needs it: `Ã ` is `à` (0xC3
/// 0xA0), `Â ` a no-break space, `â € ` a braille blank. A lone `Ã` before a space is the
/// word `à` and keeps the space after it, unless the space is the one it lost: before the
/// words Portuguese joins to it (`às`, `àquele`, `àquela`, `àquilo`). Only lead bytes whose
/// 0xA0 continuation is a common character are restored.
fn restore_no_break_spaces(bytes: Vec<u8>) -> Vec<u8> {
    if !bytes.contains(&b' ') || !bytes.iter().any(|&b| b >= 0xC2) {
        return bytes;
    }
    let mut out = Vec::with_capacity(bytes.len() + 4);
    let mut i = 0;
    while i < bytes.len() {
        let at = |k: usize| bytes.get(i + k).copied();
        // `à` as a word of its own: 0xC3 and a space, not followed by a joined word.
        if at(0) == Some(0xC3) && at(1) == Some(b' ') {
            let after = &bytes[i + 2..];
            let joined = [&b" "[..], b"quele", b"quela", b"quilo", b"s "]
                .iter()
                .any(|w| after.starts_with(w));
            if !joined {
                out.extend_from_slice(&[0xC3, 0xA0, b' ']);
                i += 2;
                continue;
            }
        }
        let len = match (at(0), at(1), at(2), at(3)) {
            (Some(0xC2 | 0xC3 | 0xC5 | 0xCE | 0xD0 | 0xD9), Some(b' '), _, _) => 2,
            (Some(0xE2 | 0xE3), Some(b' '), Some(c), _) if plain_continuation(c) => 3,
            (Some(0xE0..=0xE3), Some(c), Some(b' '), _) if plain_continuation(c) => 3,
            (Some(0xF0), Some(a), Some(b), Some(c))
                if [a, b, c].iter().filter(|&&x| x == b' ').count() == 1
                    && [a, b, c]
                        .iter()
                        .all(|&x| x == b' ' || (0x80..=0xBF).contains(&x)) =>
            {
                4
            }
            _ => 1,
        };
        let sequence = &bytes[i..i + len];
        if len == 1 {
            out.push(sequence[0]);
        } else {
            out.extend(sequence.iter().map(|&b| if b == b' ' { 0xA0 } else { b }));
        }
        i += len;
    }
    out
}

/// U+FFFD in UTF-8.
const REPLACEMENT: [u8; 3] = [0xEF, 0xBF, 0xBD];

/// Replaces each UTF-8 sequence with a lost byte in it by one U+FFFD: where a decoder
/// replaced a byte it could not map with `�` (encoded back as [`LOST_BYTE`]) or with `?`.
/// A `?` only counts as lost in a sequence that needs more bytes, and after the leads
/// 0xC2 and 0xC3 (`Ã?` for a lost `à`, `Â?` for a lost no-break space), where a real
/// question mark is unlikely.
fn mark_lost_sequences(bytes: &[u8]) -> Vec<u8> {
    let is_lost = |b: u8| b == LOST_BYTE || b == b'?';
    let lost_or_cont = |b: u8| b == LOST_BYTE || (0x80..=0xBF).contains(&b);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let len = match at(0) {
            0xC2..=0xDF if at(1) == LOST_BYTE || (at(0) <= 0xC3 && at(1) == b'?') => 2,
            0xED if lost_surrogate_pair(&bytes[i..]) => 6,
            0xE0..=0xEF
                if (is_lost(at(1)) && lost_or_cont(at(2)))
                    || (lost_or_cont(at(1)) && is_lost(at(2))) =>
            {
                3
            }
            0xF0..=0xF4 => {
                let tail = [at(1), at(2), at(3)];
                let questions = tail.iter().filter(|&&b| b == b'?').count();
                let fits = tail.iter().all(|&b| lost_or_cont(b) || b == b'?');
                if fits && questions <= 1 && tail.iter().any(|&b| is_lost(b)) {
                    4
                } else {
                    0
                }
            }
            LOST_BYTE => 1,
            _ => 0,
        };
        if len == 0 {
            out.push(bytes[i]);
            i += 1;
        } else {
            out.extend_from_slice(&REPLACEMENT);
            i += len;
        }
    }
    out
}

/// A CESU-8 surrogate pair (high 0xED 0xA0..=0xAF, low 0xED 0xB0..=0xBF) with a lost byte
/// in one of its halves.
fn lost_surrogate_pair(bytes: &[u8]) -> bool {
    let is_lost = |b: u8| b == LOST_BYTE || b == b'?';
    let lost_or_cont = |b: u8| is_lost(b) || (0x80..=0xBF).contains(&b);
    match *bytes {
        [0xED, 0xA0..=0xAF, high, 0xED, 0xB0..=0xBF, low, ..] => {
            (is_lost(high) && lost_or_cont(low)) || (lost_or_cont(high) && is_lost(low))
        }
        _ => false,
    }
}

/// Reads bytes as UTF-8, accepting CESU-8 surrogate pairs too; `None` if they are not.
fn decode_utf8(bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                return Some(out);
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                out.push_str(std::str::from_utf8(valid).ok()?);
                out.push(surrogate_pair(after)?);
                rest = &after[6..];
            }
        }
    }
}

/// The character a CESU-8 surrogate pair at the start of `bytes` encodes.
fn surrogate_pair(bytes: &[u8]) -> Option<char> {
    let [0xED, h1 @ 0xA0..=0xAF, h2 @ 0x80..=0xBF, 0xED, l1 @ 0xB0..=0xBF, l2 @ 0x80..=0xBF, ..] =
        *bytes
    else {
        return None;
    };
    let high = (u32::from(h1 & 0x0F) << 6) | u32::from(h2 & 0x3F);
    let low = (u32::from(l1 & 0x0F) << 6) | u32::from(l2 & 0x3F);
    char::from_u32(0x10000 + (high << 10) + low)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        fix_mojibake(text).map_or_else(|| text.to_string(), |(t, _)| t)
    }

    /// Mojibake made the way it happens: UTF-8 bytes read in a code page.
    fn garble(text: &str, page: &'static encoding_rs::Encoding) -> String {
        page.decode_without_bom_handling(text.as_bytes())
            .0
            .into_owned()
    }

    #[test]
    fn utf8_read_in_a_code_page_is_repaired() {
        for page in [
            encoding_rs::WINDOWS_1252,
            encoding_rs::WINDOWS_1251,
            encoding_rs::WINDOWS_1250,
        ] {
            for text in [
                "Le café d’été à Zürich",
                "Привет, как дела — хорошо",
                "Łódź i Kraków – žluťoučký kůň",
            ] {
                let garbled = garble(text, page);
                if garbled != text && looks_like_mojibake(&garbled) {
                    assert_eq!(fixed(&garbled), text, "{} {garbled}", page.name());
                }
            }
        }
        assert_eq!(fixed("cafÃ©"), "café");
    }

    #[test]
    fn double_and_triple_mojibake_is_repaired_layer_by_layer() {
        let once = garble("It’s “new” in Zürich", encoding_rs::WINDOWS_1252);
        let twice = garble(&once, encoding_rs::WINDOWS_1252);
        let thrice = garble(&twice, encoding_rs::WINDOWS_1252);
        assert_eq!(
            fix_mojibake(&twice),
            Some(("It’s “new” in Zürich".into(), 2))
        );
        assert_eq!(fixed(&thrice), "It’s “new” in Zürich");
    }

    #[test]
    fn fragments_are_repaired_beside_correct_characters() {
        assert_eq!(fixed("l’Ã©tÃ© à Paris"), "l’été à Paris");
    }

    #[test]
    fn lost_bytes_become_one_replacement_character() {
        assert_eq!(
            fixed("â€œlossy decodingâ€\u{FFFD}"),
            "“lossy decoding\u{FFFD}"
        );
        assert_eq!(
            fixed("upgraded to â€œbb+â€? from"),
            "upgraded to “bb+\u{FFFD} from"
        );
    }

    #[test]
    fn a_no_break_space_turned_space_is_restored() {
        assert_eq!(fixed("voilÃ le travail"), "voilà le travail");
        assert_eq!(fixed("atenÃ§Ã£o Ã s crianÃ§as"), "atenção às crianças");
    }

    #[test]
    fn cesu8_emoji_are_decoded() {
        assert_eq!(fixed("Hi í\u{A0}½í¸\u{8D}"), "Hi 😍");
    }

    #[test]
    fn text_that_only_looks_odd_is_left_alone() {
        for text in [
            "Bremer/Mccoy – DrÃ¥ber",
            "ВІКІ is Ukrainian",
            "ПоздравЂаво",
            "MÄ£ÄM ÌÑÌ",
        ] {
            assert_eq!(fix_mojibake(text), None, "{text}");
        }
    }
}
