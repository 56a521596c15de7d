#!/usr/bin/env python3
"""claimgraph extraction as a Spark stage: article texts in, article records out.

Reads articles as JSON Lines or Parquet, either flat rows (`id`, `text`, and optionally
`published`, `publisher`, `lang`, `title`, `url`) or feed records
(`{"article": {"id", "text", ...}}`, as `claimgraph ingest` reads them). Each partition is
extracted by the `claimgraph` Python package through `mapInArrow`: one Arrow batch at a
time, on every core of the executor with the GIL released; the language data loads once
per Python worker (Spark reuses its workers), not per row.

Writes under OUTPUT:
  jsonl/    article records as JSON Lines (part files): `claimgraph ingest OUTPUT/jsonl/part-*`
            stores them, with the same claims as ingesting the input feed itself;
  parquet/  the same records as typed, nested Parquet, for Spark and DuckDB readers
            (`claimgraph ingest` reads JSON Lines, not this);
  failed/   ids of articles whose text could not be extracted (JSON Lines), if any.

Local:    python examples/spark/extract_job.py --master 'local[2]' feed.jsonl out/
Cluster:  spark-submit --master yarn --archives claimgraph-venv.tar.gz#environment \\
            examples/spark/extract_job.py s3://bucket/news/*.parquet s3://bucket/claims/
(docs/scale-out.md: installing the package on the executors.)
"""

import argparse
import os
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

# The columns extraction reads; all but id and text may be absent.
FIELDS = ["id", "text", "published", "publisher", "lang", "title", "url"]
OUT_SCHEMA = "id string, record string"


def extract_batches(batches):
    """mapInArrow: each Arrow batch of articles becomes a batch of (id, record JSON)."""
    import pyarrow as pa

    import claimgraph  # imported in the Python worker, once per worker process

    for batch in batches:
        column = batch.column
        records = claimgraph.extract_batch(
            column("text"),
            lang=column("lang"),
            published=column("published"),
            publisher=column("publisher"),
            ids=column("id"),
            titles=column("title"),
            urls=column("url"),
            as_json=True,
            errors="none",
        )
        yield pa.RecordBatch.from_arrays(
            [column("id"), pa.array(records, type=pa.string())], names=["id", "record"]
        )


def read_articles(spark, path, fmt):
    """The input as flat rows with every column of FIELDS (absent ones null)."""
    if fmt == "auto":
        fmt = "parquet" if path.rstrip("/").endswith(".parquet") else "json"
    df = spark.read.format(fmt).load(path)
    if "article" in df.columns:  # feed records: {"article": {...}}
        df = df.select("article.*")
    missing = [f for f in ("id", "text") if f not in df.columns]
    if missing:
        raise SystemExit("%s: no %s column" % (path, " or ".join(missing)))
    return df.select(
        [
            (F.col(f) if f in df.columns else F.lit(None)).cast("string").alias(f)
            for f in FIELDS
        ]
    )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSON Lines or Parquet articles (a file, directory or glob)")
    ap.add_argument("output", help="directory for jsonl/, parquet/ and failed/")
    ap.add_argument("--format", choices=["auto", "json", "parquet"], default="auto")
    ap.add_argument("--master", help="Spark master (default: spark-submit's, or local[*])")
    ap.add_argument("--partitions", type=int, help="repartition the input into N partitions")
    ap.add_argument("--batch-size", type=int, default=256,
                    help="articles per Arrow batch handed to extraction")
    args = ap.parse_args(argv)

    builder = SparkSession.builder.appName("claimgraph-extract")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # Local workers run this Python (with the package), not the first python3 on
            # PATH; on a cluster PYSPARK_PYTHON names the executors' environment.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch_size))
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    started = time.time()
    articles = read_articles(spark, args.input, args.format)
    if args.partitions:
        articles = articles.repartition(args.partitions)
    extracted = articles.mapInArrow(extract_batches, OUT_SCHEMA).cache()
    out = args.output.rstrip("/")
    done = extracted.where(F.col("record").isNotNull())
    done.select("record").write.mode("overwrite").text(out + "/jsonl")
    failed = extracted.where(F.col("record").isNull()).select("id")
    n_failed = failed.count()
    if n_failed:
        failed.write.mode("overwrite").json(out + "/failed")
    n_done = done.count()
    extract_secs = time.time() - started
    # Typed, nested Parquet of the same records, with the schema Spark infers from them.
    spark.read.json(out + "/jsonl").write.mode("overwrite").parquet(out + "/parquet")
    print(
        "extracted %d articles (%d failed) in %.2fs; wrote %s/jsonl and %s/parquet"
        % (n_done, n_failed, extract_secs, out, out)
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
