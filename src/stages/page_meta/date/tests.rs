//! Tests of the page date: small hand-written pages, one mechanism each.

use scraper::Html;

use super::*;

const LATEST: Date = Date::constant(2024, 1, 1);

fn facts(markup: &str) -> PageFacts {
    let html = Html::parse_document(markup);
    PageFacts::read(markup, None, &html)
}

/// The proposed date (as ISO), its source and its confidence.
fn date_of(markup: &str, url: Option<&str>) -> Option<(String, String, Option<u8>)> {
    candidates(&facts(markup), url, LATEST)
        .into_iter()
        .find(|c| c.field == Field::Date)
        .map(|c| (c.value, c.from, c.confidence))
}

fn date(markup: &str, url: Option<&str>) -> Option<String> {
    date_of(markup, url).map(|(d, _, _)| d)
}

fn updated(markup: &str) -> Option<String> {
    candidates(&facts(markup), None, LATEST)
        .into_iter()
        .find(|c| c.field == Field::Updated)
        .map(|c| c.value)
}

#[test]
fn meta_published_time_keeps_the_stated_offset() {
    let page = r#"<head><meta property="article:published_time" content="2020-06-07T23:30:00-04:00"></head><body><p>x</p></body>"#;
    let (value, from, _) = date_of(page, None).unwrap();
    assert_eq!(value, "2020-06-07T23:30:00-04:00");
    assert_eq!(from, "meta:article:published_time");
}

#[test]
fn the_many_publication_meta_keys() {
    for (attr, key) in [
        ("property", "og:pubdate"),
        ("itemprop", "datePublished"),
        ("name", "date"),
        ("name", "DC.date.issued"),
        ("name", "sailthru.date"),
        ("name", "parsely-pub-date"),
        ("name", "cXenseParse:recs:publishtime"),
        ("name", "pubdate"),
        ("property", "article:published"),
    ] {
        let page =
            format!(r#"<head><meta {attr}="{key}" content="2020-06-07"></head><body></body>"#);
        assert_eq!(date(&page, None).as_deref(), Some("2020-06-07"), "{key}");
    }
}

#[test]
fn machine_values_in_odd_shapes() {
    assert_eq!(
        machine_date("20200607", DayOrder::Unknown).map(|d| d.to_iso()),
        Some("2020-06-07".into())
    );
    assert_eq!(
        machine_date("2020-06-07T10:00:00.000+0200Z", DayOrder::Unknown).map(|d| d.to_iso()),
        Some("2020-06-07".into())
    );
    assert_eq!(machine_date("2020-06-07x", DayOrder::Unknown), None);
}

#[test]
fn json_ld_on_any_object_but_people() {
    let page = r#"<script type="application/ld+json">{"@type":"Person","name":"P","datePublished":"2019-01-01"}</script>
        <script type="application/ld+json">{"@type":"MedicalScholarlyThing","datePublished":"2020-06-07"}</script>"#;
    assert_eq!(date(page, None).as_deref(), Some("2020-06-07"));
    let page = r#"<script type="application/ld+json">{"@type":"WebPage","datePublished":"2020-06-07T08:00:00+02:00"}</script>"#;
    let (value, from, _) = date_of(page, None).unwrap();
    assert_eq!(
        (value.as_str(), from.as_str()),
        ("2020-06-07T08:00:00+02:00", "json-ld:datePublished")
    );
}

#[test]
fn the_url_dates_a_page_and_agreement_raises_confidence() {
    let url = Some("https://example.com/2020/06/07/a-story/");
    let (value, from, _) = date_of("<p>text</p>", url).unwrap();
    assert_eq!((value.as_str(), from.as_str()), ("2020-06-07", "url"));
    let page =
        r#"<head><meta property="article:published_time" content="2020-06-07T10:00:00Z"></head>"#;
    let (_, _, agreeing) = date_of(page, url).unwrap();
    let (_, _, alone) = date_of(page, None).unwrap();
    assert!(agreeing > alone, "{agreeing:?} {alone:?}");
}

#[test]
fn a_year_and_month_in_the_url_rule_out_other_months() {
    let page = r#"<head><meta name="date" content="2019-03-01"></head><body><time datetime="2020-06-07">7 June</time></body>"#;
    assert_eq!(
        date(page, Some("https://example.com/2020/06/a-story")).as_deref(),
        Some("2020-06-07")
    );
    assert_eq!(date(page, None).as_deref(), Some("2019-03-01"));
}

#[test]
fn time_and_abbr_elements_that_say_published() {
    let page = r#"<body><time datetime="2019-01-01">other</time><p>x</p><time pubdate datetime="2020-06-07T10:00">7 June</time></body>"#;
    let (value, from, _) = date_of(page, None).unwrap();
    assert_eq!(
        (value.as_str(), from.as_str()),
        ("2020-06-07T10:00:00", "time:published")
    );
    let page =
        r#"<body><abbr class="published" title="2020-06-07T10:00:00+02:00">7 June</abbr></body>"#;
    assert_eq!(
        date(page, None).as_deref(),
        Some("2020-06-07T10:00:00+02:00")
    );
}

#[test]
fn a_date_in_an_element_hinted_as_a_date() {
    let page = r#"<body><h1>Title</h1><p>Intro.</p><span class="entry-date">June 7, 2020</span><p>Text 1 January 2019.</p></body>"#;
    let (value, from, _) = date_of(page, None).unwrap();
    assert_eq!(
        (value.as_str(), from.as_str()),
        ("2020-06-07", "element:date-hint")
    );
    // Without the hint, the element's date is only a weak statement under the headline.
    let page = r#"<body><h1>Title</h1><p>Some text.</p><div>9 March 2021</div></body>"#;
    assert_eq!(date_of(page, None).unwrap().1, "text:headline");
}

#[test]
fn labelled_dates_near_the_headline_in_many_languages() {
    for (label, expr, iso) in [
        ("Veröffentlicht am", "7. Juni 2020", "2020-06-07"),
        ("Publié le", "7 juin 2020", "2020-06-07"),
        ("Опубликовано:", "7 июня 2020", "2020-06-07"),
        ("Opublikowano", "7 czerwca 2020", "2020-06-07"),
        ("Published", "June 7, 2020", "2020-06-07"),
    ] {
        let page = format!(
            r#"<body><div class="x"><h1>Headline</h1><p>{label} {expr}</p><p>Story from 1 May 2019.</p></div></body>"#
        );
        let (value, from, _) = date_of(&page, None).unwrap();
        assert_eq!(
            (value.as_str(), from.as_str()),
            (iso, "text:labelled"),
            "{label}"
        );
    }
}

#[test]
fn an_update_is_no_publication_date() {
    // Only an update stated: it is the date only as the last resort, with a low confidence.
    let page = r#"<head><meta property="article:modified_time" content="2020-06-08"></head>
        <body><h1>Headline</h1><p>Aktualisiert am 8. Juni 2020</p></body>"#;
    let (_, from, confidence) = date_of(page, None).unwrap();
    assert!(from.starts_with("fallback:"), "{from}");
    assert!(confidence.unwrap() <= 25);
    assert_eq!(updated(page).as_deref(), Some("2020-06-08"));
    let page = r#"<body><h1>Headline</h1><p>Updated: June 8, 2020</p><p>Published: June 7, 2020</p></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2020-06-07"));
    assert_eq!(updated(page).as_deref(), Some("2020-06-08"));
}

#[test]
fn copyright_dates_are_never_taken() {
    let page = r#"<body><h1>Headline</h1><p>Text.</p><div class="meta">© 7 June 2020 Example Media</div><p>Copyright 01.02.2021</p></body>"#;
    assert_eq!(date(page, None), None);
}

#[test]
fn implausible_dates_are_not_taken() {
    let page = r#"<head><meta name="date" content="2030-01-01"><meta name="dc.date" content="1990-05-05"></head><body><h1>H</h1><p>Published 3 March 1994</p></body>"#;
    assert_eq!(date(page, None), None);
    assert_eq!(date(page, Some("https://example.com/2030/01/01/a")), None);
}

#[test]
fn numeric_dates_follow_the_page_order() {
    let page = |lang: &str| {
        format!(
            r#"<html lang="{lang}"><body><h1>H</h1><p class="date">05/06/2020</p></body></html>"#
        )
    };
    assert_eq!(date(&page("de"), None).as_deref(), Some("2020-06-05"));
    assert_eq!(date(&page("en-US"), None).as_deref(), Some("2020-05-06"));
    let unknown = r#"<body><h1>H</h1><p class="date">05/06/2020</p></body>"#;
    assert_eq!(date(unknown, None), None);
    assert_eq!(
        date(unknown, Some("https://example.fr/a")).as_deref(),
        Some("2020-06-05")
    );
}

#[test]
fn dates_in_comment_sections_are_not_the_article_s() {
    let page = r#"<body><h1>H</h1><p>Text without a date, long enough.</p>
        <div id="comments"><div><span class="date">7 June 2020</span></div></div></body>"#;
    assert_ne!(
        date_of(page, None).map(|d| d.1),
        Some("element:date-hint".to_string())
    );
}

#[test]
fn publication_dates_in_script_json() {
    let page = r#"<body><p>x</p><script>window.state = {"article": {"publishedDate": "2020-06-07T10:00:00+02:00"}};</script></body>"#;
    let (value, from, _) = date_of(page, None).unwrap();
    assert_eq!(
        (value.as_str(), from.as_str()),
        ("2020-06-07T10:00:00+02:00", "script:publishedDate")
    );
}

#[test]
fn a_utc_time_yields_to_the_local_day_of_the_url() {
    let page = r#"<head><meta property="article:published_time" content="2023-11-09T03:28:35+00:00"></head><body></body>"#;
    let url = Some("https://example.com/2023/11/08/a-story/");
    assert_eq!(date_of(page, url).unwrap().1, "url");
    // Not with an offset that is not UTC, nor when the time cannot be the day before.
    let page = r#"<head><meta property="article:published_time" content="2023-11-09T15:28:35+00:00"></head><body></body>"#;
    assert_eq!(date(page, url).as_deref(), Some("2023-11-09T15:28:35Z"));
    let page = r#"<head><meta property="article:published_time" content="2023-11-09T03:28:35+01:00"></head><body></body>"#;
    assert_eq!(
        date(page, url).as_deref(),
        Some("2023-11-09T03:28:35+01:00")
    );
}

#[test]
fn a_hinted_date_under_the_headline_beats_one_above_it() {
    let page = r#"<body><div class="header-date">Sunday, July 19, 2020</div><h1>Headline</h1>
        <div class="byline">By Jane Roe, July 17, 2020</div><p>Text.</p></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2020-07-17"));
}

#[test]
fn rdfa_properties_hint_at_dates() {
    let page = r#"<body><h1>H</h1><p>Text.</p><span property="schema:datePublished" content="2022-01-28T12:45:46+00:00"></span></body>"#;
    assert_eq!(date_of(page, None).unwrap().1, "element:published");
}

#[test]
fn a_byline_in_an_article_footer_counts() {
    let page = r#"<body><h1>H</h1><p>Text.</p><div class="entry-footer"><span class="posted-on">June 7, 2020</span></div></body>"#;
    assert_eq!(date_of(page, None).unwrap().1, "element:date-hint");
}

#[test]
fn last_resorts_image_url_and_the_most_stated_date() {
    let page = r#"<head><meta property="og:image" content="https://example.com/files/2016/05/04/a.png"></head><body><p>x</p></body>"#;
    let (value, from, _) = date_of(page, None).unwrap();
    assert_eq!(
        (value.as_str(), from.as_str()),
        ("2016-05-04", "fallback:image-url")
    );
    let text = "<p>Some words of the article.</p>".repeat(100);
    let page = format!(
        r#"<body><h1>H</h1>{text}<p>On 1 May 2019 it began.</p><p>3 March 2020 and 3 March 2020.</p></body>"#
    );
    let (value, from, _) = date_of(&page, None).unwrap();
    assert_eq!(
        (value.as_str(), from.as_str()),
        ("2020-03-03", "fallback:text")
    );
}

#[test]
fn labelled_dates_far_from_the_headline() {
    let text = "<p>Some words of the article.</p>".repeat(100);
    let page = format!(r#"<body><h1>H</h1>{text}<p>Erschienen am: 01.11.2023</p></body>"#);
    assert_eq!(date_of(&page, None).unwrap().1, "text:labelled-page");
}

#[test]
fn an_abbr_with_a_date_title_needs_no_hint() {
    let page = r#"<body><h1>H</h1><p>Text.</p><abbr title="2020-06-07T10:00">7 June</abbr></body>"#;
    let (value, from, _) = date_of(page, None).unwrap();
    assert_eq!(
        (value.as_str(), from.as_str()),
        ("2020-06-07T10:00:00", "element:date-hint")
    );
}

#[test]
fn a_utc_time_yields_to_the_same_moment_with_the_page_offset() {
    let page = r#"<head><meta property="article:published_time" content="2020-12-24T23:59:50+00:00"></head><body>
        <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-12-25T01:59:50+02:00"}</script></body>"#;
    assert_eq!(
        date(page, None).as_deref(),
        Some("2020-12-25T01:59:50+02:00")
    );
}

#[test]
fn a_utc_time_does_not_yield_to_another_moment() {
    // A teaser's date the day before, at another time: another article.
    let page = r#"<head><meta property="article:published_time" content="2023-11-07T09:37:58.000Z"></head><body>
        <h1>H</h1><p>Text.</p><ul><li class="item"><time class="pubdate" datetime="2023-11-06T16:12:34+01:00">06.11.2023</time></li></ul></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2023-11-07T09:37:58Z"));
    let page = r#"<head><meta property="article:published_time" content="2023-11-08T21:13:10Z"></head><body>
        <h1>H</h1><div class="date">Nov 9, 2023 at 5:01 a.m.</div><p>Text.</p></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2023-11-08T21:13:10Z"));
    // The same moment on a wall clock in some zone is the page's day.
    let page = r#"<head><meta property="article:published_time" content="2023-11-08T21:13:10Z"></head><body>
        <h1>H</h1><div class="date">Nov 9, 2023 at 6:13 a.m.</div><p>Text.</p></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2023-11-09T06:13:00"));
}

#[test]
fn a_utc_time_yields_to_the_local_day_of_a_date_element_under_the_headline() {
    let meta =
        r#"<head><meta property="article:published_time" content="2021-11-04T23:00Z"></head>"#;
    let page = format!(
        r#"{meta}<body><h1>H</h1><span class="o-metadata--date">5. November 2021</span><p>Text.</p></body>"#
    );
    assert_eq!(date(&page, None).as_deref(), Some("2021-11-05"));
    // Not to a date further above the headline (the day's date atop the site).
    let menu = "<p>Menu entry of the site.</p>".repeat(20);
    let page = format!(
        r#"{meta}<body><span class="date">5. November 2021</span>{menu}<h1>H</h1><p>Text.</p></body>"#
    );
    assert_eq!(date(&page, None).as_deref(), Some("2021-11-04T23:00:00Z"));
}

#[test]
fn an_element_that_says_it_holds_the_publication_date_in_its_text() {
    let page = r#"<body><h1>H</h1><p itemprop="datePublished" class="data">06 Dicembre 2020</p><p>Text.</p></body>"#;
    let (value, from, _) = date_of(page, None).unwrap();
    assert_eq!(
        (value.as_str(), from.as_str()),
        ("2020-12-06", "element:published")
    );
}

#[test]
fn the_date_in_the_site_header_is_not_the_article_date() {
    let page = r#"<body><header class="container"><div class="navtop"><span class="mod_datetime"><time datetime="2023-11-01T13:56:20+01:00">Mittwoch, 01. November 2023</time></span></div></header>
        <div class="intro"><h2>Kolumne</h2><p><span class="text_datum">31. Oktober 2023.</span> Text.</p></div></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2023-10-31"));
    // A header that holds the headline is the article's own, and so is one in an article.
    let page = r#"<body><header><h1>H</h1><span class="date">31. Oktober 2023</span></header><p>Text.</p></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2023-10-31"));
    let page = r#"<body><article><header><h2>H</h2><time datetime="2023-10-31">31. Oktober 2023</time></header><p>Text.</p></article></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2023-10-31"));
}

#[test]
fn a_generic_date_meta_yields_to_the_date_under_the_headline() {
    let head = r#"<head><meta name="date" content="2020-04-30"></head>"#;
    let page = format!(
        r#"{head}<body><h1>H</h1><ul><li class="Date"><time>29.04.2020, 12:01 Uhr</time></li></ul><p>Text.</p></body>"#
    );
    assert_eq!(date(&page, None).as_deref(), Some("2020-04-29T12:01:00"));
    // Alone, or against a date far from the headline, it is the date.
    let menu = "<p>Menu entry of the site.</p>".repeat(20);
    let page = format!(r#"{head}<body><h1>H</h1><p>Text.</p></body>"#);
    assert_eq!(date(&page, None).as_deref(), Some("2020-04-30"));
    let page = format!(
        r#"{head}<body><span class="date">Heute, 01.05.2020</span>{menu}<h1>H</h1><p>Text.</p></body>"#
    );
    assert_eq!(date(&page, None).as_deref(), Some("2020-04-30"));
}

#[test]
fn a_utc_stamp_with_one_digit_seconds_yields_to_the_local_day() {
    let page = r#"<head><meta property="datePublished" content="2020-12-05T23:15:0Z"></head><body>
        <h1>H</h1><p itemprop="datePublished" class="data">06 Dicembre 2020</p><p>Text.</p></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2020-12-06"));
}

#[test]
fn an_h1_that_is_the_site_logo_is_not_the_headline() {
    let menu = "<p>Menu entry of the site.</p>".repeat(80);
    let page = format!(
        r#"<head><meta name="date" content="2020-02-12"></head><body><div id="logoWrap"><h1><a href="/">Site</a></h1></div>
        {menu}<div class="news-single-timedata">05.02.2020</div><h2>Title</h2><p>Text.</p></body>"#
    );
    assert_eq!(date(&page, None).as_deref(), Some("2020-02-05"));
}

#[test]
fn the_classes_of_the_body_do_not_exclude_a_date() {
    let page = r#"<head><meta name="dcterms.date" content="2022-01-21"></head><body class="no-sidebars"><div><article><div class="article-meta"><time class="date-display-single" datetime="2022-01-25T08:00:00+01:00">25.01.2022</time></div><p>Text.</p></article></div></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2022-01-25"));
}

#[test]
fn a_date_line_right_above_the_headline_is_the_article_date() {
    let page = r#"<head><meta name="date" content="2020-02-12"></head><body><div class="news-single-timedata">05.02.2020</div><h1>Title</h1><p>Text.</p></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2020-02-05"));
}

#[test]
fn a_namespaced_meta_key_ending_in_a_publication_word() {
    let page = r#"<head><meta property="photos:uploaded" content="2013-02-16T04:36:36-05:00"><meta property="photos:rating" content="2019-01-01"></head><body><p>x</p></body>"#;
    let (value, from, _) = date_of(page, None).unwrap();
    assert_eq!(value, "2013-02-16T04:36:36-05:00");
    assert_eq!(from, "meta:photos:uploaded");
    // A bare `uploaded` key is no namespaced one, and `rating` says nothing.
    let page = r#"<head><meta name="uploaded" content="2013-02-16"></head><body><p>x</p></body>"#;
    assert_eq!(date(page, None), None);
}

#[test]
fn a_hatom_updated_class_beside_a_date_class_is_no_update() {
    let page = r#"<body><h1>H</h1><div class="post-meta"><a class="post-date updated">2. Februar 2022</a></div><p>Text.</p></body>"#;
    assert_eq!(
        date_of(page, None).map(|(d, f, _)| (d, f)),
        Some(("2022-02-02".to_string(), "element:date-hint".to_string()))
    );
    // Alone, or joined to the date word, `updated` still says update.
    for class in ["updated", "date-updated", "last-updated"] {
        let page = format!(
            r#"<body><h1>H</h1><p>Text.</p><time class="{class}" datetime="2022-02-02">2. Februar 2022</time></body>"#
        );
        assert_eq!(updated(&page).as_deref(), Some("2022-02-02"), "{class}");
        assert_ne!(date_of(&page, None).unwrap().1, "time", "{class}");
    }
}

#[test]
fn a_two_digit_year_is_read_in_a_date_element_only() {
    let page = r#"<body><h1>H</h1><div class="article-meta">Von: Jo Roe | <span>31.10.23</span></div><p>Text.</p></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2023-10-31"));
    // In running text it is not read; nor an impossible date, nor after a copyright sign.
    let page = r#"<body><h1>H</h1><p>Die Ausgabe 31.10.23 ist da.</p></body>"#;
    assert_eq!(date(page, None), None);
    for text in ["31.13.23", "© 31.10.23", "1.31.10.23"] {
        let page = format!(r#"<body><h1>H</h1><div class="date">{text}</div></body>"#);
        assert_eq!(date(&page, None), None, "{text}");
    }
}

#[test]
fn a_labelled_update_anywhere_is_a_last_resort() {
    let text = "<p>Some words of the page.</p>".repeat(100);
    let page = format!(
        r#"<body><h1>H</h1>{text}<p>Seit 4. August 2014 gilt das Gesetz.</p><p class="info">Letzte Änderung: 14.01.2022</p></body>"#
    );
    let (value, from, _) = date_of(&page, None).unwrap();
    assert_eq!(
        (value.as_str(), from.as_str()),
        ("2022-01-14", "fallback:text:labelled-updated")
    );
}

#[test]
fn a_sidebar_word_on_the_pages_wrapper_does_not_hide_its_dates() {
    // The wrapper names the layout (`has-sidebar`) and holds the headline and the text.
    let page = r#"<body><div class="main has-sidebar"><h1>H</h1><div class="post-meta">June 7, 2020</div><p>Text of the article.</p></div><div class="sidebar"><p>June 9, 2020</p></div></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2020-06-07"));
    // Without a headline, holding most of the text makes a wrapper.
    let page = r#"<body><div class="wrap sidebar"><div class="post-meta">June 7, 2020</div><p>The long text of the article, most of the page.</p></div><p>Menu</p></body>"#;
    assert_eq!(date(page, None).as_deref(), Some("2020-06-07"));
    // A real sidebar's dates are not the article's (the text near the headline is read
    // only as a weaker statement).
    let page = r#"<body><h1>H</h1><p>Text of the article.</p><div class="sidebar"><span class="date">June 9, 2020</span></div></body>"#;
    assert_eq!(date_of(page, None).unwrap().1, "text:headline");
}

#[test]
fn a_time_in_a_list_of_related_posts_is_not_the_articles() {
    let page = r#"<body><h1>H</h1><div class="byline"><span class="published">31. Oktober 2023</span></div><p>Text.</p><ul class="related-posts"><li><time class="published updated" datetime="2020-12-03 07:32:49">3.12.2020</time></li></ul></body>"#;
    assert_eq!(
        date_of(page, None).map(|(d, f, _)| (d, f)),
        Some(("2023-10-31".to_string(), "element:published".to_string()))
    );
}

#[test]
fn the_urls_day_outranks_a_tag_days_away_from_it() {
    let page = r#"<head><meta itemprop="datePublished" content="2019-06-17T18:28:00+0200"></head><body><h1>H</h1><p>x</p></body>"#;
    let url = Some("https://example.com/home/2017/7/12/a-story");
    let (value, from, _) = date_of(page, url).unwrap();
    assert_eq!((value.as_str(), from.as_str()), ("2017-07-12", "url"));
    // A day apart is a time zone: the tag stays.
    let url = Some("https://example.com/2019/06/16/a-story");
    assert_eq!(date_of(page, url).unwrap().1, "meta:datepublished");
}
