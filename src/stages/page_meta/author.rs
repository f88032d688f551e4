//! The authors a page states: the JSON-LD `author` of its creative work, then `<meta>`
//! author tags, then bylines in the body (`itemprop=author`, `rel=author`, an `author` or
//! `byline` class). Organizations, URLs, e-mail addresses, handles and role words are not
//! names; a page that names none gets none (a wrong author is worse than none).

use serde_json::Value;

use crate::document::{Candidate, Field};

use super::facts::{is_creative_work, types, Byline, PageFacts};
use super::propose;

/// `<meta>` keys naming the author, most trusted first.
const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
];

/// A name has at most this many words and characters.
const NAME_MAX_WORDS: usize = 8;
const NAME_MAX_CHARS: usize = 80;
/// At most this many authors are listed.
const AUTHORS_MAX: usize = 10;

/// One candidate per author, all from the same source (the first that names any).
pub fn candidates(facts: &PageFacts) -> Vec<Candidate> {
    let from_json = facts
        .json_ld
        .iter()
        .filter(|o| is_creative_work(o))
        .find_map(|o| {
            let names = json_authors(o.get("author")?);
            (!names.is_empty()).then_some(names)
        });
    if let Some(names) = from_json {
        return to_candidates(names, "json-ld:author");
    }
    for key in AUTHOR_META {
        let names: Vec<String> = facts
            .meta
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, v)| split_names(v))
            .collect();
        if !names.is_empty() {
            return to_candidates(names, &format!("meta:{key}"));
        }
    }
    for (kind, from) in [
        (Byline::Itemprop, "byline:itemprop"),
        (Byline::RelAuthor, "byline:rel-author"),
        (Byline::Class, "byline:class"),
    ] {
        // The first marked element of the most explicit kind: later ones are often other
        // articles' bylines in lists of related stories.
        let first = facts.bylines.iter().find(|(k, _)| *k == kind);
        if let Some((_, text)) = first {
            let names = split_names(text);
            if !names.is_empty() {
                return to_candidates(names, from);
            }
        }
    }
    Vec::new()
}

fn to_candidates(mut names: Vec<String>, from: &str) -> Vec<Candidate> {
    let mut seen = Vec::new();
    names.retain(|n| {
        let key = n.to_lowercase();
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    names
        .into_iter()
        .take(AUTHORS_MAX)
        .map(|name| propose(Field::Author, name.clone(), from.to_string(), &name, 0))
        .collect()
}

/// The person names of a JSON-LD `author` value: a string, a `Person`, or a list.
fn json_authors(value: &Value) -> Vec<String> {
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    items
        .into_iter()
        .filter_map(|item| match item {
            Value::String(s) => Some(s.as_str()),
            Value::Object(map) => {
                let organization = types(item)
                    .iter()
                    .any(|t| t.contains("Organization") || t.contains("Corporation"));
                if organization {
                    None
                } else {
                    map.get("name").and_then(Value::as_str)
                }
            }
            _ => None,
        })
        .flat_map(split_names)
        .collect()
}

/// Names in an author string: `By Jane Doe and John Roe` gives both; values that are not
/// names (URLs, addresses, handles, role words, long phrases) give none. Also used for a
/// rule's `author` capture.
pub fn split_names(value: &str) -> Vec<String> {
    let value = value.trim();
    let lower = value.to_lowercase();
    // `By Jane Doe`, `Posted by: Jane Doe`, `Recipe by Jane Doe`: the name follows a `by`
    // among the first three words; `Autor: Jana Schulz`: it follows a label.
    // (Positions are found in `value` itself, ASCII case ignored: lower-casing may change
    // byte lengths.)
    let bytes = value.as_bytes();
    let after_by = (0..bytes.len().saturating_sub(2))
        .find(|&at| {
            bytes[at..at + 2].eq_ignore_ascii_case(b"by")
                && (at == 0 || bytes[at - 1] == b' ')
                && matches!(bytes[at + 2], b' ' | b':')
                && value[..at].split_whitespace().count() < 3
        })
        .map(|at| value[at + 2..].trim_start_matches([' ', ':']).trim());
    let value = after_by.unwrap_or_else(|| {
        BY_WORDS
            .iter()
            .find(|by| lower.starts_with(*by))
            .map_or(value, |by| value[by.len()..].trim_start_matches(':').trim())
    });
    if value.to_lowercase().starts_with("from ") {
        // `From Apple`: a provenance line, not a byline.
        return Vec::new();
    }
    value
        .split(" and ")
        .flat_map(|p| p.split(" & "))
        .flat_map(|p| p.split(';'))
        .flat_map(|p| p.split(" | "))
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|name| is_name(name))
        .collect()
}

/// Words that introduce a byline: `By Jane Doe`, `Von Jana Schulz`, `Par Jean Dupont`.
const BY_WORDS: &[&str] = &[
    "by ",
    "written by ",
    "posted by ",
    "author: ",
    "author ",
    "von ",
    "par ",
    "por ",
    "di ",
    "door ",
    "autor: ",
    "auteur: ",
    "автор: ",
    "автор ",
];

/// Words that name a role, not a person (`admin`, `Staff`, `Editorial Team`).
const NOT_NAMES: &[&str] = &[
    "admin",
    "administrator",
    "staff",
    "editor",
    "editors",
    "team",
    "redaktion",
    "rédaction",
    "desk",
    "guest",
    "anonymous",
    "unknown",
    "user",
    "author",
    "webmaster",
    "newsroom",
];

fn is_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.split_whitespace().any(|w| NOT_NAMES.contains(&w)) {
        return false;
    }
    // A name starts with a capital in scripts that have them.
    if name.chars().next().is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    let words = name.split_whitespace().count();
    (1..=NAME_MAX_WORDS).contains(&words)
        && name.chars().count() <= NAME_MAX_CHARS
        && !name.contains("://")
        && !name.starts_with("www.")
        && !name.contains('@')
        && !name.chars().any(|c| c.is_ascii_digit())
        && name.chars().next().is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn authors(markup: &str) -> Vec<(String, String)> {
        let html = Html::parse_document(markup);
        let facts = PageFacts::read(markup, None, &html);
        candidates(&facts)
            .into_iter()
            .map(|c| (c.value, c.from))
            .collect()
    }

    #[test]
    fn json_ld_people_not_organizations() {
        let page = r#"<meta name="author" content="Meta Name">
            <script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Organization","name":"Reuters"}]}</script>"#;
        assert_eq!(
            authors(page),
            vec![("Jane Doe".into(), "json-ld:author".into())]
        );
    }

    #[test]
    fn bylines_in_the_body_when_nothing_else_names_one() {
        let page = r#"<body><div class="comments"><span class="comment-author">Troll</span></div>
            <span class="author-avatar">Jane</span>
            <p class="byline">By Jane Doe</p><span itemprop="author"><span itemprop="name">John Roe</span></span></body>"#;
        assert_eq!(
            authors(page),
            vec![("John Roe".into(), "byline:itemprop".into())]
        );
        let page = r#"<body><div id="comments"><a rel="author">Troll</a></div><p class="byline">By Jane Doe</p></body>"#;
        assert_eq!(
            authors(page),
            vec![("Jane Doe".into(), "byline:class".into())]
        );
        assert!(authors(r#"<p class="byline">By admin</p>"#).is_empty());
        assert!(authors(r#"<p class="author">posted in news</p>"#).is_empty());
    }

    #[test]
    fn meta_authors_are_split_and_checked() {
        let page = r#"<meta name="author" content="By Jane Doe and John Roe">"#;
        let names: Vec<String> = authors(page).into_iter().map(|a| a.0).collect();
        assert_eq!(names, vec!["Jane Doe", "John Roe"]);
        for byline in [
            "Posted by: Jane Doe",
            "Recipe by Jane Doe",
            "Autor: Jane Doe",
        ] {
            let page = format!(r#"<meta name="author" content="{byline}">"#);
            let names: Vec<String> = authors(&page).into_iter().map(|a| a.0).collect();
            assert_eq!(names, vec!["Jane Doe"], "{byline}");
        }
        assert!(authors(r#"<meta name="author" content="From Apple">"#).is_empty());
        assert!(
            authors(r#"<meta property="article:author" content="https://facebook.com/x">"#)
                .is_empty()
        );
        assert!(authors(r#"<meta name="author" content="@handle">"#).is_empty());
        assert!(authors("<p>By Nobody</p>").is_empty());
    }
}
