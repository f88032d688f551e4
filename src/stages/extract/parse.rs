//! Parsing a page into a DOM with html5ever (through `scraper`), in bounded time.
//!
//! Two things happen before the tree is built. Elements that never hold visible text
//! (`script`, `style`, `template`, `svg`, a closed `head`), comments, and the chrome the
//! pruning would drop anyway (`nav`, a `footer` outside any `article`, `select` option
//! lists) are cut from the markup with a byte scan: the tokenizer would read them only for them to be thrown away,
//! and on news pages they are more than half of the bytes. An element ends at its first
//! end tag, so a `nav` nested in a `nav` leaves the outer one's tail to the parser. Then the markup is fed to the parser in
//! chunks through [`BudgetSink`], which counts the tree builder's work: html5ever scans its
//! stack of open elements for many tags, so 100,000 nested `<div>`s cost billions of steps.
//! When the count passes the budget the parse stops and the page is rejected
//! (`too-complex`), rather than running for minutes. The budget is deterministic: the same
//! page gets the same verdict on any machine.

use std::borrow::Cow;
use std::cell::Cell;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

/// The tree builder's steps every page may take, whatever its size ...
pub const BASE_BUDGET: u64 = 25_000_000;
/// ... plus this many per byte of markup: a 50 MB page of ordinary markup parses, 100,000
/// nested `<div>`s do not.
pub const BUDGET_PER_BYTE: u64 = 2;
/// How much markup the parser gets between two looks at the budget.
const CHUNK: usize = 16 * 1024;

/// What the byte scan cut before parsing, by element name (`comment` for comments): how
/// many, and the characters of text between their tags (white space not counted).
pub type Stripped = [(&'static str, usize, usize); STRIPPED_KINDS.len()];

/// The elements (and comments) cut before parsing.
pub const STRIPPED_KINDS: [&str; 9] = [
    "script", "style", "template", "svg", "head", "nav", "select", "footer", "comment",
];

/// The cut elements whose text a browser would show (menus, footers, option lists): their
/// text is counted, so that the record says how much went.
const VISIBLE_KINDS: [&str; 3] = ["nav", "select", "footer"];

/// Characters outside tags in a piece of markup, white space not counted (entities count
/// as written): the text a cut element held, near enough.
fn visible_chars(markup: &str) -> usize {
    let mut in_tag = false;
    let mut count = 0;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && !c.is_whitespace() => count += 1,
            _ => {}
        }
    }
    count
}

/// Why a page could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverBudget {
    /// The steps taken when the parse stopped.
    pub steps: u64,
    /// The budget it had.
    pub budget: u64,
}

/// Parses `markup` (after [`strip_invisible`]) into a document tree, or stops when the
/// tree builder's work passes the budget for its size.
pub fn parse(markup: &str) -> Result<Html, OverBudget> {
    let budget = BASE_BUDGET + BUDGET_PER_BYTE * markup.len() as u64;
    let sink = BudgetSink {
        inner: HtmlTreeSink::new(Html::new_document()),
        steps: Cell::new(0),
    };
    // Scripting off: `noscript` content is parsed as markup, not raw text.
    let mut opts = html5ever::ParseOpts::default();
    opts.tree_builder.scripting_enabled = false;
    let mut parser = html5ever::parse_document(sink, opts);
    let mut rest = markup;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        parser.process(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
        let steps = parser.tokenizer.sink.sink.steps.get();
        if steps > budget {
            return Err(OverBudget { steps, budget });
        }
    }
    Ok(parser.finish())
}

/// Cuts `script`, `style`, `template`, `svg`, closed `head`, `nav`, `select` and
/// `footer` elements (not a footer inside an `<article>`: the article's own) and comments
/// out of `markup`, counting them. An element's end is its first end tag (`</script`), as the
/// tokenizer reads raw text; an element or comment left open runs to the end.
pub fn strip_invisible(markup: &str) -> (String, Stripped) {
    let bytes = markup.as_bytes();
    let mut counts: Stripped = STRIPPED_KINDS.map(|k| (k, 0, 0));
    let mut out = String::with_capacity(markup.len() / 2);
    let (mut kept_from, mut at) = (0, 0);
    // How many `<article>`s are open where the scan stands (start tags less end tags).
    let mut articles = 0usize;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found;
        let rest = &bytes[start + 1..];
        if opens(rest, b"article") {
            articles += 1;
        } else if rest.first() == Some(&b'/') && opens_or_ends(&rest[1..], b"article") {
            articles = articles.saturating_sub(1);
        }
        let cut = if rest.starts_with(b"!--") {
            let body = start + 4;
            let end =
                memchr::memmem::find(&bytes[body..], b"-->").map_or(bytes.len(), |e| body + e + 3);
            Some((STRIPPED_KINDS.len() - 1, end))
        } else {
            STRIPPED_KINDS[..STRIPPED_KINDS.len() - 1]
                .iter()
                .position(|name| opens(rest, name.as_bytes()))
                .map(|kind| {
                    (
                        kind,
                        end_of_element(bytes, start, STRIPPED_KINDS[kind].as_bytes()),
                    )
                })
                // A `<head>` is cut only when it is closed before any `<body>`: unclosed,
                // it ends where the page's content starts.
                .filter(|&(kind, end)| match STRIPPED_KINDS[kind] {
                    "head" => closed_head(&bytes[start..end]),
                    // An article's own footer holds its date and byline: the page facts
                    // read it, and pruning decides whether its text stays.
                    "footer" => articles == 0,
                    _ => true,
                })
        };
        match cut {
            Some((kind, end)) => {
                counts[kind].1 += 1;
                if VISIBLE_KINDS.contains(&STRIPPED_KINDS[kind]) {
                    counts[kind].2 += visible_chars(&markup[start..end]);
                }
                out.push_str(&markup[kept_from..start]);
                kept_from = end;
                at = end;
            }
            None => at = start + 1,
        }
    }
    out.push_str(&markup[kept_from..]);
    (out, counts)
}

/// The markup up to the end of the page's closed `<head>`: the `<!doctype>`, `<html>` and
/// the head, for reading what the page says about itself (`stages::page_meta`), since
/// [`strip_invisible`] cuts a closed head. The head's own scripts, styles and comments are
/// cut (a third of a news page's bytes are there; JSON-LD is read from the raw markup).
/// None when no `</head>` comes before the content.
pub fn head(markup: &str) -> Option<String> {
    let head = head_slice(markup)?;
    let bytes = head.as_bytes();
    // What follows the `<head ...>` start tag, where the scripts and styles are.
    let inner = memchr::memchr_iter(b'<', bytes)
        .find(|&at| opens(&bytes[at + 1..], b"head"))
        .and_then(|at| memchr::memchr(b'>', &bytes[at..]).map(|e| at + e + 1))
        .unwrap_or(0);
    let (stripped, _) = strip_invisible(&head[inner..]);
    Some(format!("{}{stripped}", &head[..inner]))
}

fn head_slice(markup: &str) -> Option<&str> {
    let bytes = markup.as_bytes();
    let close = memchr::memmem::find_iter(bytes, b"</")
        .find(|&at| opens_or_ends(&bytes[at + 2..], b"head") || opens(&bytes[at + 2..], b"body"))?;
    if !opens_or_ends(&bytes[close + 2..], b"head") {
        return None;
    }
    let end = memchr::memchr(b'>', &bytes[close..]).map_or(bytes.len(), |e| close + e + 1);
    let segment = &bytes[..end];
    let body_first =
        memchr::memchr_iter(b'<', segment).any(|at| opens(&segment[at + 1..], b"body"));
    (!body_first).then(|| &markup[..end])
}

/// Whether a `<head ...` segment (up to its end as [`end_of_element`] found it) ends with
/// `</head ...>` and holds no `<body`.
fn closed_head(segment: &[u8]) -> bool {
    let last_tag = segment.rsplit(|&b| b == b'<').next().unwrap_or(&[]);
    let closed = segment.ends_with(b">")
        && last_tag.len() > 5
        && last_tag[0] == b'/'
        && last_tag[1..5].eq_ignore_ascii_case(b"head");
    closed && !memchr::memchr_iter(b'<', segment).any(|at| opens(&segment[at + 1..], b"body"))
}

/// Whether `rest` (after a `<`) opens an element `name`: the name, in any case, then white
/// space, `>` or `/`.
fn opens(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name)
        && matches!(
            rest[name.len()],
            b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
        )
}

/// The byte after the `>` of the first `</name` after `start`, or the end of the markup.
fn end_of_element(bytes: &[u8], start: usize, name: &[u8]) -> usize {
    let mut at = start + 1;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let tag = at + found;
        let rest = &bytes[tag + 1..];
        if rest.first() == Some(&b'/') && opens_or_ends(&rest[1..], name) {
            return memchr::memchr(b'>', &bytes[tag..]).map_or(bytes.len(), |e| tag + e + 1);
        }
        at = tag + 1;
    }
    bytes.len()
}

fn opens_or_ends(rest: &[u8], name: &[u8]) -> bool {
    opens(rest, name) || (rest.len() == name.len() && rest.eq_ignore_ascii_case(name))
}

/// `scraper`'s tree sink, counting the tree builder's steps: every element created and
/// every look at an element's name (which is what its scans of the open-element stack do).
pub struct BudgetSink {
    inner: HtmlTreeSink,
    steps: Cell<u64>,
}

impl BudgetSink {
    fn step(&self) {
        self.steps.set(self.steps.get() + 1);
    }
}

impl TreeSink for BudgetSink {
    type Handle = <HtmlTreeSink as TreeSink>::Handle;
    type Output = Html;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Html {
        self.inner.finish()
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> Self::Handle {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a Self::Handle) -> Self::ElemName<'a> {
        self.step();
        self.inner.elem_name(target)
    }
    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<Attribute>,
        flags: ElementFlags,
    ) -> Self::Handle {
        self.step();
        self.inner.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> Self::Handle {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Self::Handle {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &Self::Handle, child: NodeOrText<Self::Handle>) {
        self.inner.append(parent, child)
    }
    fn append_based_on_parent_node(
        &self,
        element: &Self::Handle,
        prev_element: &Self::Handle,
        child: NodeOrText<Self::Handle>,
    ) {
        self.inner
            .append_based_on_parent_node(element, prev_element, child)
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }
    fn get_template_contents(&self, target: &Self::Handle) -> Self::Handle {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &Self::Handle, y: &Self::Handle) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &Self::Handle, new_node: NodeOrText<Self::Handle>) {
        self.inner.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &Self::Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }
    fn remove_from_parent(&self, target: &Self::Handle) {
        self.step();
        self.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &Self::Handle, new_parent: &Self::Handle) {
        self.step();
        self.inner.reparent_children(node, new_parent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_elements_and_comments_are_cut_and_counted() {
        let page = "<p>a</p><script src=x></script><SCRIPT>if (a<b) {}</SCRIPT ><!-- c --><style>p{}</style><p>b<svg><path/></svg></p><scripts>kept</scripts>";
        let (kept, counts) = strip_invisible(page);
        assert_eq!(kept, "<p>a</p><p>b</p><scripts>kept</scripts>");
        assert_eq!(counts[0], ("script", 2, 0));
        assert_eq!(counts[1], ("style", 1, 0));
        assert_eq!(counts[3], ("svg", 1, 0));
        assert_eq!(counts[8], ("comment", 1, 0));
        let (kept, counts) = strip_invisible("<p>a</p><nav><a href=/>Home</a> <a>News</a></nav>");
        assert_eq!(kept, "<p>a</p>");
        assert_eq!(counts[5], ("nav", 1, 8));
    }

    #[test]
    fn a_closed_head_is_cut_and_an_open_one_kept() {
        let (kept, counts) = strip_invisible("<html><head><title>t</title></head><body><p>a</p>");
        assert_eq!(kept, "<html><body><p>a</p>");
        assert_eq!(counts[4], ("head", 1, 0));
        let page = "<html><head><title>t</title><body><p>a</p>";
        assert_eq!(strip_invisible(page).0, page);
    }

    #[test]
    fn an_articles_footer_stays_and_the_pages_goes() {
        let page = "<article><h1>T</h1><footer class=meta>June 7, 2020</footer><p>a</p></article><footer>(c) Site</footer>";
        let (kept, counts) = strip_invisible(page);
        assert_eq!(
            kept,
            "<article><h1>T</h1><footer class=meta>June 7, 2020</footer><p>a</p></article>"
        );
        assert_eq!(counts[7], ("footer", 1, 7));
        // An `</article>` without its start tag does not make the count go below zero.
        let (kept, _) = strip_invisible("</article><footer>x</footer><p>a</p>");
        assert_eq!(kept, "</article><p>a</p>");
    }

    #[test]
    fn an_unclosed_script_or_comment_runs_to_the_end() {
        assert_eq!(strip_invisible("<p>a</p><script>var x").0, "<p>a</p>");
        assert_eq!(strip_invisible("<p>a</p><!-- open").0, "<p>a</p>");
    }

    #[test]
    fn ordinary_pages_parse_within_budget() {
        let page = "<div><p>text</p></div>".repeat(10_000);
        assert!(parse(&page).is_ok());
    }

    #[test]
    fn deep_nesting_stops_at_the_budget() {
        let page = "<div>".repeat(100_000);
        let started = std::time::Instant::now();
        let err = parse(&page).unwrap_err();
        assert!(err.steps > err.budget);
        // Stopped long before the minutes a full parse takes (generous for a busy machine).
        assert!(started.elapsed().as_secs() < 20);
    }
}
