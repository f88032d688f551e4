//! Strip boilerplate: mark the lines the rule files identify as not part of the article.
//!
//! The rule files that apply to the document (matching source files, then
//! `_default.toml`) are consulted in order. Sections go first (a comment form from its
//! heading to its last line), then each remaining line is tried against the line rules in
//! order and the first that matches removes it. Nothing is deleted: a removed block keeps
//! its text and the qualified id of the rule, so the record can say what went and why.
//! A rule's named capture groups (`date`, `source`, ...) propose metadata from the line it
//! removes; the metadata stage chooses among the proposals.

use std::sync::Arc;

use regex::Regex;

use crate::date::{parse_date, parse_dateline, DateLabel};
use crate::document::{Block, Candidate, Document, Fate, Field, Trim};
use crate::rules::{zone_sizes, LineMatch, Rule, RuleFile, RuleKind, RuleSet, Zone};
use crate::stages::{Rejection, Stage};

/// The boilerplate stage, sharing the compiled rule set.
#[derive(Debug, Clone)]
pub struct StripBoilerplate {
    rules: Arc<RuleSet>,
}

impl StripBoilerplate {
    /// A stage applying `rules`.
    pub fn new(rules: Arc<RuleSet>) -> StripBoilerplate {
        StripBoilerplate { rules }
    }
}

/// A rule together with what it needs to run on one document.
struct Active<'a> {
    rule: &'a Rule,
    /// The rule's precedence: its position among all applicable rules.
    rank: usize,
    header: usize,
    footer: usize,
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
        let active = activate(&files, self.rules.default_file());

        for a in active
            .iter()
            .filter(|a| matches!(a.rule.kind, RuleKind::Section { .. }))
        {
            apply_section(a, doc);
        }
        let total = doc.blocks.len();
        for index in 0..total {
            for a in &active {
                if doc.blocks[index].fate != Fate::Kept || !in_zone(a, index, total) {
                    continue;
                }
                if apply_line_rule(a, &mut doc.blocks[index], &mut doc.candidates) {
                    break;
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

/// Lists the rules of the applicable files in the order they are tried.
fn activate<'a>(files: &[&'a RuleFile], default: Option<&'a RuleFile>) -> Vec<Active<'a>> {
    let mut out = Vec::new();
    for file in files {
        let (header, footer) = zone_sizes(file, default);
        for rule in &file.rules {
            out.push(Active {
                rule,
                rank: out.len(),
                header,
                footer,
            });
        }
    }
    out
}

fn in_zone(a: &Active<'_>, index: usize, total: usize) -> bool {
    match a.rule.zone {
        Zone::Any => true,
        Zone::Header => index < a.header,
        Zone::Footer => index + a.footer >= total,
    }
}

/// Marks each section `start`..`end` that begins in the rule's zone.
fn apply_section(a: &Active<'_>, doc: &mut Document) {
    let RuleKind::Section {
        start,
        end,
        include_end,
    } = &a.rule.kind
    else {
        return;
    };
    let total = doc.blocks.len();
    let mut index = 0;
    while index < total {
        let block = &doc.blocks[index];
        if block.fate != Fate::Kept || !in_zone(a, index, total) || !start.is_match(&block.text) {
            index += 1;
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
                    rule: a.rule.id.clone(),
                };
            }
        }
        index = stop.max(index + 1);
    }
}

/// Tries one line rule on one kept block; true when the rule removed or trimmed it.
fn apply_line_rule(a: &Active<'_>, block: &mut Block, candidates: &mut Vec<Candidate>) -> bool {
    let rule = a.rule;
    let removed = match &rule.kind {
        RuleKind::Section { .. } => false,
        RuleKind::Line(LineMatch::Literal(text)) => block.text == *text,
        RuleKind::Line(LineMatch::Regex(re)) => {
            // `is_match` runs on the fast DFA; captures are only worth their cost on the
            // few lines that match.
            let matched = re.is_match(&block.text);
            if matched && re.captures_len() > 1 {
                if let Some(caps) = re.captures(&block.text) {
                    propose_captures(a, re, &caps, block, candidates);
                }
            }
            matched
        }
        RuleKind::IconRun { min_tokens } => is_icon_run(&block.text, *min_tokens),
        RuleKind::Dateline => return apply_dateline(a, block, candidates),
    };
    if removed {
        block.fate = Fate::Removed {
            rule: rule.id.clone(),
        };
    }
    removed
}

/// Turns a rule regex's named groups into metadata candidates.
fn propose_captures(
    a: &Active<'_>,
    re: &Regex,
    caps: &regex::Captures<'_>,
    block: &Block,
    candidates: &mut Vec<Candidate>,
) {
    for name in re.capture_names().flatten() {
        let Some(found) = caps.name(name) else {
            continue;
        };
        let (field, value) = match name {
            "date" => (Field::Date, parse_date(found.as_str()).map(|d| d.to_iso())),
            "updated" => (
                Field::Updated,
                parse_date(found.as_str()).map(|d| d.to_iso()),
            ),
            "title" => (Field::Title, clean_name(found.as_str())),
            _ => (Field::Source, clean_name(found.as_str())),
        };
        if let Some(value) = value {
            candidates.push(Candidate {
                field,
                value,
                from: a.rule.id.clone(),
                line: block.line,
                evidence: block.text.clone(),
                rank: a.rank,
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

/// The dateline rule: remove a line that is a date, or cut a labelled date from a line's
/// start; either way the date becomes a candidate.
fn apply_dateline(a: &Active<'_>, block: &mut Block, candidates: &mut Vec<Candidate>) -> bool {
    let Some(dateline) = parse_dateline(&block.text) else {
        return false;
    };
    let whole_line = dateline.consumed >= block.text.len();
    if !whole_line && dateline.label == DateLabel::None {
        return false;
    }
    let field = match dateline.label {
        DateLabel::Updated => Field::Updated,
        DateLabel::None | DateLabel::Published => Field::Date,
    };
    let evidence = block.text.clone();
    if whole_line {
        block.fate = Fate::Removed {
            rule: a.rule.id.clone(),
        };
    } else {
        let (cut, rest) = block.text.split_at(dateline.consumed);
        block.trimmed = Some(Trim {
            rule: a.rule.id.clone(),
            text: cut.trim().to_string(),
        });
        block.text = rest.trim_start().to_string();
    }
    candidates.push(Candidate {
        field,
        value: dateline.date.to_iso(),
        from: a.rule.id.clone(),
        line: block.line,
        evidence,
        rank: a.rank,
    });
    true
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

    fn run(rules_toml: &str, text: &str) -> Document {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(crate::rules::DEFAULT_FILE), rules_toml).unwrap();
        let rules = Arc::new(RuleSet::load(Some(dir.path())).unwrap());
        let mut doc = Document::new("t", Vec::new());
        doc.blocks = split_lines(text);
        // The shipped source files must not interfere with these tests.
        let only_default = Arc::new(rules.only_default());
        StripBoilerplate::new(only_default).apply(&mut doc).unwrap();
        doc
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
        assert_eq!(
            doc.blocks[0].fate,
            Fate::Removed {
                rule: "_default:any-top".into()
            }
        );
        assert_eq!(
            doc.blocks[2].fate,
            Fate::Removed {
                rule: "_default:top".into()
            }
        );
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
    fn a_document_of_boilerplate_only_is_rejected_with_the_rules() {
        let rules = "[[rule]]\nid = \"all\"\nkind = \"line\"\nregex = \".\"\n";
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(crate::rules::DEFAULT_FILE), rules).unwrap();
        let set = Arc::new(RuleSet::load(Some(dir.path())).unwrap().only_default());
        let mut doc = Document::new("t", Vec::new());
        doc.blocks = split_lines("a\nb");
        let err = StripBoilerplate::new(set).apply(&mut doc).unwrap_err();
        assert_eq!(err.reason, "no-text");
        assert!(err.detail.contains("_default:all"), "{}", err.detail);
    }
}
