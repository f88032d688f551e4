//! Line shapes the boilerplate stage recognizes without a regex: icon-font label runs, and
//! whether a captured name reads as a publication's name.

/// Whether a line is a run of icon-font labels: it starts with `icon` and at least
/// `min_tokens` `icon…` tokens make it up, each label short (`icon chevron downicon fb…`).
/// Site templates print the names of their icon glyphs this way, and no sentence does.
pub fn is_icon_run(line: &str, min_tokens: usize) -> bool {
    const MAX_LABEL_WORDS: usize = 3;
    const MAX_LABEL_CHARS: usize = 24;
    let Some(rest) = line.strip_prefix("icon") else {
        return false;
    };
    // Each piece of the rest, split at `icon`, is the label of one token: as many pieces
    // as the line has `icon` tokens.
    let mut tokens = 0;
    for label in rest.split("icon") {
        let label = label.trim();
        if label.split_whitespace().count() > MAX_LABEL_WORDS
            || label.chars().count() > MAX_LABEL_CHARS
        {
            return false;
        }
        tokens += 1;
    }
    tokens >= min_tokens
}

/// Trims the punctuation a name captured from a footer line tends to carry.
pub(super) fn clean_name(raw: &str) -> Option<String> {
    let name = raw
        .trim()
        .trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '|' | '-' | '–' | '—'))
        .trim();
    (!name.is_empty() && name.chars().any(char::is_alphabetic)).then(|| name.to_string())
}

/// Whether a captured source reads as a publication's name rather than a phrase: at most
/// six words, each with a capital or a digit (`iTech Post`, `BBC News`, `20 Minutes`) or a
/// short connecting word (`of`, `the`, `&`, `de`, ...), and no footer-link or credit word
/// (`Privacy Policy`, `Photo: AFP`). `Guardian News & Media Limited or its affiliated
/// companies` and `by John Smith` are not names.
pub(super) fn is_name_like(name: &str) -> bool {
    const CONNECTORS: &[&str] = &[
        "&", "of", "the", "and", "for", "on", "at", "in", "de", "du", "des", "la", "le", "les",
        "el", "los", "las", "der", "die", "das", "und", "et", "y", "e", "di", "da", "do", "van",
        "von", "-", "–",
    ];
    // Footer links that stand where a copyright holder would (`© 2023 Privacy Policy. All
    // rights reserved.`), and credit labels.
    const NOT_NAMES: &[&str] = &[
        "privacy",
        "policy",
        "terms",
        "contact",
        "home",
        "about",
        "cookies",
        "cookie",
        "imprint",
        "impressum",
        "sitemap",
        "advertise",
        "careers",
        "help",
        "photo",
        "photograph",
        "image",
        "credit",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() <= 6
        && !name.contains([':', '|', '/'])
        && !words
            .iter()
            .any(|w| NOT_NAMES.contains(&w.to_lowercase().as_str()))
        && words.iter().any(|w| w.chars().any(char::is_uppercase))
        && words.iter().all(|w| {
            w.chars().any(|c| c.is_uppercase() || c.is_numeric()) || CONNECTORS.contains(w)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icon_runs_are_recognized_and_sentences_are_not() {
        let run =
            "icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon fbicon fm";
        assert!(is_icon_run(run, 4));
        assert!(!is_icon_run("icon cameraicon fm", 4));
        assert!(!is_icon_run(
            "iconic photographs of silicon valley were shown",
            2
        ));
        assert!(!is_icon_run("The icon of the movement spoke today.", 2));
    }

    #[test]
    fn sources_must_read_as_names() {
        for name in [
            "iTech Post",
            "BBC News",
            "20 Minutes",
            "The New York Times",
            "Le Monde",
        ] {
            assert!(is_name_like(name), "{name}");
        }
        for phrase in [
            "by John Smith",
            "Guardian News & Media Limited or its affiliated companies",
            "experts note that the phrase",
            "2016",
            "Privacy Policy",
            "Photo: AFP",
            "Contact Us",
        ] {
            assert!(!is_name_like(phrase), "{phrase}");
        }
    }
}
