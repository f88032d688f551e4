//! The generic rules (`rules/_default.toml` alone, as on a site nobody wrote rules for,
//! without the generic boilerplate stage, which has tests of its own):
//! boilerplate lines they must remove, and real article sentences they must keep, each
//! tried where it is most at risk (the header and the footer zone of a short article).
//! A sentence wrongly removed here once is a regression test named for what broke.

use presswash::{Pipeline, Record, RuleSet};

fn generic() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::rules_only(RuleSet::embedded().unwrap().only_default()))
}

const BODY: &[&str] = &[
    "The city council voted on Tuesday to approve the new budget after a long debate.",
    "Officials said the plan would raise spending on schools and roads next year.",
    "Opposition members argued that the figures did not add up and asked for a review.",
    "The mayor is expected to sign the budget into law before the end of the month.",
];

/// A short article with `line` right after the headline and again just before the end.
fn article_with(line: &str) -> String {
    let mut lines = vec!["Council approves budget", line];
    lines.extend(BODY);
    lines.push(line);
    lines.push("The next council meeting is scheduled for early December.");
    lines.join("\n\n")
}

fn clean(text: &str) -> Record {
    generic()
        .run_one("t", text.as_bytes().to_vec())
        .unwrap_or_else(|r| panic!("rejected: {r:?}"))
}

#[test]
fn article_sentences_are_kept_in_header_and_footer() {
    let sentences = [
        "Image-conscious lenders have been quick to distance themselves from the figures.",
        "Photo-ID requirements for new accounts were struck down by a federal judge last month.",
        "Like many of his colleagues, Senator Brown declined to comment.",
        "Share prices of the largest banks fell sharply as investors rushed to follow the sell-off.",
        "Copyright experts note that the phrase all rights reserved has had no legal effect since 2000.",
        "Related: the bill also caps late fees at $8 for most cardholders.",
        "Recommended: at least three months of expenses in an emergency fund.",
        "More in store for borrowers",
        "Trending on Twitter",
        "Dated October 7, 2016, the letter was signed by 40 senators.",
        "Published on October 7, 2016, the report found widespread fraud.",
        "By Tuesday, the storm had moved out to sea.",
        "Credit card debt rose to a record in the third quarter.",
        "Pictures of the damage were shared widely on social media.",
        "Credit – and blame – for the slowdown in inflation went to falling energy prices.",
        "Photos by residents showed queues outside several branches on the high street.",
        "Images by the Hubble telescope were used in the bank's new banknote design.",
        "Picture by picture, the exhibition tells the story of the bank's 300 years.",
        "Credit: lending to households fell for a third month, figures showed.",
        "Latest on the inquiry",
        "Copyright 2023 filings rose sharply, the US Copyright Office said.",
        "© 2023 was her breakthrough year, she told reporters afterwards.",
        "Search teams worked through the night.",
        "Subscribe to the idea that growth will return, and you will be disappointed.",
        // Third review: sentences that report on sharing, republishing, copyright.
        "Share, like and comment buttons stay where they are, the company said.",
        "Like and comment counts will be hidden from users in Canada.",
        "This piece of legislation makes it illegal to republish private photos without consent, Senator Jane Ruiz said.",
        "This story has been updated: an earlier version said other outlets could republish the statement only with permission.",
        "Copyright 2023 filings rose sharply.",
        "Copyright 2022 applications from AI developers rose sharply",
        "(c) Member States transpose the rules by 2026",
        "(c) 2030 targets for offshore wind of 30 gigawatts",
        "© 1928 Walt Disney Productions. All rights reserved.",
        "Recommended: Memmo Alfama, a quiet hotel with a roof terrace",
        "See also: Park, a rooftop bar on top of a car park",
        "Credit – spreads on high-yield bonds narrowed to 310 basis points",
        "Photos: 112 black-and-white prints from Oaxaca and Los Angeles",
        "more from the hills than the sky can hold",
        "Most popular at Christmas were the guided bike tours",
    ];
    for sentence in sentences {
        let record = clean(&article_with(sentence));
        let kept = record.text.split("\n\n").filter(|p| *p == sentence).count();
        assert_eq!(kept, 2, "`{sentence}` was removed:\n{}", record.text);
        assert_eq!(record.source, None, "`{sentence}` gave a source");
        assert_eq!(record.date, None, "`{sentence}` gave a date");
    }
}

#[test]
fn page_chrome_words_in_the_middle_of_an_article_stay() {
    // Headings and list items that are also the names of page controls.
    for word in [
        "Search",
        "Advertising",
        "Print",
        "Email",
        "Listen",
        "Close",
        "Share",
    ] {
        // Headline and 4 lines: the header zone (5 lines) ends before the word, and the
        // 8 lines after it keep it out of the footer zone.
        let mut lines = vec!["Council approves budget"];
        lines.extend(BODY);
        lines.push(word);
        lines.extend(BODY);
        lines.extend(BODY);
        let record = clean(&lines.join("\n\n"));
        assert!(
            record.text.split("\n\n").any(|p| p == word),
            "`{word}` was removed"
        );
    }
}

#[test]
fn a_short_article_keeps_its_middle_line() {
    // Zones cover at most half of the document, rounding down: the middle line of a
    // five-line article is in neither zone.
    let text = "Instagram changes its buttons again\n\nThe test runs in six countries.\n\nShare, like and comment on this article!\n\nIt starts on Monday.\n\nUsers can opt out.";
    let record = clean(text);
    assert!(
        record.text.contains("Share, like and comment"),
        "{}",
        record.text
    );
}

#[test]
fn boilerplate_lines_are_removed() {
    // (line, where it goes: true = header, false = footer)
    let boilerplate = [
        ("icon bookmarkicon cameraicon checkicon chevron downicon fbicon mailicon", true),
        ("Published: October 7, 2016", true),
        ("Credit – Reuters", true),
        ("Photo: Getty Images", true),
        ("Share this article", true),
        ("Skip to main content", true),
        ("Listen to this article", true),
        ("5 min read", true),
        ("Accept all cookies", true),
        ("Share this with Facebook Twitter", true),
        ("Share: Facebook | Twitter | Email", false),
        ("Related Topics", false),
        ("More on this story", false),
        ("© DER SPIEGEL 2023", false),
        ("Alle Rechte vorbehalten", false),
        ("Popular on Facebook", false),
        ("READ MORE: Council faces budget shortfall", false),
        ("© 2016 Example News. All rights reserved.", false),
        ("Copyright © 2016 Example Media Group", false),
        ("Popular On Example News", false),
        ("More from Example News", false),
        ("Back to top", false),
        ("What do you think? Share, like and comment below!", false),
        ("This article is free and open source. You have permission to republish it under a Creative Commons license.", false),
    ];
    for (line, header) in boilerplate {
        let mut lines = vec!["Council approves budget"];
        if header {
            lines.push(line);
        }
        lines.extend(BODY);
        if !header {
            lines.push(line);
        }
        let record = clean(&lines.join("\n\n"));
        assert!(
            !record.text.contains(line),
            "`{line}` was kept:\n{}",
            record.text
        );
        assert_eq!(
            record.text,
            BODY.join("\n\n"),
            "article intact around `{line}`"
        );
    }
}

#[test]
fn a_comment_form_at_the_end_goes_but_a_comment_link_at_the_top_stays() {
    let form = "Leave a Reply\n\nYou are commenting using your Twitter account. Log Out / Change )\n\nConnecting to %s";
    let record = clean(&format!(
        "Council approves budget\n\n{}\n\n{form}",
        BODY.join("\n\n")
    ));
    assert_eq!(record.text, BODY.join("\n\n"));
    let record = clean(&format!(
        "Council approves budget\n\nPosted on October 9, 2016 by admin\n\nLeave a comment\n\n{}",
        BODY.join("\n\n")
    ));
    assert!(record.text.ends_with(BODY[3]), "{}", record.text);
}

#[test]
fn copyright_footers_give_a_name_like_source_or_none() {
    let cases = [
        ("© 2016 Example News. All rights reserved.", Some("Example News")),
        ("© Copyright 2016 Reuters. All rights reserved.", Some("Reuters")),
        (
            "© 2016 Cable News Network. Turner Broadcasting System, Inc. All Rights Reserved.",
            Some("Cable News Network"),
        ),
        ("Copyright © 2023 by John Smith. All rights reserved.", None),
        (
            "© 2023 Guardian News & Media Limited or its affiliated companies. All rights reserved.",
            None,
        ),
        ("Popular on Facebook", None),
        ("Popular On Example News", None),
        ("© 2023 Photo: AFP. All rights reserved.", None),
        ("Copyright © 2023 Privacy Policy All Rights Reserved", None),
        ("© 2023 DPG Media B.V. Alle rechten voorbehouden.", Some("DPG Media B.V")),
    ];
    for (footer, source) in cases {
        let text = format!(
            "Council approves budget\n\n{}\n\n{footer}",
            BODY.join("\n\n")
        );
        let record = clean(&text);
        assert_eq!(record.source.as_deref(), source, "{footer}");
        assert_eq!(record.text, BODY.join("\n\n"), "{footer} removed");
    }
}

#[test]
fn a_byline_in_the_header_names_the_authors() {
    let pipeline = Pipeline::new(RuleSet::embedded().unwrap());
    let text = "Council approves the budget\n\nBy Jane Doe and Jean-Luc O’Neil\n\nThe city council voted on Tuesday to approve the new budget after a long debate.\n\nBy the end of the night, the mayor had won.\n";
    let record = pipeline.run_one("t.txt", text.as_bytes().to_vec()).unwrap();
    assert_eq!(record.authors, vec!["Jane Doe", "Jean-Luc O’Neil"]);
    assert!(!record.text.contains("By Jane Doe"), "{}", record.text);
    assert!(
        record.text.contains("By the end of the night"),
        "{}",
        record.text
    );
    // Not a byline: lower-case words, or a sentence.
    for line in ["By the river", "By Tuesday, the council had voted."] {
        let text = format!("Headline of the story here\n\n{line}\n\nThe city council voted on Tuesday to approve the new budget after a long debate.\n");
        let record = pipeline.run_one("t.txt", text.into_bytes()).unwrap();
        assert!(record.authors.is_empty(), "{line}");
    }
}
