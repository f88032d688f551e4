"""Runs trafilatura 2.3.1's metadata extraction on benchmark pages for
`cargo bench --bench page_metadata`.

Reads JSON lines ({"id", "url", "html"}), runs trafilatura.extract_metadata (its default
settings, with the URL as default_url) on each page on one core, and writes
{"pages": [{"title", "author", "date"}], "seconds"} to the output file, so that the same
scoring code reads both tools' answers. Only the extraction is timed."""

import json
import sys
import time

import trafilatura


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    found = []
    started = time.perf_counter()
    for page in pages:
        meta = trafilatura.extract_metadata(page["html"], default_url=page["url"])
        if meta is None:
            found.append({"title": None, "author": None, "date": None})
        else:
            found.append({"title": meta.title, "author": meta.author, "date": meta.date})
    seconds = time.perf_counter() - started
    with open(dst, "w", encoding="utf-8") as f:
        json.dump({"pages": found, "seconds": seconds}, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
