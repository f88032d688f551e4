"""Runs htmldate or trafilatura on benchmark pages for `cargo bench --bench dates`.

Usage: htmldate_eval.py TOOL PAGES.jsonl OUT.json, TOOL one of
- `htmldate-extensive`: htmldate.find_date(html, url=url, original_date=True,
  extensive_search=True), what htmldate's own evaluation calls extensive;
- `htmldate-fast`: the same with extensive_search=False;
- `trafilatura`: the date of trafilatura.extract_metadata(html, default_url=url), its
  default settings.

Reads JSON lines ({"id", "url", "html"}), runs the tool on each page on one core, and
writes {"dates": [...], "seconds"} (a date or null per page) to OUT, so that the same
scoring code reads every tool's dates. Only the date finding is timed."""

import json
import logging
import sys
import time


def main(tool, src, dst):
    logging.disable(logging.CRITICAL)
    with open(src, encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    if tool.startswith("htmldate"):
        from htmldate import find_date

        extensive = tool == "htmldate-extensive"

        def run(page):
            return find_date(
                page["html"],
                url=page["url"] or None,
                original_date=True,
                extensive_search=extensive,
            )

    elif tool == "trafilatura":
        from trafilatura import extract_metadata

        def run(page):
            meta = extract_metadata(page["html"], default_url=page["url"] or None)
            return meta.date if meta is not None else None

    else:
        raise SystemExit(f"unknown tool {tool}")
    dates = []
    started = time.perf_counter()
    for page in pages:
        try:
            date = run(page)
        except Exception:  # a tool's failure on one page is a missing date
            date = None
        dates.append(date or None)
    seconds = time.perf_counter() - started
    with open(dst, "w", encoding="utf-8") as f:
        json.dump({"dates": dates, "seconds": seconds}, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
