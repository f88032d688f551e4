//! JSONL input: one document per line, a JSON object whose fields are mapped to the
//! document (`--text-field`, `--html-field`, `--url-field`, `--id-field`); every other
//! field is passed through to the record's `metadata.fields`.
//!
//! A line that cannot be a document (not JSON, not an object, no text, too long) is a reject
//! naming the file and line, and the reading goes on with the next line. Lines are read
//! one at a time under the size cap, so a huge file never sits in memory. Blank lines are
//! not documents.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};

use serde_json::Value;

use crate::document::{Document, Format};
use crate::record::Reject;

/// Which fields of a JSONL object hold what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    /// The field holding the text (default `text`).
    pub text: String,
    /// The field holding HTML, used when present (no default).
    pub html: Option<String>,
    /// The field holding the page URL (default `url`), used when it is a string.
    pub url: String,
    /// The field holding the document's id (default `id`), used when it is a string or a
    /// number; otherwise the id is made from the text's bytes.
    pub id: String,
}

impl Default for FieldMap {
    fn default() -> FieldMap {
        FieldMap {
            text: "text".into(),
            html: None,
            url: "url".into(),
            id: "id".into(),
        }
    }
}

/// The documents of one JSONL stream, in order.
pub struct JsonlDocs<R> {
    reader: R,
    name: String,
    line: usize,
    fields: FieldMap,
    max_bytes: u64,
    done: bool,
}

impl<R: BufRead> JsonlDocs<R> {
    /// Reads documents from `reader`; `name` (the file, or `-`) names them as
    /// `<name>:<line>`.
    pub fn new(reader: R, name: impl Into<String>, fields: FieldMap, max_bytes: u64) -> Self {
        JsonlDocs {
            reader,
            name: name.into(),
            line: 0,
            fields,
            max_bytes,
            done: false,
        }
    }

    fn reject(&self, reason: &str, detail: String) -> Reject {
        Reject {
            input: format!("{}:{}", self.name, self.line),
            stage: "read".into(),
            reason: reason.into(),
            detail,
        }
    }

    /// Reads the next line into `buf` (without its line break); `None` at the end.
    fn next_line(&mut self, buf: &mut Vec<u8>) -> Option<Result<(), Reject>> {
        buf.clear();
        let limit = self.max_bytes.saturating_add(2);
        let read = Read::take(&mut self.reader, limit).read_until(b'\n', buf);
        match read {
            Ok(0) => None,
            Err(err) => {
                self.done = true;
                self.line += 1;
                Some(Err(
                    self.reject("unreadable", format!("reading stopped: {err}"))
                ))
            }
            Ok(_) => {
                self.line += 1;
                let ended = buf.last() == Some(&b'\n');
                if ended {
                    buf.pop();
                    if buf.last() == Some(&b'\r') {
                        buf.pop();
                    }
                }
                if buf.len() as u64 > self.max_bytes {
                    if !ended {
                        // Skip the rest of the long line; the next one is a document again.
                        if let Err(err) = self.reader.skip_until(b'\n') {
                            self.done = true;
                            return Some(Err(
                                self.reject("unreadable", format!("reading stopped: {err}"))
                            ));
                        }
                    }
                    let detail = format!(
                        "a line longer than the limit of {} bytes (--max-bytes)",
                        self.max_bytes
                    );
                    return Some(Err(self.reject("too-large", detail)));
                }
                Some(Ok(()))
            }
        }
    }

    /// Turns one line's JSON into a document.
    fn document(&self, line: &[u8]) -> Result<Document, Reject> {
        let value: Value = serde_json::from_slice(line).map_err(|e| {
            self.reject(
                "bad-json",
                format!("the line is not JSON ({e}); JSONL input holds one object per line"),
            )
        })?;
        let Value::Object(object) = value else {
            return Err(self.reject(
                "bad-json",
                "the line is JSON but not an object; JSONL input holds one object per line".into(),
            ));
        };
        let mut fields: BTreeMap<String, Value> = object.into_iter().collect();
        let mapped = |key: &str| -> Result<Option<String>, Reject> {
            match fields.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => {
                    Err(self.reject("bad-field", format!("the field `{key}` is not a string")))
                }
            }
        };
        let html = match &self.fields.html {
            Some(key) => mapped(key)?.map(|h| (key.clone(), h)),
            None => None,
        };
        let (key, body, is_html) = match html {
            Some((key, html)) => (key, html, true),
            None => match mapped(&self.fields.text)? {
                Some(text) => (self.fields.text.clone(), text, false),
                None => {
                    let wanted = match &self.fields.html {
                        Some(h) => format!("`{}` or `{h}`", self.fields.text),
                        None => format!("`{}`", self.fields.text),
                    };
                    return Err(self.reject(
                        "no-text-field",
                        format!("the object has no string field {wanted}; name the field with --text-field or --html-field"),
                    ));
                }
            },
        };
        fields.remove(&key);
        let url = match fields.get(&self.fields.url) {
            Some(Value::String(url)) => Some(url.clone()),
            _ => None,
        };
        if url.is_some() {
            fields.remove(&self.fields.url);
        }
        let id = match fields.get(&self.fields.id) {
            Some(Value::String(id)) => Some(id.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        if id.is_some() {
            fields.remove(&self.fields.id);
        }
        let mut doc = Document::new(format!("{}:{}", self.name, self.line), body.into_bytes());
        doc.url = url;
        doc.id = id;
        if is_html {
            doc.format = Format::Html;
        }
        doc.fields = fields;
        Ok(doc)
    }
}

impl<R: BufRead> Iterator for JsonlDocs<R> {
    type Item = Result<Document, Reject>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        while !self.done {
            match self.next_line(&mut buf)? {
                Err(reject) => return Some(Err(reject)),
                Ok(()) if buf.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(()) => return Some(self.document(&buf)),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(text: &str, fields: FieldMap, max: u64) -> Vec<Result<Document, Reject>> {
        JsonlDocs::new(text.as_bytes(), "in.jsonl", fields, max).collect()
    }

    #[test]
    fn fields_are_mapped_and_the_rest_passed_through() {
        let text =
            "{\"text\":\"Hello\",\"url\":\"https://a.example/x\",\"id\":7,\"lang\":\"en\"}\n";
        let out = docs(text, FieldMap::default(), 1000);
        let doc = out[0].as_ref().unwrap();
        assert_eq!(doc.bytes, b"Hello");
        assert_eq!(doc.url.as_deref(), Some("https://a.example/x"));
        assert_eq!(doc.id.as_deref(), Some("7"));
        assert_eq!(doc.input, "in.jsonl:1");
        assert_eq!(doc.fields.keys().collect::<Vec<_>>(), vec!["lang"]);
        assert_ne!(doc.format, Format::Html);
    }

    #[test]
    fn the_html_field_wins_when_present() {
        let fields = FieldMap {
            text: "body".into(),
            html: Some("raw".into()),
            ..FieldMap::default()
        };
        let out = docs(
            "{\"body\":\"t\",\"raw\":\"<p>h</p>\"}\n{\"body\":\"only text\"}",
            fields,
            1000,
        );
        let first = out[0].as_ref().unwrap();
        assert_eq!(first.format, Format::Html);
        assert_eq!(first.bytes, b"<p>h</p>");
        assert!(first.fields.contains_key("body"));
        assert_eq!(out[1].as_ref().unwrap().bytes, b"only text");
    }

    #[test]
    fn bad_lines_are_rejects_naming_the_line_and_reading_goes_on() {
        let text = "not json\n\n[1]\n{\"title\":\"x\"}\n{\"text\":5}\n{\"text\":\"ok\"}\n";
        let out = docs(text, FieldMap::default(), 1000);
        let reasons: Vec<&str> = out
            .iter()
            .map(|r| r.as_ref().map_or_else(|e| e.reason.as_str(), |_| "ok"))
            .collect();
        assert_eq!(
            reasons,
            vec!["bad-json", "bad-json", "no-text-field", "bad-field", "ok"]
        );
        assert_eq!(out[1].as_ref().unwrap_err().input, "in.jsonl:3");
    }

    #[test]
    fn a_line_over_the_cap_is_skipped_whole() {
        let long = format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"short\"}}\n",
            "x".repeat(100)
        );
        let out = docs(&long, FieldMap::default(), 50);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].as_ref().unwrap_err().reason, "too-large");
        assert_eq!(out[1].as_ref().unwrap().bytes, b"short");
    }
}
