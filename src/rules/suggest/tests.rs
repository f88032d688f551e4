//! Tests of line counting, selection and rendering.

use super::*;

/// Body lines must differ in letters: digits would fold them into one shape.
fn letters(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|d| (b'a' + d as u8 - b'0') as char)
        .collect()
}

fn add<S: AsRef<str>>(counter: &mut LineCounter, group: Option<&str>, texts: &[S]) {
    let lines: Vec<DocLine<'_>> = texts
        .iter()
        .map(|t| DocLine {
            text: t.as_ref(),
            removed_by: None,
        })
        .collect();
    counter.add_document(group, &lines);
}

fn opts(min_share: f64, min_docs: usize) -> SuggestOptions {
    SuggestOptions {
        min_share,
        min_docs,
    }
}

fn examples(group: &GroupSuggestion) -> Vec<&str> {
    group.lines.iter().map(|l| l.example.as_str()).collect()
}

#[test]
fn template_lines_found_and_body_lines_ignored() {
    let mut counter = LineCounter::new(1000);
    for d in 0..40 {
        let year = if d < 4 { 2023 } else { 2024 };
        let footer = format!("© {year} Example News. All rights reserved.");
        let body = format!("Story {} begins here", letters(d));
        add(
            &mut counter,
            Some("Example News"),
            &[body.as_str(), "Sign up for our newsletter", &footer],
        );
    }
    let groups = counter.suggest(&opts(0.5, 3));
    assert_eq!(groups.len(), 1);
    assert_eq!((groups[0].documents, counter.documents()), (40, 40));
    let lines = &groups[0].lines;
    assert_eq!(lines.len(), 2);
    assert!(lines
        .iter()
        .all(|l| l.documents == 40 && l.covered_by.is_none()));
    assert_eq!(
        lines[0].pattern,
        Pattern::Literal("Sign up for our newsletter".into())
    );
    assert_eq!(lines[0].id, "sign-up-for-our-newsletter");
    assert_eq!(lines[1].id, "example-news-all-rights-reserved");
    let Pattern::Regex(re) = &lines[1].pattern else {
        panic!("footer should generalize")
    };
    let re = regex::Regex::new(re).unwrap();
    assert!(re.is_match("© 2023 Example News. All rights reserved."));
    assert!(re.is_match("© 2024 Example News. All rights reserved."));
    assert_eq!(
        groups[0].signature.as_deref(),
        Some("Sign up for our newsletter")
    );
}

#[test]
fn line_in_one_document_never_suggested() {
    let mut counter = LineCounter::new(100);
    add(&mut counter, None, &["Only here once"]);
    for min_docs in [0, 1] {
        assert!(counter.suggest(&opts(0.0, min_docs)).is_empty());
    }
    add(&mut counter, None, &["Shared line", "Something else"]);
    add(&mut counter, None, &["Shared line", "Only here once"]);
    for min_docs in [0, 1] {
        let groups = counter.suggest(&opts(0.0, min_docs));
        assert_eq!(examples(&groups[0]), ["Only here once", "Shared line"]);
    }
}

#[test]
fn duplicates_within_a_document_count_once() {
    let mut counter = LineCounter::new(100);
    add(
        &mut counter,
        None,
        &["Share this", "Share this", "Share this"],
    );
    add(&mut counter, None, &["Share this"]);
    add(&mut counter, None, &["Something else"]);
    assert_eq!(counter.suggest(&opts(0.0, 2))[0].lines[0].documents, 2);
}

#[test]
fn memory_stays_bounded_and_frequent_line_survives() {
    let capacity = 50;
    let mut counter = LineCounter::new(capacity);
    for d in 0..2000 {
        let mut lines: Vec<String> = (0..10)
            .map(|i| format!("body {} part {}", letters(d), letters(i)))
            .collect();
        lines.push("Follow us on social media".into());
        add(&mut counter, None, &lines);
        assert!(counter.counters.len() <= capacity);
    }
    assert!(counter.max_undercount() > 0);
    let groups = counter.suggest(&opts(0.5, 2));
    assert_eq!(examples(&groups[0]), ["Follow us on social media"]);
    let found = groups[0].lines[0].documents;
    assert!(found <= 2000 && found + counter.max_undercount() >= 2000);
}

#[test]
fn counts_exact_within_capacity() {
    let mut counter = LineCounter::new(64);
    let mut expected: HashMap<String, usize> = HashMap::new();
    for d in 0..30 {
        let mut lines = vec!["Read more".to_string(), format!("Tag {}", letters(d % 5))];
        if d % 3 == 0 {
            lines.push("Weekend edition".into());
        }
        for line in &lines {
            *expected.entry(line.clone()).or_default() += 1;
        }
        add(&mut counter, None, &lines);
    }
    assert_eq!(counter.max_undercount(), 0);
    assert_eq!(counter.counters.len(), expected.len());
    for c in counter.counters.values() {
        assert_eq!(c.documents, expected[&c.example], "{}", c.example);
    }
}

#[test]
fn regex_generalizes_digits_and_literal_stays_literal() {
    let mut counter = LineCounter::new(100);
    let mut seen = Vec::new();
    for d in 0..6 {
        let lines = [
            format!("Comments ({})", d * 7),
            format!("Price: ${d}.{} [sale] *today* \\o/ (x|y)", d + 10),
            "Subscribe".to_string(),
        ];
        add(&mut counter, None, &lines);
        seen.extend(lines);
    }
    let groups = counter.suggest(&opts(0.5, 2));
    assert_eq!(groups[0].lines.len(), 3);
    for line in &groups[0].lines {
        match &line.pattern {
            Pattern::Literal(text) => assert_eq!(text, "Subscribe"),
            Pattern::Regex(re) => {
                let re = regex::Regex::new(re).unwrap();
                let matched = seen.iter().filter(|t| re.is_match(t)).count();
                assert_eq!(matched, 6, "{re}");
            }
        }
    }
    // No literal is long enough for a signature: [match] stays a comment.
    assert_eq!(groups[0].signature, None);
    let out = render_toml(&groups, "# header");
    assert!(
        out.contains("# ---- source unknown (6 documents) ----\n# save as rules/my-site.toml\n")
    );
    assert!(out.contains("# [match]\n# contains = [\"...\"]\n"));
    let value: toml::Value = toml::from_str(&out).unwrap();
    assert!(value.get("match").is_none());
    assert_eq!(value["rule"].as_array().unwrap().len(), 3);
}

#[test]
fn coverage_reported_and_rendered_commented_out() {
    let mut counter = LineCounter::new(100);
    for d in 0..10 {
        let other = if d < 6 {
            Some("site:tip")
        } else if d < 8 {
            Some("_default:tip")
        } else {
            None
        };
        let body = format!("Body {}", letters(d));
        let lines = [
            DocLine {
                text: "© Example News",
                removed_by: Some("_default:copyright"),
            },
            DocLine {
                text: "Send us a tip",
                removed_by: other,
            },
            DocLine {
                text: "Share on Facebook",
                removed_by: None,
            },
            DocLine {
                text: &body,
                removed_by: None,
            },
        ];
        counter.add_document(Some("Example"), &lines);
    }
    let groups = counter.suggest(&opts(0.5, 2));
    let cover = |text: &str| {
        let line = groups[0].lines.iter().find(|l| l.example == text).unwrap();
        line.covered_by.clone()
    };
    assert_eq!(
        cover("© Example News"),
        Some(("_default:copyright".into(), 10))
    );
    assert_eq!(cover("Send us a tip"), Some(("site:tip".into(), 8)));
    assert_eq!(cover("Share on Facebook"), None);
    let out = render_toml(&groups, "# suggested");
    assert!(out.contains(
            "# already removed by _default:copyright in 10 of 10 documents: no rule needed\n\
             # [[rule]]\n# id = \"example-news\"\n# kind = \"line\"\n# literal = \"© Example News\"\n"
        ));
    assert!(out.contains("# already removed by site:tip in 8 of 10 documents: check that rule"));
    let value: toml::Value = toml::from_str(&out).unwrap();
    let rules = value["rule"].as_array().unwrap();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0]["literal"].as_str(), Some("Share on Facebook"));
}

#[test]
fn groups_are_counted_separately() {
    let mut counter = LineCounter::new(100);
    for d in 0..10 {
        let body = format!("Body {}", letters(d));
        let odd = if d == 0 {
            "Seen once per site"
        } else {
            "Filler"
        };
        add(
            &mut counter,
            Some("Beta Times"),
            &["Beta Times navigation", odd, &body],
        );
        add(
            &mut counter,
            Some("Alpha Daily"),
            &["Alpha Daily newsletter box", odd, &body],
        );
        if d < 5 {
            add(&mut counter, None, &["Unknown footer line", &body]);
        }
    }
    let groups = counter.suggest(&opts(0.5, 2));
    let names: Vec<_> = groups.iter().map(|g| g.group.as_deref()).collect();
    assert_eq!(names, [Some("Alpha Daily"), Some("Beta Times"), None]);
    assert_eq!(
        examples(&groups[0]),
        ["Alpha Daily newsletter box", "Filler"]
    );
    assert_eq!(examples(&groups[1]), ["Beta Times navigation", "Filler"]);
    assert_eq!(examples(&groups[2]), ["Unknown footer line"]);
    assert_eq!((groups[0].lines[1].documents, groups[2].documents), (9, 5));
}

#[test]
fn trivial_lines_skipped_and_ids_unique() {
    let mut counter = LineCounter::new(100);
    for d in 0..5 {
        let number = d.to_string();
        let lines = [
            "|",
            "-",
            "1",
            &number,
            "••• ••• •••",
            "Read more about this story today",
        ];
        add(
            &mut counter,
            None,
            &[&lines[..], &["Read more about this story now"]].concat(),
        );
    }
    let ids: Vec<_> = counter.suggest(&opts(0.5, 2))[0]
        .lines
        .iter()
        .map(|l| l.id.clone())
        .collect();
    assert_eq!(
        ids,
        [
            "read-more-about-this-story",
            "read-more-about-this-story-2",
            "line"
        ]
    );
    let mut used = HashSet::from(["übersichtsseitenbeschriftungskomponenten".to_string()]);
    let long = "Übersichtsseitenbeschriftungskomponentenverwaltung Zeile";
    assert_eq!(
        unique_id(long, &mut used),
        "übersichtsseitenbeschriftungskomponent-2"
    );
}

#[test]
fn render_round_trips_tricky_text() {
    let tricky = [
        "He said \"subscribe\" now",
        r"Back\slash \d path",
        "It's the reader's choice",
        "Ünïcödé — newsletter ✉",
        "Tab\there and bell\u{7}",
    ];
    let mut counter = LineCounter::new(100);
    for d in 0..4 {
        let varying = [
            format!("Page {d} of 'the' \"site\""),
            format!("Seite {d} von {}", d + 1),
        ];
        let lines: Vec<&str> = tricky
            .iter()
            .copied()
            .chain(varying.iter().map(String::as_str))
            .collect();
        add(&mut counter, Some("Quote \"Site\"\nNews"), &lines);
    }
    let groups = counter.suggest(&opts(0.5, 2));
    let out = render_toml(&groups, "# Suggested rules\nsecond header line");
    let value: toml::Value = toml::from_str(&out).unwrap();
    assert_eq!(
        value["match"]["contains"][0].as_str(),
        groups[0].signature.as_deref()
    );
    let rules = value["rule"].as_array().unwrap();
    assert_eq!(rules.len(), groups[0].lines.len());
    for (rule, line) in rules.iter().zip(&groups[0].lines) {
        assert_eq!(rule["id"].as_str(), Some(line.id.as_str()));
        let (key, expected) = match &line.pattern {
            Pattern::Literal(text) => ("literal", text),
            Pattern::Regex(re) => ("regex", re),
        };
        assert_eq!(rule[key].as_str(), Some(expected.as_str()));
    }
    assert!(out.contains("regex = '^Seite \\d+ von \\d+$'"));
    assert!(out.contains("# save as rules/quote-site-news.toml"));
}
