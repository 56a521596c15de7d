"""The claimgraph package against the CLI: the same records, rows and error messages."""

import gc
import json

import pyarrow as pa
import pytest

import claimgraph
from conftest import REPO, cg_query, run_cg

ALEPPO = (REPO / "examples" / "aleppo.vi.txt").read_text(encoding="utf-8")


def cli_extract(cg_bin, tmp_path, text, *flags):
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return run_cg(cg_bin, tmp_path / "unused", "extract", path, *flags, check=False)


def test_extract_is_the_cli_record(cg_bin, tmp_path):
    record = claimgraph.extract(ALEPPO, published="2016-12-12")
    cli = json.loads(cli_extract(cg_bin, tmp_path, ALEPPO, "--published", "2016-12-12").stdout)
    assert record == cli
    assert record["claims"], "the seed article has claims"
    assert record["claims"][0]["speaker"]


def test_extract_options_reach_the_record(cg_bin, tmp_path):
    record = claimgraph.extract(ALEPPO, lang="vi", published="2016-12-12", publisher="VnExpress",
                                id="aleppo-1")
    cli = json.loads(cli_extract(cg_bin, tmp_path, ALEPPO, "--lang", "vi", "--published",
                                 "2016-12-12", "--publisher", "VnExpress", "--id",
                                 "aleppo-1").stdout)
    assert record == cli
    assert record["article"]["id"] == "aleppo-1"


@pytest.mark.parametrize("text,kwargs,flags", [
    ("   ", {}, []),
    (ALEPPO, {"published": "2016-13-45"}, ["--published", "2016-13-45"]),
])
def test_errors_carry_the_cli_message(cg_bin, tmp_path, text, kwargs, flags):
    with pytest.raises(claimgraph.ClaimgraphError) as err:
        claimgraph.extract(text, **kwargs)
    cli = cli_extract(cg_bin, tmp_path, text, *flags)
    assert cli.returncode != 0
    assert str(err.value) in cli.stderr, (str(err.value), cli.stderr)


def test_batch_equals_one_at_a_time_in_order():
    texts = [ALEPPO, "The minister said on Monday that talks would resume. Rebels denied it."] * 5
    published = ["2016-12-12", "2016-12-05"] * 5
    batch = claimgraph.extract_batch(texts, published=published)
    assert batch == [claimgraph.extract(t, published=p) for t, p in zip(texts, published)]
    as_arrow = claimgraph.extract_batch(pa.array(texts), published=pa.array(published),
                                        as_json=True)
    assert [json.loads(line) for line in as_arrow] == batch
    assert all("\n" not in line for line in as_arrow), "JSON Lines"


def test_batch_errors_raise_or_give_none():
    texts = [ALEPPO, ""]
    with pytest.raises(claimgraph.ClaimgraphError, match=r"texts\[1\]: the input is empty"):
        claimgraph.extract_batch(texts)
    out = claimgraph.extract_batch(texts, errors="none")
    assert out[0] is not None and out[1] is None
    with pytest.raises(claimgraph.ClaimgraphError, match="2 values for 1 texts"):
        claimgraph.extract_batch(["x"], lang=["vi", "en"])


def test_store_ingests_and_queries_like_the_cli(cg_bin, tmp_path):
    records = [json.loads(line) for line in
               (REPO / "examples" / "aleppo.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    feed = {"article": {"id": "feed-1", "published": "2016-12-05", "lang": "en",
                        "text": "The minister said on Monday that talks would resume."}}
    at = 1_700_000_000
    store = claimgraph.Store(tmp_path / "py.db")
    summary = store.ingest(records + [feed], ingested_at=at)
    assert summary["articles"] == len(records) + 1
    assert summary["claims"] > 0
    assert summary["linked"]["articles"] == len(records) + 1, summary
    stories = store.stories()
    assert store.ingest(records, ingested_at=at)["linked"] is None, "nothing new to link"
    queries = ["claims about Aleppo", "claims in story s1 | select id, story, statement", "claims by Russia | select said, speaker, text",
               "claims | group speaker | top 5", "claims where article = \"feed-1\""]
    rows = {q: store.query(q) for q in queries}
    with pytest.raises(claimgraph.ClaimgraphError) as err:
        store.query("claims abuot Aleppo")
    del store
    gc.collect()  # the store is held by one process at a time: release it for the CLI

    cli_store = tmp_path / "cli.db"
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records + [feed]),
                     encoding="utf-8")
    run_cg(cg_bin, cli_store, "ingest", jsonl, "--ingested-at", "2023-11-14T22:13:20Z")
    assert stories == json.loads(run_cg(cg_bin, cli_store, "stories", "--format", "json").stdout)
    assert stories, "the linked articles form stories"
    for q in queries:
        assert rows[q] == cg_query(cg_bin, cli_store, q), q
    assert rows["claims where article = \"feed-1\""], "the feed record was extracted"
    bad = run_cg(cg_bin, cli_store, "query", "claims abuot Aleppo", check=False)
    assert str(err.value) in bad.stderr


def test_a_bad_record_stores_nothing(tmp_path):
    store = claimgraph.Store(tmp_path / "s.db")
    with pytest.raises(claimgraph.ClaimgraphError, match="record 1: not an article record"):
        store.ingest([{"article": {"id": "a", "text": "Ông Nam nói rằng trời mưa."}},
                      {"nothing": 1}])
    assert store.query("claims") == []


def test_ingest_without_link_leaves_stories_to_stories(tmp_path):
    records = [json.loads(line) for line in
               (REPO / "examples" / "aleppo.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    store = claimgraph.Store(tmp_path / "s.db")
    assert store.ingest(records, link=False)["linked"] is None
    assert store.query("claims | select story | limit 1") == [{"story": None}]
    assert store.stories(), "stories() links what arrived since the last linking"
    assert store.query("claims | select story | limit 1")[0]["story"]
