//! Generic boilerplate: strip page furniture from text of sites nobody wrote rules for.
//!
//! Runs after the rule boilerplate stage, on what the rules kept. Each line gets a score
//! from its shape (`line.rs`): a prose line counts for its words, a short line, a list
//! item, a line repeated in the document or a Title Case row counts against, page chrome
//! more so, and a heading that opens a site's after-article furniture (`Related posts`,
//! `Comments`) is a wall. The main text is the run of lines with the highest total (the
//! maximum-sum segment), and the page is read in one of two ways:
//!
//! - **article**: the main text holds at least `main_text_share` of the page's words.
//!   Everything outside it goes (`generic:outside-main-text`); inside it, only chrome,
//!   template lines and lines without words go. Headings, lists and short lines between
//!   paragraphs stay: they are part of the article.
//! - **no article** (listings, product pages, forums of short posts): there is no
//!   reliable main text, so only what is clearly furniture goes: chrome, template lines,
//!   runs of short list items (menus) and short lines the page repeats.
//!
//! Documents of fewer than 8 lines are left alone: too short to tell furniture from text.
//!
//! Lines whose shape recurs in many documents of the batch (of the same site, when URLs
//! are known) are template lines: the batch driver counts them before the run with the
//! same kind of counter as `rules suggest` and hands them to this stage as [`RecurringLines`].
//!
//! Every removal is a `Fate::Removed` with a `generic:<reason>` id, so the record's
//! `metadata.removed` and `explain` say what went and why. A rule file turns the stage
//! off or tunes it with a `[generic]` table. This stage never reads the rule files'
//! rules and never removes a line a rule kept on purpose: it only sees `Kept` lines.

mod line;

use std::sync::Arc;

pub use line::LineShape;

use rustc_hash::FxHashMap;

use crate::document::{Document, Fate};
use crate::rules::suggest::RecurringLines;
use crate::rules::{url_host, RuleSet};
use crate::stages::{Rejection, Stage};

/// The reasons this stage gives, as written in `metadata.removed`.
pub mod reason {
    /// Outside the main text of an article page.
    pub const OUTSIDE_MAIN_TEXT: &str = "generic:outside-main-text";
    /// Navigation, account or sharing chrome, or a copyright line.
    pub const CHROME: &str = "generic:chrome";
    /// A line whose shape recurs in many documents of the batch: a site template.
    pub const RECURRING: &str = "generic:recurring";
    /// A run of short list items: a menu.
    pub const MENU: &str = "generic:menu";
    /// A short line the page repeats (a menu shown twice, a button under every item).
    pub const REPEATED: &str = "generic:repeated";
    /// A line without a single word (`*`, `|`, a lone emoji).
    pub const NO_WORDS: &str = "generic:no-words";

    /// Whether a removal's id is one of this stage's reasons rather than a rule's.
    pub fn is_generic(id: &str) -> bool {
        id.starts_with("generic:")
    }
}

/// The stage's settings for one document, resolved from the `[generic]` tables of the
/// rule files that apply to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenericSettings {
    /// Whether the stage runs.
    pub enabled: bool,
    /// Documents a line shape must occur in to count as a template line; 0 is off.
    pub recurring_docs: usize,
    /// Share of the words the main text must hold for the page to read as an article.
    pub main_text_share: f64,
}

impl Default for GenericSettings {
    fn default() -> GenericSettings {
        GenericSettings {
            enabled: true,
            recurring_docs: 2,
            main_text_share: 0.25,
        }
    }
}

/// The generic boilerplate stage. See the module documentation.
#[derive(Debug, Clone)]
pub struct GenericBoilerplate {
    rules: Arc<RuleSet>,
    recurring: Arc<RecurringLines>,
}

impl GenericBoilerplate {
    /// A stage reading its settings from `rules` and template lines from `recurring`
    /// (empty when the batch was not counted, e.g. a single document).
    pub fn new(rules: Arc<RuleSet>, recurring: Arc<RecurringLines>) -> GenericBoilerplate {
        GenericBoilerplate { rules, recurring }
    }

    /// The settings for `doc`: per key, the first rule file in `doc.rule_files` (run
    /// order) that sets it, else the default.
    pub fn settings(&self, doc: &Document) -> GenericSettings {
        let mut settings = GenericSettings::default();
        let files = doc
            .rule_files
            .iter()
            .filter_map(|name| self.rules.files().iter().find(|f| &f.name == name));
        let (mut enabled, mut docs, mut share) = (None, None, None);
        for file in files {
            enabled = enabled.or(file.generic.enabled);
            docs = docs.or(file.generic.recurring_docs);
            share = share.or(file.generic.main_text_share);
        }
        settings.enabled = enabled.unwrap_or(settings.enabled);
        settings.recurring_docs = docs.unwrap_or(settings.recurring_docs);
        settings.main_text_share = share.unwrap_or(settings.main_text_share);
        settings
    }
}

impl Stage for GenericBoilerplate {
    fn name(&self) -> &'static str {
        "generic"
    }

    fn apply(&self, doc: &mut Document) -> Result<(), Rejection> {
        let settings = self.settings(doc);
        if settings.enabled && doc.blocks.len() >= MIN_LINES {
            let host = doc.url.as_deref().and_then(url_host);
            let recurring = (settings.recurring_docs >= 2)
                .then(|| self.recurring.group(host.as_deref()))
                .flatten();
            let template = |text: &str| {
                recurring.is_some_and(|r| r.documents(text) >= settings.recurring_docs)
            };
            let verdicts = judge(doc, &settings, template);
            for (block, verdict) in doc.blocks.iter_mut().zip(verdicts) {
                if let Some(reason) = verdict {
                    block.fate = Fate::Removed {
                        rule: reason.to_string(),
                    };
                }
            }
            // A record's text is never empty: a page that is all furniture is a reject.
            if doc.kept_blocks().next().is_none() {
                return Err(Rejection::new(
                    "no-text",
                    format!(
                        "all {} lines were removed as page furniture (by the rules and the generic stage): nothing of an article is left",
                        doc.blocks.len()
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// A document of fewer lines is left alone: too short to tell a page's furniture from
/// its text (a snippet, a rule file's test, a message).
const MIN_LINES: usize = 8;
/// A short line the page repeats is furniture only below this many words; a longer
/// repeated line is a product description or a quote shown twice.
const REPEATED_MAX_WORDS: usize = 15;
/// A run of at least this many list items of at most `MENU_ITEM_MAX_WORDS` words is a menu.
const MENU_MIN_ITEMS: usize = 3;
const MENU_ITEM_MAX_WORDS: usize = 6;
/// A page with at least this many words of prose that recur in other documents, and
/// fewer than this many that do not, is itself a copy (an article syndicated to several
/// sites, a page crawled twice): its prose lines are not template lines. A page whose
/// recurring prose stands beside text of its own, such as a product page with the site's
/// terms of sale, keeps its own text and loses the terms; a page of template lines only
/// (three copies of a bare footer) loses them all.
const COPIED_PAGE_MIN_WORDS: usize = 60;
/// The main text must total at least this score to exist at all.
const MAIN_TEXT_MIN_SCORE: f64 = 10.0;

/// What a line is, for scoring: its shape and what the page and batch say of it.
struct Line {
    shape: LineShape,
    /// Still kept when this stage starts (not removed by a rule).
    kept: bool,
    /// The page shows this line more than once.
    repeated: bool,
    /// Chrome, or a template line of the batch: removed wherever it stands.
    furniture: Option<&'static str>,
}

/// Decides each block's fate: `Some(reason)` to remove it, `None` to leave it.
fn judge(
    doc: &Document,
    settings: &GenericSettings,
    template: impl Fn(&str) -> bool,
) -> Vec<Option<&'static str>> {
    let shapes: Vec<LineShape> = doc.blocks.iter().map(|b| LineShape::of(&b.text)).collect();
    let mut seen: FxHashMap<u64, usize> = FxHashMap::default();
    for shape in &shapes {
        *seen.entry(shape.key).or_default() += 1;
    }
    let recurring: Vec<bool> = doc
        .blocks
        .iter()
        .map(|b| b.fate == Fate::Kept && template(&b.text))
        .collect();
    // When most of the page's prose recurs in other documents, the page itself is
    // what recurs (an article syndicated to several sites, one page under two
    // addresses): its prose is content there, and only its short template lines go.
    let prose_words = |only_recurring: bool| -> usize {
        shapes
            .iter()
            .zip(&recurring)
            .filter(|(s, r)| s.prose && (**r || !only_recurring))
            .map(|(s, _)| s.words)
            .sum()
    };
    let (recurring_prose, all_prose) = (prose_words(true), prose_words(false));
    let copied_page = recurring_prose >= COPIED_PAGE_MIN_WORDS
        && all_prose - recurring_prose < COPIED_PAGE_MIN_WORDS;
    let lines: Vec<Line> = doc
        .blocks
        .iter()
        .zip(shapes)
        .zip(recurring)
        .map(|((block, shape), recurring)| {
            let furniture = if shape.chrome {
                Some(reason::CHROME)
            } else if recurring && !(copied_page && shape.prose) {
                Some(reason::RECURRING)
            } else {
                None
            };
            Line {
                shape,
                kept: block.fate == Fate::Kept,
                repeated: seen[&shape.key] > 1,
                furniture,
            }
        })
        .collect();

    let scores: Vec<f64> = lines.iter().map(score).collect();
    let main = main_text(&scores);
    let words = |range: std::ops::Range<usize>| -> usize {
        lines[range].iter().map(|l| l.shape.words).sum()
    };
    let total = words(0..lines.len()).max(1);
    let article = main
        .clone()
        .is_some_and(|m| words(m) as f64 >= settings.main_text_share * total as f64);
    let menu = menu_runs(&lines);

    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            if !line.kept {
                return None;
            }
            if line.shape.words == 0 {
                return Some(reason::NO_WORDS);
            }
            if article {
                // Inside an article, a line named like a page control is a heading or a
                // list item of the article (`Search`, `Share`); only template lines go.
                let inside = main.as_ref().is_some_and(|m| m.contains(&i));
                return match line.furniture {
                    Some(reason::RECURRING) => Some(reason::RECURRING),
                    _ if inside => None,
                    Some(reason) => Some(reason),
                    None => Some(reason::OUTSIDE_MAIN_TEXT),
                };
            }
            if let Some(reason) = line.furniture {
                return Some(reason);
            }
            if menu[i] {
                Some(reason::MENU)
            } else if line.repeated
                && line.shape.words < REPEATED_MAX_WORDS
                && !(line.shape.prose && line.shape.sentence_end)
            {
                Some(reason::REPEATED)
            } else {
                None
            }
        })
        .collect()
}

/// How much a line counts for (positive) or against (negative) being main text.
fn score(line: &Line) -> f64 {
    let shape = &line.shape;
    if shape.end_marker {
        // A wall: the main text does not run across the start of the comments.
        return -150.0;
    }
    if !line.kept || line.furniture == Some(reason::RECURRING) {
        // Lines a rule removed and template lines of the batch also stand between the
        // paragraphs of an article (a `READ MORE:` link, a newsletter box): they weigh
        // against the main text, but do not wall it.
        return -5.0;
    }
    if shape.words == 0 || line.furniture.is_some() {
        // Chrome, a line without words: page furniture, which the main text seldom
        // runs across.
        return -20.0;
    }
    let words = shape.words as f64;
    if shape.prose && (shape.sentence_end || !line.repeated || shape.words >= REPEATED_MAX_WORDS) {
        // Prose without a sentence end is often a teaser or a caption: half weight.
        return if shape.sentence_end {
            words
        } else {
            0.5 * words
        };
    }
    let mut score = -2.0 + 0.3 * words;
    if shape.list_item {
        score -= 1.0;
    }
    if line.repeated {
        score -= 2.0;
    }
    if shape.capitalized >= line::TITLE_CASE && shape.words >= 3 {
        score -= 1.0;
    }
    score
}

/// The maximum-sum run of lines (Kadane), if it scores at least `MAIN_TEXT_MIN_SCORE`.
fn main_text(scores: &[f64]) -> Option<std::ops::Range<usize>> {
    let (mut best, mut best_range) = (0.0, 0..0);
    let (mut sum, mut start) = (0.0, 0);
    for (i, &score) in scores.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += score;
        if sum > best {
            best = sum;
            best_range = start..i + 1;
        }
    }
    (best >= MAIN_TEXT_MIN_SCORE).then_some(best_range)
}

/// Marks the lines of menus: runs of at least `MENU_MIN_ITEMS` short list items.
fn menu_runs(lines: &[Line]) -> Vec<bool> {
    let item = |l: &Line| l.shape.list_item && l.shape.words <= MENU_ITEM_MAX_WORDS;
    let mut out = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| item(l)).count();
        if run >= MENU_MIN_ITEMS {
            out[i..i + run].iter_mut().for_each(|m| *m = true);
        }
        i += run.max(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::suggest::ShapeCounter;
    use crate::stages::blocks::split_lines;

    const ARTICLE: &str = "* Home\n* News\n* Sport\n* Weather\nSign in\n\nCouncil approves budget\n\nThe city council voted on Tuesday to approve the new budget after a long debate.\n\nOfficials said the plan would raise spending on schools and roads next year.\n\nHighlights\n\nOpposition members argued that the figures did not add up and asked for a review.\n\nThe mayor is expected to sign the budget into law before the end of the month.\n\nRelated Posts\n\nWhy the council keeps the budget secret until the last minute, and more\n\nFive things to know about the new school year in the city and the region";

    fn run(text: &str, recurring: RecurringLines, settings: GenericSettings) -> Document {
        let mut doc = Document::new("t", Vec::new());
        doc.blocks = split_lines(text);
        let template = |text: &str| {
            settings.recurring_docs >= 2
                && recurring
                    .group(None)
                    .is_some_and(|r| r.documents(text) >= settings.recurring_docs)
        };
        let verdicts = judge(&doc, &settings, template);
        for (block, verdict) in doc.blocks.iter_mut().zip(verdicts) {
            if let Some(reason) = verdict {
                block.fate = Fate::Removed {
                    rule: reason.into(),
                };
            }
        }
        doc
    }

    fn kept(doc: &Document) -> Vec<&str> {
        doc.kept_blocks().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn a_page_of_furniture_only_is_rejected_not_an_empty_record() {
        let pipeline = crate::Pipeline::new(RuleSet::embedded().unwrap());
        let text = "Leave a Reply\n7 Oct, 2016 19:40\nLeave a Reply\n7 Oct, 2016 19:40\n7 Oct, 2016 19:40\nLeave a Reply\nLeave a Reply\nLeave a Reply\n";
        let reject = pipeline.run_one("t.txt", text.into()).unwrap_err();
        assert_eq!(
            (reject.stage.as_str(), reject.reason.as_str()),
            ("generic", "no-text")
        );
    }

    #[test]
    fn an_article_keeps_its_text_and_headings_and_loses_menu_and_related_links() {
        let doc = run(
            ARTICLE,
            RecurringLines::default(),
            GenericSettings::default(),
        );
        let kept = kept(&doc);
        assert!(
            kept.contains(&"Highlights"),
            "a heading inside the text stays: {kept:?}"
        );
        assert_eq!(kept.len(), 5, "{kept:?}");
        assert!(kept[0].starts_with("The city council"));
        let reason = |text: &str| {
            doc.blocks
                .iter()
                .find(|b| b.text == text)
                .map(|b| b.fate.clone())
        };
        assert_eq!(
            reason("* Weather"),
            Some(Fate::Removed {
                rule: reason::OUTSIDE_MAIN_TEXT.into()
            })
        );
        assert_eq!(
            reason("Sign in"),
            Some(Fate::Removed {
                rule: reason::CHROME.into()
            })
        );
    }

    #[test]
    fn a_page_of_short_lines_loses_only_its_menu_and_repeats() {
        let page = "* Home\n* Shop\n* About\n* Contact\nBlue speckle mug\n$24.00\nAdd to cart\nHandmade stoneware\nSize: 9 x 8 cm\nAdd to cart";
        let doc = run(page, RecurringLines::default(), GenericSettings::default());
        assert_eq!(
            kept(&doc),
            [
                "Blue speckle mug",
                "$24.00",
                "Handmade stoneware",
                "Size: 9 x 8 cm"
            ]
        );
    }

    #[test]
    fn lines_recurring_across_the_batch_go_even_inside_the_text() {
        let mut counter = ShapeCounter::new(100);
        for _ in 0..3 {
            counter.add_document(None, ["Highlights"].into_iter());
        }
        let doc = run(ARTICLE, counter.recurring(2), GenericSettings::default());
        assert!(!kept(&doc).contains(&"Highlights"));
        let off = GenericSettings {
            recurring_docs: 0,
            ..GenericSettings::default()
        };
        let doc = run(ARTICLE, counter.recurring(2), off);
        assert!(kept(&doc).contains(&"Highlights"));
        let mut counter = ShapeCounter::new(100);
        counter.add_document(None, ["Highlights"].into_iter());
        let doc = run(ARTICLE, counter.recurring(2), GenericSettings::default());
        assert!(
            kept(&doc).contains(&"Highlights"),
            "one document is no template"
        );
    }

    #[test]
    fn a_page_whose_prose_all_recurs_is_a_copy_and_keeps_its_prose() {
        // One article syndicated to three sites of a batch without URLs (or one page
        // crawled three times): its paragraphs recur, and so does the short template
        // line; only the template line goes.
        let paragraphs: Vec<String> = (0..12)
            .map(|i| format!("Paragraph {i} of the wire story says that the council met on Tuesday and voted to approve the new budget for the schools."))
            .collect();
        let mut counter = ShapeCounter::new(1000);
        for _ in 0..3 {
            let lines = paragraphs.iter().map(String::as_str);
            counter.add_document(None, lines.chain(["Share this story"]));
        }
        let mut page = paragraphs.join("\n\n");
        page.push_str("\n\nShare this story");
        let doc = run(&page, counter.recurring(2), GenericSettings::default());
        let kept = kept(&doc);
        assert_eq!(kept.len(), paragraphs.len(), "{kept:?}");
        assert!(!kept.contains(&"Share this story"));
    }
}
