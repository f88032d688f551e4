//! The extract stage end to end: a page in, the record's text and title out, and the
//! pages that must not break it (deep nesting, huge, no body, broken markup, legacy bytes).

use crate::document::Format;
use crate::{Pipeline, Record, Reject, RuleSet};

fn run(page: &[u8]) -> Result<Record, Reject> {
    let pipeline = Pipeline::new(RuleSet::embedded().unwrap());
    let mut doc = crate::Document::new("page.html", page.to_vec());
    doc.format = Format::Html;
    pipeline.run_document(doc)
}

const ARTICLE: &str = "<p>The city council voted on Tuesday to approve the new budget, after a debate that ran late into the night.</p>\
<p>The mayor said the plan would fund two new libraries, more buses and repairs to the old bridge over the river.</p>\
<p>Opponents argued that the tax rise, the first in a decade, would hit small businesses hardest.</p>";

fn page(body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>Council | Example News</title></head><body>{body}</body></html>")
}

#[test]
fn the_article_comes_out_without_the_chrome() {
    let body = format!(
        "<header><a href=/>Example News</a><nav><ul><li><a href=/a>World</a></li><li><a href=/b>Sport</a></li></ul></nav></header>\
         <main><article><h1>Council approves the budget</h1><div class='share-bar'>Share on Facebook</div>{ARTICLE}\
         <div class='related'><h3>Related</h3><ul><li><a href=/x>Another story about the council</a></li></ul></div></article>\
         <section id='comments'><h3>Leave a Reply</h3><form><textarea></textarea><button>Post</button></form></section></main>\
         <footer>© 2024 Example News</footer>"
    );
    let record = run(page(&body).as_bytes()).unwrap();
    assert_eq!(record.title.as_deref(), Some("Council approves the budget"));
    assert!(
        record.text.starts_with("The city council voted"),
        "{}",
        record.text
    );
    assert_eq!(record.text.split("\n\n").count(), 3, "{}", record.text);
    for chrome in [
        "Share",
        "World",
        "Related",
        "Leave a Reply",
        "©",
        "Another story",
    ] {
        assert!(
            !record.text.contains(chrome),
            "{chrome} left in {}",
            record.text
        );
    }
    let html = record.metadata.html.expect("html metadata");
    for reason in ["share", "related", "comments", "header-footer", "invisible"] {
        assert!(
            html.dropped.contains_key(reason),
            "{reason} not counted: {:?}",
            html.dropped
        );
    }
}

#[test]
fn headings_lists_tables_quotes_and_code_keep_their_order() {
    let body = format!(
        "<article>{ARTICLE}<h2>What it pays for</h2><ul><li>two new libraries in the north</li><li>forty more buses on the night routes</li></ul>\
         <table><tr><th>Item</th><th>Cost</th></tr><tr><td>Bridge</td><td>4m</td></tr></table>\
         <blockquote><p>It is a good day for the city and for everyone who lives in it.</p></blockquote><pre>total = 12</pre>{ARTICLE}</article>"
    );
    let record = run(page(&body).as_bytes()).unwrap();
    let lines: Vec<&str> = record.text.split("\n\n").collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} missing: {}", record.text))
    };
    assert!(at("What it pays for") < at("- two new libraries"));
    assert!(at("- forty more buses") < at("Item | Cost"));
    assert!(at("Bridge | 4m") < at("It is a good day"));
    assert!(at("It is a good day") < at("total = 12"));
}

#[test]
fn a_page_without_body_or_html_tags_is_read() {
    let record = run(ARTICLE.as_bytes()).unwrap();
    assert!(record.text.contains("libraries"));
}

#[test]
fn broken_markup_is_read_as_a_browser_would() {
    let broken = "<div><p>The city council voted on Tuesday to approve the new budget, after a long debate<b><i>that ran</b> late into</i> the night.<p>Unclosed paragraph with <a href='x>a broken attribute and more words after it, many more words.</div></span></table>";
    let record = run(broken.as_bytes()).unwrap();
    assert!(
        record.text.contains("The city council voted"),
        "{}",
        record.text
    );
}

#[test]
fn legacy_bytes_are_decoded_by_the_meta_charset() {
    let mut bytes = b"<html><head><meta charset=\"windows-1252\"></head><body><article>".to_vec();
    bytes.extend_from_slice(ARTICLE.replace("mayor", "caf\u{e9} owner").as_bytes());
    let bytes: Vec<u8> = String::from_utf8(bytes)
        .unwrap()
        .chars()
        .map(|c| if c == 'é' { 0xE9 } else { c as u8 })
        .collect();
    let record = run(&bytes).unwrap();
    assert!(record.text.contains("café owner"), "{}", record.text);
    assert_eq!(record.metadata.encoding.decided_by, "meta");
}

#[test]
fn deep_nesting_is_rejected_in_bounded_time_without_overflow() {
    let deep = format!("<html><body>{}text", "<div>".repeat(100_000));
    let started = std::time::Instant::now();
    let reject = run(deep.as_bytes()).unwrap_err();
    assert_eq!(reject.reason, "too-complex");
    assert!(started.elapsed().as_secs() < 30);
    // Nesting that html5ever handles cheaply is read, 100,000 deep, on the test thread's stack.
    let deep_inline = format!(
        "<html><body><p>{}{}</p>",
        "<span>".repeat(100_000),
        &ARTICLE[3..]
    );
    let record = run(deep_inline.as_bytes()).unwrap();
    assert!(record.text.contains("libraries"));
}

#[test]
fn a_fifty_megabyte_page_is_read_in_bounded_time() {
    let mut body = String::with_capacity(52_000_000);
    while body.len() < 50_000_000 {
        body.push_str("<div class='item'><p>The city council voted on Tuesday to approve the new budget, after a debate.</p><a href='/x'>More</a></div>");
    }
    let started = std::time::Instant::now();
    let record = run(page(&body).as_bytes()).unwrap();
    assert!(record.text.contains("The city council voted"));
    assert!(started.elapsed().as_secs() < 120);
}

#[test]
fn a_page_of_only_chrome_is_rejected_with_the_reason() {
    let reject =
        run(page("<nav><a href=/>Home</a></nav><script>x()</script>").as_bytes()).unwrap_err();
    assert_eq!(
        (reject.stage.as_str(), reject.reason.as_str()),
        ("extract", "no-text")
    );
}

#[test]
fn text_input_passes_untouched() {
    let pipeline = Pipeline::new(RuleSet::embedded().unwrap());
    let record = pipeline
        .run_one("a.txt", b"Plain text, no markup at all.".to_vec())
        .unwrap();
    assert_eq!(record.text, "Plain text, no markup at all.");
    assert!(record.metadata.html.is_none());
}

#[test]
fn invalid_utf8_without_a_declaration_is_read_without_panic() {
    let mut bytes = page(ARTICLE).into_bytes();
    // Stray legacy bytes and a cut-off sequence in a page that declares nothing.
    let at = bytes.len() / 2;
    bytes.splice(at..at, [0xE9, 0xFF, 0xC3]);
    bytes.extend_from_slice(&[0xE2, 0x82]);
    let record = run(&bytes).unwrap();
    assert!(record.text.contains("libraries"), "{}", record.text);
}

#[test]
fn a_head_only_page_and_an_empty_body_are_rejected_not_panicking() {
    for page in [
        "<html><head><title>Only a title</title></head></html>",
        "<html><body></body></html>",
        "<!DOCTYPE html>",
    ] {
        let reject = run(page.as_bytes()).unwrap_err();
        assert!(
            ["no-text", "empty"].contains(&reject.reason.as_str()),
            "{page}: {reject:?}"
        );
    }
}

/// A listing of teasers, each a link around its headline and summary.
fn card_listing() -> String {
    let cards: String = [
        ("Storm closes the coastal road", "Heavy rain and high tides flooded the road on Sunday, and it stays shut until the water drains."),
        ("Library opens a second branch", "The new branch in the north of the city lends books, tools and games, and opens late twice a week."),
        ("Bakery wins the regional prize", "A family bakery that has made rye bread for forty years took the prize for the third time running."),
        ("School adds evening classes", "Adults can now learn languages, cooking and accounting at the school on weekday evenings from March."),
    ]
    .iter()
    .map(|(h, p)| format!("<div class='card'><a href='/x'><h3>{h}</h3><p>{p}</p></a></div>"))
    .collect();
    page(&format!(
        "<nav><a href=/>Home</a> <a href=/news>News</a></nav><main><h1>Local news</h1><div class='grid'>{cards}</div></main><footer>© Example</footer>"
    ))
}

#[test]
fn teaser_cards_wrapped_in_links_are_a_listings_content() {
    let record = run(card_listing().as_bytes()).unwrap();
    for needle in [
        "Storm closes the coastal road",
        "Heavy rain and high tides",
        "lends books, tools and games",
        "Adults can now learn",
    ] {
        assert!(
            record.text.contains(needle),
            "{needle} missing: {}",
            record.text
        );
    }
    assert!(!record.text.contains("Home"), "{}", record.text);
}

#[test]
fn a_linked_heading_over_its_excerpt_is_kept() {
    let posts: String = [
        ("Ten walks along the river", "From the old harbour to the weir, ten walks for every season, with maps, the distances and where to stop for lunch on the way."),
        ("How the old mill was saved", "Volunteers spent six winters repairing the wheel, the roof and the grinding stones, and the mill now opens to visitors every Saturday."),
        ("A guide to the spring market", "Stalls of seedlings, cheese, honey and bread fill the square in April, and here is what to buy, what to skip and when to arrive early."),
    ]
    .iter()
    .map(|(title, excerpt)| format!("<div class='post'><h2><a href='/p'>{title}</a></h2><p>{excerpt}</p></div>"))
    .collect();
    let body = format!("<main><h1>The blog</h1>{posts}<h3><a href='/all'>All posts</a></h3><ul><li><a href='/a'>Archive</a></li></ul></main>");
    let record = run(page(&body).as_bytes()).unwrap();
    for title in [
        "Ten walks along the river",
        "How the old mill was saved",
        "A guide to the spring market",
    ] {
        assert!(
            record.text.contains(title),
            "{title} missing: {}",
            record.text
        );
    }
    assert!(!record.text.contains("All posts"), "{}", record.text);
}

#[test]
fn a_data_tables_linked_cells_are_kept() {
    let rows: String = [
        ("1901", "Wilhelm Röntgen"),
        ("1902", "Hendrik Lorentz"),
        ("1903", "Marie Curie"),
    ]
    .iter()
    .map(|(year, name)| {
        format!("<tr><td><a href='/y'>{year}</a></td><td><a href='/n'>{name}</a></td></tr>")
    })
    .collect();
    let body = format!(
        "<article>{ARTICLE}<table><tr><th>Year</th><th>Laureate</th></tr>{rows}</table></article>"
    );
    let record = run(page(&body).as_bytes()).unwrap();
    assert!(
        record.text.contains("1902 | Hendrik Lorentz"),
        "{}",
        record.text
    );
    assert!(
        record.text.contains("1903 | Marie Curie"),
        "{}",
        record.text
    );
}

#[test]
fn collapsed_answers_are_kept_and_hidden_menus_and_microdata_are_not() {
    let answers: String = [
        ("How long does delivery take?", "Most orders arrive within three working days, and orders placed before noon on a weekday leave the warehouse the same afternoon, so you can usually expect them by the end of the week. Large items such as furniture come by a courier who calls a day ahead to agree on a time."),
        ("Can I return an item?", "You can return anything within thirty days of delivery, unused and in its original packaging, and we refund the full price to the card you paid with once the parcel reaches us. Print the label from your account page, or ask for one at any of our stores, and drop the parcel at a post office."),
    ]
    .iter()
    .map(|(q, a)| format!("<div class='faq-item'><h3>{q}</h3><div class='answer' hidden><p>{a}</p></div></div>"))
    .collect();
    let body = format!(
        "<div class='mobile-links' style='display:none'><a href=/a>Shop</a> <a href=/b>Sale</a> <a href=/c>Stores</a> <a href=/d>Gift cards for every occasion and every budget</a> <a href=/e>Help and contact</a></div>\
         <main><h1>Help</h1>{ARTICLE}{answers}\
         <div itemscope itemtype='https://schema.org/Article' style='display:none'><div itemprop='headline'>Help and answers to the questions our customers ask most often about orders</div><div itemprop='description'>Answers to the questions customers ask most about delivery times, returns, refunds and parcels, collected by our help team and updated every month.</div><div itemprop='datePublished'>2024-01-02T10:00:00+01:00</div></div></main>"
    );
    let record = run(page(&body).as_bytes()).unwrap();
    assert!(
        record
            .text
            .contains("Most orders arrive within three working days"),
        "{}",
        record.text
    );
    assert!(
        record.text.contains("You can return anything"),
        "{}",
        record.text
    );
    for hidden in [
        "Gift cards",
        "questions our customers ask",
        "collected by our help team",
        "2024-01-02",
    ] {
        assert!(!record.text.contains(hidden), "{hidden} in {}", record.text);
    }
}

#[test]
fn entries_with_taxonomy_classes_are_not_bylines() {
    let entries: String = [
        ("Ten walks along the river", "From the old harbour to the weir, ten walks for every season, with maps, the distances and where to stop for lunch."),
        ("How the old mill was saved", "Volunteers spent six winters repairing the wheel, the roof and the grinding stones, and the mill now opens on Saturdays."),
        ("A guide to the spring market", "Stalls of seedlings, cheese, honey and bread fill the square in April: what to buy, what to skip and when to arrive."),
    ]
    .iter()
    .map(|(h, p)| format!("<article class='tag-travel tag-date-ideas'><h2>{h}</h2><p>{p}</p><div class='byline'>By Ann Smith</div></article>"))
    .collect();
    let record = run(page(&format!("<main><h1>Travel</h1>{entries}</main>")).as_bytes()).unwrap();
    for needle in [
        "Ten walks along the river",
        "six winters repairing the wheel",
        "Stalls of seedlings",
    ] {
        assert!(
            record.text.contains(needle),
            "{needle} missing: {}",
            record.text
        );
    }
    assert!(!record.text.contains("By Ann Smith"), "{}", record.text);
}

#[test]
fn captions_are_a_spread_pages_entries_but_not_an_articles() {
    let captions = [
        "The harbour at dawn, seen from the lighthouse",
        "Fishing boats drawn up on the shingle beach",
        "The old customs house after its restoration",
        "Market day in the square below the church",
        "The pier in a winter storm, from the cliff path",
        "Lobster pots stacked on the quay",
        "The lifeboat crew launching at low tide",
        "Evening light over the estuary",
    ];
    let items: String = captions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let about = if i == 0 {
                "Taken in May, at first light, from the top."
            } else {
                "Photo by the editors"
            };
            format!("<div class='item'><figure><img src='/i.jpg'><figcaption>{c}</figcaption></figure><p>{about}</p></div>")
        })
        .collect();
    let gallery = page(&format!(
        "<main><h1>Photos of the coast</h1><div class='grid'>{items}</div></main>"
    ));
    let record = run(gallery.as_bytes()).unwrap();
    for caption in captions {
        assert!(
            record.text.contains(caption),
            "{caption} missing: {}",
            record.text
        );
    }
    let article = page(&format!(
        "<article><h1>Council approves the budget</h1><figure><img src='/i.jpg'><figcaption>The council chamber on Tuesday night</figcaption></figure>{ARTICLE}</article>"
    ));
    let record = run(article.as_bytes()).unwrap();
    assert!(
        record.text.starts_with("The city council"),
        "{}",
        record.text
    );
    assert!(!record.text.contains("council chamber"), "{}", record.text);
}

#[test]
fn an_entrys_header_on_a_page_of_articles_is_its_title_and_summary() {
    let entries: String = [
        ("Ten walks along the river", "From the old harbour to the weir, ten walks for every season, with maps and the distances."),
        ("How the old mill was saved", "Volunteers spent six winters repairing the wheel, the roof and the grinding stones of the mill."),
        ("A guide to the spring market", "Stalls of seedlings, cheese, honey and bread fill the square in April, and here is what to buy."),
    ]
    .iter()
    .map(|(h, p)| format!("<article class='river'><header><h2><a href='/p'>{h}</a></h2><p>{p}</p></header></article>"))
    .collect();
    let body =
        format!("<header><a href=/>Example</a></header><main><h1>Latest</h1>{entries}</main>");
    let record = run(page(&body).as_bytes()).unwrap();
    for needle in [
        "Ten walks along the river",
        "six winters repairing the wheel",
        "Stalls of seedlings",
    ] {
        assert!(
            record.text.contains(needle),
            "{needle} missing: {}",
            record.text
        );
    }
    assert!(!record.text.contains("Example"), "{}", record.text);
}

#[test]
fn a_spread_pages_linked_entry_titles_are_kept_whatever_their_element() {
    let titles = [
        "Ten walks along the river",
        "How the old mill was saved",
        "A guide to the spring market",
        "The harbour at dawn",
        "Lobster pots on the quay",
        "Evening light over the estuary",
        "The lifeboat crew at low tide",
        "Market day below the church",
    ];
    let items: String = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let about = if i == 0 {
                "Taken in May, at first light, from the top."
            } else {
                "By the editors"
            };
            format!("<div class='item'><div class='title'><a href='/p'>{t}</a></div><p>{about}</p></div>")
        })
        .collect();
    let body = format!("<main><h1>Stories</h1><div class='grid'>{items}</div></main>");
    let record = run(page(&body).as_bytes()).unwrap();
    for title in titles {
        assert!(
            record.text.contains(title),
            "{title} missing: {}",
            record.text
        );
    }
}

#[test]
fn a_best_element_holding_only_a_third_of_the_text_grows_to_hold_more() {
    // The paragraph holds 55 of the page's 163 characters: a third.
    let paragraph = "<div class='intro'><p>Our shop sells seeds, bulbs and tools, for gardens large or small.</p></div>";
    let items: String = (0..12)
        .map(|i| format!("<li>Seed kit {:02}</li>", i))
        .collect();
    let body = format!("<div class='page'>{paragraph}<ul>{items}</ul></div>");
    let record = run(page(&body).as_bytes()).unwrap();
    assert!(
        record.text.contains("Our shop sells seeds"),
        "{}",
        record.text
    );
    assert!(record.text.contains("Seed kit 07"), "{}", record.text);
}

#[test]
fn a_teasers_summary_in_an_aria_hidden_link_is_shown_text() {
    // Screen readers skip the summary's duplicate link; the eye reads it.
    let teasers: String = [
        ("Storm closes the coastal road", "Heavy rain and high tides flooded the road on Sunday, and it stays shut until the water drains."),
        ("Library opens a second branch", "The new branch in the north of the city lends books, tools and games, and opens late twice a week."),
        ("Bakery wins the regional prize", "A family bakery that has made rye bread for forty years took the prize for the third time running."),
    ]
    .iter()
    .map(|(h, p)| format!("<article class='teaser'><h2><a href='/x'>{h}</a></h2><p><a href='/x' aria-hidden='true' tabindex='-1'>{p}</a></p><div>2 hours ago</div></article>"))
    .collect();
    let body = format!("<main><h1>Local news</h1><section>{teasers}</section></main><div aria-hidden='true'><p>Menu</p></div>");
    let record = run(page(&body).as_bytes()).unwrap();
    for needle in ["Heavy rain and high tides", "lends books, tools and games"] {
        assert!(
            record.text.contains(needle),
            "{needle} missing: {}",
            record.text
        );
    }
    assert!(!record.text.contains("Menu"), "{}", record.text);
}

#[test]
fn a_heading_over_a_repeated_line_keeps_its_place() {
    // Every entry says "Free entry": the line is kept once, and every entry's heading stays.
    let events: String = [
        "Concert in the park",
        "Lantern walk by the canal",
        "Open day at the observatory",
    ]
    .iter()
    .map(|title| format!("<div class='event'><h2>{title}</h2><p>Free entry</p></div>"))
    .collect();
    let body = format!("<main><h1>Events this week</h1>{ARTICLE}{events}</main>");
    let record = run(page(&body).as_bytes()).unwrap();
    for title in [
        "Concert in the park",
        "Lantern walk by the canal",
        "Open day at the observatory",
    ] {
        assert!(
            record.text.contains(title),
            "{title} missing: {}",
            record.text
        );
    }
    assert_eq!(
        record.text.matches("Free entry").count(),
        1,
        "{}",
        record.text
    );
}

/// A story that holds under half of its page's text, beside `rest`.
fn story_beside(rest: &str) -> String {
    page(&format!(
        "<div class='page'><div class='story'>{ARTICLE}</div>{rest}</div>"
    ))
}

#[test]
fn a_best_element_holding_under_half_the_text_grows_over_plain_text_but_not_teasers() {
    let facts: String = (0..20)
        .map(|i| format!("<li>Ward {i:02} budget line</li>"))
        .collect();
    let record = run(story_beside(&format!("<ul class='facts'>{facts}</ul>")).as_bytes()).unwrap();
    assert!(record.text.contains("The mayor said"), "{}", record.text);
    assert!(
        record.text.contains("Ward 17 budget line"),
        "{}",
        record.text
    );

    let teasers: String = ["Storm closes the coastal road", "Library opens a second branch", "Bakery wins the regional prize", "School adds evening classes"]
        .iter()
        .map(|h| format!("<div class='item'><h3><a href='/x'>{h}</a></h3><div>Read the full report from our local desk today and see the pictures of the flooded streets</div></div>"))
        .collect();
    let record =
        run(story_beside(&format!("<div class='stories'>{teasers}</div>")).as_bytes()).unwrap();
    assert!(record.text.contains("The mayor said"), "{}", record.text);
    assert!(
        !record.text.contains("Read the full report"),
        "{}",
        record.text
    );
}
