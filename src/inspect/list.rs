//! `presswash rules list`: every loaded rule with its file, kind, zone and documentation,
//! and what each file applies to.

use std::io::{self, Write};

use serde::Serialize;

use crate::rules::{RuleFile, RuleKind, RuleSet, Zone};

/// One rule, as listed.
#[derive(Debug, Clone, Serialize)]
pub struct RuleListed {
    /// The qualified id, `<file stem>:<id>`.
    pub id: String,
    /// The file it is written in, as loaded.
    pub file: String,
    /// `line`, `section`, `icon_run` or `dateline`.
    pub kind: &'static str,
    /// `any`, `header`, `footer` or `edges`.
    pub zone: &'static str,
    /// The rule's documentation.
    pub doc: Option<String>,
}

/// Every rule of the set, files in load order (`_default.toml` first).
pub fn list_rules(rules: &RuleSet) -> Vec<RuleListed> {
    rules
        .files()
        .iter()
        .flat_map(|file| {
            file.rules.iter().map(|rule| RuleListed {
                id: rule.id.clone(),
                file: file.origin.clone(),
                kind: match rule.kind {
                    RuleKind::Line(_) => "line",
                    RuleKind::Section { .. } => "section",
                    RuleKind::IconRun { .. } => "icon_run",
                    RuleKind::Dateline => "dateline",
                },
                zone: match rule.zone {
                    Zone::Any => "any",
                    Zone::Header => "header",
                    Zone::Footer => "footer",
                    Zone::Edges => "edges",
                },
                doc: rule.doc.clone(),
            })
        })
        .collect()
}

/// What a file applies to, in a phrase.
pub fn applies_to(file: &RuleFile) -> String {
    let Some(sig) = &file.signature else {
        return if file.name == crate::rules::DEFAULT_FILE {
            "every document".into()
        } else {
            "documents of the files that extend it".into()
        };
    };
    let mut parts = Vec::new();
    let quoted = |items: &[String]| {
        items
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !sig.domains.is_empty() {
        parts.push(format!("domains {}", quoted(&sig.domains)));
    }
    if !sig.url_globs.is_empty() {
        parts.push(format!("urls {}", quoted(&sig.url_globs)));
    }
    if !sig.path_globs.is_empty() {
        parts.push(format!("paths {}", quoted(&sig.path_globs)));
    }
    if !sig.contains.is_empty() {
        parts.push(format!("text containing {}", quoted(&sig.contains)));
    }
    let regexes: Vec<String> = sig.regexes.iter().map(|r| r.as_str().to_string()).collect();
    if !regexes.is_empty() {
        parts.push(format!("text matching {}", quoted(&regexes)));
    }
    parts.join("; or ")
}

/// Writes the list for people: each file with what it applies to, then its rules.
pub fn render_rule_list(rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    let listed = list_rules(rules);
    for file in rules.files() {
        writeln!(out, "{} ({})", file.name, file.origin)?;
        if let Some(doc) = &file.doc {
            writeln!(out, "  {doc}")?;
        }
        writeln!(out, "  applies to {}", applies_to(file))?;
        if !file.extends.is_empty() {
            let names: Vec<&str> = file.extends.iter().map(|(n, _)| n.as_str()).collect();
            writeln!(out, "  extends {}", names.join(", "))?;
        }
        for rule in listed.iter().filter(|r| r.file == file.origin) {
            writeln!(out, "    {}  [{}, zone {}]", rule.id, rule.kind, rule.zone)?;
            if let Some(doc) = &rule.doc {
                writeln!(out, "        {doc}")?;
            }
        }
        writeln!(out)?;
    }
    let tests: usize = rules.files().iter().map(|f| f.tests.len()).sum();
    writeln!(
        out,
        "{} rules in {} files, {tests} tests",
        listed.len(),
        rules.files().len()
    )
}
