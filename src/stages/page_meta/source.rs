//! The site or publication name a page states: `og:site_name`, the JSON-LD publisher,
//! `application-name`, a part of the `<title>` that names the site's domain, and last the
//! domain itself. Never a copyright owner or the agency that built the site: `<meta
//! name=copyright>`, `author`, `generator` and `designer` are not read.

use serde_json::Value;

use crate::document::{Candidate, Field};

use super::facts::{is_creative_work, text_value, types, PageFacts};
use super::title::{compact, segments};
use super::{host, propose};

/// A site name is at most this long; a longer value is a slogan or a sentence.
const SITE_NAME_MAX_CHARS: usize = 80;

/// The page's source, from the best-trusted fact that states it.
pub fn candidate(facts: &PageFacts, url: Option<&str>) -> Option<Candidate> {
    let usable = |name: &str| {
        let name = name.trim();
        !name.is_empty()
            && name.chars().count() <= SITE_NAME_MAX_CHARS
            && !name.contains("://")
            && name.chars().any(char::is_alphanumeric)
    };
    let stated = [
        facts.meta("og:site_name").map(|v| (v, "meta:og:site_name")),
        publisher(facts).map(|v| (v, "json-ld:publisher")),
        website_name(facts).map(|v| (v, "json-ld:WebSite")),
        facts
            .meta("application-name")
            .map(|v| (v, "meta:application-name")),
    ];
    if let Some((name, from)) = stated.into_iter().flatten().find(|(v, _)| usable(v)) {
        return Some(propose(
            Field::Source,
            name.trim().to_string(),
            from.to_string(),
            name,
            0,
        ));
    }
    let host = url.and_then(host)?;
    if let Some(title) = &facts.title {
        let label = domain_label(&host);
        let named = segments(title)
            .into_iter()
            .skip(1)
            .find(|s| !label.is_empty() && compact(s) == label);
        if let Some(name) = named {
            return Some(propose(
                Field::Source,
                name.to_string(),
                "title-suffix".to_string(),
                title,
                1,
            ));
        }
    }
    Some(propose(
        Field::Source,
        host.clone(),
        "url:host".to_string(),
        &host,
        2,
    ))
}

/// The name of the publisher of the page's creative work in JSON-LD.
fn publisher(facts: &PageFacts) -> Option<&str> {
    facts
        .json_ld
        .iter()
        .filter(|o| is_creative_work(o))
        .find_map(|o| o.get("publisher").and_then(text_value))
}

/// The name of a JSON-LD `WebSite` object.
fn website_name(facts: &PageFacts) -> Option<&str> {
    facts
        .json_ld
        .iter()
        .filter(|o| types(o).contains(&"WebSite"))
        .find_map(|o| o.get("name").and_then(Value::as_str))
}

/// The distinctive label of a host, compacted: `bbc.co.uk` gives `bbc`, `news.example.com`
/// gives `example`.
pub fn domain_label(host: &str) -> String {
    const SECOND_LEVEL: &[&str] = &["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"];
    let parts: Vec<&str> = host.split('.').collect();
    let mut i = parts.len().saturating_sub(2);
    if i > 0 && SECOND_LEVEL.contains(&parts[i]) {
        i -= 1;
    }
    compact(parts[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn source(markup: &str, url: Option<&str>) -> Option<(String, String)> {
        let html = Html::parse_document(markup);
        let facts = PageFacts::read(markup, None, &html);
        candidate(&facts, url).map(|c| (c.value, c.from))
    }

    #[test]
    fn site_name_before_publisher_before_domain() {
        let page = r#"<meta property="og:site_name" content="The Ledger">
            <script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Ledger Media Group LLC"}}</script>"#;
        assert_eq!(
            source(page, None),
            Some(("The Ledger".into(), "meta:og:site_name".into()))
        );
        let page = r#"<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"name":"The Ledger"}}</script>"#;
        assert_eq!(source(page, None).unwrap().0, "The Ledger");
    }

    #[test]
    fn a_copyright_owner_is_not_the_source() {
        let page = r#"<meta name="copyright" content="Big Holding Corp"><meta name="generator" content="WordPress"><title>A story | Example News</title>"#;
        assert_eq!(
            source(page, Some("https://www.examplenews.com/a")),
            Some(("Example News".into(), "title-suffix".into()))
        );
        assert_eq!(
            source(
                "<title>Story</title>",
                Some("https://www.examplenews.com/a")
            ),
            Some(("examplenews.com".into(), "url:host".into()))
        );
        assert_eq!(source(page, None), None);
    }

    #[test]
    fn domain_labels() {
        assert_eq!(domain_label("bbc.co.uk"), "bbc");
        assert_eq!(domain_label("news.example.com"), "example");
        assert_eq!(domain_label("spiegel.de"), "spiegel");
    }
}
