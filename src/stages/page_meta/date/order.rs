//! Which way a page writes its numeric dates, day first (`07/06/2020` is 7 June) or month
//! first (June 7), by evidence: a date on the page with a part above 12 decides; else the
//! page's language (`<html lang>`, `og:locale`), United States English reading month
//! first and every other language day first; else the host's country domain.

use std::sync::LazyLock;

use regex::Regex;

use crate::date::DayOrder;

use super::super::facts::PageFacts;

/// Numeric dates with slashes or dashes, `a/b/yyyy` (dots always mean day first).
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([0-9]{1,2})[/-]([0-9]{1,2})[/-](?:19|20)[0-9]{2}(?-u:\b)")
        .expect("valid regex")
});

/// Country domains of English-speaking countries that write the day first.
const DAY_FIRST_ENGLISH: &[&str] = &["uk", "au", "nz", "ie", "in", "za", "sg", "ng", "ke"];

/// The page's day order (see the module documentation); `Unknown` without evidence.
pub fn day_order(facts: &PageFacts, host: Option<&str>) -> DayOrder {
    let (mut day_first, mut month_first) = (0, 0);
    for c in NUMERIC.captures_iter(&facts.dates.text).take(50) {
        let (a, b): (u8, u8) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        if a > 12 && b <= 12 {
            day_first += 1;
        } else if b > 12 && a <= 12 {
            month_first += 1;
        }
    }
    if day_first > 0 && month_first == 0 {
        return DayOrder::DayFirst;
    }
    if month_first > 0 && day_first == 0 {
        return DayOrder::MonthFirst;
    }
    let tld = host.and_then(|h| h.rsplit('.').next()).unwrap_or("");
    let lang = facts
        .lang
        .as_deref()
        .or_else(|| facts.meta("og:locale"))
        .or_else(|| facts.meta("content-language"))
        .or_else(|| facts.meta("language"))
        .map(|l| l.trim().to_ascii_lowercase().replace('_', "-"));
    match lang.as_deref() {
        Some(l) if l == "en" || l.starts_with("en-") => {
            let region = l.get(3..5).unwrap_or("");
            if region == "us" {
                DayOrder::MonthFirst
            } else if !region.is_empty() || DAY_FIRST_ENGLISH.contains(&tld) {
                DayOrder::DayFirst
            } else if matches!(tld, "com" | "us" | "gov" | "edu" | "org" | "net") {
                DayOrder::MonthFirst
            } else {
                DayOrder::Unknown
            }
        }
        Some(l) if l.len() >= 2 && l.is_ascii() => DayOrder::DayFirst,
        _ if tld.len() == 2 && tld != "us" => DayOrder::DayFirst,
        _ => DayOrder::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(lang: Option<&str>, text: &str) -> PageFacts {
        let mut facts = PageFacts {
            lang: lang.map(str::to_string),
            ..PageFacts::default()
        };
        facts.dates.text = text.to_string();
        facts
    }

    #[test]
    fn a_part_above_twelve_decides() {
        let us = facts(Some("en-US"), "Posted 25/12/2020");
        assert_eq!(day_order(&us, Some("example.com")), DayOrder::DayFirst);
        let de = facts(Some("de"), "am 12/25/2020");
        assert_eq!(day_order(&de, Some("example.de")), DayOrder::MonthFirst);
    }

    #[test]
    fn language_then_domain() {
        let order = |lang, host| day_order(&facts(lang, ""), Some(host));
        assert_eq!(order(Some("en-US"), "example.com"), DayOrder::MonthFirst);
        assert_eq!(order(Some("en"), "example.com"), DayOrder::MonthFirst);
        assert_eq!(order(Some("en"), "example.co.uk"), DayOrder::DayFirst);
        assert_eq!(order(Some("en-GB"), "example.com"), DayOrder::DayFirst);
        assert_eq!(order(Some("fr-FR"), "example.com"), DayOrder::DayFirst);
        assert_eq!(order(None, "example.de"), DayOrder::DayFirst);
        assert_eq!(order(None, "example.com"), DayOrder::Unknown);
        assert_eq!(order(Some("en"), "example.io"), DayOrder::Unknown);
    }
}
