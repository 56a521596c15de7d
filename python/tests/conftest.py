"""Fixtures of the Python tests: the claimgraph binary (CLAIMGRAPH_BIN, set by
tests/cli/python.rs), the shared corpora (CLAIMGRAPH_SHARED) and a local Spark."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cg_bin():
    return os.environ.get("CLAIMGRAPH_BIN") or str(REPO / "target" / "debug" / "claimgraph")


def run_cg(cg_bin, store, *args, check=True):
    """`claimgraph --store STORE ARGS...`; stdout as text."""
    proc = subprocess.run(
        [cg_bin, "--store", str(store), *map(str, args)],
        capture_output=True, text=True, env={k: v for k, v in os.environ.items()
                                            if k != "CLAIMGRAPH_STORE"})
    if check and proc.returncode != 0:
        raise AssertionError("claimgraph %s failed (%d): %s" % (args, proc.returncode, proc.stderr))
    return proc


def cg_query(cg_bin, store, query):
    """The rows of `claimgraph query QUERY --format json`."""
    return json.loads(run_cg(cg_bin, store, "query", query, "--format", "json").stdout)


@pytest.fixture(scope="session")
def shared():
    path = Path(os.environ.get("CLAIMGRAPH_SHARED") or REPO.parent / "shared")
    if not path.is_dir():
        pytest.skip("../shared is absent")
    return path


@pytest.fixture(scope="session")
def spark():
    pyspark = pytest.importorskip("pyspark.sql")
    session = (pyspark.SparkSession.builder.master("local[2]").appName("claimgraph-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.pyspark.python", sys.executable)
               .getOrCreate())
    yield session
    session.stop()
