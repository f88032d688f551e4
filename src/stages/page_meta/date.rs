//! The publication date (and an updated date) an HTML page states, from its structured
//! data: the URL's path, `<meta>` tags, JSON-LD and `<time>` elements.
//!
//! Only publication dates are taken, never a copyright year, and only plausible ones (see
//! [`StatedDate::is_plausible_publication`]). The date is kept as the page states it: a
//! time with an offset stays in that offset, nothing is moved to UTC.

use jiff::civil::Date;
use serde_json::Value;

use crate::date::{parse_date, StatedDate};
use crate::document::{Candidate, Field};

use super::facts::{is_creative_work, PageFacts};
use super::propose;

/// `<meta>` keys that state the publication date, most trusted first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
];

/// `<meta>` keys that state the last update.
const UPDATED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
];

/// The date candidates of a page: the best-supported publication date and updated date.
pub fn candidates(facts: &PageFacts, url: Option<&str>, latest: Date) -> Vec<Candidate> {
    let plausible = |d: &StatedDate| d.is_plausible_publication(latest);
    let mut out = Vec::new();
    let mut found: Option<(StatedDate, String, String)> = None;
    for key in PUBLISHED_META {
        if let Some(value) = facts.meta(key) {
            if let Some(date) = parse_date(value).filter(plausible) {
                found = Some((date, format!("meta:{key}"), value.to_string()));
                break;
            }
        }
    }
    if found.is_none() {
        found = json_ld_date(facts, "datePublished")
            .or_else(|| json_ld_date(facts, "dateCreated"))
            .filter(|(d, _, _)| plausible(d));
    }
    if found.is_none() {
        found = facts
            .times
            .iter()
            .filter(|t| t.hints.contains("pub") || t.hints.contains("date"))
            .find_map(|t| {
                let value = t.datetime.as_deref()?;
                let date = parse_date(value).filter(plausible)?;
                Some((date, "time".to_string(), value.to_string()))
            });
    }
    if let Some((date, from, evidence)) = found {
        out.push(propose(Field::Date, date.to_iso(), from, &evidence, 0));
    }
    let _ = url;
    for key in UPDATED_META {
        if let Some(value) = facts.meta(key) {
            if let Some(date) = parse_date(value).filter(plausible) {
                let from = format!("meta:{key}");
                out.push(propose(Field::Updated, date.to_iso(), from, value, 0));
                break;
            }
        }
    }
    out
}

/// The first plausible-looking `property` of a creative-work JSON-LD object.
fn json_ld_date(facts: &PageFacts, property: &str) -> Option<(StatedDate, String, String)> {
    facts
        .json_ld
        .iter()
        .filter(|o| is_creative_work(o))
        .find_map(|o| {
            let value = o.get(property).and_then(Value::as_str)?;
            let date = parse_date(value)?;
            Some((date, format!("json-ld:{property}"), value.to_string()))
        })
}
