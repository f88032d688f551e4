//! The authors a page states: the JSON-LD `author` of its creative work, then `<meta>`
//! author tags. Organizations, URLs, e-mail addresses and handles are not names; a page
//! that names none gets none (a wrong author is worse than none).

use serde_json::Value;

use crate::document::{Candidate, Field};

use super::facts::{is_creative_work, types, PageFacts};
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
/// names (URLs, addresses, handles, long phrases) give none.
fn split_names(value: &str) -> Vec<String> {
    let value = value.trim();
    let lower = value.to_lowercase();
    let value = if lower.starts_with("by ") {
        &value[3..]
    } else {
        value
    };
    value
        .split(" and ")
        .flat_map(|p| p.split(" & "))
        .flat_map(|p| p.split(';'))
        .flat_map(|p| p.split(" | "))
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|name| is_name(name))
        .collect()
}

fn is_name(name: &str) -> bool {
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
    fn meta_authors_are_split_and_checked() {
        let page = r#"<meta name="author" content="By Jane Doe and John Roe">"#;
        let names: Vec<String> = authors(page).into_iter().map(|a| a.0).collect();
        assert_eq!(names, vec!["Jane Doe", "John Roe"]);
        assert!(
            authors(r#"<meta property="article:author" content="https://facebook.com/x">"#)
                .is_empty()
        );
        assert!(authors(r#"<meta name="author" content="@handle">"#).is_empty());
        assert!(authors("<p>By Nobody</p>").is_empty());
    }
}
