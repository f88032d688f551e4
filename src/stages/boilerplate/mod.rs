//! Strip boilerplate: mark the lines the rule files identify as not part of the article.
//!
//! The rules of the files that apply to the document (matching source files, then
//! `_default.toml`) run one after the other, in that order; each marks the kept lines it
//! matches in its zone, so a line belongs to the first rule that claims it and a source's
//! own rules take precedence over the generic ones. Nothing is deleted: a removed block
//! keeps its text and the qualified id of the rule, so the record can say what went and
//! why. A rule's named capture groups (`date`, `source`, ...) propose metadata from the
//! line it removes; the metadata stage chooses among the proposals.
//!
//! The `dateline` kind lives in `dateline.rs`, the regex-free line shapes (icon-font runs,
//! name-like captures) in `shape.rs`.

use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;
use regex::Regex;

mod dateline;
mod shape;

pub use shape::is_icon_run;

use dateline::apply_datelines;
use shape::{clean_name, is_name_like};

use crate::date::parse_date;
use crate::document::{Block, Candidate, Document, Fate, Field};
use crate::record::removals;
use crate::rules::{zone_sizes, LineMatch, Rule, RuleKind, RuleRef, RuleSet, Subject, Zone};
use crate::stages::page_meta::split_names;
use crate::stages::{Rejection, Stage};

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
    /// Whether the line index finds this rule's matches (see `LineIndex::covers`).
    indexed: bool,
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

    fn covers(&self, index: usize) -> bool {
        self.zone[0].contains(&index) || self.zone[1].contains(&index)
    }

    /// Whether the rule is a `line` rule whose matches the line index finds.
    fn is_indexed(&self) -> bool {
        self.indexed
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
        let subject = Subject {
            text: &joined,
            url: doc.url.as_deref(),
            path: (doc.input != "-").then_some(doc.input.as_str()),
        };
        let files = self.rules.applicable(&subject);
        doc.rule_files = files
            .iter()
            .map(|&i| self.rules.files()[i].name.clone())
            .collect();
        let total = doc.blocks.len();
        let (active, ranks) = activate(&self.rules, &files, total);

        // Which `line` rules match each block, found once for all rules; recomputed only
        // for a block whose text a dateline cut.
        let index = self.rules.line_index();
        let mut hits: Vec<Vec<RuleRef>> = doc
            .blocks
            .iter()
            .map(|b| {
                let mut found = Vec::new();
                index.matches(&b.text, &mut found);
                found
            })
            .collect();

        let mut next = 0;
        while next < active.len() {
            let current = &active[next];
            if current.is_indexed() {
                // A run of `line` rules: each block goes to the first rule of the run (by
                // rank) that matches it in its zone, as if the rules ran one by one.
                let end = (next..active.len())
                    .find(|&i| !active[i].is_indexed())
                    .unwrap_or(active.len());
                apply_line_rules(&active[next..end], &ranks, &hits, doc, self.latest_date);
                next = end;
                continue;
            }
            match &current.rule.kind {
                RuleKind::Section { .. } => apply_section(current, doc),
                RuleKind::Dateline => {
                    apply_datelines(current, doc, self.latest_date);
                    for (block, found) in doc.blocks.iter().zip(hits.iter_mut()) {
                        if block.trimmed.is_some() {
                            found.clear();
                            index.matches(&block.text, found);
                        }
                    }
                }
                RuleKind::IconRun { .. } | RuleKind::Line(_) => {
                    for i in current.indices() {
                        if doc.blocks[i].fate == Fate::Kept {
                            apply_line_rule(current, i, doc, self.latest_date);
                        }
                    }
                }
            }
            next += 1;
        }

        if doc.kept_blocks().next().is_none() {
            return Err(Rejection::new(
                "no-text",
                format!(
                    "all {total} lines were removed as boilerplate (by {}): nothing of an article is left",
                    removals(doc)
                        .into_iter()
                        .map(|r| r.rule)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        Ok(())
    }
}

/// Lists the rules of the applicable files in the order they run, each with its zone in a
/// document of `total` blocks, and maps each rule to its rank (`None` for rules of files
/// that do not apply). A zone never covers more than half the document, so that on a short
/// page the footer rules do not reach into the article.
fn activate<'a>(rules: &'a RuleSet, files: &[usize], total: usize) -> (Vec<ActiveRule<'a>>, Ranks) {
    // Floor, so that the header and footer zones never share a line.
    let half = (total / 2).max(1);
    let mut out = Vec::new();
    let mut ranks = Ranks {
        file_start: vec![None; rules.files().len()],
    };
    for &file_index in files {
        ranks.file_start[file_index] = Some(out.len());
        let file = &rules.files()[file_index];
        let (header, footer) = zone_sizes(file, rules.default_file());
        let header = 0..header.min(half).min(total);
        let footer = total - footer.min(half).min(total)..total;
        for (rule_index, rule) in file.rules.iter().enumerate() {
            let at = RuleRef {
                file: file_index,
                rule: rule_index,
            };
            let indexed = matches!(rule.kind, RuleKind::Line(_)) && rules.line_index().covers(at);
            let zone = match rule.zone {
                Zone::Any => [0..total, 0..0],
                Zone::Header => [header.clone(), 0..0],
                Zone::Footer => [footer.clone(), 0..0],
                Zone::Edges => [header.clone(), footer.start.max(header.end)..total],
            };
            out.push(ActiveRule {
                rule,
                indexed,
                rank: out.len(),
                zone,
            });
        }
    }
    (out, ranks)
}

/// The rank of each applicable rule: a file's rules run together, in file order, so a
/// rule's rank is where its file starts plus its place in the file.
struct Ranks {
    file_start: Vec<Option<usize>>,
}

impl Ranks {
    fn of(&self, at: RuleRef) -> Option<usize> {
        self.file_start[at.file].map(|start| start + at.rule)
    }
}

/// Runs a run of consecutive `line` rules (`run`, in rank order): each kept block goes to
/// the lowest-ranked rule of the run whose pattern matches it (`hits`) and whose zone holds
/// it.
fn apply_line_rules(
    run: &[ActiveRule<'_>],
    ranks: &Ranks,
    hits: &[Vec<RuleRef>],
    doc: &mut Document,
    latest: Date,
) {
    let first = run[0].rank;
    for (index, found) in hits.iter().enumerate() {
        if found.is_empty() || doc.blocks[index].fate != Fate::Kept {
            continue;
        }
        let winner = found
            .iter()
            .filter_map(|&at| ranks.of(at))
            .filter(|&rank| rank >= first && rank < first + run.len())
            .map(|rank| &run[rank - first])
            .filter(|active| active.covers(index))
            .min_by_key(|active| active.rank);
        if let Some(active) = winner {
            remove_line(active, index, doc, latest);
        }
    }
}

/// Tries one rule the line index does not cover (an `icon_run`, or a `line` rule run on its
/// own) on the kept block at `index`.
fn apply_line_rule(active: &ActiveRule<'_>, index: usize, doc: &mut Document, latest: Date) {
    let text = &doc.blocks[index].text;
    let matched = match &active.rule.kind {
        RuleKind::Line(LineMatch::Literal(literal)) => text == literal,
        RuleKind::Line(LineMatch::Regex(re)) => re.is_match(text),
        RuleKind::IconRun { min_tokens } => is_icon_run(text, *min_tokens),
        RuleKind::Section { .. } | RuleKind::Dateline => false,
    };
    if matched {
        remove_line(active, index, doc, latest);
    }
}

/// Removes the block at `index` for a line-matching rule, and proposes the metadata the
/// rule's named groups capture from it.
fn remove_line(active: &ActiveRule<'_>, index: usize, doc: &mut Document, latest: Date) {
    let block = &mut doc.blocks[index];
    if let RuleKind::Line(LineMatch::Regex(re)) = &active.rule.kind {
        // Captures are only worth their cost on the few lines a rule removes.
        if re.captures_len() > 1 {
            if let Some(caps) = re.captures(&block.text) {
                propose_captures(active, re, &caps, block, &mut doc.candidates, latest);
            }
        }
    }
    block.fate = Fate::Removed {
        rule: active.rule.id.clone(),
    };
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
        if name == "author" {
            // One candidate per name: `By Jane Doe and John Roe` names two.
            for value in split_names(found.as_str()) {
                candidates.push(Candidate {
                    field: Field::Author,
                    value,
                    from: active.rule.id.clone(),
                    line: block.line,
                    evidence: block.text.clone(),
                    rank: active.rank,
                    confidence: None,
                });
            }
            continue;
        }
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
                confidence: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::blocks::split_lines;

    const LATEST: Date = jiff::civil::date(2026, 11, 22);

    pub(super) fn try_run(rules_toml: &str, text: &str) -> (Document, Result<(), Rejection>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(crate::rules::DEFAULT_FILE), rules_toml).unwrap();
        // Only the given rules: the shipped source files must not interfere.
        let rules = RuleSet::load(Some(dir.path())).unwrap().only_default();
        let mut doc = Document::new("t", Vec::new());
        doc.blocks = split_lines(text);
        let outcome = StripBoilerplate::new(Arc::new(rules), LATEST).apply(&mut doc);
        (doc, outcome)
    }

    pub(super) fn run(rules_toml: &str, text: &str) -> Document {
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

    pub(super) fn kept(doc: &Document) -> Vec<&str> {
        doc.kept_blocks().map(|b| b.text.as_str()).collect()
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
