//! Strip boilerplate: mark the lines the rule files identify as not part of the article.
//!
//! The rules of the files that apply to the document (matching source files, then
//! `_default.toml`) run one after the other, in that order; each marks the kept lines it
//! matches in its zone, so a line belongs to the first rule that claims it and a source's
//! own rules take precedence over the generic ones. Nothing is deleted: a removed block
//! keeps its text and the qualified id of the rule, so the record can say what went and
//! why. A rule's named capture groups (`date`, `source`, ...) propose metadata from the
//! line it removes; the metadata stage chooses among the proposals.

use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;
use regex::Regex;

use crate::date::{parse_date, parse_dateline, DateLabel};
use crate::document::{Block, Candidate, Document, Fate, Field, Trim};
use crate::rules::{zone_sizes, LineMatch, Rule, RuleFile, RuleKind, RuleSet, Zone};
use crate::stages::{Rejection, Stage};

/// How many datelines may stand at the start of one line (`Published: 7 Oct 2016 |
/// Updated: 8 Oct 2016 | ...`).
const MAX_DATELINES_PER_LINE: usize = 3;

/// The boilerplate stage, sharing the compiled rule set.
#[derive(Debug, Clone)]
pub struct StripBoilerplate {
    rules: Arc<RuleSet>,
    /// Dates after this are not publication dates (the crawl is now).
    latest_date: Date,
}

impl StripBoilerplate {
    /// A stage applying `rules`; dates after `latest_date` are not taken from datelines.
    pub fn new(rules: Arc<RuleSet>, latest_date: Date) -> StripBoilerplate {
        StripBoilerplate { rules, latest_date }
    }
}

/// A rule as it runs on one document: with its precedence and its zone in this document.
struct ActiveRule<'a> {
    rule: &'a Rule,
    /// The rule's precedence: its position among all applicable rules.
    rank: usize,
    /// The block indices of the rule's zone: one range, or two for the `edges` zone.
    zone: [Range<usize>; 2],
}

impl ActiveRule<'_> {
    /// The block indices of the rule's zone, in order.
    fn indices(&self) -> impl Iterator<Item = usize> {
        self.zone[0].clone().chain(self.zone[1].clone())
    }
}

impl Stage for StripBoilerplate {
    fn name(&self) -> &'static str {
        "boilerplate"
    }

    fn apply(&self, doc: &mut Document) -> Result<(), Rejection> {
        let joined = doc
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let files = self.rules.applicable(&joined);
        doc.rule_files = files.iter().map(|f| f.name.clone()).collect();
        let total = doc.blocks.len();
        for active in activate(&files, self.rules.default_file(), total) {
            match &active.rule.kind {
                RuleKind::Section { .. } => apply_section(&active, doc),
                RuleKind::Dateline => apply_datelines(&active, doc, self.latest_date),
                _ => {
                    for index in active.indices() {
                        let block = &mut doc.blocks[index];
                        if block.fate == Fate::Kept {
                            apply_line_rule(&active, block, &mut doc.candidates, self.latest_date);
                        }
                    }
                }
            }
        }

        if doc.kept_blocks().next().is_none() {
            return Err(Rejection::new(
                "no-text",
                format!(
                    "all {total} lines were removed as boilerplate (by {}): nothing of an article is left",
                    removing_rules(doc).join(", ")
                ),
            ));
        }
        Ok(())
    }
}

/// Lists the rules of the applicable files in the order they run, each with its zone in a
/// document of `total` blocks. A zone never covers more than half the document, so that on
/// a short page the footer rules do not reach into the article.
fn activate<'a>(
    files: &[&'a RuleFile],
    default: Option<&'a RuleFile>,
    total: usize,
) -> Vec<ActiveRule<'a>> {
    // Floor, so that the header and footer zones never share a line.
    let half = (total / 2).max(1);
    let mut out = Vec::new();
    for file in files {
        let (header, footer) = zone_sizes(file, default);
        let header = 0..header.min(half).min(total);
        let footer = total - footer.min(half).min(total)..total;
        for rule in &file.rules {
            let zone = match rule.zone {
                Zone::Any => [0..total, 0..0],
                Zone::Header => [header.clone(), 0..0],
                Zone::Footer => [footer.clone(), 0..0],
                Zone::Edges => [header.clone(), footer.start.max(header.end)..total],
            };
            out.push(ActiveRule {
                rule,
                rank: out.len(),
                zone,
            });
        }
    }
    out
}

/// Marks each section `start`..`end` whose start line is kept and in the rule's zone.
fn apply_section(active: &ActiveRule<'_>, doc: &mut Document) {
    let RuleKind::Section {
        start,
        end,
        include_end,
    } = &active.rule.kind
    else {
        return;
    };
    let total = doc.blocks.len();
    let mut resume = 0;
    for index in active.indices() {
        let block = &doc.blocks[index];
        if index < resume || block.fate != Fate::Kept || !start.is_match(&block.text) {
            continue;
        }
        let close = end
            .as_ref()
            .and_then(|end| (index + 1..total).find(|&j| end.is_match(&doc.blocks[j].text)));
        let stop = match close {
            Some(j) if *include_end => j + 1,
            Some(j) => j,
            None => total,
        };
        for block in &mut doc.blocks[index..stop] {
            if block.fate == Fate::Kept {
                block.fate = Fate::Removed {
                    rule: active.rule.id.clone(),
                };
            }
        }
        resume = stop;
    }
}

/// Tries one `line` or `icon_run` rule on one kept block, removing it on a match.
fn apply_line_rule(
    active: &ActiveRule<'_>,
    block: &mut Block,
    candidates: &mut Vec<Candidate>,
    latest: Date,
) {
    let removed = match &active.rule.kind {
        RuleKind::Line(LineMatch::Literal(text)) => block.text == *text,
        RuleKind::Line(LineMatch::Regex(re)) => {
            // `is_match` runs on the fast DFA; captures are only worth their cost on the
            // few lines that match.
            let matched = re.is_match(&block.text);
            if matched && re.captures_len() > 1 {
                if let Some(caps) = re.captures(&block.text) {
                    propose_captures(active, re, &caps, block, candidates, latest);
                }
            }
            matched
        }
        RuleKind::IconRun { min_tokens } => is_icon_run(&block.text, *min_tokens),
        RuleKind::Section { .. } | RuleKind::Dateline => false,
    };
    if removed {
        block.fate = Fate::Removed {
            rule: active.rule.id.clone(),
        };
    }
}

/// Turns a rule regex's named groups into metadata candidates; a captured date that does
/// not parse, or is no plausible publication date, proposes nothing.
fn propose_captures(
    active: &ActiveRule<'_>,
    re: &Regex,
    caps: &regex::Captures<'_>,
    block: &Block,
    candidates: &mut Vec<Candidate>,
    latest: Date,
) {
    let date = |text: &str| {
        parse_date(text)
            .filter(|d| d.is_plausible_publication(latest))
            .map(|d| d.to_iso())
    };
    for name in re.capture_names().flatten() {
        let Some(found) = caps.name(name) else {
            continue;
        };
        let (field, value) = match name {
            "date" => (Field::Date, date(found.as_str())),
            "updated" => (Field::Updated, date(found.as_str())),
            "title" => (Field::Title, clean_name(found.as_str())),
            _ => (
                Field::Source,
                clean_name(found.as_str()).filter(|name| is_name_like(name)),
            ),
        };
        if let Some(value) = value {
            candidates.push(Candidate {
                field,
                value,
                from: active.rule.id.clone(),
                line: block.line,
                evidence: block.text.clone(),
                rank: active.rank,
            });
        }
    }
}

/// Trims the punctuation a name captured from a footer line tends to carry.
fn clean_name(raw: &str) -> Option<String> {
    let name = raw
        .trim()
        .trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '|' | '-' | '–' | '—'))
        .trim();
    (!name.is_empty() && name.chars().any(char::is_alphabetic)).then(|| name.to_string())
}

/// Whether a captured source reads as a publication's name rather than a phrase: at most
/// six words, each with a capital or a digit (`iTech Post`, `BBC News`, `20 Minutes`) or a
/// short connecting word (`of`, `the`, `&`, `de`, ...), and no footer-link or credit word
/// (`Privacy Policy`, `Photo: AFP`). `Guardian News & Media Limited or its affiliated
/// companies` and `by John Smith` are not names.
fn is_name_like(name: &str) -> bool {
    const CONNECTORS: &[&str] = &[
        "&", "of", "the", "and", "for", "on", "at", "in", "de", "du", "des", "la", "le", "les",
        "el", "los", "las", "der", "die", "das", "und", "et", "y", "e", "di", "da", "do", "van",
        "von", "-", "–",
    ];
    // Footer links that stand where a copyright holder would (`© 2023 Privacy Policy. All
    // rights reserved.`), and credit labels.
    const NOT_NAMES: &[&str] = &[
        "privacy",
        "policy",
        "terms",
        "contact",
        "home",
        "about",
        "cookies",
        "cookie",
        "imprint",
        "impressum",
        "sitemap",
        "advertise",
        "careers",
        "help",
        "photo",
        "photograph",
        "image",
        "credit",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() <= 6
        && !name.contains([':', '|', '/'])
        && !words
            .iter()
            .any(|w| NOT_NAMES.contains(&w.to_lowercase().as_str()))
        && words.iter().any(|w| w.chars().any(char::is_uppercase))
        && words.iter().all(|w| {
            w.chars().any(|c| c.is_uppercase() || c.is_numeric()) || CONNECTORS.contains(w)
        })
}

/// The dateline rule: in its zone, remove the first line that is a plausible publication
/// date, or cut labelled dates from the start of a line; each date becomes a candidate. At
/// most one publication and one update dateline are taken per document: a second date-only
/// line may be the article's own (a timeline), so it stays.
fn apply_datelines(active: &ActiveRule<'_>, doc: &mut Document, latest: Date) {
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

/// Whether a line is a run of icon-font labels: it starts with `icon` and at least
/// `min_tokens` `icon…` tokens make it up, each label short (`icon chevron downicon fb…`).
/// Site templates print the names of their icon glyphs this way, and no sentence does.
pub fn is_icon_run(line: &str, min_tokens: usize) -> bool {
    const MAX_LABEL_WORDS: usize = 3;
    const MAX_LABEL_CHARS: usize = 24;
    let Some(rest) = line.strip_prefix("icon") else {
        return false;
    };
    // Each piece of the rest, split at `icon`, is the label of one token: as many pieces
    // as the line has `icon` tokens.
    let mut tokens = 0;
    for label in rest.split("icon") {
        let label = label.trim();
        if label.split_whitespace().count() > MAX_LABEL_WORDS
            || label.chars().count() > MAX_LABEL_CHARS
        {
            return false;
        }
        tokens += 1;
    }
    tokens >= min_tokens
}

/// The distinct rules that removed lines, in order of first removal.
fn removing_rules(doc: &Document) -> Vec<String> {
    let mut rules: Vec<String> = Vec::new();
    for block in &doc.blocks {
        if let Fate::Removed { rule } = &block.fate {
            if !rules.contains(rule) {
                rules.push(rule.clone());
            }
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::blocks::split_lines;

    const LATEST: Date = jiff::civil::date(2026, 11, 22);

    fn try_run(rules_toml: &str, text: &str) -> (Document, Result<(), Rejection>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(crate::rules::DEFAULT_FILE), rules_toml).unwrap();
        // Only the given rules: the shipped source files must not interfere.
        let rules = RuleSet::load(Some(dir.path())).unwrap().only_default();
        let mut doc = Document::new("t", Vec::new());
        doc.blocks = split_lines(text);
        let outcome = StripBoilerplate::new(Arc::new(rules), LATEST).apply(&mut doc);
        (doc, outcome)
    }

    fn run(rules_toml: &str, text: &str) -> Document {
        let (doc, outcome) = try_run(rules_toml, text);
        outcome.unwrap();
        doc
    }

    fn removed_by(doc: &Document, index: usize) -> Option<&str> {
        match &doc.blocks[index].fate {
            Fate::Removed { rule } => Some(rule),
            _ => None,
        }
    }

    fn kept(doc: &Document) -> Vec<&str> {
        doc.kept_blocks().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn icon_runs_are_recognized_and_sentences_are_not() {
        let run =
            "icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon fbicon fm";
        assert!(is_icon_run(run, 4));
        assert!(!is_icon_run("icon cameraicon fm", 4));
        assert!(!is_icon_run(
            "iconic photographs of silicon valley were shown",
            2
        ));
        assert!(!is_icon_run("The icon of the movement spoke today.", 2));
    }

    #[test]
    fn first_matching_rule_wins_and_zones_hold() {
        let rules = r#"
[zones]
header_lines = 1
footer_lines = 1
[[rule]]
id = "top"
kind = "line"
literal = "To Top"
zone = "footer"
[[rule]]
id = "any-top"
kind = "line"
regex = "^To"
"#;
        let doc = run(rules, "To Top\nBody text.\nTo Top");
        assert_eq!(removed_by(&doc, 0), Some("_default:any-top"));
        assert_eq!(removed_by(&doc, 2), Some("_default:top"));
        assert_eq!(kept(&doc), vec!["Body text."]);
    }

    #[test]
    fn sections_run_to_their_end_marker_or_the_end() {
        let rules = r#"
[[rule]]
id = "form"
kind = "section"
start = "^Leave a Reply$"
end = "^Connecting"
"#;
        let doc = run(
            rules,
            "Body.\nLeave a Reply\nLog in\nConnecting to %s\nAfter.",
        );
        assert_eq!(kept(&doc), vec!["Body.", "After."]);
        let doc = run(rules, "Body.\nLeave a Reply\nLog in");
        assert_eq!(kept(&doc), vec!["Body."]);
    }

    #[test]
    fn sources_must_read_as_names() {
        for name in [
            "iTech Post",
            "BBC News",
            "20 Minutes",
            "The New York Times",
            "Le Monde",
        ] {
            assert!(is_name_like(name), "{name}");
        }
        for phrase in [
            "by John Smith",
            "Guardian News & Media Limited or its affiliated companies",
            "experts note that the phrase",
            "2016",
            "Privacy Policy",
            "Photo: AFP",
            "Contact Us",
        ] {
            assert!(!is_name_like(phrase), "{phrase}");
        }
    }

    #[test]
    fn captures_propose_metadata_from_removed_lines() {
        let rules = r#"
[[rule]]
id = "copy"
kind = "line"
regex = '^© \d{4} (?P<source>.+?) All rights reserved\.$'
"#;
        let doc = run(rules, "Body.\n© 2017 iTech Post All rights reserved.");
        assert_eq!(kept(&doc), vec!["Body."]);
        assert_eq!(doc.candidates.len(), 1);
        assert_eq!(doc.candidates[0].value, "iTech Post");
        assert_eq!(doc.candidates[0].field, Field::Source);
        assert_eq!(doc.candidates[0].line, 2);
    }

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

    #[test]
    fn zones_cover_at_most_half_of_a_short_document() {
        let rules =
            "[[rule]]\nid = \"nav\"\nkind = \"line\"\nregex = \"^More\"\nzone = \"footer\"\n";
        let doc = run(
            rules,
            "More in store for borrowers\nBody one.\nBody two.\nMore from Example",
        );
        assert_eq!(
            kept(&doc),
            vec!["More in store for borrowers", "Body one.", "Body two."]
        );
    }

    #[test]
    fn rules_run_in_precedence_order_sections_included() {
        // A later section does not take a line an earlier line rule claimed.
        let rules = r#"
[[rule]]
id = "copy"
kind = "line"
regex = '^© (?P<source>Example)$'
[[rule]]
id = "form"
kind = "section"
start = "^Leave a comment$"
"#;
        let doc = run(rules, "Body.\nLeave a comment\nName\n© Example");
        assert_eq!(removed_by(&doc, 3), Some("_default:copy"));
        assert_eq!(removed_by(&doc, 2), Some("_default:form"));
        assert_eq!(doc.candidates[0].value, "Example");
    }

    #[test]
    fn a_document_of_boilerplate_only_is_rejected_with_the_rules() {
        let rules = "[[rule]]\nid = \"all\"\nkind = \"line\"\nregex = \"^[ab]$\"\n";
        let err = try_run(rules, "a\nb").1.unwrap_err();
        assert_eq!(err.reason, "no-text");
        assert!(err.detail.contains("_default:all"), "{}", err.detail);
    }
}
