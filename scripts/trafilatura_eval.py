"""Runs trafilatura 2.3.1 on benchmark pages for `cargo bench --bench html_extract`.

Reads JSON lines ({"id", "url", "html"}), extracts each page with trafilatura.extract
(its default settings, with the URL), on one core, and writes {"texts": [...], "seconds"}
to the output file, so that the same scoring code reads both tools' texts. Only
extraction is timed."""

import json
import sys
import time

import trafilatura


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    texts = []
    started = time.perf_counter()
    for page in pages:
        text = trafilatura.extract(page["html"], url=page["url"])
        texts.append(text or "")
    seconds = time.perf_counter() - started
    with open(dst, "w", encoding="utf-8") as f:
        json.dump({"texts": texts, "seconds": seconds}, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
