//! WARC input (ISO 28500, versions 1.0 and 1.1): each `response` record with an HTTP
//! response becomes a document; other records (`request`, `warcinfo`, `metadata`, ...) are
//! passed over.
//!
//! A document's URL is the record's `WARC-Target-URI`; the `charset` of the HTTP
//! `Content-Type` is handed to decode as a hint, and an HTML media type marks the document
//! as HTML. Chunked transfer encoding and gzip/deflate content encoding are undone. A
//! response that is not a success (status other than 2xx) is a reject (`http-status`), as
//! is a record over the size cap (`too-large`, its bytes skipped unread). A file that stops
//! being WARC ends with one reject (`bad-warc`) naming where. Records are read one at a time;
//! the file is never held in memory. Decompression of `.warc.gz` happens below, in `open`.

use std::io::{BufRead, Read};

use crate::document::{Document, Format};
use crate::io::open::{read_capped, Capped};
use crate::record::Reject;

/// The documents of one WARC stream, in order.
pub struct WarcDocs<R> {
    reader: R,
    name: String,
    /// 1-based number of the record being read.
    record: usize,
    max_bytes: u64,
    done: bool,
}

/// The WARC headers presswash reads.
#[derive(Debug, Default)]
struct WarcHeader {
    kind: String,
    target_uri: Option<String>,
    content_type: String,
    length: u64,
}

impl<R: BufRead> WarcDocs<R> {
    /// Reads documents from `reader` (decompressed); `name` names them `<name>#<record>`.
    pub fn new(reader: R, name: impl Into<String>, max_bytes: u64) -> Self {
        WarcDocs {
            reader,
            name: name.into(),
            record: 0,
            max_bytes,
            done: false,
        }
    }

    fn reject(&self, reason: &str, detail: String) -> Reject {
        Reject {
            input: format!("{}#{}", self.name, self.record),
            stage: "read".into(),
            reason: reason.into(),
            detail,
        }
    }

    /// Stops reading: the rest of the file cannot be trusted to be WARC.
    fn broken(&mut self, detail: String) -> Reject {
        self.done = true;
        self.reject("bad-warc", detail)
    }

    /// One header line without its line break; `None` at the end of the stream.
    fn line(&mut self) -> std::io::Result<Option<String>> {
        let mut buf = Vec::new();
        let n = Read::take(&mut self.reader, 64 * 1024).read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
    }

    /// Reads the next record's header; `None` at a clean end of the stream.
    fn header(&mut self) -> Result<Option<WarcHeader>, Reject> {
        let io = |this: &mut Self, e: std::io::Error| this.broken(format!("reading stopped: {e}"));
        // Blank lines between records (the block's trailing CRLF CRLF) are skipped.
        let version = loop {
            match self.line() {
                Ok(None) => return Ok(None),
                Ok(Some(line)) if line.is_empty() => continue,
                Ok(Some(line)) => break line,
                Err(e) => return Err(io(self, e)),
            }
        };
        self.record += 1;
        if !version.starts_with("WARC/") {
            let shown: String = version.chars().take(40).collect();
            return Err(self.broken(format!(
                "expected a WARC record (a `WARC/1.x` line), found `{shown}`; the rest of the file was not read"
            )));
        }
        let mut header = WarcHeader::default();
        let mut length = None;
        loop {
            let line = match self.line() {
                Ok(Some(line)) => line,
                Ok(None) => return Err(self.broken("the file ends inside a record header".into())),
                Err(e) => return Err(io(self, e)),
            };
            if line.is_empty() {
                break;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.kind = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    header.target_uri = Some(value.trim_matches(['<', '>']).to_string())
                }
                "content-type" => header.content_type = value.to_ascii_lowercase(),
                "content-length" => length = value.parse::<u64>().ok(),
                _ => {}
            }
        }
        match length {
            Some(n) => header.length = n,
            None => {
                return Err(self.broken(
                    "a record has no valid Content-Length; the rest of the file was not read"
                        .into(),
                ))
            }
        }
        Ok(Some(header))
    }

    /// Skips `n` bytes of the stream.
    fn skip(&mut self, n: u64) -> Result<(), Reject> {
        let skipped = std::io::copy(&mut Read::take(&mut self.reader, n), &mut std::io::sink());
        match skipped {
            Ok(k) if k == n => Ok(()),
            Ok(_) => Err(self.broken("the file ends inside a record".into())),
            Err(e) => Err(self.broken(format!("reading stopped: {e}"))),
        }
    }
}

impl<R: BufRead> Iterator for WarcDocs<R> {
    type Item = Result<Document, Reject>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let header = match self.header() {
                Ok(Some(header)) => header,
                Ok(None) => return None,
                Err(reject) => return Some(Err(reject)),
            };
            let is_http = header.content_type.starts_with("application/http");
            if header.kind != "response" || !is_http {
                if let Err(reject) = self.skip(header.length) {
                    return Some(Err(reject));
                }
                continue;
            }
            // The HTTP headers are part of the block: allow them some room over the cap.
            let cap = self.max_bytes.saturating_add(64 * 1024);
            if header.length > cap {
                if let Err(reject) = self.skip(header.length) {
                    return Some(Err(reject));
                }
                let detail = format!(
                    "a response of {} bytes, over the limit of {} bytes (--max-bytes)",
                    header.length, self.max_bytes
                );
                return Some(Err(self.reject("too-large", detail)));
            }
            let mut block = Vec::with_capacity(header.length as usize);
            match Read::take(&mut self.reader, header.length).read_to_end(&mut block) {
                Ok(n) if n as u64 == header.length => {}
                Ok(_) => return Some(Err(self.broken("the file ends inside a record".into()))),
                Err(e) => return Some(Err(self.broken(format!("reading stopped: {e}")))),
            }
            let input = format!("{}#{}", self.name, self.record);
            let doc = http_document(&block, input, self.max_bytes)
                .map(|mut doc| {
                    doc.url = header.target_uri.clone();
                    doc
                })
                .map_err(|(reason, detail)| self.reject(reason, detail));
            return Some(doc);
        }
        None
    }
}

/// The document an HTTP response carries: its body, decoded from chunked transfer and
/// gzip/deflate content encoding, with the declared charset and media type.
fn http_document(
    block: &[u8],
    input: String,
    max_bytes: u64,
) -> Result<Document, (&'static str, String)> {
    let split = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)));
    let Some((head_end, body_start)) = split else {
        return Err(("bad-http", "the response has no end of HTTP headers".into()));
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            (
                "bad-http",
                format!("`{status_line}` is not an HTTP status line"),
            )
        })?;
    if !(200..300).contains(&status) {
        return Err((
            "http-status",
            format!("the server answered HTTP {status}, not a page"),
        ));
    }
    let (mut media_type, mut charset, mut chunked, mut encoding) =
        (String::new(), None, false, String::new());
    for line in lines {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "content-type" => {
                let mut parts = value.split(';');
                media_type = parts.next().unwrap_or("").trim().to_ascii_lowercase();
                charset = parts.find_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    k.trim()
                        .eq_ignore_ascii_case("charset")
                        .then(|| v.trim().trim_matches(['"', '\'']).to_string())
                });
            }
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = value.to_ascii_lowercase(),
            _ => {}
        }
    }
    let mut body = block[body_start..].to_vec();
    if chunked {
        body = dechunk(&body).ok_or(("bad-http", "broken chunked transfer encoding".into()))?;
    }
    body = match encoding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), max_bytes)?,
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..]), max_bytes)?,
        other => {
            return Err((
                "unsupported-encoding",
                format!("the body is compressed with `{other}`, which presswash does not unpack"),
            ))
        }
    };
    let mut doc = Document::new(input, body);
    doc.charset = charset;
    if media_type.contains("html") {
        doc.format = Format::Html;
    }
    Ok(doc)
}

fn inflate(reader: impl Read, max_bytes: u64) -> Result<Vec<u8>, (&'static str, String)> {
    match read_capped(reader, max_bytes) {
        Ok(Capped::Bytes(bytes)) => Ok(bytes),
        Ok(Capped::TooLarge) => Err((
            "too-large",
            format!("over the limit of {max_bytes} bytes once decompressed (--max-bytes)"),
        )),
        Err(e) => Err(("bad-http", format!("the compressed body is broken: {e}"))),
    }
}

/// Undoes chunked transfer encoding; `None` when the chunks are malformed.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WARC record of `kind` with `block` as its content.
    pub(crate) fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn docs(bytes: &[u8]) -> Vec<Result<Document, Reject>> {
        WarcDocs::new(bytes, "crawl.warc", 1 << 20).collect()
    }

    const HTTP: &str = "application/http; msgtype=response";

    #[test]
    fn responses_become_documents_with_url_and_charset() {
        let mut warc = record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: x\r\n",
        );
        warc.extend(record(
            "request",
            "http://a.example/",
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        let body = b"Caf\xe9 au lait";
        warc.extend(record(
            "response",
            "http://a.example/page",
            HTTP,
            &response(
                "200 OK",
                "Content-Type: text/plain; charset=ISO-8859-1\r\n",
                body,
            ),
        ));
        let out = docs(&warc);
        assert_eq!(out.len(), 1);
        let doc = out[0].as_ref().unwrap();
        assert_eq!(doc.bytes, body);
        assert_eq!(doc.url.as_deref(), Some("http://a.example/page"));
        assert_eq!(doc.charset.as_deref(), Some("ISO-8859-1"));
        assert_eq!(doc.input, "crawl.warc#3");
        assert_ne!(doc.format, Format::Html);
    }

    #[test]
    fn chunked_and_gzip_bodies_are_undone_and_errors_are_rejects() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>zipped</p>").unwrap();
        let zipped = gz.finish().unwrap();
        let mut warc = record(
            "response",
            "http://a.example/1",
            HTTP,
            &response(
                "200 OK",
                "Transfer-Encoding: chunked\r\nContent-Type: text/html\r\n",
                b"5\r\nHello\r\n6\r\n world\r\n0\r\n\r\n",
            ),
        );
        warc.extend(record(
            "response",
            "http://a.example/2",
            HTTP,
            &response("200 OK", "Content-Encoding: gzip\r\n", &zipped),
        ));
        warc.extend(record(
            "response",
            "http://a.example/3",
            HTTP,
            &response("404 Not Found", "", b"gone"),
        ));
        let out = docs(&warc);
        let first = out[0].as_ref().unwrap();
        assert_eq!(first.bytes, b"Hello world");
        assert_eq!(first.format, Format::Html);
        assert_eq!(out[1].as_ref().unwrap().bytes, b"<p>zipped</p>");
        assert_eq!(out[2].as_ref().unwrap_err().reason, "http-status");
    }

    #[test]
    fn a_file_that_is_not_warc_ends_with_one_reject() {
        let mut warc = record(
            "response",
            "http://a.example/",
            HTTP,
            &response("200 OK", "", b"ok"),
        );
        warc.extend(b"garbage that is not a record\r\n\r\nmore");
        let out = docs(&warc);
        assert_eq!(out.len(), 2);
        assert!(out[0].is_ok());
        assert_eq!(out[1].as_ref().unwrap_err().reason, "bad-warc");
        let truncated = &record("response", "u", HTTP, &response("200 OK", "", b"body"))[..80];
        assert_eq!(
            docs(truncated).last().unwrap().as_ref().unwrap_err().reason,
            "bad-warc"
        );
    }

    #[test]
    fn records_over_the_cap_are_skipped_unread() {
        let big = response("200 OK", "", &vec![b'a'; 200_000]);
        let mut warc = record("response", "http://a.example/big", HTTP, &big);
        warc.extend(record(
            "response",
            "http://a.example/small",
            HTTP,
            &response("200 OK", "", b"small"),
        ));
        let out: Vec<_> = WarcDocs::new(&warc[..], "w", 1000).collect();
        assert_eq!(out[0].as_ref().unwrap_err().reason, "too-large");
        assert_eq!(out[1].as_ref().unwrap().bytes, b"small");
    }
}
