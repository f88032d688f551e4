//! Flow: the pruned page as text blocks in reading order.
//!
//! A block is the inline content between two block-level boundaries: a paragraph, a
//! heading, a list item, a table row, a quote, a `pre`, or a run of text directly inside
//! a `div`. White space collapses as a browser shows it (except in `pre`); `<br>` breaks a
//! line inside the block. A table row whose cells hold no blocks of their own is one block,
//! its cells joined by ` | `; a layout table's cells are blocks like any `div`.
//!
//! Each block knows the element it sits in, how many of its characters are link text
//! (and of those, how many sit in a card: a link around a heading or a paragraph, a
//! teaser), and its kind, which is what the scoring needs. The walk is a loop over the flat DOM.

use crate::stages::extract::dom::{Dom, Tag};
use crate::stages::extract::prune::Pruned;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A paragraph, or text directly inside another block element.
    Paragraph,
    /// A heading of level 1 to 6.
    Heading(u8),
    /// A list item.
    Item,
    /// A table row.
    Row,
    /// Preformatted text.
    Pre,
    /// Text inside a blockquote.
    Quote,
}

/// One block of text.
#[derive(Debug, Clone)]
pub struct TextBlock {
    /// What it is.
    pub kind: Kind,
    /// The index of the block-level element it sits in.
    pub container: usize,
    /// The text, white space collapsed, `\n` where a `<br>` broke it.
    pub text: String,
    /// Characters, white space not counted.
    pub chars: usize,
    /// Of those, characters inside links.
    pub link_chars: usize,
    /// Of the link characters, those inside cards: links around a heading or a paragraph.
    pub card_chars: usize,
    /// Whether the block is an image's caption or credit (see `Pruned::caption`).
    pub caption: bool,
}

impl TextBlock {
    /// The share of the block's characters that are link text.
    pub fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars.max(1) as f64
    }

    /// The share of the block's characters that are link text outside cards: a card's
    /// headline and summary are content on a listing, where they are the entries.
    pub fn nav_link_density(&self) -> f64 {
        (self.link_chars - self.card_chars) as f64 / self.chars.max(1) as f64
    }
}

/// The blocks of `dom` outside the dropped subtrees, in document order.
pub fn blocks(dom: &Dom<'_>, pruned: &Pruned) -> Vec<TextBlock> {
    let nodes = &dom.nodes;
    let n = nodes.len();
    // A row is simple when no block other than its cells is inside it.
    let mut nested_block = vec![false; n];
    for i in (1..n).rev() {
        let tag = nodes[i].tag;
        let p = nodes[i].parent;
        nested_block[p] |= nested_block[i] || (tag.is_block() && tag != Tag::Cell);
    }
    let simple_row = |row: usize| nodes[row].tag == Tag::Row && !nested_block[row];
    // A card: a link around a heading or a paragraph (a teaser whose headline and summary
    // are one click target). Its text reads as text, not as link text: on a listing the
    // cards are the content, and a browser shows them as blocks, not as a link in a line.
    let mut card = vec![false; n];
    for i in (1..n).rev() {
        let p = nodes[i].parent;
        card[p] |= card[i] || matches!(nodes[i].tag, Tag::P | Tag::Heading(_));
    }

    let mut out = Vec::new();
    let mut current = Builder::default();
    // Open block elements: (index, end). Open links and pre: their ends.
    let mut open: Vec<(usize, usize)> = vec![(0, n)];
    let mut links: Vec<usize> = Vec::new();
    let mut cards: Vec<usize> = Vec::new();
    let mut pres: Vec<usize> = Vec::new();
    let mut quotes: Vec<usize> = Vec::new();
    let mut captions: Vec<usize> = Vec::new();
    let mut i = 1;
    while i < n {
        while open.len() > 1 && open.last().is_some_and(|&(_, end)| end <= i) {
            open.pop();
            current.flush(&mut out);
        }
        links.retain(|&end| end > i);
        cards.retain(|&end| end > i);
        pres.retain(|&end| end > i);
        quotes.retain(|&end| end > i);
        captions.retain(|&end| end > i);
        let node = &nodes[i];
        if pruned.dropped[i].is_some() {
            // A dropped element still separates what stands around it.
            if node.tag.is_block() {
                current.flush(&mut out);
            }
            i = node.end.max(i + 1);
            continue;
        }
        if pruned.caption[i] {
            current.flush(&mut out);
            captions.push(node.end);
        }
        match node.tag {
            Tag::Text => {
                let container = open.last().map_or(0, |&(c, _)| c);
                current.start(
                    container,
                    kind_of(dom, container, &pres, &quotes),
                    !captions.is_empty(),
                );
                current.push_text(
                    node.text,
                    !links.is_empty(),
                    !cards.is_empty(),
                    !pres.is_empty(),
                );
            }
            Tag::Br => current.line_break(),
            Tag::Link => {
                links.push(node.end);
                if card[i] {
                    cards.push(node.end);
                }
            }
            Tag::Cell if simple_row(node.parent) => current.cell_separator(),
            Tag::Inline => {}
            tag => {
                current.flush(&mut out);
                if tag == Tag::Pre {
                    pres.push(node.end);
                }
                if tag == Tag::Quote {
                    quotes.push(node.end);
                }
                if !(tag == Tag::Cell && simple_row(node.parent)) {
                    open.push((i, node.end));
                }
            }
        }
        i += 1;
    }
    current.flush(&mut out);
    out
}

/// The kind of a block sitting in `container`.
fn kind_of(dom: &Dom<'_>, container: usize, pres: &[usize], quotes: &[usize]) -> Kind {
    if !pres.is_empty() {
        return Kind::Pre;
    }
    match dom.nodes[container].tag {
        Tag::Heading(level) => Kind::Heading(level),
        Tag::Item if dom.nodes[container].name == "li" => Kind::Item,
        Tag::Row => Kind::Row,
        _ if !quotes.is_empty() => Kind::Quote,
        _ => Kind::Paragraph,
    }
}

/// The block being assembled.
#[derive(Default)]
struct Builder {
    started: Option<(usize, Kind, bool)>,
    text: String,
    chars: usize,
    link_chars: usize,
    card_chars: usize,
    /// A space is owed before the next visible character.
    space: bool,
}

impl Builder {
    fn start(&mut self, container: usize, kind: Kind, caption: bool) {
        if self.started.is_none() {
            self.started = Some((container, kind, caption));
        }
    }

    fn push_text(&mut self, text: &str, in_link: bool, in_card: bool, pre: bool) {
        if pre {
            let visible = text.chars().filter(|c| !c.is_whitespace()).count();
            self.text.push_str(text);
            self.chars += visible;
            if in_link {
                self.link_chars += visible;
            }
            if in_card {
                self.card_chars += visible;
            }
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push(c);
            self.chars += 1;
            if in_link {
                self.link_chars += 1;
            }
            if in_card {
                self.card_chars += 1;
            }
        }
    }

    fn line_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.space = false;
    }

    fn cell_separator(&mut self) {
        if self.chars > 0 && !self.text.ends_with(" | ") {
            self.text.push_str(" | ");
        }
        self.space = false;
    }

    fn flush(&mut self, out: &mut Vec<TextBlock>) {
        let Some((container, kind, caption)) = self.started.take() else {
            self.clear();
            return;
        };
        if self.chars > 0 {
            let text = self
                .text
                .trim_end_matches(" | ")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            out.push(TextBlock {
                kind,
                container,
                text,
                chars: self.chars,
                link_chars: self.link_chars,
                card_chars: self.card_chars,
                caption,
            });
        }
        self.clear();
    }

    fn clear(&mut self) {
        self.text.clear();
        self.chars = 0;
        self.link_chars = 0;
        self.card_chars = 0;
        self.space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::extract::prune::{prune, Selectors};
    use scraper::Html;

    fn flow(page: &str) -> Vec<(Kind, String)> {
        let html = Html::parse_document(page);
        let dom = Dom::build(&html);
        let pruned = prune(&dom, &html, Selectors::default());
        blocks(&dom, &pruned)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn blocks_follow_reading_order_with_inline_text_joined() {
        let got = flow("<h2>Head <em>line</em></h2><p>One <b>two</b>\n  three<br>four</p><div>loose <a href=x>link</a><p>inner</p>tail</div>");
        assert_eq!(
            got,
            [
                (Kind::Heading(2), "Head line".into()),
                (Kind::Paragraph, "One two three\nfour".into()),
                (Kind::Paragraph, "loose link".into()),
                (Kind::Paragraph, "inner".into()),
                (Kind::Paragraph, "tail".into()),
            ]
        );
    }

    #[test]
    fn simple_rows_are_one_line_and_layout_cells_are_blocks() {
        let got = flow("<table><tr><th>Name</th><th>Votes</th></tr><tr><td>Ann</td><td>12</td></tr></table><table><tr><td><p>a</p><p>b</p></td></tr></table>");
        assert_eq!(
            got,
            [
                (Kind::Row, "Name | Votes".into()),
                (Kind::Row, "Ann | 12".into()),
                (Kind::Paragraph, "a".into()),
                (Kind::Paragraph, "b".into()),
            ]
        );
    }

    #[test]
    fn lists_quotes_and_pre_keep_their_kind() {
        let got = flow("<ul><li>one</li><li>two</li></ul><blockquote><p>said</p></blockquote><pre>a  b\n  c</pre>");
        assert_eq!(
            got,
            [
                (Kind::Item, "one".into()),
                (Kind::Item, "two".into()),
                (Kind::Quote, "said".into()),
                (Kind::Pre, "a  b\nc".into()),
            ]
        );
    }

    #[test]
    fn link_text_is_counted() {
        let html = Html::parse_document("<p>abc <a href=x>defg</a></p>");
        let dom = Dom::build(&html);
        let pruned = prune(&dom, &html, Selectors::default());
        let b = &blocks(&dom, &pruned)[0];
        assert_eq!((b.chars, b.link_chars), (7, 4));
    }
}
