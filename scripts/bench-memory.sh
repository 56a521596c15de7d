#!/usr/bin/env bash
# Peak memory (and wall time) of the commands whose memory must stay bounded whatever the
# input size: ingest of large JSON Lines inputs, and dot / export / timeline over a whole
# 100,000-article store. Prints one Markdown table row per command.
#
#   scripts/bench-memory.sh [ARTICLES_FOR_THE_LARGE_INPUT]   (default 400000, about 1 GB)
#
# 100000 or less skips the large input. CLAIMGRAPH_BIN measures a given binary instead of
# building one; the build and the generated corpora go to $CARGO_TARGET_DIR (or target/).
#
# Needs python3, GNU time (/usr/bin/time) and the shared generator
# (../shared/bench/gen_claims.py, or $CLAIMGRAPH_SHARED/bench/gen_claims.py).
set -euo pipefail
cd "$(dirname "$0")/.."
large=${1:-400000}
shared=${CLAIMGRAPH_SHARED:-../shared}
gen="$shared/bench/gen_claims.py"
[ -f "$gen" ] || { echo "no generator at $gen (set CLAIMGRAPH_SHARED)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }

target=${CARGO_TARGET_DIR:-$PWD/target}
if [ -n "${CLAIMGRAPH_BIN:-}" ]; then
  cg=$(realpath "$CLAIMGRAPH_BIN")
else
  cargo build --release --quiet
  cg=$target/release/claimgraph
fi
data=$target/bench-data
mkdir -p "$data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

corpus() { # articles -> path, generated once
  local path="$data/gen-$1.jsonl"
  [ -f "$path" ] || python3 "$gen" --articles "$1" --seed 42 -o "$path"
  echo "$path"
}

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f '%M %e' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
    echo "| $label | failed: $(tail -1 "$work/stderr") | |"; return; }
  read -r kb secs <"$work/time"
  printf '| %s | %d MB | %s s |\n' "$label" $((kb / 1024)) "$secs"
}

small=$(corpus 100000)
echo "| command | peak RSS | wall |"
echo "|---|---|---|"
measure "ingest 100,000 articles ($(du -h "$small" | cut -f1) of JSON Lines)" \
  "$cg" --store "$work/small.db" ingest "$small"
# The large input only adds information when it is larger than the small one.
if [ "$large" -gt 100000 ]; then
  big=$(corpus "$large")
  measure "ingest $large articles ($(du -h "$big" | cut -f1) of JSON Lines)" \
    "$cg" --store "$work/big.db" ingest "$big"
  rm -rf "$work/big.db"
fi
measure "timeline (whole store, md)" "$cg" --store "$work/small.db" timeline -o "$work/t.md"
measure "timeline --axis event (whole store)" \
  "$cg" --store "$work/small.db" timeline --axis event -o "$work/te.md"
measure "dot (whole store)" "$cg" --store "$work/small.db" dot -o "$work/all.dot"
measure "export graphml (whole store)" \
  "$cg" --store "$work/small.db" export --format graphml -o "$work/all.graphml"
measure "export json (whole store)" \
  "$cg" --store "$work/small.db" export --format json -o "$work/all.json"
measure "dot 'claims' (a query: 1,000 claims and their neighbours)" \
  "$cg" --store "$work/small.db" dot claims -o "$work/q.dot"
measure "export graphml 'claims' (a query: 1,000 claims and their neighbours)" \
  "$cg" --store "$work/small.db" export claims --format graphml -o "$work/q.graphml"
