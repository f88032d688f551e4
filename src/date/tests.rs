//! Tests of date parsing: every supported shape, the refusals, and odd input.

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
        ("4. 2. 2022", Some("2022-02-04")),
        ("4.\u{2009}2.\u{2009}2022", Some("2022-02-04")),
        ("4.  2. 2022", None),
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
        ("2020-12-05T23:15:0Z", Some("2020-12-05T23:15:00Z")),
        ("2016-10-07 19:40 GMT+3", Some("2016-10-07T19:40:00+03:00")),
        (
            "2016-10-07 19:40 UTC+05:30",
            Some("2016-10-07T19:40:00+05:30"),
        ),
        (
            "October 7, 2016 7:40 pm EST",
            Some("2016-10-07T19:40:00-05:00"),
        ),
        ("2016-10-07 19:40 ET", Some("2016-10-07T19:40:00")),
        ("2016-10-07 19:40 IST", Some("2016-10-07T19:40:00")),
        ("2016-10-07 19:40 CET", Some("2016-10-07T19:40:00+01:00")),
        ("2016-10-07 19:40 MSK", Some("2016-10-07T19:40:00+03:00")),
        (
            "14:32 Uhr MESZ, 7. Oktober 2016",
            Some("2016-10-07T14:32:00+02:00"),
        ),
        ("2016-10-07 19:40+15:00", None),
        ("2016-10-07 19:40 XYZ", None),
    ]);
    let d = parse_date("2016-10-07 19:40 -05:00").expect("date");
    assert_eq!(d.offset_seconds, Some(-5 * 3600));
    assert_eq!(
        parse_date("2016-10-07 19:40 EST")
            .expect("date")
            .offset_seconds,
        Some(-5 * 3600)
    );
    assert_eq!(
        parse_date("2016-10-07 19:40 PT")
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
        ("Tue 8 Nov 2016 9.15 BST", Some("2016-11-08T09:15:00+01:00")),
        ("8 Nov 2016 9.15 +01:00", Some("2016-11-08T09:15:00+01:00")),
        ("8. November 2016, 9.15 Uhr", Some("2016-11-08T09:15:00")),
        ("8. November 2016 14.30h", Some("2016-11-08T14:30:00")),
        (
            "8. November 2016 14.30 Uhr MESZ",
            Some("2016-11-08T14:30:00+02:00"),
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
            Some("2016-11-07T20:03:00-04:00"),
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
            "2016-11-07T20:03:00-04:00".into(),
            Some(-4 * 3600),
            line.len()
        )
    );
    assert_eq!(
        rest("Updated 8:03 PM EDT, Mon November 7, 2016 Police said"),
        Some("Police said")
    );
    assert_eq!(parse_dateline("Updated 12:30 October 7, 2016"), None);
}

mod year_digits {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_date_shape_needs_a_four_digit_year() {
        for shape in DATE_SHAPES.iter() {
            assert!(
                shape.as_str().contains("(?P<y>[0-9]{4})"),
                "{}: `has_year_digits` assumes every date shape has a four-digit year",
                shape.as_str()
            );
        }
    }

    #[test]
    fn shapes_and_times_start_as_parse_expression_assumes() {
        let first_group = |pattern: &str| {
            let body = pattern.trim_start_matches("(?i)").trim_start_matches('^');
            let group = body.split_once('>').map_or("", |(_, rest)| rest);
            (
                body.starts_with("(?P<"),
                group.starts_with("[0-9]"),
                group.starts_with(r"\p{L}"),
            )
        };
        for (shape, digit) in DATE_SHAPES.iter().zip(DATE_SHAPE_STARTS_WITH_DIGIT) {
            let (named, starts_digit, starts_letter) = first_group(shape.as_str());
            assert!(
                named && (starts_digit == digit) && (starts_letter != digit),
                "{}",
                shape.as_str()
            );
        }
        for shape in TIME_SHAPES {
            assert!(shape.starts_with("(?P<h>[0-9]{1,2})"), "{shape}");
        }
    }

    #[test]
    fn year_digits_are_four_ascii_digits_in_a_row() {
        assert!(has_year_digits("on 7 Oct 2016"));
        assert!(has_year_digits("2016"));
        assert!(!has_year_digits("7 Oct 201 6"));
        assert!(!has_year_digits("٢٠١٦ (Arabic-Indic digits)"));
        // Across the 16-byte pieces the scan reads at a time.
        for at in 10..20 {
            let text = format!("{}2016 and more text after it", "x".repeat(at));
            assert!(has_year_digits(&text), "{text}");
            let text = format!("{}201 6 and more text after it", "x".repeat(at));
            assert!(!has_year_digits(&text), "{text}");
        }
    }

    /// Text from the characters dates are written with, digits in runs of at most three.
    fn without_year_digits() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                "[0-9]{1,3}",
                "[ ,.:/\\-]{1,2}",
                proptest::sample::select(vec![
                    "Oct",
                    "October",
                    "Published:",
                    "Updated",
                    "de",
                    "am",
                    "PM",
                    "GMT",
                    "T",
                    "à",
                    "14h30",
                    "Mon",
                    "le",
                ])
                .prop_map(String::from),
            ],
            0..12,
        )
        .prop_map(|pieces| pieces.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The check is exact where it answers "no": no date shape matches anywhere in such
        /// text, so no date expression could have been read from it.
        #[test]
        fn no_date_shape_matches_without_year_digits(text in without_year_digits()) {
            prop_assert!(!has_year_digits(&text));
            for shape in DATE_SHAPES.iter() {
                for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    prop_assert!(!shape.is_match(&text[start..]), "{} on {:?}", shape.as_str(), &text[start..]);
                }
            }
            prop_assert!(parse_date(&text).is_none());
            prop_assert!(parse_dateline(&text).is_none());
        }
    }
}

#[test]
fn more_shapes_and_languages() {
    check(&[
        ("2020年6月7日", Some("2020-06-07")),
        ("2020년 6월 7일", Some("2020-06-07")),
        ("2020. június 7.", Some("2020-06-07")),
        ("7th of June 2020", Some("2020-06-07")),
        ("7 de junio del 2020", Some("2020-06-07")),
        ("7 июня 2020", Some("2020-06-07")),
        ("7 червня 2020", Some("2020-06-07")),
        ("7 czerwca 2020", Some("2020-06-07")),
        ("7. června 2020", Some("2020-06-07")),
        ("7 Haziran 2020", Some("2020-06-07")),
        ("7 kesäkuuta 2020", Some("2020-06-07")),
        ("7 iunie 2020", Some("2020-06-07")),
        ("7 Mayıs 2020", Some("2020-05-07")),
        ("7 janv. 2020", Some("2020-01-07")),
    ]);
}

#[test]
fn day_order_decides_ambiguous_numeric_dates() {
    let iso = |text, order| parse_date_in(text, order).map(|d| d.to_iso());
    assert_eq!(
        iso("05/06/2016", DayOrder::DayFirst).as_deref(),
        Some("2016-06-05")
    );
    assert_eq!(
        iso("05/06/2016", DayOrder::MonthFirst).as_deref(),
        Some("2016-05-06")
    );
    assert_eq!(iso("05/06/2016", DayOrder::Unknown), None);
    // A part above 12 decides whatever the order.
    assert_eq!(
        iso("13/06/2016", DayOrder::MonthFirst).as_deref(),
        Some("2016-06-13")
    );
}

#[test]
fn finding_dates_inside_text() {
    let text = "By Jane Roe | Posted on Monday, June 8, 2020 at 10:00 — 2020 was a year; \
                see also 3 май 2019, the 12345678 id, and 2020年6月7日に発表";
    let found: Vec<(String, &str)> = find_dates(text, DayOrder::Unknown, 10)
        .into_iter()
        .map(|f| (f.date.to_iso(), &text[f.start..f.end]))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "2020-06-08T10:00:00".to_string(),
                "Monday, June 8, 2020 at 10:00"
            ),
            ("2019-05-03".to_string(), "3 май 2019"),
            ("2020-06-07".to_string(), "2020年6月7日"),
        ]
    );
    assert_eq!(find_dates(text, DayOrder::Unknown, 1).len(), 1);
    assert!(find_dates("x2020-06-07", DayOrder::Unknown, 5).is_empty());
}

#[test]
fn labels_before_a_date() {
    assert_eq!(label_before("Story | Published on "), DateLabel::Published);
    assert_eq!(label_before("Aktualisiert am: "), DateLabel::Updated);
    assert_eq!(label_before("Опубликовано "), DateLabel::Published);
    assert_eq!(label_before("Unpublished "), DateLabel::None);
    assert_eq!(label_before("published yesterday, "), DateLabel::None);
    assert_eq!(label_before(""), DateLabel::None);
}
