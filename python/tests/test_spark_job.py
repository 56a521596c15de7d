"""examples/spark/extract_job.py on a local Spark: its records ingest to the same stored
claims as `claimgraph ingest` of the feed itself."""

import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq

import claimgraph
from conftest import REPO, cg_query, run_cg

JOB = REPO / "examples" / "spark" / "extract_job.py"
AT = "2026-01-01T00:00:00Z"
ALL = "claims | limit 1000000"


def run_job(*args):
    proc = subprocess.run([sys.executable, str(JOB), "--master", "local[2]", *map(str, args)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def stored_claims(cg_bin, store):
    """Every stored claim, without what depends on ingest order (store ids)."""
    rows = cg_query(cg_bin, store, ALL)
    for row in rows:
        for key in ("claim", "id", "article_seq"):
            row.pop(key, None)
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))


def test_vmds_through_spark_ingests_like_the_feed(cg_bin, shared, tmp_path):
    feed = shared / "corpus" / "vmds" / "articles.plain.jsonl"
    out = tmp_path / "out"
    report = run_job(feed, out)
    n_feed = sum(1 for line in feed.open(encoding="utf-8") if line.strip())
    assert "extracted %d articles (0 failed)" % n_feed in report, report

    parts = sorted((out / "jsonl").glob("part-*"))
    run_cg(cg_bin, tmp_path / "spark.db", "ingest", *parts, "--ingested-at", AT)
    run_cg(cg_bin, tmp_path / "feed.db", "ingest", feed, "--ingested-at", AT)
    from_spark = stored_claims(cg_bin, tmp_path / "spark.db")
    from_feed = stored_claims(cg_bin, tmp_path / "feed.db")
    assert len(from_feed) > 1000, "the feed has claims"
    assert from_spark == from_feed

    # The Parquet records hold the same articles and claims, typed and nested.
    table = pq.read_table(out / "parquet")
    assert table.num_rows == n_feed
    claims = sum(len(c or []) for c in table.column("claims").to_pylist())
    assert claims == len(from_feed)


def test_flat_parquet_input(tmp_path):
    texts = [(REPO / "examples" / "aleppo.vi.txt").read_text(encoding="utf-8"),
             "The minister said on Monday that talks would resume. Rebels denied it.", ""]
    rows = pa.table({"id": ["a1", "a2", "a3"], "text": texts,
                     "published": ["2016-12-12", "2016-12-05", None],
                     "publisher": ["VnExpress", None, None]})
    pq.write_table(rows, tmp_path / "in.parquet")
    report = run_job(tmp_path / "in.parquet", tmp_path / "out")
    assert "extracted 2 articles (1 failed)" in report, report
    lines = [json.loads(line) for part in sorted((tmp_path / "out" / "jsonl").glob("part-*"))
             for line in part.read_text(encoding="utf-8").splitlines()]
    expected = claimgraph.extract_batch(texts[:2], published=["2016-12-12", "2016-12-05"],
                                        publisher=["VnExpress", None], ids=["a1", "a2"])
    assert sorted(lines, key=lambda r: r["article"]["id"]) == expected
    failed = [json.loads(line) for part in (tmp_path / "out" / "failed").glob("part-*")
              for line in part.read_text(encoding="utf-8").splitlines()]
    assert failed == [{"id": "a3"}]
