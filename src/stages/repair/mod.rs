//! Repair: undo the damage text picks up on its way from its author to us, before anything
//! reads it. Mojibake (UTF-8 read in a single-byte code page, once or several times, with
//! lost bytes or lost no-break spaces), HTML character references left in text, C1
//! control characters meant as windows-1252 punctuation, terminal escape sequences, and
//! byte-order marks inside the text; optionally, ligatures and full-width forms folded.
//! `docs/repair.md` lists each fix, whether it is on by default, and why.
//!
//! Text is repaired line by line, each line until nothing more changes, so that layers of
//! damage come off one at a time (`&amp;#8217;`, mojibake of mojibake). Correct text, in
//! any language, passes through unchanged: every fix needs evidence that the text is
//! damaged, and clean text takes a fast path (a document that is ASCII without `&` or
//! escape characters is not even split into lines; a line is only examined further when
//! it holds a character that could be damage). This stage never rejects a document, and
//! changes nothing else: no quotes, spaces or Unicode normalization (that is `normalize`).

mod codepage;
mod controls;
mod entities;
mod fold;
mod mojibake;
mod suspicion;

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::document::Document;
use crate::stages::{Rejection, Stage};

/// The optional folds; every other fix is always on.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RepairOptions {
    /// Fold Latin ligatures and digraphs (`ﬁ`, `ǌ`) into their letters.
    pub ligatures: bool,
    /// Fold full-width and half-width forms (`ＡＢＣ`, `ｶ`) into ordinary ones.
    pub full_width: bool,
}

/// The kinds of repair, as counted in a record's `metadata.repaired`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// A layer of mojibake re-decoded, over a line or a fragment of one.
    Mojibake,
    /// An HTML character reference replaced by its character.
    Entities,
    /// A C1 control character read as windows-1252.
    C1Controls,
    /// A terminal escape sequence removed.
    TerminalEscapes,
    /// A byte-order mark removed from inside the text.
    ByteOrderMarks,
    /// A ligature folded (only when asked for).
    Ligatures,
    /// A full-width or half-width form folded (only when asked for).
    FullWidth,
}

impl Fix {
    /// Every kind of repair, in the order a line goes through them.
    pub const ALL: [Fix; 7] = [
        Fix::TerminalEscapes,
        Fix::ByteOrderMarks,
        Fix::Entities,
        Fix::Mojibake,
        Fix::C1Controls,
        Fix::Ligatures,
        Fix::FullWidth,
    ];

    /// The name used in `metadata.repaired`.
    pub fn name(self) -> &'static str {
        match self {
            Fix::Mojibake => "mojibake",
            Fix::Entities => "entities",
            Fix::C1Controls => "c1_controls",
            Fix::TerminalEscapes => "terminal_escapes",
            Fix::ByteOrderMarks => "byte_order_marks",
            Fix::Ligatures => "ligatures",
            Fix::FullWidth => "full_width",
        }
    }
}

/// How many repairs of each kind were made, by [`Fix::name`]; kinds with none are absent.
pub type Repairs = BTreeMap<&'static str, usize>;

/// The repair stage. See the module documentation.
#[derive(Debug, Default, Clone, Copy)]
pub struct Repair {
    /// The optional folds.
    pub options: RepairOptions,
}

impl Stage for Repair {
    fn name(&self) -> &'static str {
        "repair"
    }

    fn apply(&self, doc: &mut Document) -> Result<(), Rejection> {
        let mut repairs = Repairs::new();
        if let Cow::Owned(text) = repair_text(&doc.text, &self.options, &mut repairs) {
            doc.text = text;
        }
        for (kind, n) in repairs {
            *doc.repaired.entry(kind).or_default() += n;
        }
        Ok(())
    }
}

/// More rounds than any real line needs (each round takes off one layer of damage); the
/// bound only keeps a pathological line from taking long.
const MAX_ROUNDS: usize = 32;

/// Repairs `text`, adding what was done to `repairs`. Borrows `text` back when nothing
/// needed repair.
pub fn repair_text<'a>(
    text: &'a str,
    options: &RepairOptions,
    repairs: &mut Repairs,
) -> Cow<'a, str> {
    let decode_entities = !entities::looks_like_markup(text);
    if !may_need_repair(text, decode_entities, options) {
        return Cow::Borrowed(text);
    }
    let mut repaired: Option<String> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let fixed = repair_line(line, decode_entities, options, repairs);
        match (&mut repaired, fixed) {
            (Some(out), fixed) => out.push_str(&fixed),
            (None, Cow::Owned(fixed)) => {
                let mut out = String::with_capacity(text.len());
                out.push_str(&text[..start]);
                out.push_str(&fixed);
                repaired = Some(out);
            }
            (None, Cow::Borrowed(_)) => {}
        }
        start += line.len();
    }
    repaired.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Whether `text` holds anything a fix starts from: an escape character, an `&` (when
/// references are decoded), a byte-order mark, a character mojibake is built around (C1
/// controls are among those), or, with a fold turned on, any character beyond ASCII.
/// Clean text is answered in one or two quick passes.
fn may_need_repair(text: &str, decode_entities: bool, options: &RepairOptions) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr(0x1B, bytes).is_some()
        || (decode_entities && memchr::memchr(b'&', bytes).is_some())
        || (!text.is_ascii()
            && (options.ligatures
                || options.full_width
                || suspicion::has_evidence(text)
                || memchr::memmem::find(bytes, "\u{FEFF}".as_bytes()).is_some()))
}

/// Repairs one line (with its line break), round after round until nothing changes.
fn repair_line<'a>(
    line: &'a str,
    decode_entities: bool,
    options: &RepairOptions,
    repairs: &mut Repairs,
) -> Cow<'a, str> {
    if !may_need_repair(line, decode_entities, options) {
        return Cow::Borrowed(line);
    }
    let mut text = Cow::Borrowed(line);
    for _ in 0..MAX_ROUNDS {
        let mut changed = false;
        for fix in Fix::ALL {
            let result = match fix {
                Fix::TerminalEscapes => controls::strip_terminal_escapes(&text),
                Fix::ByteOrderMarks => controls::remove_byte_order_marks(&text),
                Fix::Entities if decode_entities => entities::decode_entities(&text),
                Fix::Mojibake => mojibake::fix_mojibake(&text),
                Fix::C1Controls => controls::fix_c1_controls(&text),
                Fix::Ligatures if options.ligatures => fold::fold_ligatures(&text),
                Fix::FullWidth if options.full_width => fold::fold_full_width(&text),
                Fix::Entities | Fix::Ligatures | Fix::FullWidth => None,
            };
            if let Some((fixed, n)) = result {
                text = Cow::Owned(fixed);
                *repairs.entry(fix.name()).or_default() += n;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> (String, Repairs) {
        let mut repairs = Repairs::new();
        let fixed = repair_text(text, &RepairOptions::default(), &mut repairs).into_owned();
        (fixed, repairs)
    }

    #[test]
    fn clean_text_is_borrowed_back_unchanged() {
        let mut repairs = Repairs::new();
        for text in [
            "plain ASCII\n",
            "“Curly” – café, Привет, 日本語\n",
            "AT&T < 3",
        ] {
            let fixed = repair_text(text, &RepairOptions::default(), &mut repairs);
            assert!(matches!(fixed, Cow::Borrowed(_)), "{text}");
        }
        assert!(repairs.is_empty());
    }

    #[test]
    fn each_kind_of_damage_is_repaired_and_counted() {
        let (text, repairs) =
            repaired("cafÃ© it&amp;#8217;s\n\x1b[31mred\x1b[0m \u{FEFF}parlé\u{85}\nclean line\n");
        assert_eq!(text, "café it’s\nred parlé…\nclean line\n");
        let expected: Repairs = [
            ("mojibake", 1),
            ("entities", 2),
            ("terminal_escapes", 2),
            ("byte_order_marks", 1),
            ("c1_controls", 1),
        ]
        .into_iter()
        .collect();
        assert_eq!(repairs, expected);
    }

    #[test]
    fn references_in_html_source_are_left_alone() {
        let (text, repairs) = repaired("<p>caf&eacute;</p>\n");
        assert_eq!(text, "<p>caf&eacute;</p>\n");
        assert!(repairs.is_empty());
    }

    #[test]
    fn entities_that_spell_mojibake_are_repaired_in_the_next_round() {
        assert_eq!(repaired("10Î&frac14;s").0, "10μs");
    }

    #[test]
    fn folds_happen_only_when_asked_for() {
        let text = "ﬁne ＡＢＣ";
        assert_eq!(repaired(text).0, text);
        let mut repairs = Repairs::new();
        let options = RepairOptions {
            ligatures: true,
            full_width: true,
        };
        assert_eq!(repair_text(text, &options, &mut repairs), "fine ABC");
        assert_eq!(repairs.get("ligatures"), Some(&1));
        assert_eq!(repairs.get("full_width"), Some(&3));
    }

    #[test]
    fn docs_list_every_fix_in_the_table_and_the_record_schema() {
        let root = env!("CARGO_MANIFEST_DIR");
        let table = std::fs::read_to_string(format!("{root}/docs/repair.md")).unwrap();
        let schema = std::fs::read_to_string(format!("{root}/docs/record.md")).unwrap();
        for fix in Fix::ALL {
            let name = format!("`{}`", fix.name());
            assert!(
                table.contains(&format!("| {name} |")),
                "docs/repair.md: {name}"
            );
            assert!(schema.contains(&name), "docs/record.md: {name}");
        }
    }

    #[test]
    fn the_stage_records_its_repairs_on_the_document() {
        let mut doc = Document::new("t", Vec::new());
        doc.text = "Ã©tÃ©\n".into();
        Repair::default().apply(&mut doc).unwrap();
        assert_eq!(doc.text, "été\n");
        assert_eq!(doc.repaired.get("mojibake"), Some(&1));
    }
}
