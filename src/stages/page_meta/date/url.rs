//! Dates in a page's URL: `/2020/06/07/`, `/2020-06-07/`, `/20200607/`, `-2020-06-07-` in
//! the slug; a year and month alone (`/2020/06/`) constrain the date without deciding it.
//!
//! Day-first and month-first dates (`/29-10-2021/`) are read in the page's day order.
//! Only the path is read (not the host, query or fragment), and only numbers that stand
//! between separators, so that an article id (`/a-1234567890`) or a 2020 in a word is no
//! date.

use jiff::civil::Date;

use crate::date::{parse_date_in, DayOrder};

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
/// A day-first or month-first numeric date (`/29-10-2021/`) is read in `order`.
pub fn url_date(url: &str, order: DayOrder) -> Option<UrlDate> {
    let path = path_of(url)?;
    let tokens = tokens(path);
    let mut month = None;
    for (i, first) in tokens.iter().enumerate() {
        // The two tokens right after this one, each joined to the one before by a single
        // separator.
        let adjacent = |k: usize| {
            tokens
                .get(i + k)
                .filter(|t| t.start == tokens[i + k - 1].end + 1)
        };
        if first.text.len() == 8 && first.digits {
            let t = first.text;
            if let Some(date) = ymd(&t[..4], &t[4..6], &t[6..]) {
                return Some(UrlDate::Day(date));
            }
            continue;
        }
        let (Some(second), third) = (adjacent(1), adjacent(2).filter(|_| adjacent(1).is_some()))
        else {
            continue;
        };
        let same_separator = third.is_some_and(|t| t.separator == second.separator);
        if first.digits && first.text.len() == 4 {
            // After `/2023/10/` a number that starts the slug (`/3-fragen-an-...`,
            // `/10-things-to-know`) is no day.
            let starts_slug = |t: &Token| {
                t.separator == '/' && matches!(path.as_bytes().get(t.end), Some(b'-' | b'_'))
            };
            let third = third
                .filter(|t| same_separator && t.digits && t.text.len() <= 2 && !starts_slug(t));
            if let Some(third) = third {
                let date = if second.digits {
                    ymd(first.text, second.text, third.text)
                } else {
                    // `/2023/nov/8/`
                    named(third.text, second.text, first.text)
                };
                if let Some(date) = date {
                    return Some(UrlDate::Day(date));
                }
            }
            // A year and month need slashes (`/2020/06/`): `-2020-06` in a slug may be
            // anything.
            if month.is_none() && second.separator == '/' && second.digits && second.text.len() <= 2
            {
                if let (Ok(y), Ok(m)) = (first.text.parse::<i16>(), second.text.parse::<i8>()) {
                    if (1995..=2100).contains(&y) && (1..=12).contains(&m) {
                        month = Some(UrlDate::Month(y, m));
                    }
                }
            }
        } else if first.digits && first.text.len() <= 2 && second.digits && second.text.len() <= 2 {
            // `/29-10-2021/`: day or month first.
            let third = third.filter(|t| same_separator && t.digits && t.text.len() == 4);
            if let Some(third) = third {
                let text = format!("{}/{}/{}", first.text, second.text, third.text);
                if let Some(date) = parse_date_in(&text, order) {
                    if date.date.year() >= 1995 {
                        return Some(UrlDate::Day(date.date));
                    }
                }
            }
        }
    }
    month
}

/// The date of a permalink's folders, `/2017/7/12/` (each part its own folder, the day
/// followed by another): what a content system writes when it first publishes a page.
/// A date written into the slug (`/t/2024-4-4-release`) is not one.
pub fn permalink_day(url: &str) -> Option<Date> {
    let path = path_of(url)?;
    let tokens = tokens(path);
    tokens.windows(3).find_map(|t| {
        let folders = t.iter().all(|t| t.digits && t.separator == '/')
            && t[1].start == t[0].end + 1
            && t[2].start == t[1].end + 1
            && path.as_bytes().get(t[2].end) == Some(&b'/');
        let sizes = t[0].text.len() == 4 && t[1].text.len() <= 2 && t[2].text.len() <= 2;
        (folders && sizes)
            .then(|| ymd(t[0].text, t[1].text, t[2].text))
            .flatten()
    })
}

/// The path of an absolute URL (from the `/` after the host), without query or fragment.
fn path_of(url: &str) -> Option<&str> {
    let rest = &url[url.find("://")? + 3..];
    let path = &rest[rest.find('/')?..];
    let end = path.find(['?', '#']).unwrap_or(path.len());
    Some(&path[..end])
}

/// A run of ASCII digits or of ASCII letters in a path, between separators.
struct Token<'p> {
    text: &'p str,
    digits: bool,
    /// The separator before it.
    separator: char,
    start: usize,
    end: usize,
}

/// At most this many tokens of a path are read.
const TOKENS_MAX: usize = 64;

/// The runs of ASCII digits, and of ASCII letters, in `path` that stand between
/// separators (`/`, `-`, `_`, `.`), each with the separator before it.
fn tokens(path: &str) -> Vec<Token<'_>> {
    let bytes = path.as_bytes();
    let separator = |b: u8| matches!(b, b'/' | b'-' | b'_' | b'.');
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() && out.len() < TOKENS_MAX {
        let digits = bytes[i].is_ascii_digit();
        if !digits && !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_digit() == digits)
            && bytes[i].is_ascii_alphanumeric()
        {
            i += 1;
        }
        let before = start.checked_sub(1).map(|b| bytes[b]);
        let after = bytes.get(i).copied();
        if before.is_some_and(separator) && after.is_none_or(separator) {
            out.push(Token {
                text: &path[start..i],
                digits,
                separator: before.map_or('/', char::from),
                start,
                end: i,
            });
        }
    }
    out
}

/// A date from a day's digits, a month's name and a year's digits.
fn named(d: &str, month: &str, y: &str) -> Option<Date> {
    if month.len() < 3 {
        return None;
    }
    let date = parse_date_in(&format!("{d} {month} {y}"), DayOrder::Unknown)?;
    (date.date.year() >= 1995).then_some(date.date)
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
        match url_date(url, DayOrder::DayFirst)? {
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
            "https://example.com/news/2020/jun/7/a-story",
            "https://example.com/news/07-06-2020",
        ] {
            assert_eq!(day(url).as_deref(), Some("2020-06-07"), "{url}");
        }
    }

    #[test]
    fn permalink_folders() {
        let day = |url| permalink_day(url).map(|d| d.to_string());
        assert_eq!(
            day("https://example.com/home/2017/7/12/a-story").as_deref(),
            Some("2017-07-12")
        );
        for url in [
            "https://example.com/2017/7/12",
            "https://example.com/news/2020-06-07/a-story",
            "https://example.com/t/2024-4-4-2024-5-0-issue/1",
            "https://example.com/t/after-08-02-2024/21241",
        ] {
            assert_eq!(day(url), None, "{url}");
        }
    }

    #[test]
    fn year_and_month_constrain() {
        assert_eq!(
            day("https://example.com/2020/06/a-story/").as_deref(),
            Some("2020-06")
        );
        let month = url_date("https://example.com/2020/06/a-story/", DayOrder::Unknown).unwrap();
        assert!(month.admits(Date::constant(2020, 6, 30)));
        assert!(!month.admits(Date::constant(2020, 7, 1)));
        // Dashes in a slug are no year and month.
        assert_eq!(day("https://example.com/a-story-2020-06"), None);
        // A number that starts the slug after a year and month is no day.
        assert_eq!(
            day("https://example.com/2023/10/3-fragen-an-tina/").as_deref(),
            Some("2023-10")
        );
        assert_eq!(
            day("https://example.com/news/a-story-2020-06-07-b.html").as_deref(),
            Some("2020-06-07")
        );
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
            "https://example.com/2019-4/issue-4-2019.html",
            "https://example.com/2020/x/07/a",
            "not a url",
        ] {
            assert_eq!(day(url), None, "{url}");
        }
    }
}
