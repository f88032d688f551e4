#!/usr/bin/env bash
# Runs examples/spark_pipe.py on PySpark in local mode and checks that its records equal a
# local `presswash stream` run's over the same JSONL (every field but `input`, which is the
# line within the stream each process read). Not part of CI: it needs PyPI (PySpark
# goes into a venv under target/, never committed) and Java 17 or later.
#
#   scripts/spark_check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release -q
bin=$PWD/target/release/presswash
work=$PWD/target/spark-check
rm -rf "$work/in" "$work/out" && mkdir -p "$work/in"

if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q 'pyspark>=3.5,<5'
fi

# The JSONL input: each sample, in five variants, as {"id", "text", "n"}.
python3 - "$work/in/docs.jsonl" <<'PY'
import json, pathlib, sys
samples = sorted(pathlib.Path("samples").glob("*.txt"))
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for n in range(5):
        for path in samples:
            text = path.read_text(encoding="utf-8") + f"\n\nVariant {n} of this page.\n"
            out.write(json.dumps({"id": f"{path.stem}-{n}", "text": text, "n": n}) + "\n")
PY

"$bin" stream -j 1 < "$work/in/docs.jsonl" > "$work/local.jsonl"
PYSPARK_PYTHON="$work/venv/bin/python" "$work/venv/bin/spark-submit" --master 'local[2]' \
    examples/spark_pipe.py "$work/in/docs.jsonl" "$work/out" "$bin" 2> "$work/spark.log"

"$work/venv/bin/python" - "$work/local.jsonl" "$work/out" <<'PY'
import json, pathlib, sys
local = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
parts = sorted(pathlib.Path(sys.argv[2]).glob("part-*"))
spark = [json.loads(l) for p in parts for l in open(p, encoding="utf-8")]
# `input` is the line of the stream presswash read (`-:3`), and each Spark task pipes its own
# partition: it is the one field that may differ. Everything else must be equal, in order
# (Spark keeps partition order, presswash the order within a partition).
def without_input(records):
    return [{k: v for k, v in r.items() if k != "input"} for r in records]
if without_input(spark) != without_input(local):
    sys.exit(f"spark: {len(spark)} records, local: {len(local)}; they differ")
print(f"spark check: {len(spark)} records from {len(parts)} partitions equal the local run's (all fields but `input`)")
PY
