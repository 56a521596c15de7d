#!/usr/bin/env sh
# Regenerates the documentation that shows real output:
#   docs/gallery/   the seed article's timeline (Markdown, HTML) and graph (DOT, SVG: the
#                   claims view and the full view),
#                   from examples/aleppo.vi.txt through extraction (tests/cli/gallery.rs checks
#                   that they are current);
#   docs/query-language.md
#                   the reference, with every example run against the example store built
#                   from examples/aleppo.jsonl.
# Needs Graphviz for the SVG and python3 for the query reference.
set -eu
cd "$(dirname "$0")/.."
# CLAIMGRAPH_BIN runs a given binary instead of building one (e.g. a copy taken from a
# target directory other builds share).
if [ -z "${CLAIMGRAPH_BIN:-}" ]; then
  cargo build --quiet
fi
cg=${CLAIMGRAPH_BIN:-${CARGO_TARGET_DIR:-target}/debug/claimgraph}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p docs/gallery
$cg --store "$work/seed.db" ingest examples/aleppo.vi.txt --published 2016-12-12 >/dev/null
title="Aleppo, December 2016 (Pháp luật TPHCM)"
$cg --store "$work/seed.db" timeline --format md --title "$title" -o docs/gallery/aleppo-timeline.md
$cg --store "$work/seed.db" timeline --format html --title "$title" -o docs/gallery/aleppo-timeline.html
$cg --store "$work/seed.db" dot -o docs/gallery/aleppo.dot
$cg --store "$work/seed.db" dot --view full -o docs/gallery/aleppo-full.dot
if command -v dot >/dev/null 2>&1; then
  dot -Tsvg docs/gallery/aleppo.dot -o docs/gallery/aleppo.svg
  dot -Tsvg docs/gallery/aleppo-full.dot -o docs/gallery/aleppo-full.svg
else
  echo "Graphviz is not installed: the SVGs in docs/gallery were not regenerated" >&2
fi

# A fixed ingest time keeps the `as of` examples the same whenever the docs are built.
$cg --store "$work/example.db" ingest examples/aleppo.jsonl --ingested-at 2026-11-25T12:00:00Z >/dev/null
python3 scripts/gen-query-docs.py "$cg" "$work/example.db" scripts/query-language.md.in \
  docs/query-language.md scripts/query-bench.md
echo "regenerated docs/gallery and docs/query-language.md"
