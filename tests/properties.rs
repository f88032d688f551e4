//! Property tests for the invariants users rely on: no input makes presswash panic, every
//! input ends as exactly one record or one reject, a record's text is already normalized
//! (normalizing it again changes nothing), and any rule file either loads or fails with a
//! position.

use proptest::prelude::*;

use presswash::progress::ProgressMode;
use presswash::run::{run_batch, BatchOptions, Target};
use presswash::stages::normalize::{normalize_text, NormalizeChanges, NormalizeOptions};
use presswash::{Pipeline, Record, RuleSet};

/// Bytes that look like scraped text often enough to reach every stage: seed lines, odd
/// characters, boilerplate markers, and raw bytes.
fn document_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"\n".to_vec()),
        Just(b"\n\n".to_vec()),
        Just("Leave a Reply\n".as_bytes().to_vec()),
        Just("Connecting to %s".as_bytes().to_vec()),
        Just(
            "© 2017 Example News All rights reserved."
                .as_bytes()
                .to_vec()
        ),
        Just("7 Oct, 2016 19:40\n".as_bytes().to_vec()),
        Just("date 2016-11-08 ".as_bytes().to_vec()),
        Just(
            "icon bookmarkicon cameraicon checkicon fbicon fm"
                .as_bytes()
                .to_vec()
        ),
        Just(
            "Russia´s \u{a0}\u{200b}e\u{301} “quoted” text."
                .as_bytes()
                .to_vec()
        ),
        "[a-zA-Z ,.]{0,40}".prop_map(String::into_bytes),
        any::<String>().prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..24),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// Markup that reaches the extract stage's and page metadata's code paths: heads, meta
/// tags, JSON-LD (whole, cut, nested), titles, bylines, `<time>`, and raw bytes between.
fn page_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just("<html lang=\"de\"><head>".to_string()),
        Just("</head><body>".to_string()),
        Just("<title>Story | Site</title>".to_string()),
        Just("<meta property=\"article:published_time\" content=\"2016-11-08T10:00:00+01:00\">".to_string()),
        Just("<meta name=\"author\" content=\"By Jane Doe and John Roe\">".to_string()),
        Just("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":[{\"name\":\"A B\"}],\"@graph\":[[{\"@type\":\"WebSite\",\"name\":\"S\"}]]}</script>".to_string()),
        Just("<script type=application/ld+json>{\"@type\":".to_string()),
        Just("<h1>Council approves the budget</h1>".to_string()),
        Just("<p class=byline>By Jane Doe · <time datetime=\"2016-11-08\">8 Nov 2016</time></p>".to_string()),
        Just("<link rel=canonical href=\"/a/b\">".to_string()),
        Just("<p>The city council voted on Tuesday to approve the new budget.</p>".to_string()),
        "[<>/a-z =\"']{0,30}",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat().into_bytes())
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(RuleSet::embedded().unwrap()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_give_a_record_or_a_reject_and_records_are_normalized(bytes in document_bytes()) {
        match pipeline().run_one("p", bytes) {
            Ok(record) => {
                prop_assert!(!record.text.is_empty());
                let mut changes = NormalizeChanges::default();
                let again = normalize_text(&record.text, &NormalizeOptions::default(), &mut changes);
                prop_assert_eq!(&again, &record.text);
                prop_assert!(!record.text.contains("\n\n\n"));
            }
            Err(reject) => {
                prop_assert!(!reject.reason.is_empty());
                prop_assert!(!reject.detail.is_empty());
            }
        }
    }

    #[test]
    fn any_page_gives_a_record_or_a_reject(page in page_bytes(), url in prop_oneof![Just(None), Just(Some("https://www.example.com/2016/11/08/story"))]) {
        let mut doc = presswash::Document::new("p.html", page);
        doc.format = presswash::document::Format::Html;
        doc.url = url.map(str::to_string);
        match pipeline().run_document(doc) {
            Ok(record) => prop_assert!(!record.text.is_empty()),
            Err(reject) => prop_assert!(!reject.detail.is_empty()),
        }
    }

    #[test]
    fn arbitrary_raw_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = pipeline().run_one("p", bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_input_of_a_batch_is_accounted_for(docs in proptest::collection::vec(document_bytes(), 0..12)) {
        let dir = tempfile::tempdir().unwrap();
        let inputs = dir.path().join("in");
        std::fs::create_dir(&inputs).unwrap();
        for (i, bytes) in docs.iter().enumerate() {
            std::fs::write(inputs.join(format!("{i:03}.txt")), bytes).unwrap();
        }
        let records_path = dir.path().join("out.jsonl");
        let rejects_path = dir.path().join("rejects.jsonl");
        let options = BatchOptions {
            inputs: vec![inputs.display().to_string()],
            records: Target::File(records_path.clone()),
            rejects: Target::File(rejects_path.clone()),
            progress: ProgressMode::Off,
            quiet: true,
            max_bytes: presswash::run::DEFAULT_MAX_BYTES,
            url: None,
            count_recurring: true,
            threads: 2,
            ..BatchOptions::default()
        };
        let summary = run_batch(pipeline(), &options).unwrap();
        let records = std::fs::read_to_string(&records_path).unwrap();
        let rejects = std::fs::read_to_string(&rejects_path).unwrap();
        let records: Vec<Record> = records.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let rejects: Vec<presswash::Reject> = rejects.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        prop_assert_eq!(records.len() + rejects.len(), docs.len());
        prop_assert_eq!(summary.records, records.len());
        prop_assert_eq!(summary.rejected(), rejects.len());
        // Order follows the inputs, and each input appears once.
        let mut names: Vec<&str> = records.iter().map(|r| r.input.as_str())
            .chain(rejects.iter().map(|r| r.input.as_str())).collect();
        names.sort_unstable();
        names.dedup();
        prop_assert_eq!(names.len(), docs.len());
        let record_names: Vec<&str> = records.iter().map(|r| r.input.as_str()).collect();
        let mut sorted = record_names.clone();
        sorted.sort_unstable();
        prop_assert_eq!(record_names, sorted);
    }
}

/// Text that looks like a rule file often enough to reach every check.
fn rule_file_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("[match]\ncontains = [\"x\"]\n".to_string()),
        Just("[[rule]]\nid = \"r\"\nkind = \"line\"\n".to_string()),
        Just("regex = '^a'\n".to_string()),
        Just("regex = '('\n".to_string()),
        Just("literal = \"To Top\"\n".to_string()),
        Just("kind = \"section\"\nstart = 'a'\n".to_string()),
        Just("zone = \"footer\"\n".to_string()),
        Just("[zones]\nfooter_lines = 3\n".to_string()),
        Just("[normalize]\nquotes = \"ascii\"\n".to_string()),
        Just("regex = '(?P<date>\\d+)'\n".to_string()),
        "[a-z_]{1,8} = [0-9\"']{0,4}\n",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

proptest! {
    // Each case compiles every shipped rule file too, so fewer cases keep this quick.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_rule_file_loads_or_fails_with_a_position(text in rule_file_text(), default in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let name = if default { "_default.toml" } else { "site.toml" };
        std::fs::write(dir.path().join(name), &text).unwrap();
        match RuleSet::load(Some(dir.path())) {
            Ok(_) => {}
            Err(presswash::rules::LoadError::Rules(errors)) => {
                prop_assert!(!errors.is_empty());
                for err in errors {
                    prop_assert!(err.file.ends_with(name));
                    prop_assert!(err.line >= 1 && err.line <= text.lines().count().max(1) + 1);
                    prop_assert!(err.column >= 1);
                    prop_assert!(!err.message.is_empty());
                }
            }
            Err(other) => prop_assert!(false, "unexpected error: {other}"),
        }
    }
}
