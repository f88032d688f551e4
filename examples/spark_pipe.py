"""Clean JSONL documents with presswash inside a Spark job, through RDD.pipe.

Each partition's documents are written to the stdin of one `presswash stream` process;
its stdout, one record per line in the same order, becomes the output partition. A fatal
presswash error exits non-zero, which fails (and retries) the task; rejects go to the
executors' stderr logs.

    spark-submit examples/spark_pipe.py INPUT.jsonl OUTPUT_DIR [PRESSWASH]

PRESSWASH is the presswash binary as the executors see it (default: `presswash` on PATH).
"""

import json
import sys

from pyspark.sql import SparkSession


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source, target = sys.argv[1], sys.argv[2]
    binary = sys.argv[3] if len(sys.argv) > 3 else "presswash"
    spark = SparkSession.builder.appName("presswash").getOrCreate()
    docs = spark.sparkContext.textFile(source)
    # -j 1: Spark already runs one task per core.
    records = docs.pipe(f"{binary} stream -j 1")
    # Keep what the records say; check each is JSON before writing it out.
    records.map(lambda line: json.dumps(json.loads(line), ensure_ascii=False)).saveAsTextFile(target)
    spark.stop()


if __name__ == "__main__":
    main()
