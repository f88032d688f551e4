//! Scoring: which part of the pruned page is its main content.
//!
//! Readability's way, on the flat DOM: every block of prose (at least [`MIN_BLOCK_CHARS`]
//! characters) scores `1 + commas + min(chars / 100, 3)`, less its link share, and gives
//! that score to the element around it, half to the next one up, and less further up.
//! An element's score is then weighed by its tag and its class and id words, and by the
//! share of its text that is not links. The best element is the main content; it grows to
//! a common ancestor when several near-best candidates sit inside one, to its parent when
//! the parent scores higher, and takes along sibling elements that score well or read as
//! paragraphs (an article split over several `div`s).
//!
//! When the best element holds too little of the page's text outside links (cards count
//! as text), the smallest ancestor holding enough is taken instead (more, half the page's,
//! when what that adds is no list of teasers: linked headings of other stories); when it holds less
//! still, the page's content is spread (a listing, a product page, a forum thread).
//!
//! Inside the main content, link lists (a block mostly made of link text) are left out,
//! except what is an entry rather than a menu: on a spread page every linked block (the
//! main content there is the smallest part holding the entries, and their titles are
//! links in headings, list items or plain `div`s alike); the text of a card (a link around a headline and a summary, a teaser); a linked
//! heading with kept text under it (a post's title over its excerpt); a row of a data
//! table (two cells or more). Headings left with nothing under them (a line repeated under
//! every entry, kept once, still counts as something), blocks repeated word
//! for word, and the headline (which becomes the record's title) are left out too. Every
//! block left out is counted with a reason.

use crate::stages::extract::dom::{hint, Dom, Tag};
use crate::stages::extract::flow::{Kind, TextBlock};
use crate::stages::extract::prune::Pruned;

/// A block shorter than this adds nothing to the scores (menus, buttons, labels).
pub const MIN_BLOCK_CHARS: usize = 25;
/// A block with more than this share of link text is a link list, not content.
const MAX_LINK_DENSITY: f64 = 0.5;
/// How many ancestors a block's score reaches.
const SCORE_LEVELS: usize = 5;
/// Near-best candidates (at least this share of the best score) ...
const NEAR_BEST: f64 = 0.75;
/// ... this many of them inside one ancestor make that ancestor the main content.
const NEAR_BEST_COUNT: usize = 3;
/// A sibling joins the main content with at least this share of the best score ...
const SIBLING_SHARE: f64 = 0.2;
/// ... and at least this score.
const SIBLING_MIN_SCORE: f64 = 10.0;

/// The best element holds at least this share of the page's text outside links; below,
/// the page's content is spread: its linked blocks and captions are entries.
const SPREAD_SHARE: f64 = 0.3;
/// The main element grows to the smallest ancestor holding at least this share of the
/// page's text outside links: below it, more of the content lies outside it than a
/// single article's asides would explain.
const HOLD_SHARE: f64 = 0.35;
/// It grows on to hold this share when what it takes in is not a list of teasers (at
/// least [`TEASER_HEADINGS`] linked headings: other stories, not this page's content).
const WIDE_HOLD_SHARE: f64 = 0.5;
/// See [`WIDE_HOLD_SHARE`].
const TEASER_HEADINGS: usize = 3;

/// What happens to each block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Part of the main content.
    Keep,
    /// The headline: the record's title, not repeated in the text.
    Title,
    /// Left out, with the reason.
    Drop(&'static str),
}

/// The main content: the element it was found in and a verdict per block.
#[derive(Debug)]
pub struct Selection {
    /// The element chosen as the main content (0: the whole page).
    pub main: usize,
    /// One verdict per block, in block order.
    pub verdicts: Vec<Verdict>,
}

/// Picks the main content of a page. See the module documentation.
pub fn select(dom: &Dom<'_>, pruned: &Pruned, blocks: &[TextBlock]) -> Selection {
    let nodes = &dom.nodes;
    let n = nodes.len();
    let inside = |a: usize, i: usize| i >= a && i < nodes[a].end.max(a + 1);

    // Text and link text per element, after pruning.
    let mut chars = vec![0usize; n];
    let mut link_chars = vec![0usize; n];
    let mut card_chars = vec![0usize; n];
    // Captions count for nothing here: whether they are content depends on the page.
    for b in blocks.iter().filter(|b| !b.caption) {
        chars[b.container] += b.chars;
        link_chars[b.container] += b.link_chars;
        card_chars[b.container] += b.card_chars;
    }
    for i in (1..n).rev() {
        let p = nodes[i].parent;
        chars[p] += chars[i];
        link_chars[p] += link_chars[i];
        card_chars[p] += card_chars[i];
    }

    let mut spread = false;
    let regions: Vec<usize> = if pruned.kept.is_empty() {
        let (main, is_spread) = main_element(dom, blocks, &chars, &link_chars, &card_chars);
        spread = is_spread;
        siblings(dom, main, blocks, &chars, &link_chars)
    } else {
        pruned.kept.clone()
    };
    let main = regions.first().copied().unwrap_or(0);

    let in_main = |b: &TextBlock| regions.iter().any(|&r| inside(r, b.container));
    let mut verdicts: Vec<Verdict> = blocks
        .iter()
        .map(|b| {
            if b.caption && !(spread && in_main(b)) {
                // A caption is content on a spread page (a gallery, a listing: it names
                // an entry); in an article it is a photo's credit or a repeat of the text.
                Verdict::Drop("caption")
            } else if !in_main(b) {
                Verdict::Drop("outside-main")
            } else if b.nav_link_density() > MAX_LINK_DENSITY
                // On a spread page the main content is already the smallest part that
                // holds the entries, whose titles are links in any element.
                && !spread
                && !data_row(b)
            {
                Verdict::Drop("link-dense")
            } else {
                Verdict::Keep
            }
        })
        .collect();

    // A linked heading with kept text under it (a post's title over its excerpt) titles
    // that text: it is an entry's heading, not a link list.
    for i in (0..blocks.len()).rev() {
        let Kind::Heading(level) = blocks[i].kind else {
            continue;
        };
        if verdicts[i] != Verdict::Drop("link-dense") {
            continue;
        }
        for j in i + 1..blocks.len() {
            match blocks[j].kind {
                Kind::Heading(next) if next <= level => break,
                Kind::Heading(_) => continue,
                _ if verdicts[j] == Verdict::Keep => {
                    verdicts[i] = Verdict::Keep;
                    break;
                }
                _ => continue,
            }
        }
    }

    // A block repeated word for word (a slideshow's caption, a gallery's title under
    // every picture) is kept once.
    let mut seen = std::collections::HashSet::new();
    for (b, verdict) in blocks.iter().zip(verdicts.iter_mut()) {
        if *verdict == Verdict::Keep && !seen.insert(b.text.as_str()) {
            *verdict = Verdict::Drop("repeated");
        }
    }

    // The headline: the first level-1 heading in or before the main content.
    let first_kept = verdicts.iter().position(|v| *v == Verdict::Keep);
    let h1 = blocks.iter().enumerate().position(|(i, b)| {
        b.kind == Kind::Heading(1)
            && first_kept.is_none_or(|k| i <= k || verdicts[i] == Verdict::Keep)
            && b.chars >= 3
    });
    if let Some(h1) = h1 {
        verdicts[h1] = Verdict::Title;
    }

    // A heading with no kept text under it (before the next heading of its level or
    // above) headed something that was dropped.
    for i in (0..blocks.len()).rev() {
        let Kind::Heading(level) = blocks[i].kind else {
            continue;
        };
        if verdicts[i] != Verdict::Keep {
            continue;
        }
        let mut has_text = false;
        for j in i + 1..blocks.len() {
            if let Kind::Heading(next) = blocks[j].kind {
                if next <= level {
                    break;
                }
            }
            // A repeated block (an entry's "2 hours ago" under every headline) is text
            // the heading heads, kept once for the page.
            if matches!(verdicts[j], Verdict::Keep | Verdict::Drop("repeated")) {
                has_text = true;
                break;
            }
        }
        if !has_text {
            verdicts[i] = Verdict::Drop("empty-heading");
        }
    }
    Selection { main, verdicts }
}

/// The element with the best score, moved up as the module documentation says.
fn main_element(
    dom: &Dom<'_>,
    blocks: &[TextBlock],
    chars: &[usize],
    link_chars: &[usize],
    card_chars: &[usize],
) -> (usize, bool) {
    let nodes = &dom.nodes;
    let n = nodes.len();
    let mut score = vec![0f64; n];
    let mut scored = vec![false; n];
    for b in blocks {
        if b.chars < MIN_BLOCK_CHARS || matches!(b.kind, Kind::Heading(_)) || b.caption {
            continue;
        }
        let content = prose_score(b);
        // A paragraph-like element takes the place of readability's `<p>`, and its
        // ancestors are the candidates; text loose in a `div` is a paragraph of that div.
        let paragraph_like = matches!(
            nodes[b.container].tag,
            Tag::P | Tag::Item | Tag::Heading(_) | Tag::Pre | Tag::Quote | Tag::Cell | Tag::Row
        );
        let mut at = if paragraph_like {
            nodes[b.container].parent
        } else {
            b.container
        };
        for level in 0..SCORE_LEVELS {
            if at == 0 {
                break;
            }
            let share = match level {
                0 => 1.0,
                1 => 0.5,
                _ => 1.0 / (level as f64 * 3.0),
            };
            score[at] += content * share;
            scored[at] = true;
            at = nodes[at].parent;
        }
    }
    let final_score = |i: usize| {
        if !scored[i] {
            return 0.0;
        }
        let density = link_chars[i] as f64 / chars[i].max(1) as f64;
        (score[i] + weight(dom, i)) * (1.0 - density)
    };
    // Linked headings per element: a teaser list's titles.
    let mut teasers = vec![0usize; n];
    for b in blocks {
        if matches!(b.kind, Kind::Heading(_)) && b.link_density() > MAX_LINK_DENSITY {
            teasers[b.container] += 1;
        }
    }
    for i in (1..n).rev() {
        teasers[nodes[i].parent] += teasers[i];
    }
    let mut ranked: Vec<(f64, usize)> = (1..n)
        .filter(|&i| scored[i])
        .map(|i| (final_score(i), i))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let Some(&(best_score, mut best)) = ranked.first() else {
        return (body(dom), false);
    };
    let inside = |a: usize, i: usize| i > a && i < nodes[a].end;

    // Several near-best candidates in one ancestor: the ancestor holds the content.
    let near: Vec<usize> = ranked[1..ranked.len().min(5)]
        .iter()
        .filter(|(s, _)| *s >= best_score * NEAR_BEST)
        .map(|&(_, i)| i)
        .collect();
    if near.len() >= NEAR_BEST_COUNT {
        let mut a = nodes[best].parent;
        while a != 0 && nodes[a].name != "body" {
            if near.iter().filter(|&&c| inside(a, c)).count() >= NEAR_BEST_COUNT {
                best = a;
                break;
            }
            a = nodes[a].parent;
        }
    }

    // Climb while the parent scores higher; stop where scores fall off.
    let mut last = final_score(best);
    let threshold = last / 3.0;
    let mut parent = nodes[best].parent;
    while parent != 0 && nodes[parent].name != "body" {
        if !scored[parent] {
            parent = nodes[parent].parent;
            continue;
        }
        let s = final_score(parent);
        if s < threshold {
            break;
        }
        if s > last {
            best = parent;
            break;
        }
        last = s;
        parent = nodes[parent].parent;
    }
    // A page that is no single article (a listing, a product page, a forum thread) has
    // its content spread over many parts: when the best element holds too little of the
    // page's text outside links, take the smallest ancestor that holds enough.
    // Cards (teasers: a link around a headline and a summary) are text here: they are
    // a listing's entries.
    let plain = |i: usize| (chars[i] + card_chars[i]).saturating_sub(link_chars[i]) as f64;
    let page_plain = plain(body(dom)).max(1.0);
    let spread = plain(best) < SPREAD_SHARE * page_plain;
    let grown = |hold: f64| {
        let mut a = best;
        while a != 0 && nodes[a].name != "body" && plain(a) < hold * page_plain {
            a = nodes[a].parent;
        }
        a
    };
    if plain(best) < WIDE_HOLD_SHARE * page_plain {
        let mut a = grown(WIDE_HOLD_SHARE);
        if teasers[a] - teasers[best] >= TEASER_HEADINGS {
            a = if plain(best) < HOLD_SHARE * page_plain {
                grown(HOLD_SHARE)
            } else {
                best
            };
        }
        if a != 0 && a != best {
            best = a;
        }
    }
    // An only child stands for its parent.
    loop {
        let parent = nodes[best].parent;
        if parent == 0 || nodes[parent].name == "body" || chars[parent] != chars[best] {
            break;
        }
        best = parent;
    }
    (best, spread)
}

/// The `body` element, or the document when there is none.
fn body(dom: &Dom<'_>) -> usize {
    dom.nodes.iter().position(|n| n.name == "body").unwrap_or(0)
}

/// An element's weight from its tag and its class and id words.
fn weight(dom: &Dom<'_>, i: usize) -> f64 {
    let node = &dom.nodes[i];
    let mut w = match node.tag {
        Tag::Article => 10.0,
        Tag::Main => 5.0,
        Tag::Block if node.name == "div" => 5.0,
        Tag::Pre | Tag::Cell | Tag::Quote => 3.0,
        Tag::List | Tag::Item | Tag::Form => -3.0,
        Tag::Heading(_) => -5.0,
        _ => 0.0,
    };
    if node.hints & hint::MAIN != 0 {
        w += 50.0;
    }
    if node.hints & hint::CONTENT != 0 {
        w += 25.0;
    }
    if node.hints
        & (hint::COMMENTS
            | hint::SHARE
            | hint::RELATED
            | hint::AD
            | hint::PROMPT
            | hint::NAVIGATION
            | hint::META)
        != 0
    {
        w -= 25.0;
    }
    w
}

/// The main element and the siblings that join it, in document order.
fn siblings(
    dom: &Dom<'_>,
    main: usize,
    blocks: &[TextBlock],
    chars: &[usize],
    link_chars: &[usize],
) -> Vec<usize> {
    let nodes = &dom.nodes;
    let parent = nodes[main].parent;
    if main == 0 || parent == 0 || nodes[main].name == "body" {
        return vec![main];
    }
    // Sibling scores, computed as for the main element (its own blocks' prose).
    let mut prose_sum = vec![0f64; nodes.len()];
    for b in blocks
        .iter()
        .filter(|b| b.chars >= MIN_BLOCK_CHARS && !b.caption)
    {
        prose_sum[b.container] += prose_score(b);
    }
    for i in (1..nodes.len()).rev() {
        prose_sum[nodes[i].parent] += prose_sum[i];
    }
    let prose = |a: usize| prose_sum[a];
    let main_score = prose(main) + weight(dom, main);
    let threshold = SIBLING_MIN_SCORE.max(main_score * SIBLING_SHARE);
    let mut out = Vec::new();
    let mut i = parent + 1;
    while i < nodes[parent].end {
        let node = &nodes[i];
        let next = node.end.max(i + 1);
        if node.tag == Tag::Text {
            i = next;
            continue;
        }
        let density = link_chars[i] as f64 / chars[i].max(1) as f64;
        let joins = if i == main {
            true
        } else if chars[i] == 0 {
            false
        } else {
            let bonus = if !node.class.is_empty() && node.class == nodes[main].class {
                main_score * SIBLING_SHARE
            } else {
                0.0
            };
            let paragraph_like = node.tag == Tag::P
                && ((chars[i] > 80 && density < 0.25)
                    || (density == 0.0 && sentence_like(dom, i, blocks)));
            // Only a part of the same kind (same tag and class: an article body split by
            // an advertisement) joins for its score; other siblings are other content
            // (teasers, related posts) however well they score.
            let same_kind = bonus > 0.0 && node.name == nodes[main].name;
            (same_kind && (prose(i) + weight(dom, i)) * (1.0 - density) + bonus >= threshold)
                || paragraph_like
        };
        if joins {
            out.push(i);
        }
        i = next;
    }
    out
}

/// Whether a block is a row of a data table (two cells or more): its links are the
/// table's data (names, titles), not a menu, which is one cell wide or not a table.
fn data_row(b: &TextBlock) -> bool {
    b.kind == Kind::Row && b.text.contains(" | ")
}

/// A block's content score: `1 + commas + min(chars / 100, 3)`, less its link share.
fn prose_score(b: &TextBlock) -> f64 {
    let commas = b.text.matches([',', '，', '、', '،']).count() as f64;
    (1.0 + commas + (b.chars as f64 / 100.0).min(3.0)) * (1.0 - b.link_density())
}

/// Whether the short paragraph `p` reads as a sentence (`. ` inside, or ends with `.`).
fn sentence_like(dom: &Dom<'_>, p: usize, blocks: &[TextBlock]) -> bool {
    let end = dom.nodes[p].end;
    blocks
        .iter()
        .filter(|b| b.container >= p && b.container < end && !b.caption)
        .any(|b| b.text.contains(". ") || b.text.ends_with('.'))
}
