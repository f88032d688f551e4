//! Detect metadata: choose the record's date, title, source, authors, URL and updated
//! date, and detect the text's language.
//!
//! Rules propose values from the lines they remove (a dateline gives the date, a copyright
//! footer the source); an HTML page proposes what it states about itself
//! (`stages::page_meta`); this stage adds the headline heuristic and then picks one value
//! per field (for authors, one source's list), in this order of trust:
//!
//! 1. the rules of a source's own rule file, which a person wrote for that site;
//! 2. the page's own statements (meta tags, JSON-LD, `<time>`, the URL);
//! 3. the built-in `_default` rules;
//! 4. heuristics (the `<h1>`, the first-line headline).
//!
//! Within a tier the lowest rank wins, then the earliest line. Proposals are checked where
//! they are made (a date must be a plausible publication date). A field nobody proposed
//! stays unknown: this stage never guesses, and never reads article sentences for dates.
//! The language is detected by `whatlang` (its trigram method) on the first 320 bytes of
//! kept text, and left unknown when the detector is not sure.

use crate::date::parse_date;
use crate::document::{Candidate, Document, Fate, Field};
use crate::stages::page_meta::PAGE_RANK;
use crate::stages::{Rejection, Stage};

/// How much of the kept text the language detector reads: two or three sentences give a
/// sure answer on prose, and the detector's cost grows with what it reads. On the htmldate
/// set's 905 pages that declare a language, whatlang's trigram method on 320 bytes agrees
/// with the declaration on 843 (52 disagree, 10 unsure); on 640 bytes on 844 (9 unsure) at
/// nearly twice the cost; its default method (trigrams and alphabets) on 640 bytes on 841
/// (14 unsure) at three times the cost.
const LANGUAGE_SAMPLE_BYTES: usize = 320;
/// Ranks at or above this are heuristics' (`headline`, `html:h1`).
const HEURISTIC_BAND: usize = usize::MAX - 1024;

/// A headline has at least this many words: shorter first lines are mostly site names and
/// page chrome (`BBC News`, `Breaking News`, `Sign in`), and a wrong title is worse than none.
const HEADLINE_MIN_WORDS: usize = 3;
/// A headline has at most this many words and characters.
const HEADLINE_MAX_WORDS: usize = 25;
const HEADLINE_MAX_CHARS: usize = 200;

/// The first kept block after a headline has at least this many words: it is the article.
const PARAGRAPH_MIN_WORDS: usize = 8;

/// How bylines start, in the languages the date labels know; such a line is no headline.
const BYLINE_STARTS: &[&str] = &[
    "by ",
    "by:",
    "written by",
    "words by",
    "von ",
    "par ",
    "por ",
    "di ",
    "door ",
    "autor:",
    "auteur:",
    "автор:",
    "автор ",
];

/// The rank of heuristic candidates: after every rule's.
const HEURISTIC_RANK: usize = usize::MAX;

/// The metadata stage. See the module documentation.
#[derive(Debug, Clone, Copy)]
pub struct DetectMetadata {
    /// Whether the text's language is detected (on by default; off, `language` stays
    /// null, which the benchmarks use to show what detection costs).
    pub detect_language: bool,
}

impl Default for DetectMetadata {
    fn default() -> Self {
        DetectMetadata {
            detect_language: true,
        }
    }
}

impl Stage for DetectMetadata {
    fn name(&self) -> &'static str {
        "metadata"
    }

    fn apply(&self, doc: &mut Document) -> Result<(), Rejection> {
        if !doc.candidates.iter().any(|c| c.field == Field::Title) {
            take_headline(doc);
        }
        let mut chosen = Vec::new();
        for field in [
            Field::Date,
            Field::Updated,
            Field::Title,
            Field::Source,
            Field::Url,
        ] {
            let best = doc
                .candidates
                .iter()
                .filter(|c| c.field == field)
                .min_by_key(|c| order(c));
            chosen.extend(best.cloned());
        }
        // Authors: every name of the best-trusted source that names any.
        let authors = doc.candidates.iter().filter(|c| c.field == Field::Author);
        if let Some(best) = authors.clone().min_by_key(|c| order(c)) {
            let (from, rank) = (best.from.clone(), best.rank);
            chosen.extend(
                authors
                    .filter(|c| c.from == from && c.rank == rank)
                    .cloned(),
            );
        }
        if self.detect_language {
            chosen.extend(detect_language(doc));
        }
        doc.chosen = chosen;
        Ok(())
    }
}

/// The order of trust of a candidate: its tier (see the module documentation), its rank,
/// its line.
fn order(c: &Candidate) -> (u8, usize, usize) {
    let tier = if c.rank >= HEURISTIC_BAND {
        3
    } else if c.rank >= PAGE_RANK {
        1
    } else if c.from.starts_with("_default:") {
        2
    } else {
        0
    };
    (tier, c.rank, c.line)
}

/// The language of the first kept text, when `whatlang` is sure of it.
fn detect_language(doc: &Document) -> Option<Candidate> {
    let mut sample = String::new();
    for block in doc.kept_blocks() {
        if sample.len() >= LANGUAGE_SAMPLE_BYTES {
            break;
        }
        sample.push_str(&block.text);
        sample.push('\n');
    }
    // A long first paragraph is cut, on a character boundary.
    let mut end = sample.len().min(LANGUAGE_SAMPLE_BYTES);
    while !sample.is_char_boundary(end) {
        end -= 1;
    }
    sample.truncate(end);
    // The trigram method alone: whatlang's default also scores letters against each
    // language's alphabet, which costs a third more and, on the htmldate set, answered
    // fewer pages and got no more right. (`Options` holds no allocation.)
    let options = whatlang::dev::Options::with_method(whatlang::dev::Method::Trigram);
    let info = whatlang::dev::detect_with_options(&sample, &options)?;
    if !info.is_reliable() {
        return None;
    }
    let first = doc.kept_blocks().next().map_or(0, |b| b.line);
    Some(Candidate {
        field: Field::Language,
        value: info.lang().code().to_string(),
        from: "whatlang".to_string(),
        line: first,
        evidence: format!(
            "{} script, {} bytes read",
            info.script().name(),
            sample.len()
        ),
        rank: usize::MAX,
        confidence: Some((info.confidence() * 100.0).round().clamp(0.0, 100.0) as u8),
    })
}

/// Makes the first kept block the title when it reads as a headline: 3 to 25 words, not
/// ending like a sentence or a label, not a date, a byline or a breadcrumb, followed by a
/// blank line and then by a paragraph of the article.
fn take_headline(doc: &mut Document) {
    let Some(first) = doc.blocks.iter().position(|b| b.fate == Fate::Kept) else {
        return;
    };
    let block = &doc.blocks[first];
    let text = block.text.as_str();
    let rest = &doc.blocks[first + 1..];
    // The checks are pure, so their order is only a matter of cost: the cheap ones come
    // first, and the word counts stop counting once they know the answer.
    let words_in_range = (HEADLINE_MIN_WORDS..=HEADLINE_MAX_WORDS)
        .contains(&text.split_whitespace().take(HEADLINE_MAX_WORDS + 1).count());
    let followed_by_gap = rest.first().is_some_and(|next| next.gap_before);
    // The headline is followed by the article; a short line after it means the first line
    // was page chrome or a site name above the real headline. (No kept block after it at
    // all: no article either.)
    let next_is_paragraph = || {
        rest.iter().find(|b| b.fate == Fate::Kept).is_some_and(|b| {
            b.text
                .split_whitespace()
                .nth(PARAGRAPH_MIN_WORDS - 1)
                .is_some()
        })
    };
    // A breadcrumb trail or a title with the site name (`Home › Politik`, `News | World`).
    let breadcrumb = || text.contains(['|', '›', '»', '>']) || text.contains(" / ");
    let byline = || {
        let lower = text.to_lowercase();
        BYLINE_STARTS.iter().any(|start| lower.starts_with(start))
    };
    let is_headline = words_in_range
        && followed_by_gap
        && block.trimmed.is_none()
        && !text.ends_with(['.', ',', ';', ':'])
        && text.chars().count() <= HEADLINE_MAX_CHARS
        && next_is_paragraph()
        && !breadcrumb()
        && !byline()
        && parse_date(text).is_none();
    if !is_headline {
        return;
    }
    doc.candidates.push(Candidate {
        field: Field::Title,
        value: text.to_string(),
        from: "headline".to_string(),
        line: block.line,
        evidence: text.to_string(),
        rank: HEURISTIC_RANK,
        confidence: None,
    });
    doc.blocks[first].fate = Fate::Title;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::blocks::split_lines;

    fn detect(text: &str) -> Document {
        let mut doc = Document::new("t", Vec::new());
        doc.blocks = split_lines(text);
        DetectMetadata::default().apply(&mut doc).unwrap();
        doc
    }

    fn title(doc: &Document) -> Option<&str> {
        doc.chosen(Field::Title).map(|c| c.value.as_str())
    }

    #[test]
    fn a_short_first_line_before_a_gap_is_the_title() {
        let doc = detect("US officially accuses Russia of leaking DNC emails\n\nThe US government has officially blamed Russia for the hacks.");
        assert_eq!(
            title(&doc),
            Some("US officially accuses Russia of leaking DNC emails")
        );
        assert_eq!(doc.blocks[0].fate, Fate::Title);
    }

    #[test]
    fn a_paragraph_or_a_line_without_a_gap_is_not_a_title() {
        assert_eq!(
            title(&detect("This is a sentence that ends.\n\nMore text.")),
            None
        );
        assert_eq!(title(&detect("Short line\nNo gap after it.")), None);
        assert_eq!(title(&detect("Only line")), None);
        assert_eq!(title(&detect("October 7, 2016\n\nText.")), None);
        assert_eq!(title(&detect("By Jane Doe\n\nText.")), None);
        assert_eq!(title(&detect("Home | News | World\n\nText.")), None);
        assert_eq!(title(&detect("Home / News / World\n\nText.")), None);
        assert_eq!(title(&detect("Breaking News\n\nText.")), None);
        let body = "\n\nThe council voted on Tuesday to approve the new budget.";
        for chrome in [
            "Startseite › Politik",
            "News | World Politics",
            "Par Jean Dupont Correspondant",
            "Автор: Иван Петров",
        ] {
            assert_eq!(title(&detect(&format!("{chrome}{body}"))), None, "{chrome}");
        }
        // A site name above the headline: the next line is no paragraph.
        let doc = detect(&format!(
            "The Daily Courier\n\nCouncil approves the budget{body}"
        ));
        assert_eq!(title(&doc), None);
    }

    #[test]
    fn the_earliest_rule_wins() {
        let mut doc = Document::new("t", Vec::new());
        doc.blocks = split_lines("Body.");
        let candidate = |value: &str, rank| Candidate {
            field: Field::Date,
            value: value.into(),
            from: "r".into(),
            line: 1,
            evidence: String::new(),
            rank,
            confidence: None,
        };
        doc.candidates = vec![candidate("2016-11-08", 3), candidate("2016-11-09", 1)];
        DetectMetadata::default().apply(&mut doc).unwrap();
        assert_eq!(doc.chosen(Field::Date).unwrap().value, "2016-11-09");
    }

    #[test]
    fn the_language_is_detected_unless_switched_off() {
        let text = "The council voted on Tuesday to approve the new budget for the coming year, \
                    after a long debate about the cost of repairing the old bridge over the river.";
        let language = |stage: DetectMetadata| {
            let mut doc = Document::new("t", Vec::new());
            doc.blocks = split_lines(text);
            stage.apply(&mut doc).unwrap();
            doc.chosen(Field::Language)
                .map(|c| (c.value.clone(), c.evidence.clone()))
        };
        let (code, evidence) = language(DetectMetadata::default()).expect("English prose");
        assert_eq!(code, "eng");
        assert_eq!(
            evidence,
            format!("Latin script, {} bytes read", text.len() + 1)
        );
        let off = DetectMetadata {
            detect_language: false,
        };
        assert_eq!(language(off), None);
    }
}
