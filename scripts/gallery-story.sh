#!/usr/bin/env sh
# Regenerates docs/gallery/vmds-story.{dot,svg}: the claims-first picture of one story of the
# VietnameseMDS corpus (South Korea selling FA-50 jets to the Philippines despite China,
# five outlets, October 2013). The corpus is ingested into a temporary store (its text
# records are extracted on ingest), `claimgraph stories` finds the story whose title names
# FA-50, and `claimgraph dot` draws the claims of its articles; Graphviz renders the SVG.
#
#   scripts/gallery-story.sh [CORPUS.jsonl] [WORD IN THE STORY'S TITLE]
#
# Needs the shared research corpus beside the checkout (../shared), python3 and Graphviz.
set -eu
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/vmds/articles.segmented.jsonl}
word=${2:-FA-50}
if [ ! -f "$corpus" ]; then
  echo "no corpus at $corpus (the shared research corpus is not beside this checkout)" >&2
  exit 1
fi
if [ -z "${CLAIMGRAPH_BIN:-}" ]; then
  cargo build --quiet
fi
cg=${CLAIMGRAPH_BIN:-${CARGO_TARGET_DIR:-target}/debug/claimgraph}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== ingesting $corpus (extracting every article: about a minute)"
$cg --store "$work/vmds.db" ingest "$corpus"
echo "== the story whose title names $word"
$cg --store "$work/vmds.db" stories --format json >"$work/stories.json"
query=$(python3 - "$work/stories.json" "$word" <<'PY'
import json, sys
stories = [s for s in json.load(open(sys.argv[1])) if sys.argv[2] in s["title"]]
if not stories:
    sys.exit("no story's title names " + sys.argv[2])
story = max(stories, key=lambda s: len(s["articles"]))
print(story["title"], "|", len(story["articles"]), "articles:", ", ".join(story["articles"]), file=sys.stderr)
print("claims where " + " or ".join('article = "%s"' % a for a in story["articles"]))
PY
)
$cg --store "$work/vmds.db" dot "$query" -o docs/gallery/vmds-story.dot
dot -Tsvg docs/gallery/vmds-story.dot -o docs/gallery/vmds-story.svg
echo "wrote docs/gallery/vmds-story.dot and docs/gallery/vmds-story.svg"
