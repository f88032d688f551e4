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

/// Parses `text` when ALL of it (after trimming) is one date expression: optional weekday,
/// the date, optional time and zone (or a time and zone before the date, see
/// `TIME_BEFORE_DATE`); no label. None for anything else, for impossible dates, for
/// ambiguous numeric dates, and for years outside 1900..=2100.
pub fn parse_date(text: &str) -> Option<StatedDate> {
    let text = text.trim();
    let (date, len) = parse_expression(text)?;
    (len == text.len()).then_some(date)
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
    let start = line.len() - line.trim_start().len();
    let body = &line[start..];
    let (label, label_len) = match LABEL.captures(body) {
        Some(c) if UPDATED_LABEL.is_match(&c["label"]) => (DateLabel::Updated, c[0].len()),
        Some(c) => (DateLabel::Published, c[0].len()),
        None => (DateLabel::None, 0),
    };
    let (date, date_len) = parse_expression(&body[label_len..])?;
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

/// Whether the `label` group of a [`LABEL`] match is one of [`UPDATED_LABELS`]. Matching it
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
static DATE_SHAPES: LazyLock<[Regex; 5]> = LazyLock::new(|| {
    [
        // 2016-11-08, 2016/11/08, 2016.11.08
        r"^(?P<y>[0-9]{4})(?P<s1>[-/.])(?P<m>[0-9]{1,2})(?P<s2>[-/.])(?P<d>[0-9]{1,2})",
        // 07.10.2016: dots mean day.month.year (the European convention)
        r"^(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4})",
        // 10/07/2016, 07-10-2016: day or month first, see `month_and_day`
        r"^(?P<a>[0-9]{1,2})(?P<s1>[/-])(?P<b>[0-9]{1,2})(?P<s2>[/-])(?P<y>[0-9]{4})",
        // 7 Oct, 2016 / 7th October 2016 / 7. Oktober 2016 / 7 de octubre de 2016 / 07-Oct-2016
        concat!(
            r"(?i)^(?P<d>[0-9]{1,2})(?:st|nd|rd|th|er|º)?(?:\.\s*|\s+de\s+|\s+|-)",
            r"(?P<mon>\p{L}+)\.?(?:,\s*|\s+de\s+|\s+|-)(?P<y>[0-9]{4})",
        ),
        // October 7, 2016 / Oct. 7 2016 / Sept. 7th, 2016
        r"(?i)^(?P<mon>\p{L}+)\.?\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>[0-9]{4})",
    ]
    .map(compile)
});

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
    // 19:40, 19:40:12.000, 7:40 p.m., 19:40 Uhr, 19:40h (Spanish), then an optional zone
    concat!(
        r"(?P<h>[0-9]{1,2}):(?P<min>[0-9]{2})(?::(?P<s>[0-9]{2})(?:\.[0-9]+)?)?",
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
fn parse_expression(s: &str) -> Option<(StatedDate, usize)> {
    let mut end = 0;
    let mut clock = None;
    if let Some(c) = first_match(TIME_BEFORE_DATE.as_slice(), s).filter(reads_as_time_before_date) {
        clock = Some(time_and_offset(&c)?);
        end = c[0].len();
    }
    end += LEAD_IN.find(&s[end..]).map_or(0, |m| m.end());
    let (date, len) = DATE_SHAPES.iter().find_map(|re| {
        let c = re.captures(&s[end..])?;
        Some((calendar_date(&c)?, c[0].len()))
    })?;
    end += len;
    if let Some(c) = first_match(TIME_AFTER_DATE.as_slice(), &s[end..]) {
        // Two times around one date (`8:03 PM, Nov 7, 2016 9:00`) contradict each other.
        if clock.is_some() {
            return None;
        }
        // Something shaped like a time that is not one (25:00) spoils the whole expression.
        clock = Some(time_and_offset(&c)?);
        end += c[0].len();
    }
    // `2016-11-089` or `7 Oct 2016abc` is not a date followed by text.
    if s[end..].starts_with(char::is_alphanumeric) {
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

fn calendar_date(c: &Captures) -> Option<Date> {
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
        month_and_day(a, b)?
    } else {
        (number(c, "m")?, number(c, "d")?)
    };
    Date::new(year, month, day).ok()
}

/// Orders `a/b/yyyy`: a part above 12 can only be the day. When both could be the month and
/// they differ, the text is ambiguous (US vs European order) and we refuse to guess.
fn month_and_day(a: i8, b: i8) -> Option<(i8, i8)> {
    match (a > 12, b > 12) {
        (true, false) => Some((b, a)),
        (false, true) => Some((a, b)),
        (false, false) if a == b => Some((a, b)),
        _ => None,
    }
}

fn month_number(name: &str) -> Option<i8> {
    let name = name.to_lowercase();
    let index = MONTHS
        .iter()
        .position(|names| names.split(' ').any(|n| n == name))?;
    i8::try_from(index + 1).ok()
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

/// Seconds east of UTC for a zone a [`TIME_SHAPES`] regex matched: `Some(None)` for a named
/// zone (`EST`: its offset depends on the date and on which EST is meant), None when out of
/// range.
fn zone_offset(zone: &str) -> Option<Option<i32>> {
    let zone = zone.to_ascii_uppercase();
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

// ---------------------------------------------------------------------------------------
// Name tables: the words this module knows, by language. Lower case; matching ignores case.
// ---------------------------------------------------------------------------------------

/// Labels that make a dateline [`DateLabel::Published`]. A space stands for any run of
/// whitespace. `Stand` (German: "as of") marks the date a page was last put out, which is
/// what other sites call publication.
const PUBLISHED_LABELS: &[&str] = &[
    // English
    "date",
    "dated",
    "published",
    "published on",
    "first published",
    "posted",
    "posted on",
    "publication date",
    "released",
    // German
    "veröffentlicht",
    "veröffentlicht am",
    "stand",
    "erschienen am",
    // French
    "publié",
    "publié le",
    "paru le",
    // Spanish, and Portuguese `publicado em`
    "publicado",
    "publicado el",
    "publicado em",
    // Italian
    "pubblicato",
    "pubblicato il",
    // Dutch
    "gepubliceerd",
    "gepubliceerd op",
];

/// Labels that make a dateline [`DateLabel::Updated`]; same rules as [`PUBLISHED_LABELS`].
const UPDATED_LABELS: &[&str] = &[
    // English
    "updated",
    "updated on",
    "last updated",
    "modified",
    "last modified",
    // German
    "aktualisiert",
    "aktualisiert am",
    "zuletzt aktualisiert",
    "zuletzt aktualisiert am",
    // French
    "mis à jour",
    "mis à jour le",
    "modifié le",
    // Spanish
    "actualizado",
    "actualizado el",
    // Italian
    "aggiornato",
    "aggiornato il",
    // Dutch
    "bijgewerkt",
    "bijgewerkt op",
    // Portuguese
    "atualizado",
    "atualizado em",
];

/// Weekday names and abbreviations, as a regex alternation: English, German, French,
/// Spanish, Italian, Portuguese, Dutch, with and without accents.
const WEEKDAYS: &str = concat!(
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    "|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun",
    "|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag",
    "|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
    "|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo",
    "|luned[ìi]|marted[ìi]|mercoled[ìi]|gioved[ìi]|venerd[ìi]|sabato|domenica",
    "|(?:segunda|ter[çc]a|quarta|quinta|sexta)(?:-feira)?",
    "|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag",
);

/// Month names, space-separated, by month (index 0 is January): English with
/// abbreviations, and full names in German, French, Spanish, Italian, Portuguese and Dutch,
/// with and without accents.
const MONTHS: [&str; 12] = [
    "jan january januar jänner janvier enero gennaio janeiro januari",
    "feb february februar février fevrier febrero febbraio fevereiro februari",
    "mar march märz maerz marz mars marzo março marco maart",
    "apr april avril abril aprile",
    "may mai mayo maggio maio mei",
    "jun june juni juin junio giugno junho",
    "jul july juli juillet julio luglio julho",
    "aug august août aout agosto augustus",
    "sep sept september septembre septiembre setiembre settembre setembro",
    "oct october oktober octobre octubre ottobre outubro",
    "nov november novembre noviembre novembro",
    "dec december dezember décembre decembre diciembre dicembre dezembro",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        parse_date(text).map(|d| d.to_iso())
    }

    /// Asserts every `(input, expected ISO)` pair, naming the input on failure.
    fn check(cases: &[(&str, Option<&str>)]) {
        for (input, expected) in cases {
            assert_eq!(iso(input).as_deref(), *expected, "input: {input:?}");
        }
    }

    /// The rest of the line after a dateline, or None when there is no dateline.
    fn rest(line: &str) -> Option<&str> {
        parse_dateline(line).map(|d| &line[d.consumed..])
    }

    #[test]
    fn iso_and_year_first_numeric() {
        check(&[
            ("2016-11-08", Some("2016-11-08")),
            ("2016/11/08", Some("2016-11-08")),
            ("2016.11.08", Some("2016-11-08")),
            ("2016-1-8", Some("2016-01-08")),
            ("2016-11-08T19:40", Some("2016-11-08T19:40:00")),
            ("2016-11-08T19:40:12Z", Some("2016-11-08T19:40:12Z")),
            ("2016-11-08T19:40:12.000Z", Some("2016-11-08T19:40:12Z")),
            (
                "2016-11-08 19:40:12+03:00",
                Some("2016-11-08T19:40:12+03:00"),
            ),
            ("  2016-11-08  ", Some("2016-11-08")),
            ("20161108", None),
            ("2016-11/08", None),
            ("2016-11-089", None),
            ("2016-11-08T19", None),
        ]);
    }

    #[test]
    fn day_first_with_month_names() {
        check(&[
            ("7 Oct, 2016", Some("2016-10-07")),
            ("7 Oct 2016", Some("2016-10-07")),
            ("7 Oct. 2016", Some("2016-10-07")),
            ("07 October 2016", Some("2016-10-07")),
            ("7th October 2016", Some("2016-10-07")),
            ("1st May 2016", Some("2016-05-01")),
            ("7. Oktober 2016", Some("2016-10-07")),
            ("7 de octubre de 2016", Some("2016-10-07")),
            ("7 de outubro de 2016", Some("2016-10-07")),
            ("le 7 octobre 2016", Some("2016-10-07")),
            ("1er janvier 2017", Some("2017-01-01")),
            ("07-Oct-2016", Some("2016-10-07")),
            ("7 OCTOBER 2016", Some("2016-10-07")),
            ("7 Octobre2016", None),
            ("7 Foo 2016", None),
        ]);
    }

    #[test]
    fn month_first_with_names() {
        check(&[
            ("October 7, 2016", Some("2016-10-07")),
            ("Oct. 7, 2016", Some("2016-10-07")),
            ("Oct 7 2016", Some("2016-10-07")),
            ("Sept. 7th, 2016", Some("2016-09-07")),
            ("October 07, 2016", Some("2016-10-07")),
            ("october 7, 2016", Some("2016-10-07")),
            ("May 2016", None),
            ("Published October 7, 2016", None),
        ]);
    }

    #[test]
    fn weekday_in_front() {
        check(&[
            ("Friday, October 7, 2016", Some("2016-10-07")),
            (
                "Fri, 07 Oct 2016 19:40:00 GMT",
                Some("2016-10-07T19:40:00Z"),
            ),
            ("Freitag, 7. Oktober 2016", Some("2016-10-07")),
            ("vendredi 7 octobre 2016", Some("2016-10-07")),
            ("le vendredi 7 octobre 2016", Some("2016-10-07")),
            ("Viernes, 7 de octubre de 2016", Some("2016-10-07")),
            ("sexta-feira, 7 de outubro de 2016", Some("2016-10-07")),
            ("Thurs. Oct 6, 2016", Some("2016-10-06")),
            ("Friday", None),
        ]);
    }

    #[test]
    fn every_month_name_in_the_table() {
        for (index, names) in MONTHS.iter().enumerate() {
            for name in names.split(' ') {
                for text in [
                    format!("3 {name} 2016"),
                    format!("{} 3, 2016", name.to_uppercase()),
                ] {
                    let date = parse_date(&text).unwrap_or_else(|| panic!("{text:?}")).date;
                    assert_eq!(date.month() as usize, index + 1, "{text:?}");
                }
            }
        }
        check(&[
            ("7 März 2016", Some("2016-03-07")),
            ("7 AOÛT 2016", Some("2016-08-07")),
        ]);
    }

    #[test]
    fn numeric_day_first_and_ambiguity() {
        check(&[
            ("07.10.2016", Some("2016-10-07")),
            ("7.10.2016", Some("2016-10-07")),
            ("13/07/2016", Some("2016-07-13")),
            ("07/13/2016", Some("2016-07-13")),
            ("31-12-2016", Some("2016-12-31")),
            ("06/06/2016", Some("2016-06-06")),
            ("05/06/2016", None),
            ("10/07/2016", None),
            ("07-10-2016", None),
            ("13/13/2016", None),
            ("07/13-2016", None),
        ]);
    }

    #[test]
    fn times_after_the_date() {
        check(&[
            ("7 Oct, 2016 19:40", Some("2016-10-07T19:40:00")),
            ("7 Oct 2016 19:40:12", Some("2016-10-07T19:40:12")),
            ("October 7, 2016 7:40 pm", Some("2016-10-07T19:40:00")),
            ("October 7, 2016 7:40pm", Some("2016-10-07T19:40:00")),
            ("October 7, 2016 7:40 p.m.", Some("2016-10-07T19:40:00")),
            ("October 7, 2016 12:05 AM", Some("2016-10-07T00:05:00")),
            ("October 7, 2016 12:30 PM", Some("2016-10-07T12:30:00")),
            ("October 7, 2016, 19:40", Some("2016-10-07T19:40:00")),
            ("October 7, 2016 at 7:40 am", Some("2016-10-07T07:40:00")),
            ("2016-10-07 - 19:40", Some("2016-10-07T19:40:00")),
            ("2016-10-07 | 19:40", Some("2016-10-07T19:40:00")),
            ("2016-10-07 · 19:40", Some("2016-10-07T19:40:00")),
            ("7. Oktober 2016, 19:40 Uhr", Some("2016-10-07T19:40:00")),
            ("2016-10-07 24:00", None),
            ("2016-10-07 19:60", None),
            ("2016-10-07 19:40:60", None),
            ("2016-10-07 13:00 pm", None),
            ("2016-10-07 0:30 am", None),
        ]);
    }

    #[test]
    fn zones_after_the_time() {
        check(&[
            ("2016-10-07 19:40 Z", Some("2016-10-07T19:40:00Z")),
            ("2016-10-07 19:40 UTC", Some("2016-10-07T19:40:00Z")),
            ("2016-10-07 19:40 gmt", Some("2016-10-07T19:40:00Z")),
            ("2016-10-07 19:40+0300", Some("2016-10-07T19:40:00+03:00")),
            ("2016-10-07T19:40+03", Some("2016-10-07T19:40:00+03:00")),
            (
                "2016-10-07T19:40:00-05:00",
                Some("2016-10-07T19:40:00-05:00"),
            ),
            ("2016-10-07 19:40 -0500", Some("2016-10-07T19:40:00-05:00")),
            ("2016-10-07 19:40 GMT+3", Some("2016-10-07T19:40:00+03:00")),
            (
                "2016-10-07 19:40 UTC+05:30",
                Some("2016-10-07T19:40:00+05:30"),
            ),
            ("October 7, 2016 7:40 pm EST", Some("2016-10-07T19:40:00")),
            ("2016-10-07 19:40 ET", Some("2016-10-07T19:40:00")),
            ("2016-10-07 19:40 CET", Some("2016-10-07T19:40:00")),
            ("2016-10-07 19:40 MSK", Some("2016-10-07T19:40:00")),
            ("2016-10-07 19:40+15:00", None),
            ("2016-10-07 19:40 XYZ", None),
        ]);
        let d = parse_date("2016-10-07 19:40 -05:00").expect("date");
        assert_eq!(d.offset_seconds, Some(-5 * 3600));
        assert_eq!(
            parse_date("2016-10-07 19:40 EST")
                .expect("date")
                .offset_seconds,
            None
        );
    }

    #[test]
    fn impossible_and_out_of_range() {
        check(&[
            ("2016-02-30", None),
            ("2015-02-29", None),
            ("2016-02-29", Some("2016-02-29")),
            ("31 April 2016", None),
            ("2016-13-01", None),
            ("2016-00-10", None),
            ("0 Oct 2016", None),
            ("1899-12-31", None),
            ("2101-01-01", None),
            ("1900-01-01", Some("1900-01-01")),
            ("December 31, 2100", Some("2100-12-31")),
            ("7 Oct 16", None),
            ("10/07/16", None),
            ("Oct 7, 16", None),
        ]);
    }

    #[test]
    fn parse_date_wants_only_a_date() {
        check(&[
            ("Updated: 8 Nov 2016", None),
            ("October 7, 2016 was a Friday.", None),
            ("October 7, 2016.", None),
            ("© 2017 iTech Post All rights reserved.", None),
        ]);
    }

    #[test]
    fn labelled_dateline_followed_by_text() {
        let line = "date 2016-11-08 With the U.S. election campaign now at an end";
        let d = parse_dateline(line).expect("dateline");
        assert_eq!(
            (d.label, d.date.to_iso()),
            (DateLabel::Published, "2016-11-08".into())
        );
        assert_eq!(
            &line[d.consumed..],
            "With the U.S. election campaign now at an end"
        );
        let cases = [
            (
                "Published: Oct 7, 2016 | The US government",
                "The US government",
            ),
            (
                "Posted on Oct 7, 2016 at 7:40 pm EST — Police said",
                "Police said",
            ),
            ("Updated 8 Nov 2016 19:40: The count", "The count"),
            ("Date: 2016-11-08 19 people", "19 people"),
        ];
        for (line, expected) in cases {
            assert_eq!(rest(line), Some(expected), "line: {line:?}");
        }
    }

    #[test]
    fn whole_line_datelines() {
        for line in [
            "7 Oct, 2016 19:40",
            "  Friday, October 7, 2016  ",
            "Published: 7 Oct 2016 |",
        ] {
            let d = parse_dateline(line).expect(line);
            assert_eq!(d.consumed, line.len(), "line: {line:?}");
        }
        let d = parse_dateline("7 Oct, 2016 19:40").expect("dateline");
        assert_eq!(
            (d.label, d.date.to_iso()),
            (DateLabel::None, "2016-10-07T19:40:00".into())
        );
        let d = parse_dateline("Updated: 8 Nov 2016").expect("dateline");
        assert_eq!(
            (d.label, d.date.to_iso()),
            (DateLabel::Updated, "2016-11-08".into())
        );
    }

    #[test]
    fn every_label() {
        let published = concat!(
            "date|dated|published|published on|first published",
            "|posted|posted on|publication date|released"
        );
        let updated = "updated|last updated|modified|last modified|updated on";
        let labelled = published.split('|').map(|l| (l, DateLabel::Published));
        for (label, kind) in labelled.chain(updated.split('|').map(|l| (l, DateLabel::Updated))) {
            for line in [
                format!("{label} 8 Nov 2016"),
                format!("{}: 8 Nov 2016 Text", label.to_uppercase()),
                format!("{label} - 8 Nov 2016"),
            ] {
                let d = parse_dateline(&line).unwrap_or_else(|| panic!("{line:?}"));
                assert_eq!(d.label, kind, "line: {line:?}");
                assert_eq!(d.date.to_iso(), "2016-11-08", "line: {line:?}");
            }
        }
    }

    #[test]
    fn not_datelines() {
        for line in [
            "October 7, 2016 was a Friday.",
            "7 Oct 2016 | The US government",
            "© 2017 iTech Post All rights reserved.",
            "Published by Reuters",
            "Updated:",
            "Dates 2016-11-08",
            "date2016-11-08",
            "In 2016-11-08 news",
        ] {
            assert_eq!(parse_dateline(line), None, "line: {line:?}");
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "7 Oct 2016 ".repeat(10_000);
        let odd = [
            "",
            " ",
            "7",
            "2016",
            "٢٠١٦-١١-٠٨",
            "٢٠١٦",
            "2016-",
            "Oct",
            "7 Oct",
            "Fri,",
            "le",
            "date",
            ":",
            "12:",
            "é",
            "🗞️ 7 Oct 2016",
            "7 Oct 2016 🗞️",
            "2016-11-08\u{a0}19:40",
            "Updated: 8 Nov 2016 19:40 +99:99",
            "9999-99-99 99:99:99",
            "Updated 8:03 PM EDT, Mon November 7, 2016",
            "10:23 AM ET, Tue November 8, 2016 9.15 GMT",
            "Mis à jour le 8 novembre 2016 à 14h30",
            "Stand: 08.09.2023 14:32 Uhr",
            "8 de noviembre de 2016, a las 14:30 h UTC+5",
            "Veröffentlicht am 8. November 2016 um 24.61h",
            "09.15 GMT, 8 Nov 2016",
            "Publié—",
            "14h",
            "9.15 Uhr,",
            long.as_str(),
        ];
        for text in odd {
            // Every char-boundary prefix and suffix, to hit partial matches everywhere.
            for (i, _) in text.char_indices().take(200) {
                for piece in [&text[..i], &text[i..]] {
                    let _ = parse_date(piece);
                    if let Some(d) = parse_dateline(piece) {
                        assert!(piece.is_char_boundary(d.consumed) && d.consumed <= piece.len());
                    }
                }
            }
        }
        assert_eq!(parse_date("٢٠١٦-١١-٠٨"), None);
        assert_eq!(parse_date(&long), None);
        assert_eq!(
            iso("2016-11-08\u{a0}19:40").as_deref(),
            Some("2016-11-08T19:40:00")
        );
    }

    #[test]
    fn labels_in_other_languages() {
        let published = concat!(
            "Veröffentlicht am|Veröffentlicht|Stand|Erschienen am",
            "|Publié le|Publié|Paru le|Publicado el|Publicado|Pubblicato il|Pubblicato",
            "|Gepubliceerd op|Gepubliceerd|Publicado em"
        );
        let updated = concat!(
            "Aktualisiert am|Aktualisiert|Zuletzt aktualisiert",
            "|Mis à jour le|Mis à jour|Modifié le|Actualizado el|Actualizado",
            "|Aggiornato il|Aggiornato|Bijgewerkt op|Bijgewerkt|Atualizado em"
        );
        let labelled = published.split('|').map(|l| (l, DateLabel::Published));
        for (label, kind) in labelled.chain(updated.split('|').map(|l| (l, DateLabel::Updated))) {
            for (line, rest) in [
                (format!("{label} 8 Nov 2016"), ""),
                (format!("{}: 2016-11-08 Text", label.to_uppercase()), "Text"),
                (format!("{} : 8.11.2016", label.to_lowercase()), ""),
                (format!("{label} - 8 Nov 2016 | Text"), "Text"),
                (format!("{}\t2016-11-08", label.replace(' ', "  ")), ""),
            ] {
                let d = parse_dateline(&line).unwrap_or_else(|| panic!("{line:?}"));
                assert_eq!(d.label, kind, "line: {line:?}");
                assert_eq!(d.date.to_iso(), "2016-11-08", "line: {line:?}");
                assert_eq!(&line[d.consumed..], rest, "line: {line:?}");
            }
        }
    }

    #[test]
    fn labels_end_at_a_word_boundary() {
        for line in [
            "Standard 2016-11-08",
            "Standard: 8 Nov 2016 Text",
            "Stands: 2016-11-08",
            "Publiées 2016-11-08",
            "Aktualisierte 8 Nov 2016",
            "Publicadora 2016-11-08",
            "Paru lendemain 2016-11-08",
            "Stand08.09.2023",
            "Publié8 novembre 2016",
        ] {
            assert_eq!(parse_dateline(line), None, "line: {line:?}");
        }
        // Labels ending in a non-ASCII letter, right before the date, a colon or a dash.
        let cases = [
            ("Publié 8 novembre 2016", ""),
            ("PUBLIÉ: 8 novembre 2016 Le texte", "Le texte"),
            ("Publié—8 novembre 2016", ""),
            ("Modifié le:8 novembre 2016", ""),
        ];
        for (line, expected) in cases {
            assert_eq!(rest(line), Some(expected), "line: {line:?}");
        }
        let d = parse_dateline("Stand: 08.09.2023 14:32 Uhr").expect("dateline");
        assert_eq!(
            (d.label, d.date.to_iso()),
            (DateLabel::Published, "2023-09-08T14:32:00".into())
        );
    }

    #[test]
    fn french_and_dotted_times() {
        check(&[
            ("8 novembre 2016 14h30", Some("2016-11-08T14:30:00")),
            ("8 novembre 2016 à 14h", None),
            ("8 novembre 2016 à 14H05 UTC", Some("2016-11-08T14:05:00Z")),
            ("8 novembre 2016 à 24h", None),
            ("8 novembre 2016 à 14h3", None),
            ("8 novembre 2016 14h30m", None),
            (
                "Tuesday 8 November 2016 09.15 GMT",
                Some("2016-11-08T09:15:00Z"),
            ),
            ("Tue 8 Nov 2016 9.15 BST", Some("2016-11-08T09:15:00")),
            ("8 Nov 2016 9.15 +01:00", Some("2016-11-08T09:15:00+01:00")),
            ("8. November 2016, 9.15 Uhr", Some("2016-11-08T09:15:00")),
            ("8. November 2016 14.30h", Some("2016-11-08T14:30:00")),
            (
                "8. November 2016 14.30 Uhr MESZ",
                Some("2016-11-08T14:30:00"),
            ),
            ("8. November 2016 14.30 Uhr XYZ", None),
            ("2016-11-08 19:40 h", Some("2016-11-08T19:40:00")),
            ("2016-11-08 19:40h UTC", Some("2016-11-08T19:40:00Z")),
            // A bare dotted number is not read as a time.
            ("8 November 2016 09.15", None),
            ("8 November 2016, 9.15", None),
            ("8 November 2016 09.60 GMT", None),
            ("8 November 2016 9.5 GMT", None),
        ]);
        assert_eq!(
            rest("Published 8 November 2016 09.15 The count"),
            Some("09.15 The count")
        );
    }

    #[test]
    fn words_between_date_and_time() {
        check(&[
            ("8 novembre 2016 à 14h30", Some("2016-11-08T14:30:00")),
            ("8 novembre 2016, à 14h30", Some("2016-11-08T14:30:00")),
            (
                "8 de noviembre de 2016 a las 14:30",
                Some("2016-11-08T14:30:00"),
            ),
            ("8. November 2016 um 14:32 Uhr", Some("2016-11-08T14:32:00")),
            ("8 novembre 2016 alle 14:30", Some("2016-11-08T14:30:00")),
            (
                "8 novembre 2016 alle ore 14.30 h",
                Some("2016-11-08T14:30:00"),
            ),
            ("8 november 2016 om 14:30", Some("2016-11-08T14:30:00")),
            (
                "8 de novembro de 2016 às 14h30",
                Some("2016-11-08T14:30:00"),
            ),
            ("November 8, 2016, at 2:30 PM", Some("2016-11-08T14:30:00")),
            ("8 NOVEMBRE 2016 À 14H30", Some("2016-11-08T14:30:00")),
            ("8 novembre 2016 à", None),
            ("8 novembre 2016 à demain", None),
            ("8. November 2016 um Mitternacht", None),
            ("8 novembre 2016 à14h30", None),
        ]);
        let d = parse_dateline("Mis à jour le 8 novembre 2016 à 14h30 Le président").expect("line");
        assert_eq!(
            (d.label, d.date.to_iso()),
            (DateLabel::Updated, "2016-11-08T14:30:00".into())
        );
    }

    #[test]
    fn time_before_the_date() {
        check(&[
            (
                "10:23 AM ET, Tue November 8, 2016",
                Some("2016-11-08T10:23:00"),
            ),
            (
                "8:03 PM EDT, Mon November 7, 2016",
                Some("2016-11-07T20:03:00"),
            ),
            (
                "8:03 p.m. Mon November 7, 2016",
                Some("2016-11-07T20:03:00"),
            ),
            ("19:40 GMT 7 Oct 2016", Some("2016-10-07T19:40:00Z")),
            (
                "19:40 +03:00 | 7 Oct 2016",
                Some("2016-10-07T19:40:00+03:00"),
            ),
            ("19:40, 7 Oct 2016", Some("2016-10-07T19:40:00")),
            ("12:30, October 7, 2016", Some("2016-10-07T12:30:00")),
            ("09.15 GMT, 8 Nov 2016", Some("2016-11-08T09:15:00Z")),
            ("14h30, le 8 novembre 2016", Some("2016-11-08T14:30:00")),
            // No am/pm, no zone, no comma: not read as a time, so no date expression.
            ("12:30 October 7, 2016", None),
            ("12:30 - October 7, 2016", None),
            ("14h30 8 novembre 2016", None),
            // Not a time, no date after it, or two times.
            ("13:00 PM ET, Nov 7, 2016", None),
            ("10:23 AM ET,", None),
            ("10:23 AM ET, Tue", None),
            ("10:23 AM ET Published Nov 7, 2016", None),
            ("8:03 PM EDT, Nov 7, 2016 9:00 PM", None),
            ("8:03 PM EDT, 05/06/2016", None),
        ]);
        let line = "Updated 8:03 PM EDT, Mon November 7, 2016";
        let d = parse_dateline(line).expect("dateline");
        assert_eq!(
            (d.label, d.date.to_iso(), d.date.offset_seconds, d.consumed),
            (
                DateLabel::Updated,
                "2016-11-07T20:03:00".into(),
                None,
                line.len()
            )
        );
        assert_eq!(
            rest("Updated 8:03 PM EDT, Mon November 7, 2016 Police said"),
            Some("Police said")
        );
        assert_eq!(parse_dateline("Updated 12:30 October 7, 2016"), None);
    }
}
