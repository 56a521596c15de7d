#!/usr/bin/env python3
"""Q1-Q4 of the peer benchmark (../shared/bench/peers/) as SQL over the Parquet tables of
`claimgraph export --format parquet`, for DuckDB and Spark; and, run as a script, DuckDB's
time for each question over the benchmark's own parameter draws.

    python3 scripts/parquet_questions.py --parquet DIR --corpus claims.jsonl [--draws 20]
        [--store STORE --bin target/release/claimgraph]

With `--store`, the same draws are also asked of claimgraph itself on the store that holds
the corpus, through the harness's own claimgraph peer (one long-lived `claimgraph shell`,
as the harness times it), and both times are printed side by side. The tests (python/tests/test_parquet_export.py) check that these answer as claimgraph's own
queries do; docs/scale-out.md has the figures.
"""

import argparse
import datetime as dt
import importlib.util
import os
import statistics
import time

TABLES = ["claims", "actors", "articles", "outlets", "topics", "stories", "statements",
          "quantities", "said_by",
          "reported_in", "published_by", "via", "about", "denies", "supports", "responds_to",
          "member_of"]

# `:name` are parameters. A claim said on a day (or in a month) overlaps [d1, d2] when it
# starts before the end of d2 and ends after the start of d1, as `said d1..d2` matches.
QUESTIONS = {
    "Q1": """
SELECT c.said_text, c.speaker, c.cue, c.stance, c.text, c.publisher
FROM topics t JOIN about ab ON ab.topic_id = t.id JOIN claims c ON c.id = ab.claim_id
WHERE t.name = :topic AND c.said < :hi AND c.said_end > :lo
ORDER BY c.said, c.external_id""",
    "Q2": """
SELECT c.external_id, c.said_text, c.cue, c.stance, c.text, c.publisher
FROM claims c WHERE c.speaker = :speaker
ORDER BY c.said, c.external_id""",
    "Q3": """
SELECT d.external_id, d.speaker, d.said_text, d.text, o.external_id, o.said_text, o.text
FROM claims o JOIN denies dn ON dn.target_id = o.id JOIN claims d ON d.id = dn.claim_id
WHERE o.speaker = :speaker
ORDER BY d.said, d.external_id, o.external_id""",
    "Q4": """
SELECT c.publisher, c.speaker, count(*) AS n
FROM topics t JOIN about ab ON ab.topic_id = t.id JOIN claims c ON c.id = ab.claim_id
WHERE t.name = :topic
GROUP BY c.publisher, c.speaker
ORDER BY n DESC, c.publisher NULLS FIRST, c.speaker
LIMIT 20""",
}


def params(question, draw):
    """The SQL parameters of one of the harness's draws; times as UTC datetimes (the
    whole day d2 included)."""
    if question == "Q1":
        lo = dt.datetime.fromisoformat(draw["d1"]).replace(tzinfo=dt.timezone.utc)
        hi = dt.datetime.fromisoformat(draw["d2"]).replace(tzinfo=dt.timezone.utc)
        return {"topic": draw["topic"], "lo": lo, "hi": hi + dt.timedelta(days=1)}
    if question == "Q4":
        return {"topic": draw["topic"]}
    return {"speaker": draw["speaker"]}


def peers_module(shared):
    """../shared/bench/peers/run_peers.py, for its draws and fingerprints."""
    path = os.path.join(shared, "bench", "peers", "run_peers.py")
    spec = importlib.util.spec_from_file_location("run_peers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def duckdb_views(con, parquet_dir):
    """One DuckDB view per table, over its Parquet file."""
    con.execute("SET TimeZone = 'UTC'")
    for name in TABLES:
        path = os.path.join(parquet_dir, name + ".parquet").replace("'", "''")
        con.execute("CREATE OR REPLACE VIEW %s AS SELECT * FROM read_parquet('%s')" % (name, path))


def duckdb_run(con, question, draw):
    sql = QUESTIONS[question].replace(":", "$")
    return [list(r) for r in con.execute(sql, params(question, draw)).fetchall()]


def percentiles(times):
    """(median, p95) of a list of milliseconds, as the harness reports them."""
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def timed(run, question, draws):
    """Run one question over its draws after one warm-up; (times in ms, row counts)."""
    run(question, draws[0])  # warm the file metadata, the page cache and the store's cache
    times, rows = [], []
    for draw in draws:
        started = time.perf_counter()
        rows.append(len(run(question, draw)))
        times.append((time.perf_counter() - started) * 1000)
    return times, rows


def claimgraph_runner(peers, store, binary):
    """Q1-Q4 asked of claimgraph through the harness's peer (its shell mode)."""
    peer = peers.ClaimgraphPeer(os.path.dirname(os.path.abspath(store)))
    peer.path = store
    if binary:
        peer.bin = binary
    # The harness reads each answer up to the shell's row-count footer, which a shell
    # whose output is a pipe leaves out unless asked.
    os.environ["CLAIMGRAPH_SHELL_FOOTER"] = "always"
    peer.open()
    funcs = {"Q1": peer.q1, "Q2": peer.q2, "Q3": peer.q3, "Q4": peer.q4}
    return peer, (lambda q, draw: funcs[q](draw))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--parquet", required=True, help="directory of the exported tables")
    ap.add_argument("--corpus", required=True, help="the JSON Lines corpus the store holds")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    ap.add_argument("--draws", type=int, default=20)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--store", help="a claimgraph store holding the same corpus: time it too")
    ap.add_argument("--bin", help="the claimgraph binary for --store (default: the harness's)")
    args = ap.parse_args()
    import duckdb

    peers = peers_module(args.shared)
    draws = peers.draw_params(args.corpus, args.draws, args.seed)["measured"]
    con = duckdb.connect()
    duckdb_views(con, args.parquet)
    engines = [("duckdb", lambda q, draw: duckdb_run(con, q, draw))]
    peer = None
    if args.store:
        peer, run = claimgraph_runner(peers, args.store, args.bin)
        engines.append(("claimgraph", run))
    print("question  engine      draws  median ms  p95 ms  mean rows")
    try:
        for q in QUESTIONS:
            for name, run in engines:
                times, rows = timed(run, q, draws[q])
                median, p95 = percentiles(times)
                print("%-8s  %-10s  %5d  %9.1f  %6.1f  %9.1f" % (
                    q, name, len(times), median, p95, statistics.fmean(rows)))
    finally:
        if peer is not None:
            peer.close()


if __name__ == "__main__":
    main()
