#!/usr/bin/env bash
# The metadata benchmarks side by side with htmldate and trafilatura: makes a Python venv
# under target/ (never committed), installs htmldate and trafilatura 2.3.1 into it, and
# runs `cargo bench --bench dates`, which runs htmldate (extensive and fast) on the
# htmldate set and trafilatura's metadata extraction on WCXB dev in the same run
# (scripts/htmldate_eval.py), then `cargo bench --bench page_metadata` (titles, authors,
# dates on WCXB dev, trafilatura through scripts/metadata_eval.py); each scores both tools
# with the same code and prints their pages/s on one core. Without Python, or without a way to install them, the benchmark runs alone and
# says why. The pages are read from ../shared/bench/ (skipped when absent).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/htmldate-venv
if ! command -v python3 >/dev/null 2>&1; then
    echo "htmldate side by side skipped: python3 is not installed" >&2
elif ! "$venv/bin/python" -c 'import htmldate, trafilatura' >/dev/null 2>&1; then
    mkdir -p target
    if ! { python3 -m venv "$venv" \
        && "$venv/bin/pip" install --quiet 'trafilatura==2.3.1' 'htmldate' 'lxml_html_clean'; }; then
        echo "htmldate side by side skipped: could not make $venv with htmldate and trafilatura" >&2
        rm -rf "$venv"
    fi
fi
"$venv/bin/python" -c 'import htmldate; print("htmldate", htmldate.__version__)' 2>/dev/null || true
cargo bench --bench dates
cargo bench --bench page_metadata
