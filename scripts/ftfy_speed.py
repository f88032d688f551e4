"""Times ftfy's fix_text on one core over corpora of JSON lines (one document per line),
as written by `cargo bench --bench repair`; prints MB/s per corpus, one per line.

MB are UTF-8 bytes / 1e6, as presswash counts them. Each document is one fix_text call,
as each is one repair_text call on the presswash side; the best of two passes is kept."""

import json
import sys
import time

import ftfy


def mb_per_s(path):
    with open(path, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        for doc in docs:
            ftfy.fix_text(doc)
        best = min(best, time.perf_counter() - started)
    return size / best


if __name__ == "__main__":
    for corpus in sys.argv[1:]:
        print(f"{mb_per_s(corpus):.4f}")
