#!/usr/bin/env python3
"""Fails when a workspace crate gains a dependency its stage must not have.

The crate boundaries of ARCHITECTURE.md, as rules over `cargo metadata`:
  - extraction has no store (and no sled, no clap): it runs stateless on Spark and in Python;
  - the store knows no language (no extraction crate, no regex word matching);
  - query sees no keys (no direct sled: it reads through the store's API);
  - export and the other libraries have no clap (only the binary parses arguments);
  - the server reads through the store's and the query crate's APIs (no direct sled, no
    extraction) and has no clap; no pipeline crate depends on it or on its HTTP stack.
  - the cross-article model (link) is pure functions over model types: no store, no
    extraction, no regex word matching, no clap.
  - the Parquet tables (parquet) are written from model types: no store, no extraction, no
    clap, no server; no pipeline library depends on the arrow/parquet stack.
  - the Python package (python) binds the libraries: no clap, no server, no direct sled;
    no other crate depends on pyo3 (the pipeline builds without Python).

Normal (non-dev) dependencies count, transitively, except where a rule says "direct".

Usage: scripts/check-deps.py            check the workspace (exit 1 on a violation)
       scripts/check-deps.py --self-test show that a forbidden dependency is caught
"""
import json
import subprocess
import sys

# crate -> (forbidden anywhere in its normal dependency tree, forbidden as direct deps)
# The HTTP server and its stack: only the server crate (and the binary) may have them.
SERVER = {"claimgraph-serve", "axum", "tokio", "hyper"}
# The columnar stack: only the Parquet crate (and the binary) may have it.
COLUMNAR = {"claimgraph-parquet", "parquet", "arrow-array", "arrow-schema"}
# The Python binding: nothing but the Python crate may depend on it.
PYTHON = {"claimgraph-python", "pyo3"}

RULES = {
    "claimgraph-model": (
        {"sled", "clap", "claimgraph-extract", "claimgraph-store", "claimgraph-query",
         "claimgraph-export", "petgraph", "regex"} | SERVER | COLUMNAR | PYTHON,
        set(),
    ),
    "claimgraph-extract": (
        {"sled", "clap", "claimgraph-store", "claimgraph-query", "claimgraph-export"}
        | SERVER | COLUMNAR | PYTHON,
        set(),
    ),
    "claimgraph-store": (
        {"clap", "claimgraph-extract", "claimgraph-query", "claimgraph-export", "regex"}
        | SERVER | COLUMNAR | PYTHON,
        set(),
    ),
    "claimgraph-query": (
        {"clap", "claimgraph-extract", "claimgraph-export"} | SERVER | COLUMNAR | PYTHON,
        {"sled", "bincode", "lz4_flex"},
    ),
    "claimgraph-export": (
        {"sled", "clap", "claimgraph-extract", "claimgraph-store", "claimgraph-query"}
        | SERVER | COLUMNAR | PYTHON,
        set(),
    ),
    "claimgraph-serve": (
        {"clap", "claimgraph-extract"} | COLUMNAR | PYTHON,
        {"sled", "bincode", "lz4_flex"},
    ),
    "claimgraph-link": (
        {"sled", "clap", "claimgraph-extract", "claimgraph-store", "claimgraph-query",
         "claimgraph-export", "regex"} | SERVER | COLUMNAR | PYTHON,
        set(),
    ),
    "claimgraph-parquet": (
        {"sled", "clap", "claimgraph-extract", "claimgraph-store", "claimgraph-query",
         "claimgraph-export", "regex"} | SERVER | PYTHON,
        set(),
    ),
    "claimgraph-python": (
        {"clap", "claimgraph-serve", "axum", "tokio", "hyper", "claimgraph-parquet"},
        {"sled", "bincode", "lz4_flex"},
    ),
}


def normal_graph(metadata):
    """package name -> set of names of its normal (non-dev, non-build) dependencies."""
    names = {p["id"]: p["name"] for p in metadata["packages"]}
    graph = {}
    for node in metadata["resolve"]["nodes"]:
        deps = set()
        for dep in node["deps"]:
            kinds = {k.get("kind") for k in dep["dep_kinds"]}
            if None in kinds:  # a normal dependency
                deps.add(names[dep["pkg"]])
        graph.setdefault(names[node["id"]], set()).update(deps)
    return graph


def reachable(graph, start):
    seen, todo = set(), [start]
    while todo:
        for dep in graph.get(todo.pop(), ()):
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def violations(graph):
    found = []
    for crate, (anywhere, direct) in RULES.items():
        if crate not in graph:
            found.append(f"{crate}: not in the workspace")
            continue
        for dep in sorted(reachable(graph, crate) & anywhere):
            found.append(f"{crate} depends on {dep} (directly or through another crate)")
        for dep in sorted(graph[crate] & direct):
            found.append(f"{crate} depends directly on {dep}")
    return found


# (crate, dependency added, violation expected): each must be caught on its own.
SELF_TESTS = [
    ("claimgraph-extract", "sled", "claimgraph-extract depends on sled"),
    ("claimgraph-serve", "clap", "claimgraph-serve depends on clap"),
    ("claimgraph-serve", "sled", "claimgraph-serve depends directly on sled"),
    ("claimgraph-export", "tokio", "claimgraph-export depends on tokio"),
    ("claimgraph-link", "claimgraph-store", "claimgraph-link depends on claimgraph-store"),
    ("claimgraph-extract", "pyo3", "claimgraph-extract depends on pyo3"),
    ("claimgraph-store", "parquet", "claimgraph-store depends on parquet"),
    ("claimgraph-python", "clap", "claimgraph-python depends on clap"),
]


def self_test(graph):
    failed = 0
    for crate, dep, expected in SELF_TESTS:
        trial = {name: set(deps) for name, deps in graph.items()}
        trial[crate].add(dep)
        caught = violations(trial)
        print(f"with {dep} added to {crate}:")
        for v in caught:
            print("  " + v)
        if not any(expected in v for v in caught):
            print(f"self-test FAILED: {expected!r} was not caught")
            failed += 1
    if failed:
        return 1
    print(f"self-test passed: all {len(SELF_TESTS)} forbidden dependencies are caught")
    return 0


def metadata():
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1"],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout)


def main():
    graph = normal_graph(metadata())
    if "--self-test" in sys.argv:
        return self_test(graph)
    found = violations(graph)
    for v in found:
        print("forbidden dependency: " + v, file=sys.stderr)
    if found:
        print("see ARCHITECTURE.md, 'Invariants'", file=sys.stderr)
        return 1
    print(f"crate boundaries hold ({len(RULES)} crates checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
