"""`claimgraph export --format parquet` read by DuckDB and by Spark: Q1-Q4 of the peer
benchmark (../shared/bench/peers/) give the rows claimgraph's own queries give on the same
store, draw by draw. The SQL is in scripts/parquet_questions.py."""

import datetime as dt
import subprocess
import sys

import duckdb
import pytest

from conftest import REPO, cg_query, run_cg

sys.path.insert(0, str(REPO / "scripts"))
import parquet_questions as pq_questions  # noqa: E402


@pytest.fixture(scope="module")
def exported(cg_bin, shared, tmp_path_factory):
    """A generated corpus in a store, its Parquet export, the harness's draws and
    claimgraph's answers to them."""
    work = tmp_path_factory.mktemp("peers")
    corpus = work / "claims.jsonl"
    subprocess.run([sys.executable, str(shared / "bench" / "gen_claims.py"), "--articles",
                    "1500", "--seed", "42", "--speakers", "300", "--topics", "60",
                    "--publishers", "20", "-o", str(corpus)], check=True)
    store_dir = work / "store"
    store_dir.mkdir()
    run_cg(cg_bin, store_dir / "claims.cg", "ingest", corpus)
    out = run_cg(cg_bin, store_dir / "claims.cg", "export", "--format", "parquet", "-o",
                 work / "parquet").stdout
    assert out.startswith("wrote 17 Parquet tables"), out
    peers = pq_questions.peers_module(str(shared))
    draws = peers.draw_params(str(corpus), 6, 7)["measured"]
    peer = peers.ClaimgraphPeer(str(store_dir))
    peer.bin = cg_bin
    peer.mode = "cli"
    funcs = {"Q1": peer.q1, "Q2": peer.q2, "Q3": peer.q3, "Q4": peer.q4}
    expected = {q: [funcs[q](p) for p in draws[q]] for q in pq_questions.QUESTIONS}
    return {"dir": work / "parquet", "store": store_dir / "claims.cg", "draws": draws,
            "expected": expected, "peers": peers}


def check(exported, run):
    fingerprint = exported["peers"].fingerprint
    answered = 0
    for q in pq_questions.QUESTIONS:
        for draw, want in zip(exported["draws"][q], exported["expected"][q]):
            got = run(q, draw)
            assert fingerprint(got) == fingerprint(want), (q, draw, got[:3], want[:3])
            answered += bool(want)
    assert answered >= 12, "most draws have answers"


def test_duckdb_reads_the_tables_and_agrees(exported):
    con = duckdb.connect()
    pq_questions.duckdb_views(con, str(exported["dir"]))
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'claims'").fetchall())
    assert types["said"] == "TIMESTAMP WITH TIME ZONE"
    assert types["about"] == "VARCHAR[]"
    check(exported, lambda q, draw: pq_questions.duckdb_run(con, q, draw))


def test_spark_reads_the_tables_and_agrees(exported, spark):
    for name in pq_questions.TABLES:
        spark.read.parquet(str(exported["dir"] / (name + ".parquet"))).createOrReplaceTempView(name)
    schema = dict(spark.table("claims").dtypes)
    assert schema["said"] == "timestamp" and schema["about"] == "array<string>"

    def run(q, draw):
        # Spark reads the session's time zone (UTC) for naive datetimes.
        args = {k: (v.replace(tzinfo=None) if isinstance(v, dt.datetime) else v)
                for k, v in pq_questions.params(q, draw).items()}
        return [list(r) for r in spark.sql(pq_questions.QUESTIONS[q], args=args).collect()]

    check(exported, run)


def test_stories_statements_and_spans_are_typed_and_agree_with_claimgraph(exported, cg_bin):
    con = duckdb.connect()
    pq_questions.duckdb_views(con, str(exported["dir"]))
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'claims'").fetchall())
    assert types["content_span"] == 'STRUCT("start" UINTEGER, "end" UINTEGER)[]', types
    assert types["cue_span"] == 'STRUCT("start" UINTEGER, "end" UINTEGER)'
    stories = con.execute("SELECT id, claims, article_count FROM stories "
                          "ORDER BY claims DESC, id LIMIT 3").fetchall()
    assert stories, "the linked store has stories"
    for story, claims, article_count in stories:
        ids = sorted(r[0] for r in con.execute(
            "SELECT external_id FROM claims WHERE story = ?", [story]).fetchall())
        cli = cg_query(cg_bin, exported["store"], "claims in story %s | limit 100000" % story)
        assert ids == sorted(row["id"] for row in cli), story
        assert len(ids) == claims
        (articles,) = con.execute("SELECT count(*) FROM articles WHERE story = ?",
                                  [story]).fetchone()
        assert articles == article_count
    # Every occurrence of a statement is a claim that names the statement.
    (orphans,) = con.execute(
        "SELECT count(*) FROM statements s, unnest(s.occurrences) AS o(claim_id) "
        "LEFT JOIN claims c ON c.id = o.claim_id WHERE c.statement IS DISTINCT FROM s.id"
    ).fetchone()
    assert orphans == 0
