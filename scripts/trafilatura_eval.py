"""Runs trafilatura 2.3.1 on benchmark pages for `cargo bench --bench html_extract`.

Reads JSON lines ({"id", "url", "html"}), extracts each page with trafilatura.extract
(its default settings, with the URL), on one core, and writes {"texts": [...], "seconds"}
to the output file, so that the same scoring code reads both tools' texts. Only
extraction is timed, in CPU seconds of this process (`time.process_time()`, the clock the
Rust side uses); with `--passes N` the pages are extracted N times and the median pass is
reported."""

import json
import sys
import time

import trafilatura


def main(src, dst, passes):
    with open(src, encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    times = []
    for _ in range(max(passes, 1)):
        texts = []
        started = time.process_time()
        for page in pages:
            text = trafilatura.extract(page["html"], url=page["url"])
            texts.append(text or "")
        times.append(time.process_time() - started)
    seconds = sorted(times)[len(times) // 2]
    with open(dst, "w", encoding="utf-8") as f:
        json.dump({"texts": texts, "seconds": seconds}, f)


if __name__ == "__main__":
    args = sys.argv[1:]
    passes = 1
    if args[:1] == ["--passes"]:
        passes, args = int(args[1]), args[2:]
    main(args[0], args[1], passes)
