//! `presswash explain`: one document line by line, with what happened to each line and
//! why, for the person writing or debugging a rule file.
//!
//! The document goes through the same pipeline as in a run; nothing here changes what a
//! run does. A rejected document is explained up to the stage that rejected it.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::document::{Document, Fate};
use crate::pipeline::Pipeline;
use crate::record::Reject;
use crate::stages::generic::reason;

/// What happened to one document.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// The input as named on the command line.
    pub input: String,
    /// The URL the document came with, if any.
    pub url: Option<String>,
    /// The encoding it was read in and how that was decided, once decoded.
    pub encoding: Option<String>,
    /// The rule files that applied, in the order their rules ran, with where each is from.
    pub rule_files: Vec<FileApplied>,
    /// Every line with visible text, in input order.
    pub lines: Vec<LineExplained>,
    /// The value chosen for each field, and where it came from.
    pub fields: Vec<FieldChosen>,
    /// The stage that rejected the document, if one did.
    pub reject: Option<Reject>,
}

/// A rule file that applied.
#[derive(Debug, Clone, Serialize)]
pub struct FileApplied {
    /// The file name, e.g. `rt.toml`.
    pub name: String,
    /// Where it was loaded from.
    pub origin: String,
}

/// What happened to one line.
#[derive(Debug, Clone, Serialize)]
pub struct LineExplained {
    /// The 1-based input line.
    pub line: usize,
    /// `kept`, `removed` or `title`.
    pub fate: &'static str,
    /// The line's text after normalization.
    pub text: String,
    /// For a removed line, the qualified id of the rule that removed it.
    pub rule: Option<String>,
    /// The file of that rule, as loaded.
    pub file: Option<String>,
    /// What a rule cut from the start of the line, and which rule.
    pub trimmed: Option<(String, String)>,
    /// The kinds of change normalization made to the line.
    pub normalized: Vec<&'static str>,
    /// Field values proposed from this line: `(field, value, by)`.
    pub captured: Vec<(&'static str, String, String)>,
}

/// A field's chosen value.
#[derive(Debug, Clone, Serialize)]
pub struct FieldChosen {
    /// `title`, `date`, `source` or `updated`.
    pub field: &'static str,
    /// The value.
    pub value: String,
    /// The rule id or heuristic that proposed it.
    pub from: String,
    /// The input line it was read from.
    pub line: usize,
}

/// Runs `doc` through the pipeline and records what happened to each line.
pub fn explain(pipeline: &Pipeline, doc: Document) -> Explanation {
    let (doc, reject) = pipeline.trace(doc);
    let rules = pipeline.rules();
    // The generic stage's removals come from no file: say which stage made them.
    let origin_of = |rule: &str| {
        if reason::is_generic(rule) {
            Some("the generic boilerplate stage".to_string())
        } else {
            rules.file_of(rule).map(|f| f.origin.clone())
        }
    };
    let lines = doc
        .blocks
        .iter()
        .map(|block| {
            let (fate, rule) = match &block.fate {
                Fate::Kept => ("kept", None),
                Fate::Title => ("title", None),
                Fate::Removed { rule } => ("removed", Some(rule.clone())),
            };
            LineExplained {
                line: block.line,
                fate,
                text: block.text.clone(),
                file: rule.as_deref().and_then(origin_of),
                rule,
                trimmed: block
                    .trimmed
                    .as_ref()
                    .map(|t| (t.rule.clone(), t.text.clone())),
                normalized: block.normalized.clone(),
                captured: doc
                    .candidates
                    .iter()
                    .filter(|c| c.line == block.line)
                    .map(|c| (c.field.name(), c.value.clone(), c.from.clone()))
                    .collect(),
            }
        })
        .collect();
    Explanation {
        input: doc.input.clone(),
        url: doc.url.clone(),
        encoding: doc
            .encoding
            .as_ref()
            .map(|e| format!("{} ({})", e.name, e.decided_by)),
        rule_files: doc
            .rule_files
            .iter()
            .map(|name| FileApplied {
                name: name.clone(),
                origin: rules
                    .files()
                    .iter()
                    .find(|f| f.name == *name)
                    .map_or_else(String::new, |f| f.origin.clone()),
            })
            .collect(),
        lines,
        fields: doc
            .chosen
            .iter()
            .map(|c| FieldChosen {
                field: c.field.name(),
                value: c.value.clone(),
                from: c.from.clone(),
                line: c.line,
            })
            .collect(),
        reject,
    }
}

const KEPT: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const REMOVED: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
const TITLE: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)))
    .bold();
const NOTE: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const DIM: Style = Style::new().dimmed();
const HEADING: Style = Style::new().bold();

impl Explanation {
    /// Writes the explanation for people: a header, one line per input line, the chosen
    /// fields. Styles are ANSI sequences; write through `anstream` to drop them where
    /// colour is off (not a terminal, `NO_COLOR`).
    pub fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{HEADING}{}{HEADING:#}", self.input)?;
        if let Some(url) = &self.url {
            writeln!(out, "  url:        {url}")?;
        }
        if let Some(encoding) = &self.encoding {
            writeln!(out, "  encoding:   {encoding}")?;
        }
        let files: Vec<String> = self
            .rule_files
            .iter()
            .map(|f| format!("{} ({})", f.name, f.origin))
            .collect();
        writeln!(out, "  rule files: {}", files.join(", "))?;
        writeln!(out)?;
        for line in &self.lines {
            let (style, label) = match line.fate {
                "kept" => (KEPT, "kept   "),
                "title" => (TITLE, "title  "),
                _ => (REMOVED, "removed"),
            };
            writeln!(
                out,
                "{DIM}{:>5}{DIM:#}  {style}{label}{style:#}  {}",
                line.line, line.text
            )?;
            if let (Some(rule), Some(file)) = (&line.rule, &line.file) {
                writeln!(
                    out,
                    "{:>16}{NOTE}by {rule}{NOTE:#} {DIM}({file}){DIM:#}",
                    ""
                )?;
            }
            if let Some((rule, text)) = &line.trimmed {
                writeln!(out, "{:>16}{NOTE}cut {text:?} by {rule}{NOTE:#}", "")?;
            }
            for (field, value, by) in &line.captured {
                writeln!(
                    out,
                    "{:>16}{NOTE}{field} = {value:?} proposed by {by}{NOTE:#}",
                    ""
                )?;
            }
            if !line.normalized.is_empty() {
                writeln!(
                    out,
                    "{:>16}{DIM}normalized: {}{DIM:#}",
                    "",
                    line.normalized.join(", ")
                )?;
            }
        }
        writeln!(out)?;
        for name in [
            "title", "date", "source", "updated", "authors", "url", "language",
        ] {
            let mut found = self.fields.iter().filter(|f| f.field == name).peekable();
            if found.peek().is_none() {
                writeln!(out, "  {name:<8} {DIM}null{DIM:#}")?;
            }
            for f in found {
                writeln!(
                    out,
                    "  {name:<8} {:?}  {DIM}from {}, line {}{DIM:#}",
                    f.value, f.from, f.line
                )?;
            }
        }
        if let Some(reject) = &self.reject {
            writeln!(
                out,
                "\n{REMOVED}rejected at {} ({}){REMOVED:#}: {}",
                reject.stage, reject.reason, reject.detail
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn explained(text: &str) -> Explanation {
        let pipeline = Pipeline::new(RuleSet::embedded().unwrap());
        explain(&pipeline, Document::new("t.txt", text.as_bytes().to_vec()))
    }

    #[test]
    fn removed_lines_name_their_rule_and_file() {
        let e = explained("Council approves the budget\n\nThe council voted on Tuesday to approve the new budget after a long debate.\n\nRead more: Budget talks stall again\n");
        let removed = e.lines.iter().find(|l| l.fate == "removed").unwrap();
        assert_eq!(removed.rule.as_deref(), Some("_default:read-more"));
        assert!(removed.file.as_deref().unwrap().contains("_default.toml"));
        assert_eq!(e.lines[0].fate, "title");
        let mut plain = Vec::new();
        e.render(&mut anstream::StripStream::new(&mut plain))
            .unwrap();
        let plain = String::from_utf8(plain).unwrap();
        assert!(
            plain.contains("removed  Read more: Budget talks stall again"),
            "{plain}"
        );
        assert!(plain.contains("by _default:read-more"), "{plain}");
        assert!(!plain.contains('\u{1b}'), "no escape codes once stripped");
    }

    #[test]
    fn a_rejected_document_is_explained_up_to_the_rejection() {
        let e = explained("Share\nRead more: Budget talks stall again\n");
        let reject = e.reject.as_ref().expect("nothing is left");
        assert_eq!(reject.reason, "no-text");
        assert!(e.lines.iter().all(|l| l.fate == "removed"));
    }
}
