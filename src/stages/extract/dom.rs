//! The parsed page as a flat list of nodes in document order, with what extraction needs
//! to know of each: its kind of element, its parent, where its subtree ends, its text, and
//! the hints its `class`, `id`, `role` and `itemprop` attributes give.
//!
//! A subtree is a range of the list (`index + 1 .. end`), so every walk over the page is a
//! loop, never a recursion: a page nested 100,000 deep costs no stack. Built in one pass
//! over `scraper`'s tree with `ego_tree`'s iterative `traverse`.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node as HtmlNode};

/// What an element is, as far as extraction cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// A text node.
    Text,
    /// Never visible text: `head`, `title`, media, embedded objects, scripts left over.
    Invisible,
    /// Form controls and forms: `form`, `input`, `button`, `select`, `textarea`.
    Form,
    /// `nav`.
    Nav,
    /// `aside`.
    Aside,
    /// `header`.
    Header,
    /// `footer`.
    Footer,
    /// `h1` to `h6`.
    Heading(u8),
    /// `p`.
    P,
    /// `li`, `dt`, `dd`.
    Item,
    /// `ul`, `ol`, `dl`, `menu`.
    List,
    /// `table`.
    Table,
    /// `tr`.
    Row,
    /// `td`, `th`.
    Cell,
    /// `pre`.
    Pre,
    /// `blockquote`.
    Quote,
    /// `br`.
    Br,
    /// `article`.
    Article,
    /// `main`.
    Main,
    /// `figcaption`.
    Caption,
    /// `noscript`: parsed as markup (scripting off), since some sites (Discourse forums)
    /// serve their whole content in it; short ones are messages and are dropped.
    NoScript,
    /// Other block-level elements: `div`, `section`, `figure`, `body`, ...
    Block,
    /// `a`.
    Link,
    /// Everything else: inline elements.
    Inline,
}

impl Tag {
    fn of(name: &str) -> Tag {
        match name {
            "head" | "title" | "meta" | "link" | "base" | "iframe" | "object" | "embed"
            | "canvas" | "video" | "audio" | "img" | "picture" | "source" | "track" | "map"
            | "area" | "math" | "script" | "style" | "template" | "svg" | "dialog" => {
                Tag::Invisible
            }
            "form" | "input" | "button" | "select" | "textarea" | "option" | "optgroup"
            | "datalist" | "output" | "progress" | "meter" => Tag::Form,
            "nav" => Tag::Nav,
            "aside" => Tag::Aside,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "h1" => Tag::Heading(1),
            "h2" => Tag::Heading(2),
            "h3" => Tag::Heading(3),
            "h4" => Tag::Heading(4),
            "h5" => Tag::Heading(5),
            "h6" => Tag::Heading(6),
            "p" => Tag::P,
            "li" | "dt" | "dd" => Tag::Item,
            "ul" | "ol" | "dl" | "menu" => Tag::List,
            "table" => Tag::Table,
            "tr" => Tag::Row,
            "td" | "th" => Tag::Cell,
            "pre" | "listing" | "xmp" | "plaintext" => Tag::Pre,
            "blockquote" => Tag::Quote,
            "br" => Tag::Br,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "noscript" => Tag::NoScript,
            "figcaption" => Tag::Caption,
            "div" | "section" | "figure" | "address" | "center" | "details" | "summary"
            | "fieldset" | "legend" | "hgroup" | "body" | "html" | "caption" | "thead"
            | "tbody" | "tfoot" | "hr" | "frameset" | "frame" | "noframes" => Tag::Block,
            "a" => Tag::Link,
            _ => Tag::Inline,
        }
    }

    /// Whether the element starts a new block of text (a line of the output).
    pub fn is_block(self) -> bool {
        !matches!(self, Tag::Text | Tag::Link | Tag::Inline | Tag::Br)
    }
}

/// The attribute hints of an element, as bit flags.
pub mod hint {
    /// Comments, replies, discussion.
    pub const COMMENTS: u32 = 1;
    /// Share and social buttons.
    pub const SHARE: u32 = 1 << 1;
    /// Cookie and consent banners.
    pub const COOKIE: u32 = 1 << 2;
    /// Related, recommended, more stories, popular.
    pub const RELATED: u32 = 1 << 3;
    /// Advertising, sponsored, promotions.
    pub const AD: u32 = 1 << 4;
    /// Newsletter and subscription prompts, pop-ups, modals.
    pub const PROMPT: u32 = 1 << 5;
    /// Menus, breadcrumbs, pagination, sidebars, site header and footer.
    pub const NAVIGATION: u32 = 1 << 6;
    /// Hidden: `hidden`, `aria-hidden` on a block element, `display: none`, `hidden` and
    /// screen-reader-only class tokens.
    pub const HIDDEN: u32 = 1 << 7;
    /// Bylines, author boxes, tags, post meta lines.
    pub const META: u32 = 1 << 8;
    /// Names that say "this is the content": article, body, content, entry, post, story.
    pub const CONTENT: u32 = 1 << 9;
    /// `itemprop="articleBody"` or `role="main"` / `role="article"`: the page says so.
    pub const MAIN: u32 = 1 << 10;
    /// Captions and credits of images.
    pub const CAPTION: u32 = 1 << 11;
    /// `itemscope`: a schema.org microdata item, which a page may hide as data for
    /// machines.
    pub const MICRODATA: u32 = 1 << 12;
}

/// One node of the page.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// What it is.
    pub tag: Tag,
    /// The element's local name (empty for text).
    pub name: &'a str,
    /// The parent's index; the root's is its own.
    pub parent: usize,
    /// One past the last node of its subtree.
    pub end: usize,
    /// The text, for a text node.
    pub text: &'a str,
    /// The `class` attribute.
    pub class: &'a str,
    /// The `id` attribute.
    pub id: &'a str,
    /// [`hint`] flags from the attributes.
    pub hints: u32,
    /// The node in `scraper`'s tree, for CSS selectors.
    pub node: NodeId,
}

/// The page's nodes in document order; index 0 is the document.
#[derive(Debug)]
pub struct Dom<'a> {
    /// See the module documentation.
    pub nodes: Vec<Node<'a>>,
}

impl<'a> Dom<'a> {
    /// Flattens `html`'s tree (elements and text; comments and doctypes are left out).
    pub fn build(html: &'a Html) -> Dom<'a> {
        let root = html.tree.root();
        let mut nodes: Vec<Node<'a>> = Vec::with_capacity(html.tree.values().len());
        nodes.push(Node {
            tag: Tag::Block,
            name: "",
            parent: 0,
            end: 0,
            text: "",
            class: "",
            id: "",
            hints: 0,
            node: root.id(),
        });
        let mut open: Vec<usize> = vec![0];
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if node.id() != root.id() => {
                    let parent = *open.last().unwrap_or(&0);
                    match node.value() {
                        HtmlNode::Element(element) => {
                            let name = element.name();
                            let (hints, class, id) = hints(element);
                            nodes.push(Node {
                                tag: Tag::of(name),
                                name,
                                parent,
                                end: 0,
                                text: "",
                                class,
                                id,
                                hints,
                                node: node.id(),
                            });
                            open.push(nodes.len() - 1);
                        }
                        HtmlNode::Text(text) => {
                            let index = nodes.len();
                            nodes.push(Node {
                                tag: Tag::Text,
                                name: "",
                                parent,
                                end: index + 1,
                                text,
                                class: "",
                                id: "",
                                hints: 0,
                                node: node.id(),
                            });
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) if node.value().is_element() => {
                    if let Some(index) = open.pop() {
                        nodes[index].end = nodes.len();
                    }
                }
                _ => {}
            }
        }
        let len = nodes.len();
        nodes[0].end = len;
        Dom { nodes }
    }

    /// A short CSS-like path of an element for people: `body > div#main > article.story`.
    pub fn path(&self, mut index: usize) -> String {
        let mut parts = Vec::new();
        while index != 0 && parts.len() < 6 {
            let node = &self.nodes[index];
            let mut part = node.name.to_string();
            if let Some(id) = node.id.split_whitespace().next() {
                part.push('#');
                part.push_str(id);
            } else if let Some(class) = node.class.split_whitespace().next() {
                part.push('.');
                part.push_str(class);
            }
            parts.push(part);
            if node.name == "body" {
                break;
            }
            index = node.parent;
        }
        parts.reverse();
        parts.join(" > ")
    }
}

/// The [`hint`] flags of an element's attributes.
fn hints(element: &scraper::node::Element) -> (u32, &str, &str) {
    let (mut flags, mut class, mut id) = (0, "", "");
    // One pass over the attributes: a page has thousands of elements.
    for (name, value) in element.attrs() {
        flags |= match name {
            "class" => {
                class = value;
                0
            }
            "id" => {
                id = value;
                0
            }
            "hidden" => hint::HIDDEN,
            "itemscope" => hint::MICRODATA,
            // `aria-hidden` hides from screen readers, not from the eye: on a link or an
            // inline element it marks a visual duplicate (a teaser's summary repeating its
            // headline's link), which is shown; on a block it is mostly a closed menu or
            // dialog.
            "aria-hidden"
                if value.trim().eq_ignore_ascii_case("true")
                    && Tag::of(element.name()).is_block() =>
            {
                hint::HIDDEN
            }
            "style" if style_hides(value) => hint::HIDDEN,
            "role" => match value.trim().to_ascii_lowercase().as_str() {
                "navigation" | "banner" | "contentinfo" | "menu" | "menubar" | "search"
                | "complementary" => hint::NAVIGATION,
                "dialog" | "alertdialog" => hint::PROMPT,
                "main" | "article" => hint::MAIN,
                _ => 0,
            },
            "itemprop"
                if value
                    .split_whitespace()
                    .any(|p| p == "articleBody" || p == "text") =>
            {
                hint::MAIN
            }
            _ => 0,
        };
    }
    for token in class.split_whitespace().chain(id.split_whitespace()) {
        flags |= token_hint(token);
    }
    (flags, class, id)
}

/// Whether an inline style hides the element (`display: none`, `visibility: hidden`).
fn style_hides(style: &str) -> bool {
    // Most styles say neither word: settle them without a copy.
    let says = |word: &[u8]| {
        style
            .as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    if !says(b"none") && !says(b"hidden") {
        return false;
    }
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// The hint of one class or id token (`c-share-bar`, `articleBody`). A token that says
/// what the element *has* or how it looks (`has-comments`, `no-sidebar`, `with-share`)
/// says nothing of what it is; hidden takes a whole token (`hidden`, `sr-only`), since
/// responsive classes (`hidden-xs`, `field-label-hidden`) hide only on some screens or
/// only a label.
fn token_hint(token: &str) -> u32 {
    // Case is ignored without a lower-cased copy: this runs for every class word of every
    // element of a page.
    const HIDING: [&str; 10] = [
        "hidden",
        "hide",
        "is-hidden",
        "d-none",
        "sr-only",
        "visually-hidden",
        "visuallyhidden",
        "screen-reader-text",
        "screen-reader-only",
        "element-invisible",
    ];
    if HIDING.iter().any(|h| token.eq_ignore_ascii_case(h)) {
        return hint::HIDDEN;
    }
    const MODIFIERS: [&str; 8] = [
        "has-", "no-", "with-", "without-", "show-", "enable-", "is-", "hide-",
    ];
    let starts_with = |m: &str| {
        token
            .as_bytes()
            .get(..m.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(m.as_bytes()))
    };
    // Utility classes (`lg:pt-[calc(var(--banner-height))]`) describe looks, not parts.
    if MODIFIERS.iter().any(|m| starts_with(m)) || token.contains(['[', ':', '(', '=', '/']) {
        return 0;
    }
    words_hint(token)
}

/// Longer than any word [`word_hint`] knows.
const WORD_MAX: usize = 24;

/// The hints of the words of a class or id value: split at anything not a letter or digit
/// and at a lower-to-upper case change (`shareBar` is `share`, `bar`), case ignored. The
/// words are lower-cased into a buffer on the stack; one too long to be known gives none.
fn words_hint(value: &str) -> u32 {
    let hint_of = |word: &[u8], len: usize| {
        if (1..=WORD_MAX).contains(&len) {
            std::str::from_utf8(&word[..len]).map_or(0, word_hint)
        } else {
            0
        }
    };
    let mut word = [0u8; WORD_MAX];
    let (mut len, mut flags, mut prev_lower) = (0, 0, false);
    for b in value.bytes() {
        if !b.is_ascii_alphanumeric() {
            flags |= hint_of(&word, len);
            len = 0;
            prev_lower = false;
            continue;
        }
        if b.is_ascii_uppercase() && prev_lower && len > 0 {
            flags |= hint_of(&word, len);
            len = 0;
        }
        prev_lower = b.is_ascii_lowercase();
        if len < WORD_MAX {
            word[len] = b.to_ascii_lowercase();
        }
        len += 1;
    }
    flags | hint_of(&word, len)
}

/// The hint one word of a class or id gives. Whole words only: `shared` is not `share`,
/// `header` is not `head`.
fn word_hint(word: &str) -> u32 {
    match word {
        "comment" | "comments" | "commentlist" | "disqus" | "discussion" | "respond"
        | "replies" | "reply" => hint::COMMENTS,
        "share" | "sharing" | "sharebar" | "shares" | "social" | "addthis" | "sharethis"
        | "socials" => hint::SHARE,
        "cookie" | "cookies" | "consent" | "gdpr" => hint::COOKIE,
        "related" | "recommended" | "recommendations" | "recirculation" | "popular"
        | "trending" | "outbrain" | "taboola" | "more" | "readmore" | "recirc" => hint::RELATED,
        "ad" | "ads" | "advert" | "adverts" | "advertisement" | "advertising" | "sponsor"
        | "sponsored" | "promo" | "promotion" | "dfp" | "adslot" | "adunit" => hint::AD,
        "newsletter" | "subscribe" | "subscription" | "signup" | "modal" | "popup" | "overlay"
        | "paywall" | "login" | "signin" => hint::PROMPT,
        "nav" | "navbar" | "navigation" | "menu" | "breadcrumb" | "breadcrumbs" | "pagination"
        | "pager" | "sidebar" | "masthead" | "footer" | "toolbar" | "skip" | "topbar" => {
            hint::NAVIGATION
        }
        "byline" | "author" | "tags" | "tag" | "taglist" | "dateline" | "meta" | "timestamp"
        | "published" | "date" => hint::META,
        "article" | "body" | "content" | "entry" | "post" | "story" | "text" | "main" | "blog"
        | "articlebody" | "storybody" | "prose" | "hentry" => hint::CONTENT,
        "caption" | "credit" | "credits" | "figcaption" => hint::CAPTION,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtrees_are_ranges_in_document_order() {
        let html = Html::parse_document("<body><div><p>a<b>b</b></p></div><p>c</p></body>");
        let dom = Dom::build(&html);
        let div = dom.nodes.iter().position(|n| n.name == "div").unwrap();
        let inside: Vec<&str> = dom.nodes[div + 1..dom.nodes[div].end]
            .iter()
            .map(|n| if n.tag == Tag::Text { n.text } else { n.name })
            .collect();
        assert_eq!(inside, ["p", "a", "b", "b"]);
    }

    #[test]
    fn class_words_give_hints() {
        let html = Html::parse_document(
            "<div class='c-shareBar__item'></div><div id='comments'></div><div class='shared-space'></div><div style='display: none'></div><div itemprop='articleBody'></div>",
        );
        let dom = Dom::build(&html);
        let divs: Vec<u32> = dom
            .nodes
            .iter()
            .filter(|n| n.name == "div")
            .map(|n| n.hints)
            .collect();
        assert_eq!(
            divs,
            [hint::SHARE, hint::COMMENTS, 0, hint::HIDDEN, hint::MAIN]
        );
    }

    #[test]
    fn deep_nesting_builds_without_recursion() {
        let html = Html::parse_document(&"<span>".repeat(100_000));
        let dom = Dom::build(&html);
        assert!(dom.nodes.len() > 100_000);
        assert_eq!(dom.nodes[0].end, dom.nodes.len());
    }
}
