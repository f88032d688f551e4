//! Extract: an HTML page's main content as text, one block per line, blank lines between.
//!
//! Runs right after decode, on HTML input only (`Format::Html`); text input passes
//! untouched. The page is parsed by html5ever through `scraper` in bounded work
//! (`parse.rs`), flattened into a list of nodes so that no walk recurses (`dom.rs`),
//! pruned of chrome (`prune.rs`: navigation, forms, header and footer, asides, hidden
//! elements, comment sections, share bars, cookie banners, related links, ads), turned
//! into text blocks in reading order (`flow.rs`), and the main content is picked by
//! scoring (`score.rs`). The kept blocks replace the document's text: headings,
//! paragraphs, list items (`- `), table rows (cells joined by ` | `), quotes and `pre`,
//! each on its own line with a blank line between. From there the text stages (repair,
//! blocks, normalize, boilerplate, generic, metadata) run as for a text dump.
//!
//! The page's `<h1>` headline is proposed as the title (`html:h1`) and left out of the
//! text. What the page states about itself (dates, title, site name, authors, canonical
//! URL: `stages::page_meta`) is read here too, where the page is parsed, and proposed as
//! metadata candidates; a closed `<head>` is parsed on its own for it. What was dropped is counted by reason in `Document::html` and written to the
//! record's `metadata.html`, so nothing goes unaccounted for. A rule file's `[html]` table
//! adds CSS selectors to drop or keep. This stage reads no files and keeps no state.

mod dom;
mod flow;
mod parse;
mod prune;
mod score;

use std::sync::Arc;

use crate::document::{Candidate, Document, Dropped, Field, Format, HtmlReport};
use crate::rules::{RuleSet, Subject};
use crate::stages::normalize::{normalize_line, NormalizeChanges};
use crate::stages::page_meta::{self, PageFacts};
use crate::stages::{Rejection, Stage};

pub use parse::{BASE_BUDGET, BUDGET_PER_BYTE};

use flow::Kind;
use score::Verdict;

/// The rank of the `<h1>` title: after every rule's captures, before the text headline
/// heuristic's.
const H1_RANK: usize = usize::MAX - 1;

/// The extract stage. See the module documentation.
#[derive(Debug, Clone)]
pub struct Extract {
    rules: Arc<RuleSet>,
    /// The latest plausible publication date (see `date::latest_publication_date`).
    latest: jiff::civil::Date,
}

impl Extract {
    /// A stage taking `[html]` selectors from `rules`; page dates after `latest` are not
    /// taken.
    pub fn new(rules: Arc<RuleSet>, latest: jiff::civil::Date) -> Extract {
        Extract { rules, latest }
    }

    /// A title or a name read from the page, normalized as the text lines will be: such
    /// values never go through the normalize stage.
    fn normalized(&self, value: &str) -> String {
        let mut changes = NormalizeChanges::default();
        normalize_line(value, &self.rules.normalize_options(), &mut changes).into_owned()
    }

    /// The `[html]` drop and keep selectors of the rule files that apply to `doc`: matched
    /// on its URL, path, and markup (a file's `contains` and `regex` see the markup).
    fn selectors(&self, doc: &Document) -> (Vec<scraper::Selector>, Vec<scraper::Selector>) {
        if self.rules.files().iter().all(|f| f.html.is_empty()) {
            return (Vec::new(), Vec::new());
        }
        let subject = Subject {
            text: &doc.text,
            url: doc.url.as_deref(),
            path: (doc.input != "-").then_some(doc.input.as_str()),
        };
        let (mut drop, mut keep) = (Vec::new(), Vec::new());
        for i in self.rules.applicable(&subject) {
            let html = &self.rules.files()[i].html;
            drop.extend(html.drop.iter().cloned());
            keep.extend(html.keep.iter().cloned());
        }
        (drop, keep)
    }
}

impl Stage for Extract {
    fn name(&self) -> &'static str {
        "extract"
    }

    fn apply(&self, doc: &mut Document) -> Result<(), Rejection> {
        if doc.format != Format::Html {
            return Ok(());
        }
        let (drop, keep) = self.selectors(doc);
        let (markup, stripped) = parse::strip_invisible(&doc.text);
        let html = parse::parse(&markup).map_err(|over| {
            Rejection::new(
                "too-complex",
                format!(
                    "the page's markup took the parser over its budget ({} steps, limit {}: {} plus {} per byte); it is nested too deeply to read in bounded time",
                    over.steps, over.budget, BASE_BUDGET, BUDGET_PER_BYTE
                ),
            )
        })?;
        let head = parse::head(&doc.text).and_then(|head| parse::parse(&head).ok());
        let facts = PageFacts::read(&doc.text, head.as_ref(), &html);
        for mut found in page_meta::candidates(&facts, doc.url.as_deref(), self.latest) {
            if matches!(found.field, Field::Title | Field::Source | Field::Author) {
                found.value = self.normalized(&found.value);
            }
            doc.candidates.push(found);
        }
        let dom = dom::Dom::build(&html);
        let selectors = prune::Selectors {
            drop: &drop,
            keep: &keep,
        };
        let pruned = prune::prune(&dom, &html, selectors);
        let blocks = flow::blocks(&dom, &pruned);
        let selection = score::select(&dom, &pruned, &blocks);

        let mut report = HtmlReport {
            main: dom.path(selection.main),
            ..HtmlReport::default()
        };
        for (kind, count, chars) in stripped.iter().filter(|(_, n, _)| *n > 0) {
            let entry = report.dropped.entry(kind).or_default();
            entry.elements += count;
            entry.chars += chars;
        }
        for (i, reason) in pruned.dropped.iter().enumerate() {
            if let Some(reason) = reason {
                let entry: &mut Dropped = report.dropped.entry(reason).or_default();
                entry.elements += 1;
                entry.chars += pruned.chars[i];
            }
        }
        let mut lines: Vec<String> = Vec::new();
        for (block, verdict) in blocks.iter().zip(&selection.verdicts) {
            match verdict {
                Verdict::Keep => lines.push(match block.kind {
                    Kind::Item => format!("- {}", block.text),
                    _ => block.text.clone(),
                }),
                Verdict::Title => {
                    let title = block.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    let title = self.normalized(&title);
                    doc.candidates.push(Candidate {
                        field: Field::Title,
                        value: title.clone(),
                        from: "html:h1".to_string(),
                        line: 0,
                        evidence: title,
                        rank: H1_RANK,
                        confidence: None,
                    });
                }
                Verdict::Drop(reason) => {
                    let entry = report.dropped.entry(reason).or_default();
                    entry.elements += 1;
                    entry.chars += block.chars;
                }
            }
        }
        doc.html = Some(report);
        if lines.is_empty() {
            return Err(Rejection::new(
                "no-text",
                "the page has no text outside what the extract stage dropped as page furniture",
            ));
        }
        doc.text = lines.join("\n\n");
        Ok(())
    }
}

#[cfg(test)]
mod tests;
