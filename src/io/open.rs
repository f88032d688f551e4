//! Opening input bytes: transparent decompression and reading under a size cap.
//!
//! gzip (multi-member too, as `cat a.gz b.gz` and WARC.gz files are) and zstd are told by
//! their magic bytes, not their names, so a `.txt` that is really gzip still reads. Every
//! read here is capped: a document over the cap is refused without holding more than the
//! cap in memory. Nothing here knows what a document is.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// How a byte stream is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed (or in a format presswash does not unpack).
    None,
    /// gzip, one member or several.
    Gzip,
    /// Zstandard, one frame or several.
    Zstd,
}

impl Compression {
    /// The compression whose magic bytes `head` starts with.
    pub fn sniff(head: &[u8]) -> Compression {
        match head {
            [0x1f, 0x8b, ..] => Compression::Gzip,
            [0x28, 0xb5, 0x2f, 0xfd, ..] => Compression::Zstd,
            _ => Compression::None,
        }
    }
}

/// A buffered reader of `reader`'s bytes, decompressed when they start with gzip or zstd
/// magic bytes.
pub fn decompressed<R: Read + Send + 'static>(reader: R) -> io::Result<Box<dyn BufRead + Send>> {
    let mut buffered = BufReader::with_capacity(64 * 1024, reader);
    let compression = Compression::sniff(buffered.fill_buf()?);
    Ok(match compression {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            64 * 1024,
            flate2::bufread::MultiGzDecoder::new(buffered),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            64 * 1024,
            zstd::stream::read::Decoder::with_buffer(buffered)?,
        )),
    })
}

/// Opens `path` for reading, decompressed when it is gzip or zstd.
pub fn open(path: &Path) -> io::Result<Box<dyn BufRead + Send>> {
    decompressed(File::open(path)?)
}

/// What [`read_capped`] found.
#[derive(Debug)]
pub enum Capped {
    /// All the bytes, at most the cap.
    Bytes(Vec<u8>),
    /// There were more bytes than the cap; reading stopped there.
    TooLarge,
}

/// Reads `reader` to its end, or stops after `max_bytes` + 1 bytes and says it was too
/// large.
pub fn read_capped(reader: impl Read, max_bytes: u64) -> io::Result<Capped> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Ok(Capped::TooLarge);
    }
    Ok(Capped::Bytes(bytes))
}

/// The name without a compression suffix: `a.warc.gz` -> `a.warc`, `b.jsonl.zst` ->
/// `b.jsonl`; for telling containers by name.
pub fn without_compression_suffix(name: &str) -> &str {
    [".gz", ".zst", ".zstd"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    fn read_all(bytes: Vec<u8>) -> Vec<u8> {
        let mut out = Vec::new();
        decompressed(io::Cursor::new(bytes))
            .unwrap()
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn multi_member_gzip_reads_every_member() {
        let mut two = gzip(b"first member\n");
        two.extend(gzip(b"second member\n"));
        assert_eq!(read_all(two), b"first member\nsecond member\n");
    }

    #[test]
    fn zstd_and_plain_bytes_read_transparently() {
        let packed = zstd::encode_all(&b"zstd text"[..], 3).unwrap();
        assert_eq!(read_all(packed), b"zstd text");
        assert_eq!(read_all(b"plain".to_vec()), b"plain");
        assert_eq!(read_all(Vec::new()), b"");
    }

    #[test]
    fn a_cap_stops_reading_past_it() {
        let bomb = gzip(&vec![b'a'; 1 << 20]);
        let reader = decompressed(io::Cursor::new(bomb)).unwrap();
        assert!(matches!(
            read_capped(reader, 1000).unwrap(),
            Capped::TooLarge
        ));
        let Capped::Bytes(b) = read_capped(&b"12345"[..], 5).unwrap() else {
            panic!("5 bytes fit a cap of 5")
        };
        assert_eq!(b, b"12345");
    }

    #[test]
    fn compression_suffixes_come_off() {
        assert_eq!(without_compression_suffix("a.warc.gz"), "a.warc");
        assert_eq!(without_compression_suffix("b.jsonl.zst"), "b.jsonl");
        assert_eq!(without_compression_suffix("c.txt"), "c.txt");
    }
}
