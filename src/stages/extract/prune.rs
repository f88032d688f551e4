//! Pruning: which elements of a page are chrome, dropped before the main content is
//! looked for, and why.
//!
//! By element: `nav`; `form` and its controls; `header`, `footer` (but not an entry's, in
//! one of several `article`s) and `aside`; elements
//! that never show text (`head`, media, frames). By attributes: hidden elements
//! (`hidden`, `aria-hidden` on a block, `display: none`, screen-reader-only classes), except
//! collapsed content (a tab panel, an accordion's answer: mostly text outside links, in
//! words of ordinary length, not microdata, not a dialog), and class or id
//! words (see `dom::hint`) of comment sections, share bars, cookie banners, related links,
//! advertising, sign-up prompts, menus and sidebars, bylines and tags (an `article` or a
//! list item is an entry, never a byline: a CMS names each post for its tags). Rule files add
//! CSS selectors to drop, and to keep whatever this module would drop.
//!
//! A page-level wrapper can carry any of these names (`<form id="aspnetForm">` around the
//! whole page, `<div class="content has-sidebar">`), so an element holding a large share
//! of the page's text is not dropped for its name; an element that holds the element the
//! page marks as its article body (`itemprop="articleBody"`) is not dropped by class words.

use scraper::{ElementRef, Html, Selector};

use crate::stages::extract::dom::{hint, Dom, Tag};

/// An element dropped for its name or tag keeps no more than this share of the page's
/// text; above it, it is a page wrapper and stays (its parts may still go).
const WRAPPER_SHARE: f64 = 0.5;
/// An element whose own class or id says "content" (`post-meta`, `article-share`) is
/// dropped for its other words only below this share of the page's text.
const CONTENT_NAMED_SHARE: f64 = 0.15;
/// An element holding at least this share of the page's prose (paragraph text outside
/// links) is not dropped for its class words (a layout wrapper named `content-with-sidebar`
/// or `sticky-sidebar` around the article), except comment sections and cookie banners.
const PROSE_SHARE: f64 = 0.4;
/// A page with less than this share of its text (outside links) outside comment
/// sections is a discussion, whose comments are its content.
const DISCUSSION_SHARE: f64 = 0.25;
/// A hidden element with at least this many characters of text outside links (and
/// mostly such text) is collapsed content, not hidden chrome.
const COLLAPSED_CONTENT: usize = 200;
/// ... and whose words outside links average at most this many characters: prose.
const COLLAPSED_WORD_CHARS: usize = 8;
/// A page with at least this many `article` elements is a listing of entries.
const ENTRY_ARTICLES: usize = 3;
/// A `noscript` element with at least this many characters of text is content.
const NOSCRIPT_CONTENT: usize = 500;

/// The CSS selectors a rule file gives for a page.
#[derive(Debug, Default, Clone, Copy)]
pub struct Selectors<'s> {
    /// Elements to drop whatever else holds.
    pub drop: &'s [Selector],
    /// Elements never dropped; when one matches, the main content is taken from them.
    pub keep: &'s [Selector],
}

/// The outcome of pruning.
#[derive(Debug)]
pub struct Pruned {
    /// Per node: the reason it was dropped, for the top of each dropped subtree.
    pub dropped: Vec<Option<&'static str>>,
    /// Per node: characters of text (white space not counted) in its subtree, before
    /// anything was dropped.
    pub chars: Vec<usize>,
    /// Nodes matched by a `keep` selector, outermost only, in document order.
    pub kept: Vec<usize>,
    /// Per node: the top of a caption (`figcaption`, a `caption` or `credit` class), not
    /// dropped here: a caption is content on a gallery or a listing, where it names an
    /// entry, and scoring decides once it knows the page.
    pub caption: Vec<bool>,
}

/// Decides what to drop from `dom`. See the module documentation.
pub fn prune(dom: &Dom<'_>, html: &Html, selectors: Selectors<'_>) -> Pruned {
    let n = dom.nodes.len();
    let mut chars = vec![0usize; n];
    let mut holds_main = vec![false; n];
    // Prose: text inside a paragraph and outside links, found by a forward pass (a parent
    // comes before its children).
    let mut in_p = vec![false; n];
    let mut in_link = vec![false; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        in_p[i] = node.tag == Tag::P || in_p[node.parent];
        in_link[i] = node.tag == Tag::Link || in_link[node.parent];
    }
    let mut prose = vec![0usize; n];
    // Words outside links (a word split by an inline element counts twice).
    let mut plain_words = vec![0usize; n];
    for i in (1..n).rev() {
        let node = &dom.nodes[i];
        if node.tag == Tag::Text {
            let (mut visible, mut starts, mut space) = (0, 0, true);
            for c in node.text.chars() {
                if c.is_whitespace() {
                    space = true;
                } else {
                    visible += 1;
                    starts += usize::from(space);
                    space = false;
                }
            }
            chars[i] = visible;
            if !in_link[i] {
                plain_words[i] = starts;
            }
            if in_p[i] && !in_link[i] {
                prose[i] = chars[i];
            }
        }
        prose[node.parent] += prose[i];
        plain_words[node.parent] += plain_words[i];
        if node.hints & hint::MAIN != 0 {
            holds_main[i] = true;
        }
        let parent = node.parent;
        chars[parent] += chars[i];
        holds_main[parent] |= holds_main[i];
    }
    let total = chars[0].max(1) as f64;
    let total_prose = prose[0].max(1) as f64;

    let matches = |i: usize, list: &[Selector]| {
        !list.is_empty()
            && html
                .tree
                .get(dom.nodes[i].node)
                .and_then(ElementRef::wrap)
                .is_some_and(|e| list.iter().any(|s| s.matches(&e)))
    };
    // Keep selectors protect their elements and the elements' ancestors.
    let mut kept = Vec::new();
    let mut protected = vec![false; n];
    if !selectors.keep.is_empty() {
        let mut i = 1;
        while i < n {
            if dom.nodes[i].tag != Tag::Text && matches(i, selectors.keep) {
                kept.push(i);
                let mut a = i;
                while a != 0 {
                    protected[a] = true;
                    a = dom.nodes[a].parent;
                }
                i = dom.nodes[i].end;
            } else {
                i += 1;
            }
        }
    }

    // A discussion page (a forum thread) has its text in comment sections: there the
    // comments are the content and stay. Told by the text outside links (the prose
    // measure would miss articles written without `<p>`).
    let mut plain = vec![0usize; n];
    for i in (1..n).rev() {
        if dom.nodes[i].tag == Tag::Text && !in_link[i] {
            plain[i] = chars[i];
        }
        plain[dom.nodes[i].parent] += plain[i];
    }
    let mut comment_plain = 0;
    let mut i = 1;
    while i < n {
        if dom.nodes[i].hints & hint::COMMENTS != 0 {
            comment_plain += plain[i];
            i = dom.nodes[i].end.max(i + 1);
        } else {
            i += 1;
        }
    }
    let discussion =
        ((plain[0] - comment_plain) as f64) < DISCUSSION_SHARE * plain[0].max(1) as f64;

    // A page of several `article` elements lists entries; a `header` or `footer` inside
    // one is that entry's (its title and summary), not the page's chrome.
    let entries = dom.nodes.iter().filter(|n| n.tag == Tag::Article).count() >= ENTRY_ARTICLES;
    let mut in_article = vec![false; n];
    for i in 1..n {
        let p = dom.nodes[i].parent;
        in_article[i] = in_article[p] || dom.nodes[p].tag == Tag::Article;
    }
    let mut dropped = vec![None; n];
    let mut caption = vec![false; n];
    let mut i = 1;
    while i < n {
        let node = &dom.nodes[i];
        if node.tag == Tag::Text || protected[i] {
            i += 1;
            continue;
        }
        let share = chars[i] as f64 / total;
        let wrapper = share > WRAPPER_SHARE;
        let reason = if matches(i, selectors.drop) {
            Some("selector")
        } else {
            // A `noscript` with real content (a forum served to browsers without
            // scripts) stays; a short one is an "enable JavaScript" message or a pixel.
            let wrapper = wrapper
                || (node.tag == Tag::NoScript && chars[i] >= NOSCRIPT_CONTENT)
                || (entries && in_article[i] && matches!(node.tag, Tag::Header | Tag::Footer));
            tag_reason(node.tag, wrapper).or_else(|| {
                let named_content = node.hints & (hint::CONTENT | hint::MAIN) != 0;
                let small = if named_content {
                    share <= CONTENT_NAMED_SHARE
                } else {
                    !wrapper
                };
                let prose_holder = prose[i] > 0 && prose[i] as f64 >= PROSE_SHARE * total_prose;
                let mut hints = if prose_holder {
                    node.hints & (hint::COMMENTS | hint::COOKIE)
                } else {
                    node.hints
                };
                if discussion {
                    hints &= !hint::COMMENTS;
                }
                // An `article` or a list item is an entry, never a byline: its tag and
                // date words are the taxonomy classes a CMS gives every post
                // (`tag-travel`, `product_tag-glass`). A comment's (`comment-author-ann`)
                // stay: on a discussion page they are what tells its comments apart.
                if matches!(node.tag, Tag::Article | Tag::Item) && node.hints & hint::COMMENTS == 0
                {
                    hints &= !hint::META;
                }
                // Collapsed content (a tab panel, an accordion's answer, a "read more"
                // fold) is hidden until a click and is the page's text; hidden chrome (a
                // mobile menu, a dialog) is links or short, and hidden data for scripts
                // (schema.org microdata: keywords, timestamps, URLs) is not written in
                // words, or says what it is with `itemscope`. A hidden dialog or pop-up
                // (a cookie settings panel's prose) is closed, not collapsed content.
                let collapsed = plain[i] >= COLLAPSED_CONTENT
                    && 2 * plain[i] >= chars[i]
                    && plain[i] <= COLLAPSED_WORD_CHARS * plain_words[i]
                    && node.hints & (hint::MICRODATA | hint::PROMPT) == 0;
                if node.hints & hint::HIDDEN != 0 && !wrapper && !collapsed {
                    Some("hidden")
                } else if small && !holds_main[i] && node.name != "body" && node.name != "html" {
                    hint_reason(hints)
                } else {
                    None
                }
            })
        };
        match reason {
            // A block caption's text is a block of its own, which scoring keeps or drops;
            // what is inside it is pruned as anywhere else.
            Some("caption") if node.tag.is_block() => {
                caption[i] = true;
                i += 1;
            }
            Some(reason) => {
                dropped[i] = Some(reason);
                i = node.end.max(i + 1);
            }
            None => i += 1,
        }
    }
    Pruned {
        dropped,
        chars,
        kept,
        caption,
    }
}

/// The reason an element is dropped for its tag, if it is.
fn tag_reason(tag: Tag, wrapper: bool) -> Option<&'static str> {
    match tag {
        Tag::Invisible => Some("invisible"),
        Tag::Nav if !wrapper => Some("navigation"),
        Tag::Form if !wrapper => Some("form"),
        Tag::Header | Tag::Footer if !wrapper => Some("header-footer"),
        Tag::Aside if !wrapper => Some("aside"),
        Tag::Caption if !wrapper => Some("caption"),
        Tag::NoScript if !wrapper => Some("noscript"),
        _ => None,
    }
}

/// The reason an element is dropped for its class, id or role words, if it is.
fn hint_reason(hints: u32) -> Option<&'static str> {
    const REASONS: [(u32, &str); 9] = [
        (hint::COOKIE, "cookie-banner"),
        (hint::COMMENTS, "comments"),
        (hint::SHARE, "share"),
        (hint::AD, "advertising"),
        (hint::PROMPT, "prompt"),
        (hint::RELATED, "related"),
        (hint::NAVIGATION, "navigation"),
        (hint::META, "byline-meta"),
        (hint::CAPTION, "caption"),
    ];
    REASONS
        .iter()
        .find(|(flag, _)| hints & flag != 0)
        .map(|(_, reason)| *reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(page: &str) -> Vec<(String, &'static str)> {
        let html = Html::parse_document(page);
        let dom = Dom::build(&html);
        let pruned = prune(&dom, &html, Selectors::default());
        dom.nodes
            .iter()
            .zip(&pruned.dropped)
            .filter_map(|(n, r)| r.map(|r| (dom_label(n), r)))
            .collect()
    }

    fn dom_label(node: &crate::stages::extract::dom::Node<'_>) -> String {
        format!("{}#{}.{}", node.name, node.id, node.class)
    }

    const TEXT: &str = "<p>A long paragraph of the article that holds most of the page text, so that nothing around it is a wrapper of the page.</p>";

    #[test]
    fn chrome_goes_by_tag_and_by_name() {
        let page = format!(
            "<body><nav>Home</nav><div class='share-bar'>Share</div><div id='comments'>Nice</div>{TEXT}<footer>(c)</footer></body>"
        );
        let got = reasons(&page);
        assert_eq!(
            got.iter().map(|(_, r)| *r).collect::<Vec<_>>(),
            [
                "invisible",
                "navigation",
                "share",
                "comments",
                "header-footer"
            ]
        );
    }

    #[test]
    fn a_wrapper_holding_the_page_is_not_dropped_for_its_name() {
        let page = format!(
            "<body><form id='aspnetForm'><div class='has-sidebar'>{TEXT}</div></form></body>"
        );
        let got = reasons(&page);
        assert_eq!(
            got.iter().map(|(_, r)| *r).collect::<Vec<_>>(),
            ["invisible"]
        );
    }

    #[test]
    fn an_element_holding_the_article_body_is_not_dropped_by_class() {
        let page = format!("<body><div class='related'><div itemprop='articleBody'>{TEXT}</div></div>{TEXT}{TEXT}</body>");
        assert_eq!(reasons(&page).len(), 1);
    }

    #[test]
    fn hidden_elements_go() {
        let page = format!("<body><div hidden>x</div><div aria-hidden=true>y</div><p class='sr-only'>z</p>{TEXT}</body>");
        let got: Vec<_> = reasons(&page).into_iter().map(|(_, r)| r).collect();
        assert_eq!(got, ["invisible", "hidden", "hidden", "hidden"]);
    }

    #[test]
    fn a_closed_dialog_of_prose_is_hidden_not_collapsed_content() {
        let prose = "This website stores small files on your device to improve your experience while you read, and some of them are needed for the site to work at all. ".repeat(3);
        let page = format!(
            "<body><div role='dialog' aria-hidden='true'><div class='panel'><p>{prose}</p></div></div>{TEXT}<div class='tab' hidden><p>{prose}</p></div></body>"
        );
        let got: Vec<_> = reasons(&page).into_iter().map(|(_, r)| r).collect();
        assert_eq!(got, ["invisible", "hidden"]);
    }

    #[test]
    fn selectors_drop_and_keep() {
        let page = format!(
            "<body><div class='x'>{TEXT}</div><nav class='keep'>k</nav><p id='promo'>p</p></body>"
        );
        let html = Html::parse_document(&page);
        let dom = Dom::build(&html);
        let drop = [Selector::parse("#promo").unwrap()];
        let keep = [Selector::parse("nav.keep").unwrap()];
        let pruned = prune(
            &dom,
            &html,
            Selectors {
                drop: &drop,
                keep: &keep,
            },
        );
        let got: Vec<&str> = pruned.dropped.iter().flatten().copied().collect();
        assert_eq!(got, ["invisible", "selector"]);
        assert_eq!(pruned.kept.len(), 1);
    }
}
