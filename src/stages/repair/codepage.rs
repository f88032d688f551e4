//! The single-byte code pages that UTF-8 is most often mistaken for, as tables both ways.
//!
//! Mojibake is UTF-8 bytes decoded with one of these pages. To undo it, the text is encoded
//! back with the same page and the bytes are read as UTF-8 again. The tables come from
//! `encoding_rs` (code page 437, which it does not have, is written out here), built once.
//!
//! The windows pages are *sloppy*: a byte the page leaves undefined stands for the C1
//! control of the same number (as Latin-1 would read it), and the byte `0x1A` stands for
//! U+FFFD, so that text in which a decoder already replaced a byte with U+FFFD can still
//! be encoded back (see `mojibake::mark_lost_bytes`). This module knows nothing of when
//! to re-encode; that is the business of `mojibake`.

use std::sync::OnceLock;

/// The byte a sloppy page encodes U+FFFD to: where a decoder lost a byte.
pub const LOST_BYTE: u8 = 0x1A;

/// A single-byte code page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePage {
    /// ISO-8859-1: every byte is the code point of the same number.
    Latin1,
    /// windows-1252, Western European: the most common mistake of all.
    Windows1252,
    /// windows-1251, Cyrillic.
    Windows1251,
    /// windows-1250, Central European.
    Windows1250,
    /// windows-1253, Greek.
    Windows1253,
    /// windows-1254, Turkish.
    Windows1254,
    /// windows-1257, Baltic.
    Windows1257,
    /// ISO-8859-2, Central European.
    Iso8859_2,
    /// Mac OS Roman.
    MacRoman,
    /// IBM code page 437, the DOS console's.
    Cp437,
}

impl CodePage {
    /// Every page, in the order a repair tries them: the likeliest mistakes first, so that
    /// when two pages both give valid UTF-8 the commoner story wins.
    pub const ALL: [CodePage; 10] = [
        CodePage::Latin1,
        CodePage::Windows1252,
        CodePage::Windows1251,
        CodePage::Windows1250,
        CodePage::Windows1253,
        CodePage::Windows1254,
        CodePage::Windows1257,
        CodePage::Iso8859_2,
        CodePage::MacRoman,
        CodePage::Cp437,
    ];

    fn whatwg(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            CodePage::Windows1252 => Some(encoding_rs::WINDOWS_1252),
            CodePage::Windows1251 => Some(encoding_rs::WINDOWS_1251),
            CodePage::Windows1250 => Some(encoding_rs::WINDOWS_1250),
            CodePage::Windows1253 => Some(encoding_rs::WINDOWS_1253),
            CodePage::Windows1254 => Some(encoding_rs::WINDOWS_1254),
            CodePage::Windows1257 => Some(encoding_rs::WINDOWS_1257),
            CodePage::Iso8859_2 => Some(encoding_rs::ISO_8859_2),
            CodePage::MacRoman => Some(encoding_rs::MACINTOSH),
            CodePage::Latin1 | CodePage::Cp437 => None,
        }
    }

    /// Whether the page is sloppy: undefined bytes read as C1 controls, U+FFFD as
    /// [`LOST_BYTE`]. The windows pages are, since their decoders are what lose bytes.
    pub fn is_sloppy(self) -> bool {
        matches!(
            self,
            CodePage::Windows1252
                | CodePage::Windows1251
                | CodePage::Windows1250
                | CodePage::Windows1253
                | CodePage::Windows1254
                | CodePage::Windows1257
        )
    }

    /// The character byte `0x80 + i` decodes to.
    pub fn high_half(self) -> &'static [char; 128] {
        &tables()[self as usize].decode
    }

    /// The page's bytes for `text`, or `None` when a character is not in the page.
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        let table = &tables()[self as usize];
        let mut bytes = Vec::with_capacity(text.len());
        for c in text.chars() {
            let byte = match c {
                // In a sloppy page the byte 0x1A means a lost byte, so a real U+001A
                // cannot be told apart from one: such text is not in the page.
                '\u{1A}' if self.is_sloppy() => return None,
                '\0'..='\u{7F}' => c as u8,
                '\u{FFFD}' if self.is_sloppy() => LOST_BYTE,
                _ => {
                    let i = table.encode.binary_search_by_key(&c, |&(ch, _)| ch).ok()?;
                    table.encode[i].1
                }
            };
            bytes.push(byte);
        }
        Some(bytes)
    }
}

/// IBM code page 437, bytes 0x80 to 0xFF.
const CP437_HIGH_HALF: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}";

/// One page both ways: bytes 0x80..=0xFF to characters, and characters (sorted) to bytes.
struct Table {
    decode: [char; 128],
    encode: Vec<(char, u8)>,
}

fn tables() -> &'static [Table] {
    static TABLES: OnceLock<Vec<Table>> = OnceLock::new();
    TABLES.get_or_init(|| CodePage::ALL.iter().map(|&page| build(page)).collect())
}

fn build(page: CodePage) -> Table {
    let mut decode = ['\0'; 128];
    let cp437: Vec<char> = CP437_HIGH_HALF.chars().collect();
    for (i, slot) in decode.iter_mut().enumerate() {
        let byte = 0x80 + i as u8;
        let latin1 = char::from(byte);
        *slot = match (page, page.whatwg()) {
            (CodePage::Cp437, _) => cp437[i],
            (_, Some(encoding)) => {
                let mut out = [0u16; 2];
                let mut decoder = encoding.new_decoder_without_bom_handling();
                let (_, _, written, _) = decoder.decode_to_utf16(&[byte], &mut out, true);
                match char::from_u32(u32::from(out[0])) {
                    // An undefined byte: read it as Latin-1 would (a C1 control).
                    Some(c) if written == 1 && c != '\u{FFFD}' => c,
                    _ => latin1,
                }
            }
            (_, None) => latin1,
        };
    }
    let mut encode: Vec<(char, u8)> = decode
        .iter()
        .enumerate()
        .map(|(i, &c)| (c, 0x80 + i as u8))
        .collect();
    encode.sort_unstable();
    Table { decode, encode }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_round_trip_their_high_half() {
        for page in CodePage::ALL {
            let text: String = page.high_half().iter().collect();
            let bytes = page
                .encode(&text)
                .expect("a page encodes its own characters");
            assert_eq!(bytes, (0x80..=0xFF).collect::<Vec<u8>>(), "{page:?}");
        }
    }

    #[test]
    fn known_characters_sit_where_the_pages_put_them() {
        assert_eq!(
            CodePage::Windows1252.encode("€’é"),
            Some(vec![0x80, 0x92, 0xE9])
        );
        assert_eq!(CodePage::Windows1251.encode("вЂ"), Some(vec![0xE2, 0x80]));
        assert_eq!(CodePage::MacRoman.encode("√©"), Some(vec![0xC3, 0xA9]));
        assert_eq!(CodePage::Cp437.encode("╨┐"), Some(vec![0xD0, 0xBF]));
        assert_eq!(CodePage::Latin1.encode("\u{85}é"), Some(vec![0x85, 0xE9]));
    }

    #[test]
    fn sloppy_pages_keep_undefined_bytes_and_mark_lost_ones() {
        // 0x9D is undefined in windows-1252: it stays the C1 control U+009D.
        assert_eq!(CodePage::Windows1252.high_half()[0x1D], '\u{9D}');
        assert_eq!(
            CodePage::Windows1252.encode("\u{FFFD}"),
            Some(vec![LOST_BYTE])
        );
        assert_eq!(CodePage::Windows1252.encode("\u{1A}"), None);
        assert_eq!(CodePage::Latin1.encode("\u{FFFD}"), None);
        assert_eq!(CodePage::Latin1.encode("€"), None);
    }
}
