//! The headline of a page, chosen by agreement between what the page states: the `<h1>`,
//! `og:title`, `twitter:title`, the JSON-LD `headline` and the `<title>`, each with the
//! site's name cut off (`Story title | Site`, `Site - Story title`).
//!
//! An `<h1>` that agrees with one of the stated titles or a part of one (the same words,
//! or one the start of the other) is the visible headline and wins. So does the page's
//! only `<h1>` when it is not the site's name: stated titles are often written for search
//! engines, the heading for readers. Otherwise the stated titles are tried in order of
//! trust; a `<title>` is used only when its site part could be told apart or it has none.

use crate::document::{Candidate, Field};

use super::facts::{is_creative_work, text_value, PageFacts};
use super::host;
use super::propose;
use super::source::domain_label;

/// What separates a title from the site's name.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " / ", " : ",
];

/// A title has at most this many characters; longer "titles" are descriptions.
const TITLE_MAX_CHARS: usize = 300;

/// How many `<h1>` elements are looked at: pages with more use them for cards.
const H1_MAX: usize = 3;

/// The page's title candidate.
pub fn candidate(facts: &PageFacts, site: Option<&str>, url: Option<&str>) -> Option<Candidate> {
    let label = url.and_then(host).map(|h| domain_label(&h));
    let clean = |t: &str| strip_site(t, site, label.as_deref());
    let headline = facts
        .json_ld
        .iter()
        .filter(|o| is_creative_work(o))
        .find_map(|o| o.get("headline").and_then(text_value));
    let stated: Vec<(String, &str, &str)> = [
        (facts.meta("og:title"), "meta:og:title"),
        (headline, "json-ld:headline"),
        (facts.meta("twitter:title"), "meta:twitter:title"),
        (facts.title.as_deref(), "title"),
    ]
    .into_iter()
    .filter_map(|(raw, from)| {
        let raw = raw?;
        let cleaned = clean(raw)?;
        Some((cleaned, from, raw))
    })
    .filter(|(t, _, _)| usable(t))
    .collect();

    for h1 in facts.h1.iter().take(H1_MAX) {
        let h1 = h1.trim();
        if !usable(h1) {
            continue;
        }
        let agrees = |t: &str| agree(h1, t) || segments(t).iter().any(|part| agree(h1, part));
        if let Some((_, from, raw)) = stated.iter().find(|(t, _, _)| agrees(t)) {
            let from = format!("h1+{from}");
            return Some(propose(Field::Title, h1.to_string(), from, raw, 0));
        }
    }
    // One `<h1>` on the page, not the site's name: the visible headline, even when the
    // stated titles word it otherwise (they are often written for search engines).
    let usable_h1: Vec<&String> = facts.h1.iter().filter(|h| usable(h.trim())).collect();
    if let [h1] = usable_h1[..] {
        if strip_site(h1, site, label.as_deref()).is_some() && facts.h1.len() == 1 {
            return Some(propose(
                Field::Title,
                h1.trim().to_string(),
                "h1".to_string(),
                h1,
                2,
            ));
        }
    }
    // A `<title>` whose site part could not be told apart is no title on its own.
    let (title, from, raw) = stated.iter().find(|(cleaned, from, raw)| {
        *from != "title" || segments(raw).len() == 1 || cleaned.len() < raw.trim().len()
    })?;
    Some(propose(
        Field::Title,
        title.clone(),
        from.to_string(),
        raw,
        1,
    ))
}

fn usable(title: &str) -> bool {
    let n = title.chars().count();
    n > 1 && n <= TITLE_MAX_CHARS && title.chars().any(char::is_alphabetic)
}

/// Whether two titles say the same: equal compacted, or one the start of the other and at
/// least 60% of its length (a title with a subtitle, an `<h1>` with a kicker cut).
fn agree(a: &str, b: &str) -> bool {
    let (a, b) = (compact(a), compact(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    long.starts_with(short.as_str()) && short.len() * 10 >= long.len() * 6
}

/// `title` without the site name at its start or end; `None` when the title is nothing
/// but the site name. Without a site name or domain to recognise, a title is kept whole.
pub fn strip_site(title: &str, site: Option<&str>, label: Option<&str>) -> Option<String> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let site = site.map(compact).filter(|s| !s.is_empty());
    let names_site = |part: &str| {
        let part = compact(part);
        !part.is_empty()
            && (site.as_deref() == Some(part.as_str())
                || label.is_some_and(|l| {
                    !l.is_empty() && (part == l || part.contains(l) && part.len() <= l.len() + 12)
                }))
    };
    let parts = segments(&title);
    if parts.len() == 1 {
        return (!names_site(&title)).then_some(title);
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    let kept = if names_site(last) {
        &title[..title.len() - last.len()]
    } else if names_site(first) {
        &title[first.len()..]
    } else {
        return Some(title);
    };
    let kept = trim_separators(kept);
    (!kept.is_empty()).then(|| kept.to_string())
}

/// The parts of a title between separators, as slices of it.
pub fn segments(title: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < title.len() {
        let rest = &title[at..];
        if let Some(sep) = SEPARATORS.iter().find(|s| rest.starts_with(*s)) {
            parts.push(title[start..at].trim());
            at += sep.len();
            start = at;
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    parts.push(title[start..].trim());
    parts
}

fn trim_separators(text: &str) -> &str {
    let mut text = text.trim();
    loop {
        let before = text;
        for sep in SEPARATORS {
            let sep = sep.trim();
            text = text.trim_start_matches(sep).trim_end_matches(sep).trim();
        }
        if text == before {
            return text;
        }
    }
}

/// Letters and digits only, lower-cased: how titles and names are compared.
pub fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn title(markup: &str, site: Option<&str>, url: Option<&str>) -> Option<(String, String)> {
        let html = Html::parse_document(markup);
        let facts = PageFacts::read(markup, None, &html);
        candidate(&facts, site, url).map(|c| (c.value, c.from))
    }

    #[test]
    fn site_names_are_cut_from_titles() {
        assert_eq!(
            strip_site("Story | The Ledger", Some("The Ledger"), None).as_deref(),
            Some("Story")
        );
        assert_eq!(
            strip_site("BBC News - Story here", None, Some("bbc")).as_deref(),
            Some("Story here")
        );
        assert_eq!(
            strip_site("Q&A: a - b", None, Some("bbc")).as_deref(),
            Some("Q&A: a - b")
        );
        assert_eq!(strip_site("The Ledger", Some("The Ledger"), None), None);
        assert_eq!(
            strip_site("Story | Other", None, None).as_deref(),
            Some("Story | Other")
        );
    }

    #[test]
    fn an_agreeing_h1_wins() {
        let page = r#"<title>Council approves budget | Daily Courier</title>
            <meta property="og:title" content="Council approves budget">
            <body><h1>Council approves budget</h1></body>"#;
        assert_eq!(
            title(page, Some("Daily Courier"), None),
            Some(("Council approves budget".into(), "h1+meta:og:title".into()))
        );
        // An h1 that is the site's logo does not agree with anything.
        let page = r#"<title>Council approves budget | Daily Courier</title>
            <body><h1>Daily Courier</h1></body>"#;
        assert_eq!(
            title(page, Some("Daily Courier"), None),
            Some(("Council approves budget".into(), "title".into()))
        );
    }

    #[test]
    fn the_only_h1_unless_it_names_the_site() {
        assert_eq!(
            title(
                "<title>Buy shoes online | Shop</title><body><h1>Running shoes</h1></body>",
                Some("Shop"),
                None
            ),
            Some(("Running shoes".into(), "h1".into()))
        );
        assert_eq!(
            title(
                "<title>Story | Shop</title><body><h1>Shop</h1></body>",
                Some("Shop"),
                None
            ),
            Some(("Story".into(), "title".into()))
        );
        assert_eq!(
            title("<body><h1>A b</h1><h1>B c</h1></body>", None, None),
            None
        );
    }
}
