//! The `dateline` rule kind: a line that is a date, or a labelled date in front of the first
//! paragraph, is removed or cut, and its date proposed as the record's date.
//!
//! What the dates look like is `crate::date`'s business; this file decides which date lines
//! are datelines: plausible publication dates, one of each kind, none in a timeline.

use jiff::civil::Date;

use super::ActiveRule;
use crate::date::{parse_date, parse_dateline, DateLabel};
use crate::document::{Candidate, Document, Fate, Field, Trim};

/// How many datelines may stand at the start of one line (`Published: 7 Oct 2016 |
/// Updated: 8 Oct 2016 | ...`).
const MAX_DATELINES_PER_LINE: usize = 3;

/// The dateline rule: in its zone, remove the first line that is a plausible publication
/// date, or cut labelled dates from the start of a line; each date becomes a candidate. At
/// most one publication and one update dateline are taken per document: a second date-only
/// line may be the article's own (a timeline), so it stays.
pub(super) fn apply_datelines(active: &ActiveRule<'_>, doc: &mut Document, latest: Date) {
    // Two or more lines that are only a date make a timeline (`23 June 2016` / `The UK
    // votes ...` / `29 March 2017` / ...): its dates are the article's, so an unlabelled
    // date line is no dateline there.
    let date_only_lines = doc
        .blocks
        .iter()
        .filter(|b| b.fate == Fate::Kept && is_date_only(&b.text))
        .count();
    let timeline = date_only_lines >= 2;
    let mut taken_published = false;
    let mut taken_updated = false;
    for index in active.indices() {
        let block = &mut doc.blocks[index];
        let original = block.text.clone();
        for _ in 0..MAX_DATELINES_PER_LINE {
            if block.fate != Fate::Kept {
                break;
            }
            let Some(dateline) = parse_dateline(&block.text) else {
                break;
            };
            if timeline && dateline.label == DateLabel::None {
                break;
            }
            let updated = dateline.label == DateLabel::Updated;
            let taken = if updated {
                taken_updated
            } else {
                taken_published
            };
            if taken || !dateline.date.is_plausible_publication(latest) {
                break;
            }
            *(if updated {
                &mut taken_updated
            } else {
                &mut taken_published
            }) = true;
            doc.candidates.push(Candidate {
                field: if updated { Field::Updated } else { Field::Date },
                value: dateline.date.to_iso(),
                from: active.rule.id.clone(),
                line: block.line,
                evidence: original.clone(),
                rank: active.rank,
                confidence: None,
            });
            if dateline.consumed >= block.text.len() {
                // The whole line was datelines: it is removed as it stood.
                block.fate = Fate::Removed {
                    rule: active.rule.id.clone(),
                };
                block.text.clone_from(&original);
                block.trimmed = None;
                break;
            }
            let (cut, rest) = block.text.split_at(dateline.consumed);
            let cut = cut.trim();
            let trimmed = match block.trimmed.take() {
                Some(earlier) => format!("{} {cut}", earlier.text),
                None => cut.to_string(),
            };
            block.trimmed = Some(Trim {
                rule: active.rule.id.clone(),
                text: trimmed,
            });
            block.text = rest.trim_start().to_string();
        }
    }
}

/// Whether a line is nothing but a date. Cheap checks first: most lines are long or have
/// no digit, and those are never dates alone.
fn is_date_only(line: &str) -> bool {
    const MAX_DATE_LEN: usize = 64;
    line.len() <= MAX_DATE_LEN
        && line.bytes().any(|b| b.is_ascii_digit())
        && parse_date(line).is_some()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{kept, run};
    use crate::document::Field;

    #[test]
    fn datelines_are_removed_or_cut_and_give_the_date() {
        let rules = "[[rule]]\nid = \"dl\"\nkind = \"dateline\"\n";
        let doc = run(rules, "7 Oct, 2016 19:40\nHeadline here\nBody.");
        assert_eq!(kept(&doc), vec!["Headline here", "Body."]);
        assert_eq!(doc.candidates[0].value, "2016-10-07T19:40:00");

        let doc = run(
            rules,
            "date 2016-11-08 With the U.S. election campaign now at an end.",
        );
        assert_eq!(
            kept(&doc),
            vec!["With the U.S. election campaign now at an end."]
        );
        assert_eq!(
            doc.blocks[0].trimmed.as_ref().unwrap().text,
            "date 2016-11-08"
        );
        assert_eq!(doc.candidates[0].value, "2016-11-08");

        // An unlabelled date opening a sentence is the article's, not a dateline.
        let doc = run(rules, "October 7, 2016 was a Friday.");
        assert_eq!(kept(&doc), vec!["October 7, 2016 was a Friday."]);
        assert!(doc.candidates.is_empty());
    }

    #[test]
    fn a_labelled_date_running_on_as_a_sentence_stays() {
        let rules = "[[rule]]\nid = \"dl\"\nkind = \"dateline\"\n";
        let text = "Dated October 7, 2016, the letter was signed by 40 senators.";
        let doc = run(rules, text);
        assert_eq!(kept(&doc), vec![text]);
        assert!(doc.candidates.is_empty());
    }

    #[test]
    fn several_datelines_on_one_line_are_all_taken() {
        let rules = "[[rule]]\nid = \"dl\"\nkind = \"dateline\"\n";
        let doc = run(rules, "Published: 7 Oct 2016 | Updated: 8 Oct 2016\nBody.");
        assert_eq!(kept(&doc), vec!["Body."]);
        assert!(doc.blocks[0].trimmed.is_none(), "removed, not trimmed");
        assert!(doc
            .candidates
            .iter()
            .all(|c| c.evidence.starts_with("Published: 7 Oct")));
        let values: Vec<_> = doc
            .candidates
            .iter()
            .map(|c| (c.field, c.value.as_str()))
            .collect();
        assert_eq!(
            values,
            vec![(Field::Date, "2016-10-07"), (Field::Updated, "2016-10-08")]
        );
    }

    #[test]
    fn implausible_or_second_dates_are_the_articles() {
        let rules = "[zones]\nheader_lines = 9\n[[rule]]\nid = \"dl\"\nkind = \"dateline\"\n";
        // A timeline: dates before 1995 are events, not the publication date.
        let text = "Timeline of the Berlin Wall\n13 August 1961\nThe wall goes up.\n9 November 1989\nThe wall falls.\nMore.\nMore.\nMore.\nMore.";
        let doc = run(rules, text);
        assert_eq!(kept(&doc).len(), 9);
        assert!(doc.candidates.is_empty());
        // Two date-only lines make a timeline, even with dates that could be publication
        // dates: neither is a dateline.
        let text =
            "The road to Brexit\n23 June 2016\nThe UK votes to leave.\n29 March 2017\nArticle 50.";
        let doc = run(rules, text);
        assert_eq!(kept(&doc).len(), 5);
        assert!(doc.candidates.is_empty());
        // A labelled date is a dateline even then; a future date never is.
        let doc = run(
            rules,
            "Published: 8 Oct 2016\n1 May 2016\nBody.\n2 May 2016\nMore.",
        );
        assert_eq!(
            kept(&doc),
            vec!["1 May 2016", "Body.", "2 May 2016", "More."]
        );
        let doc = run(rules, "1 Jan 2099\nBody.");
        assert_eq!(kept(&doc), vec!["1 Jan 2099", "Body."]);
    }
}
