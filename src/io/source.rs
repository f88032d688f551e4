//! From inputs to a stream of documents, in a fixed order.
//!
//! A file holds one document, unless its name (without `.gz`/`.zst`) ends in `.jsonl` or
//! `.ndjson` (one document per line, see [`jsonl`](crate::io::jsonl)) or `.warc` (one per
//! response record, see [`warc`](crate::io::warc)). A one-document file is handed on
//! unread, so that a worker thread reads it; a container is read here, one document at a
//! time, so memory stays flat however large it is. Stdin is one text document, a JSONL
//! stream, or a list of paths, as the caller says.

use std::io::BufRead;

use crate::document::{Document, Format};
use crate::io::jsonl::{FieldMap, JsonlDocs};
use crate::io::open::{decompressed, open, without_compression_suffix};
use crate::io::read::{expand, Input, InputSource};
use crate::io::warc::WarcDocs;
use crate::record::Reject;

/// What stdin holds when `-` is an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StdinAs {
    /// One text document (the default).
    #[default]
    Document,
    /// JSONL documents, one per line.
    Jsonl,
    /// Paths of inputs, one per line, each read like an input given on the command line.
    Paths,
}

/// How documents are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// A document over this many bytes (decompressed) is rejected (`too-large`).
    pub max_bytes: u64,
    /// Fields of JSONL input.
    pub fields: FieldMap,
    /// A URL for documents that do not come with one (`--url`).
    pub url: Option<String>,
    /// What documents are whose container does not say (`--format`).
    pub format: Format,
    /// What stdin holds.
    pub stdin: StdinAs,
}

/// One document on its way to a worker.
#[derive(Debug)]
pub enum Item {
    /// A file or stdin holding one document, not read yet.
    Unread(Input),
    /// A document already read from a container.
    Read(Box<Document>),
    /// An input or container entry that cannot become a document.
    Failed(Reject),
}

impl Item {
    /// The document, read now if it was not yet.
    pub fn into_document(self, options: &ReadOptions) -> Result<Document, Reject> {
        let mut doc = match self {
            Item::Unread(input) => {
                let bytes = input.read(options.max_bytes)?;
                Document::new(input.name, bytes)
            }
            Item::Read(doc) => *doc,
            Item::Failed(reject) => return Err(reject),
        };
        if doc.url.is_none() {
            doc.url.clone_from(&options.url);
        }
        if doc.format == Format::Auto {
            doc.format = options.format;
        }
        Ok(doc)
    }
}

/// The kinds of container told by a file's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Jsonl,
    Warc,
}

fn container(name: &str) -> Option<Container> {
    let name = without_compression_suffix(name).to_ascii_lowercase();
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(Container::Jsonl)
    } else if name.ends_with(".warc") {
        Some(Container::Warc)
    } else {
        None
    }
}

/// The documents of `inputs`, in order.
pub fn documents<I>(inputs: I, options: ReadOptions) -> Documents<I::IntoIter>
where
    I: IntoIterator<Item = Input>,
{
    Documents {
        inputs: inputs.into_iter(),
        inner: None,
        options,
    }
}

/// The iterator [`documents`] returns.
pub struct Documents<I> {
    inputs: I,
    /// The container (or list of paths) being read.
    inner: Option<Box<dyn Iterator<Item = Item> + Send>>,
    options: ReadOptions,
}

impl<I: Iterator<Item = Input>> Documents<I> {
    /// What one input gives: itself unread, or a container's documents.
    fn open(&self, input: Input) -> Result<Box<dyn Iterator<Item = Item> + Send>, Item> {
        let max = self.options.max_bytes;
        let fields = self.options.fields.clone();
        let name = input.name.clone();
        let reader: Box<dyn BufRead + Send> = match &input.source {
            InputSource::Stdin => match self.options.stdin {
                StdinAs::Document => return Err(Item::Unread(input)),
                StdinAs::Jsonl | StdinAs::Paths => {
                    decompressed(std::io::stdin()).map_err(|e| Item::Failed(input.io_reject(&e)))?
                }
            },
            InputSource::File(path) => match container(&name) {
                None => return Err(Item::Unread(input)),
                Some(_) => open(path).map_err(|e| Item::Failed(input.io_reject(&e)))?,
            },
            InputSource::Failed { .. } => return Err(Item::Unread(input)),
        };
        let as_items = |docs: Box<dyn Iterator<Item = Result<Document, Reject>> + Send>| {
            Box::new(docs.map(|d| d.map_or_else(Item::Failed, |doc| Item::Read(Box::new(doc)))))
                as Box<dyn Iterator<Item = Item> + Send>
        };
        Ok(match (&input.source, container(&name)) {
            (InputSource::Stdin, _) if self.options.stdin == StdinAs::Paths => {
                let options = self.options.clone();
                Box::new(reader.lines().flat_map(move |line| {
                    let paths = match line {
                        Ok(line) if line.trim().is_empty() => Vec::new(),
                        Ok(line) => expand(&[line], &[]).inputs,
                        Err(err) => vec![Input {
                            name: "-".into(),
                            source: InputSource::Failed {
                                reason: "unreadable",
                                detail: format!("reading the list of paths stopped: {err}"),
                            },
                        }],
                    };
                    let mut options = options.clone();
                    // A path listed on stdin that is `-` is not stdin again.
                    options.stdin = StdinAs::Document;
                    documents(paths, options)
                }))
            }
            (InputSource::Stdin, _) => {
                as_items(Box::new(JsonlDocs::new(reader, name, fields, max)))
            }
            (_, Some(Container::Warc)) => as_items(Box::new(WarcDocs::new(reader, name, max))),
            _ => as_items(Box::new(JsonlDocs::new(reader, name, fields, max))),
        })
    }
}

impl<I: Iterator<Item = Input>> Iterator for Documents<I> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(inner) = &mut self.inner {
                if let Some(item) = inner.next() {
                    return Some(item);
                }
                self.inner = None;
            }
            let input = self.inputs.next()?;
            match self.open(input) {
                Ok(inner) => self.inner = Some(inner),
                Err(item) => return Some(item),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> ReadOptions {
        ReadOptions {
            max_bytes: 1 << 20,
            fields: FieldMap::default(),
            url: Some("https://given.example/".into()),
            format: Format::Auto,
            stdin: StdinAs::Document,
        }
    }

    #[test]
    fn containers_give_their_documents_in_order_between_plain_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "plain a").unwrap();
        std::fs::write(
            dir.path().join("b.jsonl"),
            "{\"text\":\"one\",\"url\":\"https://b.example/1\"}\n{\"text\":\"two\"}\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("c.txt"), "plain c").unwrap();
        let found = expand(&[dir.path().display().to_string()], &[]);
        let docs: Vec<Document> = documents(found.inputs, options())
            .map(|item| item.into_document(&options()).unwrap())
            .collect();
        let bodies: Vec<&[u8]> = docs.iter().map(|d| d.bytes.as_slice()).collect();
        assert_eq!(bodies, vec![&b"plain a"[..], b"one", b"two", b"plain c"]);
        assert_eq!(docs[1].url.as_deref(), Some("https://b.example/1"));
        assert_eq!(docs[2].url.as_deref(), Some("https://given.example/"));
    }

    #[test]
    fn container_kinds_are_told_by_name_without_compression() {
        assert_eq!(container("x/a.jsonl.gz"), Some(Container::Jsonl));
        assert_eq!(container("a.NDJSON"), Some(Container::Jsonl));
        assert_eq!(container("crawl.warc.zst"), Some(Container::Warc));
        assert_eq!(container("page.txt.gz"), None);
    }

    #[test]
    fn an_unreadable_container_is_one_reject() {
        let input = Input {
            name: "/nonexistent/x.jsonl".into(),
            source: InputSource::File("/nonexistent/x.jsonl".into()),
        };
        let items: Vec<Item> = documents(vec![input], options()).collect();
        assert_eq!(items.len(), 1);
        let reject = items
            .into_iter()
            .next()
            .unwrap()
            .into_document(&options())
            .unwrap_err();
        assert_eq!(reject.reason, "missing");
    }
}
