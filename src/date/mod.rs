//! Parses the date expressions that news pages state in datelines: `7 Oct, 2016 19:40`,
//! `Published: October 7, 2016`, a leading `date 2016-11-08 ` before the first paragraph,
//! `Mis à jour le 8 novembre 2016 à 14h30`, `Updated 8:03 PM EDT, Mon November 7, 2016`.
//!
//! This module only reads strings that ARE a date expression, or that START with a labelled
//! one. It never looks for dates inside sentences, and it never guesses: ambiguous numeric
//! dates (`05/06/2016`), two-digit years and impossible dates are rejected, not repaired.
//!
//! A date expression is: an optional weekday, the date, then optionally a time of day and a
//! zone; or a time of day (with its zone) BEFORE the optional weekday and the date, as CNN
//! writes it. Each date and time shape is one anchored regex; the numbers it captures are
//! then checked in code (month names, calendar validity, year range), because regexes
//! cannot do that well. The name tables (labels, weekdays, months) are at the end of the
//! non-test code.

use std::str::FromStr;
use std::sync::LazyLock;

use jiff::civil::{Date, Time};

mod names;

use names::{MONTHS, PUBLISHED_LABELS, UPDATED_LABELS, WEEKDAYS};
use regex::{Captures, Regex};

/// A calendar date, with the time of day when the text gives one, as the text states it
/// (local time: no shift to UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatedDate {
    /// The calendar date.
    pub date: jiff::civil::Date,
    /// The time of day, when the text gives one.
    pub time: Option<jiff::civil::Time>,
    /// UTC offset in seconds when the text states one (`Z`, `UTC`, `GMT`, `+03:00`, `-0500`).
    pub offset_seconds: Option<i32>,
}

impl StatedDate {
    /// ISO 8601: `2016-10-07`; with a time `2016-10-07T19:40:00`; with an offset
    /// `2016-10-07T19:40:00+03:00` or `...Z` for zero. The offset is only written after a time.
    pub fn to_iso(&self) -> String {
        let d = self.date;
        let date = format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
        let Some(t) = self.time else { return date };
        let zone = match self.offset_seconds {
            None => String::new(),
            Some(0) => "Z".to_string(),
            Some(secs) => {
                let sign = if secs < 0 { '-' } else { '+' };
                let abs = secs.unsigned_abs();
                format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
            }
        };
        let (h, m, s) = (t.hour(), t.minute(), t.second());
        format!("{date}T{h:02}:{m:02}:{s:02}{zone}")
    }

    /// Whether this can be the publication date of a web page: not before 1995, and not
    /// after `latest` (the day of the crawl, plus a day for time zones ahead of it).
    pub fn is_plausible_publication(&self, latest: Date) -> bool {
        self.date.year() >= EARLIEST_PUBLICATION_YEAR && self.date <= latest
    }
}

/// Web pages with publication dates start in the mid-1990s; an earlier date on a news page
/// is a date the article talks about.
pub const EARLIEST_PUBLICATION_YEAR: i16 = 1995;

/// Today (UTC) plus one day: the latest plausible publication date for a page read now.
pub fn latest_publication_date() -> Date {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    today.tomorrow().unwrap_or(today)
}

/// What the words before a date say it is. The full lists, in English, German, French,
/// Spanish, Italian, Dutch and Portuguese, are `PUBLISHED_LABELS` and `UPDATED_LABELS` in
/// this module's name tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLabel {
    /// No label: the text is just a date.
    None,
    /// "date", "dated", "published", "published on", "first published", "posted",
    /// "posted on", "publication date", "released", `Veröffentlicht am`, `Stand`,
    /// `Publié le`, `Publicado el`, ... (any case, optional `:` or dash after).
    Published,
    /// "updated", "last updated", "modified", "last modified", "updated on",
    /// `Aktualisiert am`, `Mis à jour le`, `Actualizado`, ... (same rules).
    Updated,
}

/// A dateline found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// What the label in front of the date says it is.
    pub label: DateLabel,
    /// The date, with its time when given.
    pub date: StatedDate,
    /// Byte length of the dateline at the start of the line, including the separator that
    /// follows it (spaces, `-`, `–`, `—`, `|`, `·`, `•`, `:`), so `&line[consumed..]` is the
    /// rest of the line. Equals `line.len()` when the whole line is the dateline.
    pub consumed: usize,
}

/// How to read a numeric date whose first two numbers could each be the month
/// (`05/06/2016`). A part above 12 decides on its own whatever the order says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayOrder {
    /// No evidence: such a date is refused.
    #[default]
    Unknown,
    /// Day first (`05/06/2016` is 5 June): most of the world.
    DayFirst,
    /// Month first (`05/06/2016` is May 6): the United States.
    MonthFirst,
}

/// Parses `text` when ALL of it (after trimming) is one date expression: optional weekday,
/// the date, optional time and zone (or a time and zone before the date, see
/// `TIME_BEFORE_DATE`); no label. None for anything else, for impossible dates, for
/// ambiguous numeric dates, and for years outside 1900..=2100.
pub fn parse_date(text: &str) -> Option<StatedDate> {
    parse_date_in(text, DayOrder::Unknown)
}

/// [`parse_date`], reading an ambiguous numeric date (`05/06/2016`) in `order`.
pub fn parse_date_in(text: &str, order: DayOrder) -> Option<StatedDate> {
    if !has_year_digits(text) {
        return None;
    }
    let text = text.trim();
    let (date, len) = parse_expression(text, order)?;
    (len == text.len()).then_some(date)
}

/// A date expression found inside a longer text by [`find_dates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The date, with its time when given.
    pub date: StatedDate,
    /// Byte range of the expression in the text.
    pub start: usize,
    /// End of the expression (exclusive).
    pub end: usize,
}

/// How far before a four-digit year a date expression may start (`Wednesday, 23
/// September 2020` has its year 19 bytes in; a weekday and month name in Cyrillic take
/// two bytes a letter).
const EXPRESSION_LEAD_BYTES: usize = 48;

/// The date expressions in `text`, in order, at most `limit` of them: each starts at a word
/// boundary and ends before a letter or digit, and is what [`parse_date_in`] would read on
/// its own. Work is bounded by the text's length: only the word starts up to
/// [`EXPRESSION_LEAD_BYTES`] before a four-digit number are tried.
pub fn find_dates(text: &str, order: DayOrder, limit: usize) -> Vec<FoundDate> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut tried_up_to = 0;
    let mut at = 0;
    while out.len() < limit {
        let Some(year) = next_year(bytes, at) else {
            break;
        };
        at = year + 4;
        let mut start = year.saturating_sub(EXPRESSION_LEAD_BYTES).max(tried_up_to);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        // The word starts before the year, the last few only: a date expression has at
        // most a time, a weekday, a day and a month before its year.
        let mut starts: Vec<usize> = text[start..=year]
            .char_indices()
            .map(|(offset, c)| (start + offset, c))
            .filter(|&(here, c)| {
                c.is_alphanumeric()
                    && text[..here]
                        .chars()
                        .next_back()
                        .is_none_or(|p| !p.is_alphanumeric())
            })
            .map(|(here, _)| here)
            .collect();
        if starts.len() > WORDS_BEFORE_YEAR {
            starts.drain(..starts.len() - WORDS_BEFORE_YEAR);
        }
        let found = starts.into_iter().find_map(|here| {
            let (date, len) = parse_expression(&text[here..], order)?;
            Some(FoundDate {
                date,
                start: here,
                end: here + len,
            })
        });
        tried_up_to = year + 1;
        if let Some(f) = found {
            at = at.max(f.end);
            tried_up_to = tried_up_to.max(f.end);
            out.push(f);
        }
    }
    out
}

/// How many words before a year [`find_dates`] tries as the start of a date expression
/// (`8:03 PM EDT, Mon November 7, 2016` has six).
const WORDS_BEFORE_YEAR: usize = 7;

/// The position of the next year at or after `from`: exactly four ASCII digits, from 19..,
/// 20.. or 21.. (every date shape's year is in 1900..=2100), not inside a longer number.
fn next_year(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let digits = &bytes[start..i];
        let after_digit = start > 0 && bytes[start - 1].is_ascii_digit();
        if digits.len() == 4 && !after_digit && matches!(&digits[..2], b"19" | b"20" | b"21") {
            return Some(start);
        }
    }
    None
}

/// Reads a dateline at the start of `line`:
/// - the whole line (trimmed) is a date, with or without a label -> Some, consumed = line.len();
/// - a LABELLED date followed by text that opens a new block (an upper-case letter, a digit
///   or a quote, and no comma between): `date 2016-11-08 With the U.S. election ...`,
///   `Published: Oct 7, 2016 | The US government ...` -> Some, consumed = label + date
///   (+ time) + separator;
/// - a labelled date that runs on as a sentence (`Dated October 7, 2016, the letter ...`),
///   or an UNLABELLED date followed by more text (`October 7, 2016 was a Friday.`) -> None;
/// - anything else -> None.
pub fn parse_dateline(line: &str) -> Option<Dateline> {
    if !has_year_digits(line) {
        return None;
    }
    let start = line.len() - line.trim_start().len();
    let body = &line[start..];
    let (label, label_len) = match LABEL.captures(body) {
        Some(c) if UPDATED_LABEL.is_match(&c["label"]) => (DateLabel::Updated, c[0].len()),
        Some(c) => (DateLabel::Published, c[0].len()),
        None => (DateLabel::None, 0),
    };
    let (date, date_len) = parse_expression(&body[label_len..], DayOrder::Unknown)?;
    let after_date = &line[start + label_len + date_len..];
    let rest = after_date.trim_start_matches(is_separator);
    if !rest.is_empty() {
        // Without a label, a date followed by words may just be the first sentence of the
        // article. With one, the rest must read as a new block: `Dated October 7, 2016, the
        // letter was signed ...` is a sentence, `date 2016-11-08 With the U.S. ...` is not.
        let separator = &after_date[..after_date.len() - rest.len()];
        let opens_block = rest
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“‘'«„(".contains(c));
        if label == DateLabel::None || separator.contains(',') || !opens_block {
            return None;
        }
    }
    let consumed = line.len() - rest.len();
    Some(Dateline {
        label,
        date,
        consumed,
    })
}

/// What the label that ENDS `before` says (the text right before a date found by
/// [`find_dates`]): `Published on ` gives `Published`, `Aktualisiert am: ` gives `Updated`,
/// anything else `None`. Only the last 80 bytes are read.
pub fn label_before(before: &str) -> DateLabel {
    let mut start = before.len().saturating_sub(80);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    match LABEL_AT_END.captures(&before[start..]) {
        Some(c) if UPDATED_LABEL.is_match(&c["label"]) => DateLabel::Updated,
        Some(_) => DateLabel::Published,
        None => DateLabel::None,
    }
}

/// A label at the end of a text, as the group `label`, with its `:` or dash, not inside a
/// word.
static LABEL_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    let all = [PUBLISHED_LABELS, UPDATED_LABELS].concat();
    compile(&format!(
        r"(?i)(?:^|[^\p{{L}}])(?P<label>{})\s*[:\-–—]?\s*$",
        label_alternatives(&all)
    ))
});

/// Whether `text` holds four ASCII digits in a row. Every one of the [`DATE_SHAPES`] has a
/// four-digit year (`[0-9]{4}`, ASCII digits only), so a text without them holds no date
/// expression, and this one cheap scan spares the regexes on nearly every line. Most
/// 16-byte pieces of text hold no digit at all, which is checked without an early exit
/// (the compiler makes that a few vector instructions); only the others are walked.
fn has_year_digits(text: &str) -> bool {
    let mut run = 0;
    for chunk in text.as_bytes().chunks(16) {
        if !chunk.iter().fold(false, |any, b| any | b.is_ascii_digit()) {
            run = 0;
            continue;
        }
        for &b in chunk {
            run = if b.is_ascii_digit() { run + 1 } else { 0 };
            if run == 4 {
                return true;
            }
        }
    }
    false
}

/// What may stand between a dateline and the text after it.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | '·' | '•' | ':' | ',')
}

/// A label that may precede a dateline, as the group `label`, with its `:` or dash. The
/// `\b` (Unicode-aware, so it also ends `Publié`) stops `dates`, `date2016`, `Standard` and
/// `Stands` from counting as labels. Longer labels are tried first, so that `published on`
/// wins over `published` and `veröffentlicht am` over `veröffentlicht`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let all = [PUBLISHED_LABELS, UPDATED_LABELS].concat();
    compile(&format!(
        r"(?i)^(?P<label>{})\b\s*[:\-–—]?\s*",
        label_alternatives(&all)
    ))
});

/// Whether the `label` group of a [`LABEL`] match is one of [`names::UPDATED_LABELS`]. Matching it
/// again with the same case-insensitive rules is exact, whatever the table order.
static UPDATED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)^(?:{})$",
        label_alternatives(UPDATED_LABELS)
    ))
});

/// A regex alternation of `labels`, longest first; a space in a label matches any run of
/// whitespace.
fn label_alternatives(labels: &[&str]) -> String {
    let mut labels = labels.to_vec();
    labels.sort_by_key(|label| std::cmp::Reverse(label.len()));
    let patterns: Vec<String> = labels
        .iter()
        .map(|label| regex::escape(label).replace(' ', r"\s+"))
        .collect();
    patterns.join("|")
}

/// What may precede the date itself: the French article `le`, and a weekday (which is
/// ignored, not checked against the date: a wrong weekday is a typo, not a different date).
static LEAD_IN: LazyLock<Regex> =
    LazyLock::new(|| compile(&format!(r"(?i)^(?:le\s+)?(?:(?:{WEEKDAYS})\b\.?,?\s*)?")));

/// The date shapes. Group names: `y` year, `m`/`d` numeric month/day, `mon` month name,
/// `a`/`b` two numbers whose order is decided in code, `s1`/`s2` separators that must agree
/// (the regex crate has no backreferences).
static DATE_SHAPES: LazyLock<[Regex; 7]> = LazyLock::new(|| {
    [
        // 2016-11-08, 2016/11/08, 2016.11.08
        r"^(?P<y>[0-9]{4})(?P<s1>[-/.])(?P<m>[0-9]{1,2})(?P<s2>[-/.])(?P<d>[0-9]{1,2})",
        // 07.10.2016, 4. 2. 2022 (a space, or a thin one, after each dot): dots mean
        // day.month.year (the European convention)
        r"^(?P<d>[0-9]{1,2})\.\s?(?P<m>[0-9]{1,2})\.\s?(?P<y>[0-9]{4})",
        // 10/07/2016, 07-10-2016: day or month first, see `month_and_day`
        r"^(?P<a>[0-9]{1,2})(?P<s1>[/-])(?P<b>[0-9]{1,2})(?P<s2>[/-])(?P<y>[0-9]{4})",
        // 7 Oct, 2016 / 7th October 2016 / 7. Oktober 2016 / 7 de octubre de 2016 / 07-Oct-2016
        // / 7th of October 2016 / 7 de junio del 2020
        concat!(
            r"(?i)^(?P<d>[0-9]{1,2})(?:st|nd|rd|th|er|º|°)?(?:\.\s*|\s+de\s+|\s+of\s+|\s+|-)",
            r"(?P<mon>\p{L}[\p{L}\p{M}]*)\.?(?:,\s*|\s+del?\s+|\s+|-)(?P<y>[0-9]{4})",
        ),
        // October 7, 2016 / Oct. 7 2016 / Sept. 7th, 2016
        r"(?i)^(?P<mon>\p{L}[\p{L}\p{M}]*)\.?\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>[0-9]{4})",
        // 2016年10月7日 (Chinese, Japanese), 2016년 10월 7일 (Korean)
        r"^(?P<y>[0-9]{4})\s*[年년]\s*(?P<m>[0-9]{1,2})\s*[月월]\s*(?P<d>[0-9]{1,2})\s*[日일]",
        // 2016. október 7. (Hungarian), 2016 October 7
        r"(?i)^(?P<y>[0-9]{4})\.?\s+(?P<mon>\p{L}[\p{L}\p{M}]*)\.?\s+(?P<d>[0-9]{1,2})\b\.?",
    ]
    .map(compile)
});

/// Whether each of the [`DATE_SHAPES`] starts with an ASCII digit (the others start with a
/// month name, which is letters), so that `parse_expression` tries only the shapes that
/// can match.
const DATE_SHAPE_STARTS_WITH_DIGIT: [bool; 7] = [true, true, true, true, false, true, true];

/// A zone after a time of day, as the group `zone`. Named zones must be upper case so that
/// words like `est` (French) or `ist` (German) stay text; `MEZ`/`MESZ` are the German
/// names of CET/CEST (`14:32 Uhr MESZ`). A macro, not a const, so that
/// `concat!` can put it into each of the [`TIME_SHAPES`].
macro_rules! zone_pattern {
    () => {
        concat!(
            r"(?P<zone>Z\b|(?:UTC|GMT)\b(?:\s*[+-][0-9]{1,2}(?::?[0-9]{2})?)?",
            r"|[+-][0-9]{2}(?::?[0-9]{2})?",
            r"|(?-i:[ECMP][SD]?T|AK[SD]T|HST|BST|IST|CES?T|EES?T|WES?T|MSK|JST|KST|HKT|SGT",
            r"|A[ECW][SD]T|NZ[SD]T|MES?Z)\b)",
        )
    };
}

/// The shapes of a time of day with what may follow it (case-insensitive), unanchored so
/// that [`TIME_AFTER_DATE`] and [`TIME_BEFORE_DATE`] can put them in context. Groups: `h`,
/// `min` (absent in `14h`), `s`, `ampm`, `zone`. Each shape is told apart by the character
/// after the hour, so at most one of them matches at a given place.
const TIME_SHAPES: [&str; 3] = [
    // 19:40, 19:40:12.000, 23:15:0Z (seconds a machine wrote with one digit), 7:40 p.m.,
    // 19:40 Uhr, 19:40h (Spanish), then an optional zone
    concat!(
        r"(?P<h>[0-9]{1,2}):(?P<min>[0-9]{2})(?::(?P<s>[0-9]{1,2})(?:\.[0-9]+)?)?",
        r"(?:\s*(?P<ampm>[ap])\.?m\b\.?)?(?:\s*(?:uhr|h)\b)?(?:\s*",
        zone_pattern!(),
        r")?",
    ),
    // 14h30 (French), then an optional zone. A bare `14h` is not read: `2h ago` is no time.
    concat!(
        r"(?P<h>[0-9]{1,2})h(?P<min>[0-9]{2})\b(?:\s*",
        zone_pattern!(),
        r")?",
    ),
    // 09.15 GMT, 9.15 Uhr, 9.15h (the Guardian, German pages): ONLY with a zone or a unit,
    // because a bare `9.15` after a date may be any number that starts the next sentence.
    concat!(
        r"(?P<h>[0-9]{1,2})\.(?P<min>[0-9]{2})(?:(?:\s*(?:uhr|h)\b)?\s*",
        zone_pattern!(),
        r"|\s*(?:uhr|h)\b)",
    ),
];

/// A time of day after the date, with what separates them: punctuation, a space, the ISO
/// `T`, or the word for "at" (`at`, `à`, `às`, `a las`, `um`, `alle (ore)`, `om`), which may
/// follow a comma (`October 7, 2016, at 7:40 pm`).
static TIME_AFTER_DATE: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    let separator = concat!(
        r"(?:(?:\s*,)?\s+(?:at|à|às|a\s+las|um|alle(?:\s+ore)?|om)\s+",
        r"|\s*[-–—|·,]\s*|T|\s+)",
    );
    TIME_SHAPES.map(|shape| compile(&[r"(?i)^", separator, shape].concat()))
});

/// A time of day BEFORE the date, with what separates it from the date (group `sep`):
/// `Updated 8:03 PM EDT, Mon November 7, 2016` (CNN). The exact rule, in
/// [`reads_as_time_before_date`]: the time counts only when it has am/pm (`10:23 AM`), or a
/// zone (`19:40 GMT`), or a comma between it and the date (`19:40, 7 Oct 2016`). A bare
/// `12:30 October 7, 2016` may be a score, a verse or a ratio run into a date, so it is not
/// read as a time, and then it is no date expression at all.
static TIME_BEFORE_DATE: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    let separator = r"(?P<sep>\s*[,|·•–—-]\s*|\s+)";
    TIME_SHAPES.map(|shape| compile(&[r"(?i)^", shape, separator].concat()))
});

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("date patterns are valid regexes")
}

/// Parses a date expression at the very start of `s`; returns it and the bytes it spans.
fn parse_expression(s: &str, order: DayOrder) -> Option<(StatedDate, usize)> {
    // Each regex below is tried only where it can match (the tests check the patterns
    // for what this assumes): a time of day starts with an ASCII digit, and so do all the
    // date shapes but the one that starts with a month name.
    let digit_first = |text: &str| text.as_bytes().first().is_some_and(u8::is_ascii_digit);
    let mut end = 0;
    let mut clock = None;
    if digit_first(s) {
        if let Some(c) =
            first_match(TIME_BEFORE_DATE.as_slice(), s).filter(reads_as_time_before_date)
        {
            clock = Some(time_and_offset(&c)?);
            end = c[0].len();
        }
    }
    end += LEAD_IN.find(&s[end..]).map_or(0, |m| m.end());
    let date_first = digit_first(&s[end..]);
    let (date, len) = DATE_SHAPES
        .iter()
        .zip(DATE_SHAPE_STARTS_WITH_DIGIT)
        .filter(|&(_, digit)| digit == date_first)
        .find_map(|(re, _)| {
            let c = re.captures(&s[end..])?;
            Some((calendar_date(&c, order)?, c[0].len()))
        })?;
    end += len;
    let time_after = s[end..]
        .bytes()
        .any(|b| b.is_ascii_digit())
        .then(|| first_match(TIME_AFTER_DATE.as_slice(), &s[end..]))
        .flatten();
    if let Some(c) = time_after {
        // Two times around one date (`8:03 PM, Nov 7, 2016 9:00`) contradict each other.
        if clock.is_some() {
            return None;
        }
        // Something shaped like a time that is not one (25:00) spoils the whole expression.
        clock = Some(time_and_offset(&c)?);
        end += c[0].len();
    }
    // `2016-11-089` or `7 Oct 2016abc` is not a date followed by text. Chinese, Japanese
    // and Korean run words together without spaces (`2020年6月7日に`).
    if s[end..].starts_with(|c: char| c.is_alphanumeric() && !is_cjk(c)) {
        return None;
    }
    let (time, offset_seconds) = match clock {
        Some((time, offset)) => (Some(time), offset),
        None => (None, None),
    };
    let stated = StatedDate {
        date,
        time,
        offset_seconds,
    };
    Some((stated, end))
}

/// Whether `c` is a Chinese or Japanese character or a Korean syllable: scripts written
/// without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// The captures of the first of `shapes` that matches `s`.
fn first_match<'s>(shapes: &[Regex], s: &'s str) -> Option<Captures<'s>> {
    shapes.iter().find_map(|re| re.captures(s))
}

/// The rule for a [`TIME_BEFORE_DATE`] match: am/pm, a zone, or a comma before the date.
fn reads_as_time_before_date(c: &Captures) -> bool {
    c.name("ampm").is_some() || c.name("zone").is_some() || c["sep"].contains(',')
}

fn number<T: FromStr>(c: &Captures, group: &str) -> Option<T> {
    c.name(group)?.as_str().parse().ok()
}

fn calendar_date(c: &Captures, order: DayOrder) -> Option<Date> {
    if let (Some(s1), Some(s2)) = (c.name("s1"), c.name("s2")) {
        if s1.as_str() != s2.as_str() {
            return None;
        }
    }
    let year: i16 = number(c, "y")?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let (month, day) = if let Some(name) = c.name("mon") {
        (month_number(name.as_str())?, number(c, "d")?)
    } else if let (Some(a), Some(b)) = (number(c, "a"), number(c, "b")) {
        month_and_day(a, b, order)?
    } else {
        (number(c, "m")?, number(c, "d")?)
    };
    Date::new(year, month, day).ok()
}

/// Orders `a/b/yyyy`: a part above 12 can only be the day. When both could be the month and
/// they differ, `order` decides; without one the text is ambiguous (US vs European order)
/// and we refuse to guess.
fn month_and_day(a: i8, b: i8, order: DayOrder) -> Option<(i8, i8)> {
    match (a > 12, b > 12) {
        (true, false) => Some((b, a)),
        (false, true) => Some((a, b)),
        (false, false) if a == b => Some((a, b)),
        (false, false) => match order {
            DayOrder::DayFirst => Some((b, a)),
            DayOrder::MonthFirst => Some((a, b)),
            DayOrder::Unknown => None,
        },
        _ => None,
    }
}

/// The month a name means, whatever its case and accents (`FÉVRIER`, `fevrier`, `ΜΑΪΟΥ`).
fn month_number(name: &str) -> Option<i8> {
    MONTH_NUMBERS.get(&fold_month_name(name)).copied()
}

/// Every name of [`MONTHS`], folded by [`fold_month_name`], with its month number.
static MONTH_NUMBERS: LazyLock<std::collections::HashMap<String, i8>> = LazyLock::new(|| {
    let mut map = std::collections::HashMap::new();
    for (index, names) in (1..).zip(MONTHS) {
        for name in names.split(' ').filter(|n| !n.is_empty()) {
            map.insert(fold_month_name(name), index);
        }
    }
    map
});

/// A month name in lower case without accents (combining marks dropped after canonical
/// decomposition), so that the table and the text meet whatever the case and accents.
fn fold_month_name(name: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    name.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// The time and stated UTC offset of a [`TIME_SHAPES`] match; None when they are out of
/// range. A missing minute (`14h`) or second is zero.
fn time_and_offset(c: &Captures) -> Option<(Time, Option<i32>)> {
    let mut hour: i8 = number(c, "h")?;
    if let Some(ampm) = c.name("ampm") {
        if !(1..=12).contains(&hour) {
            return None;
        }
        let pm = ampm.as_str().eq_ignore_ascii_case("p");
        hour = hour % 12 + if pm { 12 } else { 0 };
    }
    let zero_if_absent = |group| c.name(group).map_or(Some(0), |m| m.as_str().parse().ok());
    let time = Time::new(hour, zero_if_absent("min")?, zero_if_absent("s")?, 0).ok()?;
    let offset = match c.name("zone") {
        Some(zone) => zone_offset(zone.as_str())?,
        None => None,
    };
    Some((time, offset))
}

/// Named zones whose abbreviation means one offset (in minutes east of UTC) wherever it is
/// written. Not the ones that mean several (`IST`: India, Ireland or Israel), nor the
/// generic `ET`/`PT`, whose offset depends on the date; those keep no offset. `CST` is
/// read as the United States' Central time, as pages write it.
const NAMED_ZONES: &[(&str, i32)] = &[
    ("EST", -300),
    ("EDT", -240),
    ("CST", -360),
    ("CDT", -300),
    ("MST", -420),
    ("MDT", -360),
    ("PST", -480),
    ("PDT", -420),
    ("AKST", -540),
    ("AKDT", -480),
    ("HST", -600),
    ("WET", 0),
    ("WEST", 60),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("MEZ", 60),
    ("MESZ", 120),
    ("EET", 120),
    ("EEST", 180),
    ("MSK", 180),
    ("HKT", 480),
    ("SGT", 480),
    ("AWST", 480),
    ("JST", 540),
    ("KST", 540),
    ("AEST", 600),
    ("AEDT", 660),
    ("NZST", 720),
    ("NZDT", 780),
];

/// Seconds east of UTC for a zone a [`TIME_SHAPES`] regex matched: `Some(None)` for a named
/// zone that is not one offset (see [`NAMED_ZONES`]), None when out of range.
fn zone_offset(zone: &str) -> Option<Option<i32>> {
    let zone = zone.to_ascii_uppercase();
    if let Some((_, minutes)) = NAMED_ZONES.iter().find(|(name, _)| *name == zone) {
        return Some(Some(minutes * 60));
    }
    let numeric = match zone
        .strip_prefix("UTC")
        .or_else(|| zone.strip_prefix("GMT"))
    {
        Some(rest) => rest.trim_start(),
        None if zone == "Z" => "",
        None if zone.starts_with(['+', '-']) => zone.as_str(),
        None => return Some(None),
    };
    if numeric.is_empty() {
        return Some(Some(0));
    }
    let (sign, digits) = numeric.split_at_checked(1)?;
    let (hours, minutes) = match digits.split_once(':') {
        Some(hm) => hm,
        None if digits.len() <= 2 => (digits, "0"),
        None => digits.split_at_checked(digits.len() - 2)?,
    };
    let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    // Real-world offsets lie within -12:00..=+14:00; a bigger number is not an offset.
    if hours > 14 || minutes > 59 {
        return None;
    }
    let seconds = hours * 3600 + minutes * 60;
    Some(Some(if sign == "-" { -seconds } else { seconds }))
}

#[cfg(test)]
mod tests;
