//! Suggestions as rule-file text a person pastes into `rules/`: one section per group,
//! covered lines commented out, every string escaped so the result parses as TOML.

use super::{slug, GroupSuggestion, LineSuggestion, Pattern};

/// Renders suggestions as rule-file text: `header` (comment lines) first, then
/// one section per group, each meant to be saved as its own file. Lines that
/// existing rules already remove are written commented out. Output holding a
/// single group parses as TOML as is.
pub fn render_toml(groups: &[GroupSuggestion], header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        // A stray non-comment line would make the pasted file invalid.
        if !line.starts_with('#') {
            out.push_str("# ");
        }
        out.push_str(&comment_text(line));
        out.push('\n');
    }
    for group in groups {
        render_group(&mut out, group);
    }
    out
}

fn render_group(out: &mut String, group: &GroupSuggestion) {
    let name = group.group.as_deref();
    let title = name.map_or("source unknown".into(), |n| format!("source: {n}"));
    let file = Some(slug(name.unwrap_or(""), usize::MAX))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "my-site".into());
    let doc = format!(
        "{}: site template lines found by `presswash rules suggest`.",
        name.unwrap_or("Source unknown")
    );
    out.push_str(&format!(
        "\n# ---- {} ({} documents) ----\n",
        comment_text(&title),
        group.documents
    ));
    out.push_str(&format!(
        "# save as rules/{file}.toml\ndoc = {}\n",
        basic_string(&doc)
    ));
    match &group.signature {
        Some(sig) => out.push_str(&format!("[match]\ncontains = [{}]\n", basic_string(sig))),
        None => out.push_str(
            "# [match]: add a `contains` string or `regex` that only this site's pages hold\n\
             # [match]\n# contains = [\"...\"]\n",
        ),
    }
    for line in &group.lines {
        render_rule(out, line, group.documents);
    }
}

fn render_rule(out: &mut String, line: &LineSuggestion, group_docs: usize) {
    let (key, value) = match &line.pattern {
        Pattern::Literal(text) => ("literal", basic_string(text)),
        // Literal strings spare the reader a second layer of backslashes.
        Pattern::Regex(re) if !re.contains('\'') && !re.chars().any(char::is_control) => {
            ("regex", format!("'{re}'"))
        }
        Pattern::Regex(re) => ("regex", basic_string(re)),
    };
    let percent = (line.documents * 100 + group_docs / 2) / group_docs.max(1);
    let doc = format!(
        "Site template line: in {} of {group_docs} documents ({percent}%).",
        line.documents
    );
    let entry = format!(
        "[[rule]]\nid = {}\nkind = \"line\"\n{key} = {value}\ndoc = {}\n",
        basic_string(&line.id),
        basic_string(&doc)
    );
    out.push('\n');
    let Some((rule, n)) = &line.covered_by else {
        out.push_str(&entry);
        return;
    };
    let verdict = if *n >= line.documents {
        "no rule needed"
    } else {
        "check that rule before adding this one"
    };
    let rule = comment_text(rule);
    out.push_str(&format!(
        "# already removed by {rule} in {n} of {} documents: {verdict}\n",
        line.documents
    ));
    for entry_line in entry.lines() {
        out.push_str(&format!("# {entry_line}\n"));
    }
}

/// TOML comments may not hold control characters other than tab.
fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

fn basic_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
