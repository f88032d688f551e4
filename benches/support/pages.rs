//! Reading the HTML benchmark sets' pages (`html_extract`, `page_metadata`, `dates`):
//! gzipped pages, and WCXB dev's page ids. One copy, so every benchmark reads the same bytes.

use std::io::Read;
use std::path::Path;

/// The bytes of a gzipped page of a set; a file that does not read stops the benchmark.
pub fn gunzip(path: &Path) -> Vec<u8> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(file)
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    out
}

/// The ids of WCXB dev's pages (`dev/html/<id>.html.gz` under `dir`), sorted.
pub fn page_ids(dir: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(dir.join("dev/html"))
        .expect("the pages folder reads")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".html.gz").map(str::to_string)
        })
        .collect();
    ids.sort();
    ids
}
