//! The publication date (and an updated date) an HTML page states.
//!
//! The page's statements are read in order of trust, and the first tier that states a
//! plausible date gives it:
//!
//! 0. `<meta>` tags of publication (`article:published_time` and the many others, see
//!    [`PUBLISHED_META`] and [`PUBLISHED_META_SUFFIXES`]) and JSON-LD `datePublished` (on
//!    any object);
//! 1. the URL's full date (`/2020/06/07/`, see `url.rs`); elements that say in their
//!    attributes that they hold the publication date (`<time pubdate>`,
//!    `itemprop=datePublished`, `<abbr class=published title=...>`);
//! 2. the text of elements whose `class`/`id` hint at a date, byline or post meta line,
//!    `<meta>` tags that say only `date` ([`GENERIC_META`]), and dates labelled as published (`Published`, `Veröffentlicht am`, `Publié le`,
//!    `Опубликовано`, ...) in the text near the headline;
//! 3. weaker statements: a `<time>` without hints, JSON-LD `dateCreated`, an unlabelled
//!    date right under the headline.
//!
//! A tier-0 date more than a day away from a permalink's date folders (`/2017/7/12/`) yields
//! to them: the permalink is made when the page is first published, the tag tells of a
//! re-publication.
//!
//! A candidate must be plausible (from 1995 to `latest`, see
//! [`StatedDate::is_plausible_publication`]), must agree with a year and month in the URL
//! when there is one, and is never a copyright line's date or one labelled as an update.
//! Numeric dates like `05/06/2020` are read in the page's day order (`order.rs`). The date
//! is kept as the page states it: a time with an offset stays in that offset, nothing is
//! moved to UTC. The record's `metadata.origins.date` says which statement gave the date
//! and how much it is trusted (`confidence`, higher when two independent statements
//! agree). An update date is proposed apart, as `Field::Updated`.

mod order;
mod url;

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;
use serde_json::Value;

use crate::date::{
    find_dates, label_before, parse_date_in, DateLabel, DayOrder, FoundDate, StatedDate,
};
use crate::document::{Candidate, Field};

use super::facts::{is_creative_work, PageFacts};
use super::propose;
use url::{permalink_day, url_date, UrlDate};

/// `<meta>` keys that state the publication date, most trusted first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "article.published",
    "article_date_original",
    "article.created",
    "publish-date",
    "publish_date",
    "publishdate",
    "published_time",
    "published-date",
    "pubdate",
    "og:pubdate",
    "original-publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "cxenseparse:publishtime",
    "shareaholic:article_published_time",
    "vr:published-time",
    "prism.publicationdate",
    "og:release_date",
    "pub_date",
    "uploaddate",
    "dcterms:created",
    "schema:datepublished",
    "analyticsattributes.articledate",
    "bt:pubdate",
    "date_published",
    "release_date",
    "displaydate",
];

/// `<meta>` keys that state a date without saying which: many sites fill them with the
/// publication date, many content systems with the day the page was last generated or
/// edited. They rank with the dates the page shows under its headline, after them.
const GENERIC_META: &[&str] = &["dc.date", "dcterms.date", "date", "created", "timestamp"];

/// `<meta>` keys that state the last update.
const UPDATED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "og:modified_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
    "article:modified",
    "modified_time",
    "og:article:modified_time",
    "shareaholic:article_modified_time",
    "dcterms:modified",
    "dateupdate",
    "bt:moddate",
    "last_updated_date",
];

/// Bytes of text read before and after the start of the `<h1>` for dates near the headline.
const BEFORE_HEADLINE: usize = 400;
const AFTER_HEADLINE: usize = 1500;
/// Without an `<h1>`, bytes read from the start of the body.
const WITHOUT_HEADLINE: usize = 1500;

/// At most this many dates are read in a short text (an element, the headline zone).
const ZONE_DATES_MAX: usize = 16;
/// At most this many dates are read in the whole body text.
const PAGE_DATES_MAX: usize = 200;

/// A date a page states, with where it says it.
struct Stated {
    date: StatedDate,
    from: String,
    evidence: String,
    /// Where it stands to the headline, for a date in the page's text (see [`place`]);
    /// 0 for the others.
    place: u8,
}

impl Stated {
    /// A date found in `text` (the page's text or its headline zone), its expression as
    /// the evidence.
    fn in_text(found: &FoundDate, text: &str, from: &str) -> Stated {
        Stated {
            date: found.date,
            from: from.to_string(),
            evidence: text[found.start..found.end].to_string(),
            place: 0,
        }
    }

    /// A machine-readable `value` stated under a name (`meta:article:published_time`,
    /// `script:publishDate`, `json-ld:datePublished`), itself the evidence; `None` when it
    /// holds no date.
    fn of_value(from: String, value: &str, order: DayOrder) -> Option<Stated> {
        Some(Stated {
            date: machine_date(value, order)?,
            from,
            evidence: value.to_string(),
            place: 0,
        })
    }
}

/// The date candidates of a page: the best-supported publication date and updated date.
pub fn candidates(facts: &PageFacts, url: Option<&str>, latest: Date) -> Vec<Candidate> {
    let host = url.and_then(super::host);
    let order = order::day_order(facts, host.as_deref());
    let in_url = url.and_then(|u| url_date(u, order));
    let permalink = url.and_then(permalink_day);
    let acceptable = |d: &StatedDate| {
        d.is_plausible_publication(latest)
            && match in_url {
                Some(UrlDate::Month(..)) => in_url.is_some_and(|u| u.admits(d.date)),
                _ => true,
            }
    };
    let url_day = match in_url {
        Some(UrlDate::Day(day)) => Some(day).filter(|d| {
            acceptable(&StatedDate {
                date: *d,
                time: None,
                offset_seconds: None,
            })
        }),
        _ => None,
    };

    // The first three tiers are cheap and always read (a date is confirmed by another
    // tier's); the last two read the whole body text, only when nothing came before.
    let mut tiers: Vec<Vec<Stated>> = vec![
        published_statements(facts, order),
        attribute_statements(facts, order, url_day),
        text_statements(facts, order),
    ];
    let mut out = Vec::new();
    let later: [fn(&PageFacts, DayOrder) -> Vec<Stated>; 2] =
        [weak_statements, fallback_statements];
    let mut later = later.into_iter();
    let mut tier = 0;
    loop {
        if tier == tiers.len() {
            match later.next() {
                Some(read) => tiers.push(read(facts, order)),
                None => break,
            }
        }
        let Some(best) = tiers[tier].iter().find(|s| acceptable(&s.date)) else {
            tier += 1;
            continue;
        };
        let best = local_day(best, &tiers, url_day).unwrap_or(best);
        // A permalink's date folders are written when the page is first published: a tag
        // days away from them tells of a re-publication or an update. (A day apart is a
        // time zone's doing.)
        let (tier, best) = match url_day.filter(|day| Some(*day) == permalink) {
            Some(day) if tier == 0 && days_apart(best.date.date, day) > 1 => {
                match tiers[1].iter().find(|s| s.from == "url") {
                    Some(url) => (1, url),
                    None => (tier, best),
                }
            }
            _ => (tier, best),
        };
        let agrees = url_day == Some(best.date.date)
            || tiers
                .iter()
                .skip(tier + 1)
                .flatten()
                .any(|s| s.date.date == best.date.date && s.from != best.from);
        let confidence = match (tier, agrees) {
            (0, true) => 95,
            (0, false) | (1, true) => 90,
            (1, false) | (2, true) => 80,
            (2, false) => 65,
            (3, true) => 60,
            (3, false) => 45,
            _ => 25,
        };
        let mut candidate = propose(
            Field::Date,
            best.date.to_iso(),
            best.from.clone(),
            &best.evidence,
            0,
        );
        candidate.confidence = Some(confidence);
        out.push(candidate);
        break;
    }
    if let Some(updated) = updated_statements(facts, order)
        .into_iter()
        .find(|s| s.date.is_plausible_publication(latest))
    {
        out.push(propose(
            Field::Updated,
            updated.date.to_iso(),
            updated.from,
            &updated.evidence,
            0,
        ));
    }
    out
}

/// How many days lie between two dates.
fn days_apart(a: Date, b: Date) -> i32 {
    a.until(b).map_or(i32::MAX, |span| span.get_days().abs())
}

/// A statement of the page's local day for a `best` date stated in UTC: a time with a
/// zero offset (`2023-11-09T03:28:35Z`) is often a server's clock, and the day the page
/// shows its readers may be the one before or after. Any statement of the first three
/// tiers that is not itself in UTC, and not a date element further above or far below
/// the headline, may be the page's own day: the same moment with the page's offset
/// (`2023-11-08T22:28:35-05:00`) or as a wall clock in some zone (`Nov 8, 2023 5:28 PM`),
/// or a day without a time (the URL's, a label's, a date element's) that is the day
/// before (when the UTC time is early enough for some zone behind UTC to still be on it)
/// or the day after (late enough for a zone ahead). A time that is another moment is
/// another event (a teaser's date, an update). Not when the URL agrees with the UTC day.
fn local_day<'s>(
    best: &Stated,
    tiers: &'s [Vec<Stated>],
    url_day: Option<Date>,
) -> Option<&'s Stated> {
    let time = best.date.time?;
    if best.date.offset_seconds != Some(0) || url_day == Some(best.date.date) {
        return None;
    }
    let day = best.date.date;
    let moment = day.to_datetime(time);
    let before = day.yesterday().ok();
    let after = day.tomorrow().ok();
    let is_local = |s: &Stated| match (s.date.time, s.date.offset_seconds) {
        (_, Some(0)) => false,
        (Some(t), Some(offset)) => {
            let utc = s
                .date
                .date
                .to_datetime(t)
                .checked_sub(jiff::SignedDuration::from_secs(i64::from(offset)));
            s.date.date != day && utc.is_ok_and(|u| u.duration_until(moment).abs().as_secs() < 60)
        }
        // A wall-clock time is the same moment when it is UTC's plus some zone's offset
        // (a whole quarter of an hour, from -12:00 to +14:00).
        (Some(t), None) => {
            // Texts give minutes: the seconds of the UTC stamp are rounded away.
            let seconds = moment.duration_until(s.date.date.to_datetime(t)).as_secs();
            let minutes = (seconds + 30).div_euclid(60);
            s.date.date != day && (-12 * 60..=14 * 60).contains(&minutes) && minutes % 15 == 0
        }
        (None, _) => {
            (Some(s.date.date) == before && time.hour() < 12)
                || (Some(s.date.date) == after && time.hour() >= 12)
        }
    };
    tiers
        .iter()
        .take(3)
        .flatten()
        .find(|s| s.place <= NEAR_HEADLINE && !s.from.starts_with("fallback:") && is_local(s))
}

/// A machine-readable date (a `<meta>` content, a JSON-LD value, a `datetime`): a date
/// expression, or an ISO date followed by a time in a shape the parser does not read
/// (`2020-06-07T10:00:00.000+0200Z`), or `YYYYMMDD`.
fn machine_date(value: &str, order: DayOrder) -> Option<StatedDate> {
    let value = value.trim();
    if let Some(date) = parse_date_in(value, order) {
        return Some(date);
    }
    let bytes = value.as_bytes();
    let date_part = |len: usize| {
        let rest_ok = bytes
            .get(len)
            .is_none_or(|b| !b.is_ascii_digit() && !b.is_ascii_alphabetic() || *b == b'T');
        rest_ok
            .then(|| parse_date_in(&value[..len], order))
            .flatten()
    };
    if bytes.len() > 10 && value.is_char_boundary(10) {
        if let Some(date) = date_part(10) {
            return Some(StatedDate {
                time: None,
                offset_seconds: None,
                ..date
            });
        }
    }
    if bytes.len() == 8 && bytes.iter().all(u8::is_ascii_digit) {
        let iso = format!("{}-{}-{}", &value[..4], &value[4..6], &value[6..]);
        return parse_date_in(&iso, DayOrder::Unknown);
    }
    None
}

/// The last part of a namespaced `<meta>` key (`five_hundred_pixels:uploaded`,
/// `site.published_time`) that states the publication date, for the keys no table lists.
const PUBLISHED_META_SUFFIXES: &[&str] = &[
    "published_time",
    "published",
    "publish_date",
    "publishdate",
    "pubdate",
    "datepublished",
    "date_published",
    "uploaded",
    "uploaddate",
];

/// Tier 0: publication `<meta>` tags (the listed keys, then namespaced keys ending in a
/// publication word), then JSON-LD `datePublished` (creative works first).
fn published_statements(facts: &PageFacts, order: DayOrder) -> Vec<Stated> {
    let mut out = meta_statements(facts, order, PUBLISHED_META);
    for (key, value) in &facts.meta {
        let suffix = key.rsplit([':', '.']).next().unwrap_or(key);
        if suffix.len() == key.len()
            || !PUBLISHED_META_SUFFIXES.contains(&suffix)
            || PUBLISHED_META.contains(&key.as_str())
        {
            continue;
        }
        out.extend(Stated::of_value(format!("meta:{key}"), value, order));
    }
    out.extend(json_ld_dates(facts, "datePublished", order));
    out
}

/// The dates of the `<meta>` tags with one of `keys`, in the order of `keys`.
fn meta_statements(facts: &PageFacts, order: DayOrder, keys: &[&str]) -> Vec<Stated> {
    let mut out = Vec::new();
    for key in keys {
        for (k, value) in &facts.meta {
            if k == key {
                out.extend(Stated::of_value(format!("meta:{key}"), value, order));
            }
        }
    }
    out
}

/// Tier 1: the URL's full date, and elements whose attributes say they hold the
/// publication date, with a machine-readable value.
fn attribute_statements(facts: &PageFacts, order: DayOrder, url_day: Option<Date>) -> Vec<Stated> {
    let mut out = Vec::new();
    if let Some(day) = url_day {
        out.push(Stated {
            date: StatedDate {
                date: day,
                time: None,
                offset_seconds: None,
            },
            from: "url".to_string(),
            evidence: day.to_string(),
            place: 0,
        });
    }
    for (key, value) in &facts.dates.in_scripts {
        out.extend(Stated::of_value(format!("script:{key}"), value, order));
    }
    let says_published = |hints: &str| {
        (hints.contains("publish") || hints.contains("pubdate") || hints.contains("created"))
            && !says_updated(hints)
    };
    for time in &facts.times {
        if !says_published(&time.hints) {
            continue;
        }
        let value = time.datetime.as_deref().unwrap_or(&time.text);
        if let Some(date) = machine_date(value, order).or_else(|| first_date(&time.text, order)) {
            out.push(Stated {
                date,
                from: "time:published".to_string(),
                evidence: value.to_string(),
                place: 0,
            });
        }
    }
    for element in &facts.dates.elements {
        if !says_published(&element.hints) {
            continue;
        }
        // Without a machine-readable value, the element's text is the date it says it
        // holds (`<p itemprop="datePublished">06 Dicembre 2020</p>`).
        let date = match &element.value {
            Some(value) => machine_date(value, order),
            None => first_date(&element.text, order).or_else(|| short_year_date(&element.text)),
        };
        if let Some(date) = date {
            out.push(Stated {
                date,
                from: "element:published".to_string(),
                evidence: element.value.as_ref().unwrap_or(&element.text).clone(),
                place: place(facts, element.at),
            });
        }
    }
    out
}

/// Whether hints say a date is an update. A bare `updated` class beside a date word
/// (`post-date updated`, `entry-date published updated`) is the hAtom microformat, which
/// marks every post's date so: it does not make the date an update; `date-updated`,
/// `last-updated` or `updated` alone do.
fn says_updated(hints: &str) -> bool {
    let words = || hints.split_ascii_whitespace();
    let hatom = words().any(|w| w == "updated")
        && words().any(|w| w != "updated" && (w.contains("date") || w.contains("publish")));
    words().any(|w| {
        (w.contains("updat") && !(hatom && w == "updated"))
            || w.contains("modif")
            || w.contains("edited")
    })
}

/// Tier 2: labelled publication dates near the headline, dates in the text of date-hinted
/// elements under it, the generic date `<meta>` tags, then the other date-hinted elements.
fn text_statements(facts: &PageFacts, order: DayOrder) -> Vec<Stated> {
    let mut out = Vec::new();
    let zone = headline_zone(facts);
    for (found, label) in publication_dates(zone, order, ZONE_DATES_MAX) {
        if label == DateLabel::Published {
            out.push(Stated::in_text(&found, zone, "text:labelled"));
        }
    }
    // Labelled dates outrank hinted elements: the label says what the date is. Of the
    // hinted elements, those under the headline come first, then those right above it (a
    // date line before the title): a date further above is often the day's date atop the
    // site, one far below it a list of other articles.
    let mut hinted = Vec::new();
    for element in &facts.dates.elements {
        if says_updated(&element.hints) {
            continue;
        }
        let value = element
            .value
            .as_deref()
            .and_then(|v| machine_date(v, order));
        let found = value
            .or_else(|| {
                publication_dates(&element.text, order, ZONE_DATES_MAX)
                    .next()
                    .map(|(found, _)| found.date)
            })
            .or_else(|| short_year_date(&element.text));
        if let Some(date) = found {
            let evidence = element.value.as_ref().unwrap_or(&element.text);
            hinted.push(Stated {
                date,
                from: "element:date-hint".to_string(),
                evidence: evidence.clone(),
                place: place(facts, element.at),
            });
        }
    }
    hinted.sort_by_key(|s| s.place);
    // The generic date `<meta>` tags come after the dates under or right above the
    // headline, before those further above or far below it.
    let elsewhere = hinted.split_off(hinted.partition_point(|s| s.place <= NEAR_HEADLINE));
    out.extend(hinted);
    out.extend(meta_statements(facts, order, GENERIC_META));
    out.extend(elsewhere);
    out
}

/// The [`place`]s near the headline: under it or right above it.
const NEAR_HEADLINE: u8 = 1;

/// Where a place in the body text stands to the headline: 0 under it (or no headline),
/// 1 right above it (an article's date line before its title), 2 further above it, 3 far
/// below it.
fn place(facts: &PageFacts, at: usize) -> u8 {
    match facts.dates.h1_at {
        None => 0,
        Some(h1) if at + BEFORE_HEADLINE < h1 => 2,
        Some(h1) if at < h1 => 1,
        Some(h1) if at > h1 + AFTER_HEADLINE => 3,
        Some(_) => 0,
    }
}

/// Tier 3: a `<time>` without hints, JSON-LD `dateCreated`, the first date under the
/// headline.
fn weak_statements(facts: &PageFacts, order: DayOrder) -> Vec<Stated> {
    let mut out = Vec::new();
    for time in facts.times.iter().filter(|t| !says_updated(&t.hints)) {
        if let Some(date) = time
            .datetime
            .as_deref()
            .and_then(|v| machine_date(v, order))
        {
            out.push(Stated {
                date,
                from: "time".to_string(),
                evidence: time.datetime.clone().unwrap_or_default(),
                place: 0,
            });
        }
    }
    out.extend(json_ld_dates(facts, "dateCreated", order));
    let text = facts.dates.text.as_str();
    if let Some((found, _)) = publication_dates(text, order, PAGE_DATES_MAX)
        .find(|(_, label)| *label == DateLabel::Published)
    {
        out.push(Stated::in_text(&found, text, "text:labelled-page"));
    }
    let zone = headline_zone(facts);
    if let Some((found, _)) = publication_dates(zone, order, ZONE_DATES_MAX).next() {
        out.push(Stated::in_text(&found, zone, "text:headline"));
    }
    out
}

/// Tier 4, the last resort, with a low confidence: a date in the URL of the page's
/// `og:image` (`/2016/05/04/`), the update date (most pages are not updated, and their
/// update date is their publication date; a labelled update anywhere in the text comes
/// after the stated ones), the date the page's text states most often
/// (the first of them on a tie).
fn fallback_statements(facts: &PageFacts, order: DayOrder) -> Vec<Stated> {
    let mut out = Vec::new();
    if let Some(image) = facts.meta("og:image") {
        if let Some(UrlDate::Day(day)) = url_date(image, order) {
            out.push(Stated {
                date: StatedDate {
                    date: day,
                    time: None,
                    offset_seconds: None,
                },
                from: "fallback:image-url".to_string(),
                evidence: image.to_string(),
                place: 0,
            });
        }
    }
    out.extend(
        updated_statements(facts, order)
            .into_iter()
            .map(|s| Stated {
                from: format!("fallback:{}", s.from),
                ..s
            }),
    );
    // A labelled update anywhere on the page (`Letzte Änderung: 14.01.2022` at its foot,
    // a wiki's `last edited`).
    let text = facts.dates.text.as_str();
    if let Some(found) = find_dates(text, order, PAGE_DATES_MAX)
        .into_iter()
        .find(|f| label_before(&text[..f.start]) == DateLabel::Updated)
    {
        out.push(Stated::in_text(
            &found,
            text,
            "fallback:text:labelled-updated",
        ));
    }
    let mut counts: Vec<(Date, usize, FoundDate)> = Vec::new();
    for (found, _) in publication_dates(text, order, PAGE_DATES_MAX) {
        match counts.iter_mut().find(|(d, _, _)| *d == found.date.date) {
            Some(entry) => entry.1 += 1,
            None => counts.push((found.date.date, 1, found)),
        }
    }
    if let Some((_, _, found)) = counts.iter().rev().max_by_key(|(_, n, _)| *n) {
        out.push(Stated::in_text(found, text, "fallback:text"));
    }
    out
}

/// The update date: `<meta>` keys, JSON-LD `dateModified`, elements that say they hold an
/// update, labelled update dates near the headline.
fn updated_statements(facts: &PageFacts, order: DayOrder) -> Vec<Stated> {
    let mut out = Vec::new();
    for key in UPDATED_META {
        if let Some(value) = facts.meta(key) {
            out.extend(Stated::of_value(format!("meta:{key}"), value, order));
        }
    }
    out.extend(json_ld_dates(facts, "dateModified", order));
    for time in facts.times.iter().filter(|t| says_updated(&t.hints)) {
        if let Some(date) = time
            .datetime
            .as_deref()
            .and_then(|v| machine_date(v, order))
        {
            out.push(Stated {
                date,
                from: "time:updated".to_string(),
                evidence: time.datetime.clone().unwrap_or_default(),
                place: 0,
            });
        }
    }
    let zone = headline_zone(facts);
    for found in find_dates(zone, order, ZONE_DATES_MAX) {
        if label_before(&zone[..found.start]) == DateLabel::Updated {
            out.push(Stated::in_text(&found, zone, "text:labelled-updated"));
        }
    }
    out
}

/// The text around the headline: from a little before the first `<h1>` to a while after
/// it, or the start of the body when there is no `<h1>`.
fn headline_zone(facts: &PageFacts) -> &str {
    let text = facts.dates.text.as_str();
    let (mut start, mut end) = match facts.dates.h1_at {
        Some(at) => (at.saturating_sub(BEFORE_HEADLINE), at + AFTER_HEADLINE),
        None => (0, WITHOUT_HEADLINE),
    };
    end = end.min(text.len());
    start = start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[start..end.max(start)]
}

/// The dates in `text` that may be a publication date, each with its label: not labelled
/// as an update, not in a copyright line.
fn publication_dates(
    text: &str,
    order: DayOrder,
    limit: usize,
) -> impl Iterator<Item = (FoundDate, DateLabel)> + '_ {
    find_dates(text, order, limit)
        .into_iter()
        .filter_map(move |found| {
            let before = &text[..found.start];
            let label = label_before(before);
            (label != DateLabel::Updated && !after_copyright(before)).then_some((found, label))
        })
}

/// A day-first dotted date with a two-digit year (`31.10.23`, read as 2023-10-31) in the
/// text of an element that says it holds a date: the date module reads no two-digit year
/// in running text, where `1.2.20` may be anything, but in a date element it is the
/// German, Austrian and Swiss way to write one. Not after a copyright sign.
fn short_year_date(text: &str) -> Option<StatedDate> {
    static SHORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9.])([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{2})(?:[^0-9.]|\.?$|\.\s)")
            .expect("a valid pattern")
    });
    let c = SHORT.captures(text)?;
    if after_copyright(&text[..c.get(1)?.start()]) {
        return None;
    }
    let number = |i: usize| c[i].parse::<i8>().ok();
    let year = 2000 + i16::from(number(3)?);
    let date = Date::new(year, number(2)?, number(1)?).ok()?;
    Some(StatedDate {
        date,
        time: None,
        offset_seconds: None,
    })
}

/// The first publication date in a short text.
fn first_date(text: &str, order: DayOrder) -> Option<StatedDate> {
    publication_dates(text, order, ZONE_DATES_MAX)
        .next()
        .map(|(f, _)| f.date)
}

/// Whether the text before a date ends in a copyright notice (`© 2020`, `Copyright`,
/// `(c)`) within a few words.
fn after_copyright(before: &str) -> bool {
    let mut start = before.len().saturating_sub(24);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    let tail = before[start..].to_lowercase();
    tail.contains('©') || tail.contains("copyright") || tail.contains("(c)")
}

/// The `property` dates of the JSON-LD objects: creative works first, then any object
/// (a page's `WebPage` or an unlisted type), never a person's or an organization's.
fn json_ld_dates(facts: &PageFacts, property: &str, order: DayOrder) -> Vec<Stated> {
    let creative = facts.json_ld.iter().filter(|o| is_creative_work(o));
    let other = facts.json_ld.iter().filter(|o| {
        !is_creative_work(o)
            && !super::facts::types(o)
                .iter()
                .any(|t| matches!(*t, "Person" | "Organization" | "NewsMediaOrganization"))
    });
    creative
        .chain(other)
        .filter_map(|o| {
            let value = o.get(property).and_then(Value::as_str)?;
            Stated::of_value(format!("json-ld:{property}"), value, order)
        })
        .collect()
}

#[cfg(test)]
mod tests;
