"""`claimgraph export --format parquet` read by DuckDB and by Spark: Q1-Q4 of the peer
benchmark (../shared/bench/peers/) give the rows claimgraph's own queries give on the same
store, draw by draw."""

import datetime as dt
import importlib.util
import subprocess
import sys

import duckdb
import pytest

from conftest import run_cg

TABLES = ["claims", "actors", "articles", "outlets", "topics", "about", "denies",
          "said_by", "reported_in", "published_by", "via", "supports", "responds_to",
          "member_of", "quantities"]

# One text per question; `:name` are parameters. Times are compared as intervals: a claim
# said on a day (or in a month) overlaps [d1, d2] when it starts before the end of d2 and
# ends after the start of d1, as `said d1..d2` matches.
Q1 = """
SELECT c.said_text, c.speaker, c.cue, c.stance, c.text, c.publisher
FROM topics t JOIN about ab ON ab.topic_id = t.id JOIN claims c ON c.id = ab.claim_id
WHERE t.name = :topic AND c.said < :hi AND c.said_end > :lo
ORDER BY c.said, c.external_id"""
Q2 = """
SELECT c.external_id, c.said_text, c.cue, c.stance, c.text, c.publisher
FROM claims c WHERE c.speaker = :speaker
ORDER BY c.said, c.external_id"""
Q3 = """
SELECT d.external_id, d.speaker, d.said_text, d.text, o.external_id, o.said_text, o.text
FROM claims o JOIN denies dn ON dn.target_id = o.id JOIN claims d ON d.id = dn.claim_id
WHERE o.speaker = :speaker
ORDER BY d.said, d.external_id, o.external_id"""
Q4 = """
SELECT c.publisher, c.speaker, count(*) AS n
FROM topics t JOIN about ab ON ab.topic_id = t.id JOIN claims c ON c.id = ab.claim_id
WHERE t.name = :topic
GROUP BY c.publisher, c.speaker
ORDER BY n DESC, c.publisher NULLS FIRST, c.speaker
LIMIT 20"""
QUESTIONS = {"Q1": Q1, "Q2": Q2, "Q3": Q3, "Q4": Q4}


def peers_module(shared):
    path = shared / "bench" / "peers" / "run_peers.py"
    spec = importlib.util.spec_from_file_location("run_peers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def params(question, p):
    """The SQL parameters of a draw; times as UTC datetimes (the day d2 included)."""
    if question == "Q1":
        lo = dt.datetime.fromisoformat(p["d1"]).replace(tzinfo=dt.timezone.utc)
        hi = dt.datetime.fromisoformat(p["d2"]).replace(tzinfo=dt.timezone.utc)
        return {"topic": p["topic"], "lo": lo, "hi": hi + dt.timedelta(days=1)}
    if question == "Q4":
        return {"topic": p["topic"]}
    return {"speaker": p["speaker"]}


@pytest.fixture(scope="module")
def exported(cg_bin, shared, tmp_path_factory):
    """A generated corpus in a store, its Parquet export and the harness's draws."""
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
    assert out.startswith("wrote 15 Parquet tables"), out
    peers = peers_module(shared)
    draws = peers.draw_params(str(corpus), 6, 7)["measured"]
    peer = peers.ClaimgraphPeer(str(store_dir))
    peer.bin = cg_bin
    peer.mode = "cli"
    funcs = {"Q1": peer.q1, "Q2": peer.q2, "Q3": peer.q3, "Q4": peer.q4}
    expected = {q: [funcs[q](p) for p in draws[q]] for q in QUESTIONS}
    return {"dir": work / "parquet", "draws": draws, "expected": expected, "peers": peers}


def check(exported, run):
    fingerprint = exported["peers"].fingerprint
    nonempty = 0
    for q, sql in QUESTIONS.items():
        for p, want in zip(exported["draws"][q], exported["expected"][q]):
            got = run(sql, params(q, p))
            assert fingerprint(got) == fingerprint(want), (q, p, got[:3], want[:3])
            nonempty += bool(want)
    assert nonempty >= 12, "most draws have answers"


def test_duckdb_reads_the_tables_and_agrees(exported):
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for name in TABLES:
        path = str(exported["dir"] / (name + ".parquet"))
        con.execute("CREATE VIEW %s AS SELECT * FROM read_parquet('%s')" % (name, path))
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'claims'").fetchall())
    assert types["said"] == "TIMESTAMP WITH TIME ZONE"
    assert types["about"] == "VARCHAR[]"

    def run(sql, args):
        return [list(r) for r in con.execute(sql.replace(":", "$"), args).fetchall()]

    check(exported, run)


def test_spark_reads_the_tables_and_agrees(exported, spark):
    for name in TABLES:
        spark.read.parquet(str(exported["dir"] / (name + ".parquet"))).createOrReplaceTempView(name)
    schema = dict(spark.table("claims").dtypes)
    assert schema["said"] == "timestamp" and schema["about"] == "array<string>"

    def run(sql, args):
        args = {k: (v.replace(tzinfo=None) if isinstance(v, dt.datetime) else v)
                for k, v in args.items()}
        return [list(r) for r in spark.sql(sql, args=args).collect()]

    check(exported, run)
