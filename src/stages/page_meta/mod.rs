//! Page metadata: the date, title, source, authors and canonical URL an HTML page states
//! about itself, proposed as metadata candidates for the metadata stage to choose from.
//!
//! Called by the extract stage, which has the page parsed: [`PageFacts`] reads what the
//! page says (`<meta>` tags, JSON-LD, `<title>`, `<h1>`, `<time>`, `<link rel=canonical>`),
//! and one module per field turns those facts into candidates, each with where it came from
//! (`from`, e.g. `meta:article:published_time`, `json-ld:datePublished`, `url`) and the
//! text it was read from. A field module proposes at most one value (authors: one list),
//! and nothing when the facts disagree or are missing: null is better than a guess.
//!
//! Page candidates rank in their own band (see [`PAGE_RANK`]): after the rules of a
//! source's own rule file, which a person wrote for that site, and before the built-in
//! `_default` rules and the text heuristics.

mod author;
mod date;
mod facts;
mod source;
mod title;

pub use author::split_names;
pub use facts::PageFacts;

use jiff::civil::Date;

use crate::document::{Candidate, Field};
use crate::rules::url_host;

/// The first rank of page candidates. Rule candidates rank by their position among the
/// rules (small numbers) and heuristics at the very end (`usize::MAX - n`); the metadata
/// stage orders a source file's rules, then page candidates, then `_default` rules, then
/// heuristics (see `stages::metadata`).
pub const PAGE_RANK: usize = usize::MAX / 2;

/// Everything the page states about itself, as candidates. `url` is the address the page
/// was fetched from, when known; `latest` the latest plausible publication date (the crawl
/// day, or today, plus a day).
pub fn candidates(facts: &PageFacts, url: Option<&str>, latest: Date) -> Vec<Candidate> {
    let mut out = Vec::new();
    out.extend(date::candidates(facts, url, latest));
    let source = source::candidate(facts, url);
    out.extend(title::candidate(
        facts,
        source.as_ref().map(|c| c.value.as_str()),
        url,
    ));
    out.extend(source);
    out.extend(author::candidates(facts));
    out.extend(canonical(facts, url));
    out
}

/// A page candidate: `rank` is the order within the page band (lower wins).
fn propose(field: Field, value: String, from: String, evidence: &str, rank: usize) -> Candidate {
    Candidate {
        field,
        value,
        from,
        line: 0,
        evidence: evidence.chars().take(200).collect(),
        rank: PAGE_RANK + rank,
        confidence: None,
    }
}

/// The page's canonical URL (`<link rel=canonical>`, else `og:url`), made absolute with
/// `url` when it is a path; only `http(s)` URLs.
fn canonical(facts: &PageFacts, url: Option<&str>) -> Option<Candidate> {
    let (href, from) = match (&facts.canonical, facts.meta("og:url")) {
        (Some(href), _) if !href.is_empty() => (href.as_str(), "link:canonical"),
        (_, Some(href)) => (href, "meta:og:url"),
        _ => return None,
    };
    let absolute = absolute_url(href, url)?;
    Some(propose(Field::Url, absolute, from.to_string(), href, 0))
}

/// `href` as an absolute `http(s)` URL: as it is when it has a scheme, joined to `base`'s
/// scheme and host when it starts with `/` (or `//`). None otherwise.
fn absolute_url(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.contains(char::is_whitespace) {
        return None;
    }
    let lower = href.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return (href.len() > lower.find("//")? + 2).then(|| href.to_string());
    }
    let base = base?;
    let scheme_end = base.find("://")?;
    if let Some(rest) = href.strip_prefix("//") {
        return (!rest.is_empty()).then(|| format!("{}//{rest}", &base[..=scheme_end]));
    }
    if !href.starts_with('/') {
        return None;
    }
    let host_end = base[scheme_end + 3..]
        .find(['/', '?', '#'])
        .map_or(base.len(), |e| scheme_end + 3 + e);
    Some(format!("{}{href}", &base[..host_end]))
}

/// The site's host name in a page's URL (`rules::url_host`, as rule files match it),
/// without `www.`: `https://www.bbc.co.uk/news` gives `bbc.co.uk`. Only for URLs with a
/// scheme, and only names with a dot: `localhost` names no site.
pub fn host(url: &str) -> Option<String> {
    if !url.contains("://") {
        return None;
    }
    let host = url_host(url)?;
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    host.contains('.').then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_urls() {
        let base = Some("https://www.example.com/news/a?x=1");
        assert_eq!(
            absolute_url("/news/b", base).as_deref(),
            Some("https://www.example.com/news/b")
        );
        assert_eq!(
            absolute_url("//cdn.example.com/b", base).as_deref(),
            Some("https://cdn.example.com/b")
        );
        assert_eq!(
            absolute_url("https://example.com/c", None).as_deref(),
            Some("https://example.com/c")
        );
        assert_eq!(absolute_url("relative/path", base), None);
        assert_eq!(absolute_url("/x", None), None);
        assert_eq!(absolute_url("https://", None), None);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://www.bbc.co.uk/news").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(
            host("http://user@Example.COM:8080").as_deref(),
            Some("example.com")
        );
        assert_eq!(host("not a url"), None);
        assert_eq!(host("http://localhost/"), None);
    }
}
