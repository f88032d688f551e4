//! Dates in a page's URL: `/2020/06/07/`, `/2020-06-07/`, `/20200607/`, `-2020-06-07-` in
//! the slug; a year and month alone (`/2020/06/`) constrain the date without deciding it.
//!
//! Only the path is read (not the host, query or fragment), and only numbers that stand
//! between separators, so that an article id (`/a-1234567890`) or a 2020 in a word is no
//! date.

use jiff::civil::Date;

/// What the URL says about the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlDate {
    /// A full date.
    Day(Date),
    /// A year and a month.
    Month(i16, i8),
}

impl UrlDate {
    /// Whether `date` agrees with the URL: the same day, or the same month.
    pub fn admits(self, date: Date) -> bool {
        match self {
            UrlDate::Day(day) => day == date,
            UrlDate::Month(y, m) => date.year() == y && date.month() == m,
        }
    }
}

/// The date in `url`'s path, if any: the first full date, else the first year and month.
pub fn url_date(url: &str) -> Option<UrlDate> {
    let path = path_of(url)?;
    // The path's numbers, each with the separator before it.
    let pieces: Vec<(char, &str)> = numbers(path);
    let mut month = None;
    for (i, &(_, first)) in pieces.iter().enumerate() {
        match first.len() {
            // 20200607
            8 => {
                if let Some(date) = ymd(&first[..4], &first[4..6], &first[6..]) {
                    return Some(UrlDate::Day(date));
                }
            }
            4 => {
                let (Some(&(sep_m, m)), next) = (pieces.get(i + 1), pieces.get(i + 2)) else {
                    continue;
                };
                if m.len() > 2 || m.is_empty() {
                    continue;
                }
                if let Some(&(sep_d, d)) = next {
                    if sep_d == sep_m && d.len() <= 2 {
                        if let Some(date) = ymd(first, m, d) {
                            return Some(UrlDate::Day(date));
                        }
                    }
                }
                // A year and month need slashes (`/2020/06/`): `-2020-06` in a slug may
                // be anything.
                if month.is_none() && sep_m == '/' {
                    if let (Ok(y), Ok(m)) = (first.parse::<i16>(), m.parse::<i8>()) {
                        if (1995..=2100).contains(&y) && (1..=12).contains(&m) {
                            month = Some(UrlDate::Month(y, m));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    month
}

/// The path of an absolute URL (from the `/` after the host), without query or fragment.
fn path_of(url: &str) -> Option<&str> {
    let rest = &url[url.find("://")? + 3..];
    let path = &rest[rest.find('/')?..];
    let end = path.find(['?', '#']).unwrap_or(path.len());
    Some(&path[..end])
}

/// The runs of ASCII digits in `path` that stand between separators (`/`, `-`, `_`, `.`),
/// each with the separator before it.
fn numbers(path: &str) -> Vec<(char, &str)> {
    let bytes = path.as_bytes();
    let separator = |b: u8| matches!(b, b'/' | b'-' | b'_' | b'.');
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let before = start.checked_sub(1).map(|b| bytes[b]);
        let after = bytes.get(i).copied();
        let bounded = before.is_some_and(separator) && after.is_none_or(separator);
        if bounded {
            out.push((before.map_or('/', char::from), &path[start..i]));
        }
        if out.len() > 64 {
            break;
        }
    }
    out
}

/// A date from year, month and day digits, when it is a real date from 1995 on.
fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    let (y, m, d) = (
        y.parse::<i16>().ok()?,
        m.parse::<i8>().ok()?,
        d.parse::<i8>().ok()?,
    );
    if !(1995..=2100).contains(&y) {
        return None;
    }
    Date::new(y, m, d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(url: &str) -> Option<String> {
        match url_date(url)? {
            UrlDate::Day(d) => Some(d.to_string()),
            UrlDate::Month(y, m) => Some(format!("{y}-{m:02}")),
        }
    }

    #[test]
    fn full_dates_in_paths() {
        for url in [
            "https://example.com/2020/06/07/a-story/",
            "https://example.com/news/2020-06-07/a-story",
            "https://example.com/news/20200607/a-story.html",
            "https://example.com/news/a-story-2020-06-07.html",
            "https://example.com/2020/6/7/a-story",
        ] {
            assert_eq!(day(url).as_deref(), Some("2020-06-07"), "{url}");
        }
    }

    #[test]
    fn year_and_month_constrain() {
        assert_eq!(
            day("https://example.com/2020/06/a-story/").as_deref(),
            Some("2020-06")
        );
        let month = url_date("https://example.com/2020/06/a-story/").unwrap();
        assert!(month.admits(Date::constant(2020, 6, 30)));
        assert!(!month.admits(Date::constant(2020, 7, 1)));
        // Dashes in a slug are no year and month.
        assert_eq!(day("https://example.com/a-story-2020-06"), None);
    }

    #[test]
    fn not_dates() {
        for url in [
            "https://example.com/article/1234567890",
            "https://2020-06-07.example.com/a",
            "https://example.com/a?date=2020-06-07",
            "https://example.com/a#2020/06/07",
            "https://example.com/a2020/06/07",
            "https://example.com/1990/06/07/old",
            "https://example.com/2020/13/07/a",
            "https://example.com/99999999/a",
            "not a url",
        ] {
            assert_eq!(day(url), None, "{url}");
        }
    }
}
