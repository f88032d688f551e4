#!/usr/bin/env bash
# The page metadata benchmark (WCXB dev titles, authors, dates) side by side with trafilatura 2.3.1: makes a Python venv
# under target/ (never committed), installs trafilatura into it, and runs
# `cargo bench --bench page_metadata`, which runs trafilatura on the same pages in the same
# run (scripts/metadata_eval.py), scores both with the same code and prints the speed
# ratio. Without Python, or without a way to install trafilatura, the benchmark runs alone
# and says why. The pages are read from ../shared/bench/ (skipped when absent).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/trafilatura-venv
if ! command -v python3 >/dev/null 2>&1; then
    echo "trafilatura side by side skipped: python3 is not installed" >&2
elif ! "$venv/bin/python" -c 'import trafilatura' >/dev/null 2>&1; then
    mkdir -p target
    # lxml 6 moved lxml.html.clean (which jusText, a trafilatura dependency, imports) into
    # its own package.
    if ! { python3 -m venv "$venv" \
        && "$venv/bin/pip" install --quiet 'trafilatura==2.3.1' 'lxml_html_clean'; }; then
        echo "trafilatura side by side skipped: could not make $venv with trafilatura 2.3.1" >&2
        rm -rf "$venv"
    fi
fi
cargo bench --bench page_metadata
