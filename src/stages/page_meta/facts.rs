//! What an HTML page says about itself, read once: `<html lang>`, `<title>`, `<meta>` tags,
//! `<link rel=canonical>`, JSON-LD objects, `<h1>` headings and `<time>` elements.
//!
//! The extract stage cuts a closed `<head>` and every `<script>` out of the markup before
//! it parses the body (they hold no visible text), so the facts come from three places:
//! the head, parsed on its own within the same work budget as the page; the JSON-LD
//! scripts, found by a byte scan of the raw markup and parsed with `serde_json`; and the
//! parsed body, walked once (no recursion: `ego_tree` keeps nodes in an arena). Nothing
//! here decides anything: the field modules (`date`, `title`, `source`, `author`) read
//! these facts and propose candidates.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use scraper::{ElementRef, Html, Node};
use serde_json::Value;

/// JSON-LD scripts larger than this are skipped: structured data is a few kilobytes; a
/// megabyte "script" is a data dump, not a description of the page.
const JSON_LD_MAX_BYTES: usize = 1 << 20;
/// At most this many JSON-LD objects are kept (after flattening `@graph` and arrays).
const JSON_LD_MAX_OBJECTS: usize = 200;
/// At most this many `<meta>` tags are kept.
const META_MAX: usize = 500;
/// Texts read from the page (titles, headings, `<time>` texts) are cut at this many bytes.
const TEXT_MAX_BYTES: usize = 1000;

/// The facts one page states about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageFacts {
    /// The `lang` attribute of `<html>` (`en-GB`), as written.
    pub lang: Option<String>,
    /// The text of the first `<title>`, white space collapsed.
    pub title: Option<String>,
    /// `<meta>` tags in document order: the key is the lower-cased `property`, `name`,
    /// `itemprop` or `http-equiv` attribute (the first present), with its `content`.
    pub meta: Vec<(String, String)>,
    /// The `href` of `<link rel="canonical">`.
    pub canonical: Option<String>,
    /// JSON-LD objects in document order, with `@graph` members and array items taken out
    /// of their containers (nested objects stay nested).
    pub json_ld: Vec<Value>,
    /// The texts of the body's `<h1>` elements, white space collapsed.
    pub h1: Vec<String>,
    /// The body's `<time>` elements.
    pub times: Vec<TimeElement>,
    /// Bylines in the body, by how they are marked, in document order (see [`Byline`]).
    pub bylines: Vec<(Byline, String)>,
    /// What the body says about dates beyond `<time>`: see [`DateFacts`].
    pub dates: DateFacts,
}

/// How an element marks itself as naming the author, most explicit first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Byline {
    /// `itemprop="author"` (its `itemprop="name"` descendant's text when it has one).
    Itemprop,
    /// A link with `rel="author"`.
    RelAuthor,
    /// A `class` or `id` with a word `author` or `byline` (`post-author`, `byline__name`),
    /// outside comment sections.
    Class,
}

/// One `<time>` element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimeElement {
    /// Its `datetime` attribute.
    pub datetime: Option<String>,
    /// Its text, white space collapsed.
    pub text: String,
    /// Its `class`, `itemprop` and `pubdate` attributes, lower-cased and joined by spaces,
    /// and the same of its parent: what the page says the time is (`published`, `updated`).
    pub hints: String,
    /// The site header it stands in, if any (see [`site_header`]).
    pub header: Option<ego_tree::NodeId>,
}

impl PageFacts {
    /// Reads the facts from the raw `markup`, its separately parsed `head` (when the page
    /// has a closed one) and the parsed `body` document.
    pub fn read(markup: &str, head: Option<&Html>, body: &Html) -> PageFacts {
        let mut facts = PageFacts::default();
        if let Some(head) = head {
            facts.read_tree(head, &mut TextSizes::new(head));
        }
        // Both walks of the body ask which parts are the page's wrapper: one count serves.
        let mut sizes = TextSizes::new(body);
        facts.read_tree(body, &mut sizes);
        facts.dates = DateFacts::read(body, &mut sizes);
        // A date in the site's header (the day's date, shown on every page) is not the
        // article's: unless the header holds the headline too.
        let h1 = facts.dates.h1;
        let kept =
            |header: Option<ego_tree::NodeId>| header.is_none_or(|header| holds(body, header, h1));
        facts.times.retain(|t| kept(t.header));
        facts.dates.elements.retain(|e| kept(e.header));
        facts.dates.in_scripts = script_dates(markup);
        facts.json_ld = json_ld(markup);
        facts
    }

    /// The content of the first `<meta>` whose key is `key` (lower case) and whose content
    /// is not blank.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    fn read_tree(&mut self, html: &Html, sizes: &mut TextSizes<'_>) {
        for node in html.tree.nodes() {
            let Node::Element(element) = node.value() else {
                continue;
            };
            let attr = |name: &str| element.attr(name).map(str::to_string);
            let head_element = matches!(element.name(), "html" | "title" | "meta" | "link" | "h1");
            if !head_element && self.bylines.len() < BYLINES_MAX {
                if let Some(kind) = byline_kind(node) {
                    // A person's `itemprop="name"` inside the byline is the name.
                    let named = node.descendants().skip(1).find(|d| {
                        d.value()
                            .as_element()
                            .is_some_and(|e| e.attr("itemprop") == Some("name"))
                    });
                    let text = text_of(ElementRef::wrap(named.unwrap_or(node)));
                    if !text.is_empty() && text.len() <= BYLINE_MAX_BYTES {
                        self.bylines.push((kind, text));
                    }
                    continue;
                }
            }
            match element.name() {
                "html" if self.lang.is_none() => {
                    self.lang = attr("lang")
                        .or_else(|| attr("xml:lang"))
                        .filter(|l| !l.trim().is_empty());
                }
                "title" if self.title.is_none() => {
                    let text = text_of(ElementRef::wrap(node));
                    self.title = (!text.is_empty()).then_some(text);
                }
                "meta" if self.meta.len() < META_MAX => {
                    let key = ["property", "name", "itemprop", "http-equiv"]
                        .iter()
                        .find_map(|k| element.attr(k));
                    if let (Some(key), Some(content)) = (key, element.attr("content")) {
                        self.meta
                            .push((key.trim().to_ascii_lowercase(), clip(content.trim())));
                    }
                }
                "link" if self.canonical.is_none() => {
                    let canonical = element.attr("rel").is_some_and(|r| {
                        r.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("canonical"))
                    });
                    if canonical {
                        self.canonical = attr("href").map(|h| h.trim().to_string());
                    }
                }
                "h1" => {
                    let text = text_of(ElementRef::wrap(node));
                    if !text.is_empty() {
                        self.h1.push(text);
                    }
                }
                // A `<time>` in a list of related posts or a comment is another's date.
                "time" if !sizes.in_other_part(node) => {
                    let mut hints = hints_of(element);
                    if let Some(parent) = node.parent().and_then(|p| p.value().as_element()) {
                        hints.push(' ');
                        hints.push_str(&hints_of(parent));
                    }
                    self.times.push(TimeElement {
                        datetime: attr("datetime").map(|d| d.trim().to_string()),
                        text: text_of(ElementRef::wrap(node)),
                        hints,
                        header: site_header(node),
                    });
                }
                _ => {}
            }
        }
    }
}

/// At most this many bylines are kept, and only short ones: a long text under an
/// `author` class is an author's biography box.
const BYLINES_MAX: usize = 20;
const BYLINE_MAX_BYTES: usize = 120;
/// How many ancestors are looked at for a comment section around a byline.
const BYLINE_ANCESTORS: usize = 12;

/// Whether an element marks itself as a byline, and how.
fn byline_kind(node: ego_tree::NodeRef<'_, Node>) -> Option<Byline> {
    let element = node.value().as_element()?;
    // This runs for every element: one case-blind scan of its attributes rules out
    // almost all of them before any word is split out.
    let maybe = element.attrs().any(|(name, value)| {
        matches!(name, "itemprop" | "rel" | "class" | "id") && BYLINE_HINTS.is_match(value)
    });
    if !maybe {
        return None;
    }
    let has_word = |value: Option<&str>, words: &[&str]| {
        value.is_some_and(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| words.iter().any(|word| w.eq_ignore_ascii_case(word)))
        })
    };
    let kind = if has_word(element.attr("itemprop"), &["author", "creator"]) {
        Byline::Itemprop
    } else if element.name() == "a" && has_word(element.attr("rel"), &["author"]) {
        Byline::RelAuthor
    } else if has_word(element.attr("class"), &["author", "byline", "authors"])
        || has_word(element.attr("id"), &["author", "byline"])
    {
        // Not the author's picture, biography or other posts.
        let other = [
            "avatar",
            "bio",
            "image",
            "img",
            "photo",
            "description",
            "box",
            "posts",
            "more",
            "label",
            "title",
            "comment",
            "comments",
        ];
        if has_word(element.attr("class"), &other) || has_word(element.attr("id"), &other) {
            return None;
        }
        Byline::Class
    } else {
        return None;
    };
    // Comment sections have authors too: not the page's.
    let in_comments = node.ancestors().take(BYLINE_ANCESTORS).any(|a| {
        a.value().as_element().is_some_and(|e| {
            has_word(
                e.attr("class"),
                &["comment", "comments", "reply", "replies"],
            ) || has_word(e.attr("id"), &["comment", "comments", "respond"])
        })
    });
    (!in_comments).then_some(kind)
}

/// The `class`, `itemprop`, `id` and `pubdate` attributes of an element, lower-cased.
fn hints_of(element: &scraper::node::Element) -> String {
    let mut hints = lower_values(element, &["class", "itemprop", "id"]);
    if element.attr("pubdate").is_some() {
        if !hints.is_empty() {
            hints.push(' ');
        }
        hints.push_str("pubdate");
    }
    hints
}

/// The values of an element's attributes `names` that it has, lower-cased, joined by
/// spaces, in the order of `names`.
fn lower_values(element: &scraper::node::Element, names: &[&str]) -> String {
    let mut values = String::new();
    for value in names.iter().filter_map(|name| element.attr(name)) {
        values.push_str(&value.to_ascii_lowercase());
        values.push(' ');
    }
    values.truncate(values.trim_end().len());
    values
}

/// The text under an element, white space collapsed, cut at `TEXT_MAX_BYTES`.
fn text_of(element: Option<ElementRef<'_>>) -> String {
    let Some(element) = element else {
        return String::new();
    };
    let mut out = String::new();
    for piece in element.text() {
        for word in piece.split_whitespace() {
            if out.len() + word.len() > TEXT_MAX_BYTES {
                return out;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// `text` cut at `TEXT_MAX_BYTES` on a character boundary.
fn clip(text: &str) -> String {
    let mut end = text.len().min(TEXT_MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// The JSON-LD objects of every `<script type="application/ld+json">` in the markup.
/// Scripts that do not parse are skipped (pages ship broken JSON-LD often enough).
fn json_ld(markup: &str) -> Vec<Value> {
    let bytes = markup.as_bytes();
    let mut objects = Vec::new();
    let finder = memchr::memmem::Finder::new(b"ld+json");
    let mut at = 0;
    while let Some(found) = finder.find(&bytes[at..]) {
        let hit = at + found;
        at = hit + 7;
        // The hit must be inside a `<script ...>` start tag: the nearest `<` before it opens
        // a script, and no `>` stands between.
        let Some(open) = memchr::memrchr(b'<', &bytes[..hit]) else {
            continue;
        };
        let tag = &bytes[open + 1..hit];
        if tag.len() < 7 || !tag[..6].eq_ignore_ascii_case(b"script") || tag.contains(&b'>') {
            continue;
        }
        let Some(close) = memchr::memchr(b'>', &bytes[hit..]).map(|e| hit + e + 1) else {
            break;
        };
        let end = find_ignore_case(&bytes[close..], b"</script").map_or(bytes.len(), |e| close + e);
        at = end.max(at);
        let body = markup[close..end].trim();
        if body.len() > JSON_LD_MAX_BYTES {
            continue;
        }
        let body = body
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim();
        if let Ok(value) = serde_json::from_str::<Value>(body) {
            flatten(value, &mut objects);
        }
        if objects.len() >= JSON_LD_MAX_OBJECTS {
            objects.truncate(JSON_LD_MAX_OBJECTS);
            break;
        }
    }
    objects
}

/// Adds the objects of a JSON-LD value to `out`: an array's items and a `@graph`'s
/// members become objects of their own (one level deep each time, by a work list).
fn flatten(value: Value, out: &mut Vec<Value>) {
    let mut todo = vec![value];
    while let Some(value) = todo.pop() {
        match value {
            Value::Array(items) => todo.extend(items.into_iter().rev()),
            Value::Object(mut map) => {
                if let Some(graph) = map.remove("@graph") {
                    todo.push(graph);
                }
                if map.len() > 1 || !map.contains_key("@context") {
                    out.push(Value::Object(map));
                }
            }
            _ => {}
        }
        if out.len() >= JSON_LD_MAX_OBJECTS {
            return;
        }
    }
}

/// The first position of `needle` in `haystack`, ASCII case ignored.
fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'<', haystack).find(|&at| {
        haystack[at..].len() >= needle.len()
            && haystack[at..at + needle.len()].eq_ignore_ascii_case(needle)
    })
}

/// The `@type` names of a JSON-LD object (a string or an array of strings).
pub fn types(object: &Value) -> Vec<&str> {
    match object.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Whether a JSON-LD object describes a page's main creative work: an article, a blog
/// posting, a report, a web page, ...
pub fn is_creative_work(object: &Value) -> bool {
    types(object).iter().any(|t| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        t.ends_with("Article")
            || t.ends_with("Posting")
            || matches!(
                t,
                "Report"
                    | "WebPage"
                    | "ItemPage"
                    | "Review"
                    | "CreativeWork"
                    | "VideoObject"
                    | "Recipe"
                    | "Product"
                    | "Event"
                    | "QAPage"
                    | "DiscussionForumPosting"
                    | "Blog"
            )
    })
}

/// A JSON-LD value as a string: a string itself, or the `name` (else `@value`) of an
/// object.
pub fn text_value(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) => Some(s.as_str()),
        Value::Object(map) => map
            .get("name")
            .or_else(|| map.get("@value"))
            .and_then(Value::as_str),
        Value::Array(items) => items.first().and_then(text_value),
        _ => None,
    }
    .map(str::trim)
    .filter(|s| !s.is_empty())
}

/// The body's text is kept up to this many bytes for the date search.
const BODY_TEXT_MAX_BYTES: usize = 64 * 1024;
/// At most this many date-hinted elements are kept.
const DATE_ELEMENTS_MAX: usize = 120;
/// A date-hinted element's text is kept up to this many bytes: a date or a byline is short,
/// and a longer text is a container whose dates belong to its parts.
const DATE_ELEMENT_TEXT_MAX_BYTES: usize = 300;
/// How many ancestors are looked at for a comment section or a sidebar around a date.
const ANCESTORS_LOOKED_AT: usize = 8;

/// What the body says about dates beyond `<time>` elements: the elements whose `class`,
/// `id` or `itemprop` hint at a date, a byline or a post's meta line, and the body's text
/// with the place of the first `<h1>` in it, for a search near the headline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateFacts {
    /// Date-hinted elements in document order (see [`date_hint`]), outside comment
    /// sections, sidebars and lists of other articles.
    pub elements: Vec<DateElement>,
    /// The body's text nodes, white space collapsed, one per line, cut at
    /// `BODY_TEXT_MAX_BYTES`.
    pub text: String,
    /// Where the first `<h1>`'s text starts in `text`, not counting one that is the
    /// site's logo (see [`is_logo`]).
    pub h1_at: Option<usize>,
    /// That `<h1>`.
    pub h1: Option<ego_tree::NodeId>,
    /// Publication dates in the page's scripts as JSON (`"datePublished": "..."`,
    /// `"publishedDate"`, ...; see `SCRIPT_DATE_KEYS`), with their key, in page order.
    pub in_scripts: Vec<(String, String)>,
}

/// One element whose attributes hint at a date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateElement {
    /// Its `class`, `itemprop`, `id` and `property`, lower-cased, joined by spaces.
    pub hints: String,
    /// Its machine-readable date, when it has one: `datetime`, `content`, `title` (of an
    /// `<abbr>`), `data-date`, ...
    pub value: Option<String>,
    /// Its text, white space collapsed, cut at `DATE_ELEMENT_TEXT_MAX_BYTES`.
    pub text: String,
    /// Where its text starts in [`DateFacts::text`].
    pub at: usize,
    /// The site header it stands in, if any (see [`site_header`]); `PageFacts::read` drops
    /// it when the header does not hold the headline.
    pub header: Option<ego_tree::NodeId>,
}

/// How many ancestors of an `<h1>` are looked at for a logo around it.
const LOGO_ANCESTORS: usize = 4;

/// Whether an `<h1>` is the site's logo or name (it, or one of its few nearest ancestors,
/// has a `class` or `id` with `logo` or `brand`): not the page's headline.
fn is_logo(node: ego_tree::NodeRef<'_, Node>) -> bool {
    std::iter::once(node)
        .chain(node.ancestors().take(LOGO_ANCESTORS))
        .filter_map(|n| n.value().as_element())
        .any(|e| {
            ["class", "id"].iter().filter_map(|a| e.attr(a)).any(|v| {
                let v = v.to_ascii_lowercase();
                v.contains("logo") || v.contains("brand")
            })
        })
}

/// How many ancestors are looked at for a site header around a date.
const HEADER_ANCESTORS: usize = 8;

/// The site header around a node: the nearest `<header>` (or `role="banner"`) among its
/// few nearest ancestors, when that header is not inside an `<article>` or `<main>` (where
/// a header is the article's own, with its headline and date).
fn site_header(node: ego_tree::NodeRef<'_, Node>) -> Option<ego_tree::NodeId> {
    let header = node.ancestors().take(HEADER_ANCESTORS).find(|a| {
        a.value().as_element().is_some_and(|e| {
            e.name() == "header"
                || e.attr("role")
                    .is_some_and(|r| r.eq_ignore_ascii_case("banner"))
        })
    })?;
    let in_content = header.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "article" | "main"))
    });
    (!in_content).then_some(header.id())
}

/// Whether the element `header` holds the node `h1`.
fn holds(body: &Html, header: ego_tree::NodeId, h1: Option<ego_tree::NodeId>) -> bool {
    h1.and_then(|h1| body.tree.get(h1))
        .is_some_and(|h1| h1.ancestors().any(|a| a.id() == header))
}

impl DateFacts {
    /// Reads the date facts of a parsed body in one walk over its nodes.
    /// `sizes` is the body's (see [`TextSizes`]).
    fn read(body: &Html, sizes: &mut TextSizes<'_>) -> DateFacts {
        let mut facts = DateFacts::default();
        for node in body.tree.nodes() {
            match node.value() {
                Node::Text(text) if facts.text.len() < BODY_TEXT_MAX_BYTES => {
                    let mut wrote = false;
                    for word in text.split_whitespace() {
                        if facts.text.len() + word.len() >= BODY_TEXT_MAX_BYTES {
                            break;
                        }
                        if wrote {
                            facts.text.push(' ');
                        }
                        facts.text.push_str(word);
                        wrote = true;
                    }
                    if wrote {
                        facts.text.push('\n');
                    }
                }
                Node::Element(element) => {
                    if element.name() == "h1" && facts.h1_at.is_none() && !is_logo(node) {
                        facts.h1_at = Some(facts.text.len());
                        facts.h1 = Some(node.id());
                    }
                    // `<meta>` tags are `PageFacts::meta` already.
                    if facts.elements.len() >= DATE_ELEMENTS_MAX || element.name() == "meta" {
                        continue;
                    }
                    // Most elements hint at nothing: test their attributes as they are,
                    // case ignored, before building anything.
                    let hinted = element
                        .attrs()
                        .any(|(name, value)| HINT_ATTRIBUTES.contains(&name) && date_hint(value));
                    let machine = if hinted || element.name() == "abbr" {
                        machine_value(element)
                    } else {
                        None
                    };
                    if !(hinted || machine.is_some()) {
                        continue;
                    }
                    if sizes.in_other_part(node) {
                        continue;
                    }
                    let hints = lower_values(element, &HINT_ATTRIBUTES);
                    let mut text = text_of(ElementRef::wrap(node));
                    if text.len() > DATE_ELEMENT_TEXT_MAX_BYTES {
                        let mut end = DATE_ELEMENT_TEXT_MAX_BYTES;
                        while !text.is_char_boundary(end) {
                            end -= 1;
                        }
                        text.truncate(end);
                    }
                    if text.is_empty() && machine.is_none() {
                        continue;
                    }
                    facts.elements.push(DateElement {
                        hints,
                        value: machine,
                        text,
                        at: facts.text.len(),
                        header: site_header(node),
                    });
                }
                _ => {}
            }
        }
        facts
    }
}

/// An element holding more than this share of the page's text, or the headline, wraps the
/// page's article: its class words (`has-sidebar`, `comments`) describe the layout, not a
/// part of the page.
const WRAPPER_TEXT_SHARE: usize = 2; // one half: `text * 2 > total`

/// The text sizes of a page's elements, counted when asked and kept, to tell a page
/// wrapper from a part of the page (see [`WRAPPER_TEXT_SHARE`]).
struct TextSizes<'a> {
    body: &'a Html,
    /// Bytes of text in the whole document, counted on first use.
    total: Option<usize>,
    /// The headline's node, found on first use.
    h1: Option<Option<ego_tree::NodeId>>,
    /// The elements asked about, with their bytes of text.
    known: Vec<(ego_tree::NodeId, usize)>,
}

impl<'a> TextSizes<'a> {
    fn new(body: &'a Html) -> TextSizes<'a> {
        TextSizes {
            body,
            total: None,
            h1: None,
            known: Vec::new(),
        }
    }

    /// Whether `node` stands in a part of the page whose dates are not the article's: it,
    /// or one of its few nearest ancestors, has class words of comments, sidebars, related
    /// articles... (see [`elsewhere_hint`]). The classes of `<body>` and `<html>` describe
    /// the whole page (`no-sidebars`), not a part of it; nor do those of a wrapper that
    /// holds most of the page's text (`<div class="main has sidebar">`).
    fn in_other_part(&mut self, node: ego_tree::NodeRef<'_, Node>) -> bool {
        std::iter::once(node)
            .chain(node.ancestors().take(ANCESTORS_LOOKED_AT))
            .filter(|a| {
                a.value().as_element().is_some_and(|e| {
                    !matches!(e.name(), "body" | "html")
                        && e.attrs().any(|(name, value)| {
                            HINT_ATTRIBUTES.contains(&name) && elsewhere_hint(value)
                        })
                })
            })
            .any(|a| !self.is_wrapper(a))
    }

    /// Whether `node` wraps the page's article: it holds the headline (the first `<h1>`
    /// that is not a logo), or more than half of the document's text (white space not
    /// counted).
    fn is_wrapper(&mut self, node: ego_tree::NodeRef<'_, Node>) -> bool {
        let body = self.body;
        let h1 = *self.h1.get_or_insert_with(|| {
            body.tree
                .nodes()
                .find(|n| n.value().as_element().is_some_and(|e| e.name() == "h1") && !is_logo(*n))
                .map(|n| n.id())
        });
        if h1.is_some_and(|h1| holds(body, node.id(), Some(h1))) {
            return true;
        }
        let size = match self.known.iter().find(|(id, _)| *id == node.id()) {
            Some(&(_, size)) => size,
            None => {
                let size = text_bytes(node);
                self.known.push((node.id(), size));
                size
            }
        };
        let total = *self
            .total
            .get_or_insert_with(|| text_bytes(self.body.tree.root()));
        size * WRAPPER_TEXT_SHARE > total
    }
}

/// Bytes of text under a node, white space not counted.
fn text_bytes(node: ego_tree::NodeRef<'_, Node>) -> usize {
    node.descendants()
        .filter_map(|n| n.value().as_text())
        .map(|t| t.bytes().filter(|b| !b.is_ascii_whitespace()).count())
        .sum()
}

/// JSON keys of a publication date in a page's scripts (data layers, app state, broken
/// JSON-LD): `"key": "value"` is read wherever it stands in the markup.
const SCRIPT_DATE_KEYS: &[&str] = &[
    "\"datePublished\"",
    "\"publishedDate\"",
    "\"published_at\"",
    "\"publishDate\"",
    "\"publishedFirst\"",
    "\"firstPublished\"",
    "\"date_published\"",
    "\"publicationDate\"",
];
/// At most this many script dates are kept.
const SCRIPT_DATES_MAX: usize = 16;

/// The `"key": "value"` pairs of `SCRIPT_DATE_KEYS` in the raw markup, in page order, found
/// in one pass for all keys (values up to 64 bytes, on one line).
fn script_dates(markup: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (key, end) in script_date_keys(markup) {
        let rest = markup[end..].trim_start().strip_prefix(':');
        let Some(value) = rest.and_then(|r| r.trim_start().strip_prefix('"')) else {
            continue;
        };
        let Some(end) = value.find('"').filter(|&e| e <= 64) else {
            continue;
        };
        out.push((key.trim_matches('"').to_string(), value[..end].to_string()));
        if out.len() == SCRIPT_DATES_MAX {
            break;
        }
    }
    out
}

/// Where `SCRIPT_DATE_KEYS` occur in the markup: each key with the end of its occurrence,
/// in page order. This reads every byte of the page, so it uses the vectorized (Teddy)
/// search for a few patterns; an automaton does where that is not available.
fn script_date_keys(markup: &str) -> impl Iterator<Item = (&'static str, usize)> + '_ {
    enum Keys {
        Packed(aho_corasick::packed::Searcher),
        Automaton(AhoCorasick),
    }
    static KEYS: LazyLock<Keys> =
        LazyLock::new(
            || match aho_corasick::packed::Searcher::new(SCRIPT_DATE_KEYS) {
                Some(searcher) => Keys::Packed(searcher),
                None => Keys::Automaton(
                    AhoCorasick::new(SCRIPT_DATE_KEYS).expect("a fixed list of plain keys builds"),
                ),
            },
        );
    let found: Box<dyn Iterator<Item = aho_corasick::Match> + '_> = match &*KEYS {
        Keys::Packed(searcher) => Box::new(searcher.find_iter(markup)),
        Keys::Automaton(automaton) => Box::new(automaton.find_iter(markup)),
    };
    found.map(|m| (SCRIPT_DATE_KEYS[m.pattern().as_usize()], m.end()))
}

/// The attributes that hold a machine-readable date on an element, first present wins.
const DATE_VALUE_ATTRIBUTES: &[&str] = &[
    "datetime",
    "content",
    "data-date",
    "data-datetime",
    "data-published",
    "data-publish-date",
    "title",
];

/// An element's machine-readable date attribute (see `DATE_VALUE_ATTRIBUTES`), when it
/// holds four digits in a row (a year).
fn machine_value(element: &scraper::node::Element) -> Option<String> {
    DATE_VALUE_ATTRIBUTES
        .iter()
        .filter_map(|name| element.attr(name))
        .map(str::trim)
        .find(|v| {
            v.len() <= 100
                && v.as_bytes()
                    .windows(4)
                    .any(|w| w.iter().all(u8::is_ascii_digit))
        })
        .map(str::to_string)
}

/// The attributes whose values hint at what an element holds.
const HINT_ATTRIBUTES: [&str; 4] = ["class", "itemprop", "id", "property"];

/// Words in an attribute value that say the element holds a date, a byline or a post's
/// meta line (see [`date_hint`]).
const DATE_HINT_WORDS: &[&str] = &[
    "date",
    "time",
    "publish",
    "posted",
    "pubdate",
    "byline",
    "meta",
    "datum",
    "fecha",
    "author",
    "dateline",
    "article-info",
    "entry-info",
    "post-info",
    "submitted",
];

/// Words in an attribute value that mark a part of the page whose dates are not the
/// article's (see [`elsewhere_hint`]).
const ELSEWHERE_HINT_WORDS: &[&str] = &[
    "comment",
    "related",
    "sidebar",
    "widget",
    "recent",
    "popular",
    "copyright",
    "teaser",
    "reply",
    "event",
    "weather",
    "trending",
    "more-",
];

/// The words every byline's marking holds (see `byline_kind`), anywhere in a value.
static BYLINE_HINTS: LazyLock<AhoCorasick> =
    LazyLock::new(|| words_automaton(&["author", "creator", "byline"]));

/// One automaton per word list, case ignored: it runs on every element's attributes, so
/// one pass over a value replaces a search per word and a lower-cased copy.
static DATE_HINTS: LazyLock<AhoCorasick> = LazyLock::new(|| words_automaton(DATE_HINT_WORDS));
static ELSEWHERE_HINTS: LazyLock<AhoCorasick> =
    LazyLock::new(|| words_automaton(ELSEWHERE_HINT_WORDS));

fn words_automaton(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("a fixed list of plain words builds")
}

/// Whether an element's `class`, `id`, `itemprop` or `property` value says it holds a
/// date, a byline or a post's meta line: `date`, `time`, `publish`, `posted`, `byline`,
/// `meta`, `datum`, `fecha`, `author`, ... anywhere in it, case ignored.
pub fn date_hint(hints: &str) -> bool {
    DATE_HINTS.is_match(hints)
}

/// Whether an attribute value marks a part of the page whose dates are not the article's:
/// comments, sidebars and widgets, lists of related or recent articles, copyright lines,
/// events; case ignored.
fn elsewhere_hint(hints: &str) -> bool {
    ELSEWHERE_HINTS.is_match(hints)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(markup: &str) -> PageFacts {
        let html = Html::parse_document(markup);
        PageFacts::read(markup, None, &html)
    }

    #[test]
    fn script_dates_are_read_in_page_order_whatever_the_key() {
        let markup = concat!(
            r#"<script>var a = {"publishDate" : "2021-03-04", "datePublished": 7,"#,
            r#""publishedDate":"2021-03-05T10:00:00Z"};</script>"#,
            r#"<p>"datePublished": "not a value that ends on this line"#,
        );
        assert_eq!(
            script_dates(markup),
            vec![
                ("publishDate".to_string(), "2021-03-04".to_string()),
                (
                    "publishedDate".to_string(),
                    "2021-03-05T10:00:00Z".to_string()
                ),
            ]
        );
        let many = r#""published_at":"2020-01-01","#.repeat(40);
        assert_eq!(script_dates(&many).len(), SCRIPT_DATES_MAX);
    }

    #[test]
    fn reads_head_facts() {
        let facts = read(
            r#"<html lang="de-DE"><head><title> Der  Titel | Zeitung </title>
            <meta property="og:title" content="Der Titel">
            <meta name="Author" content="Jane Roe">
            <link rel="canonical" href="https://example.de/a">
            </head><body><h1>Der Titel</h1><time datetime="2020-01-02" class="published">2. Januar</time></body></html>"#,
        );
        assert_eq!(facts.lang.as_deref(), Some("de-DE"));
        assert_eq!(facts.title.as_deref(), Some("Der Titel | Zeitung"));
        assert_eq!(facts.meta("og:title"), Some("Der Titel"));
        assert_eq!(facts.meta("author"), Some("Jane Roe"));
        assert_eq!(facts.canonical.as_deref(), Some("https://example.de/a"));
        assert_eq!(facts.h1, vec!["Der Titel"]);
        assert_eq!(facts.times[0].datetime.as_deref(), Some("2020-01-02"));
        assert!(facts.times[0].hints.contains("published"));
    }

    #[test]
    fn reads_json_ld_graphs_and_skips_broken_scripts() {
        let facts = read(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"H"},{"@type":"Organization","name":"O"}]}</script>
            <script type='application/ld+json'>{broken</script>
            <SCRIPT TYPE="application/ld+json">[{"@type":"Person","name":"P"}]</SCRIPT>"#,
        );
        let types: Vec<_> = facts.json_ld.iter().flat_map(types).collect();
        assert_eq!(types, vec!["NewsArticle", "Organization", "Person"]);
        assert!(is_creative_work(&facts.json_ld[0]));
        assert_eq!(text_value(&facts.json_ld[1]), Some("O"));
    }

    #[test]
    fn ld_json_outside_a_script_tag_is_not_read() {
        let facts = read(r#"<p>type="application/ld+json"</p><p>{"@type":"NewsArticle"}</p>"#);
        assert!(facts.json_ld.is_empty());
    }
}
