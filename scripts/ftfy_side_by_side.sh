#!/usr/bin/env bash
# The repair benchmark side by side with ftfy 6.3.1: makes a Python venv under target/
# (never committed), installs ftfy into it, and runs `cargo bench --bench repair`, which
# times ftfy's fix_text on the same generated text when the venv is there. Without
# Python, or without a way to install ftfy, the benchmark runs alone and says why.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/ftfy-venv
if ! command -v python3 >/dev/null 2>&1; then
    echo "ftfy side by side skipped: python3 is not installed" >&2
elif ! "$venv/bin/python" -c 'import ftfy' >/dev/null 2>&1; then
    mkdir -p target
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet 'ftfy==6.3.1'; }; then
        echo "ftfy side by side skipped: could not make $venv with ftfy 6.3.1" >&2
        rm -rf "$venv"
    fi
fi
cargo bench --bench repair
