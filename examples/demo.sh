#!/usr/bin/env sh
# End to end on the bundled example: extract claims from the seed article (word-segmented
# Vietnamese, published 2016-12-12), store them in an embedded sled store, ask who said
# what and when, and export a timeline and a graph.
set -eu
cd "$(dirname "$0")/.."
# The same (dev) build as `cargo test`, so running both after a fresh clone compiles the
# dependencies once; the example is small enough that an optimised build would not pay off.
echo "== building claimgraph (the first build compiles the dependencies: a minute or two)"
cargo build --bin claimgraph
cg() { ./target/debug/claimgraph --store "${CLAIMGRAPH_STORE:-target/demo.db}" "$@"; }
rm -rf "${CLAIMGRAPH_STORE:-target/demo.db}"
mkdir -p target/demo

echo "== extract: the claims a careful reader sees in examples/aleppo.vi.txt"
cg extract examples/aleppo.vi.txt --published 2016-12-12 --format table

echo; echo "== ingest the article into the store"
cg ingest examples/aleppo.vi.txt --published 2016-12-12
cg stats

echo; echo "== who said what about Aleppo, and when? (claims with no stated time come last)"
cg query 'claims about Aleppo | sort said'

echo; echo "== who denied claims of the rebels or their leaders, and which claims?"
cg query 'claims denying (claims by "phe nổi dậy" or by members of "phe nổi dậy") | links'

echo; echo "== the figures"
cg query 'claims where quantity > 100000 | select speaker, quantity, unit, text'

echo; echo "== the timeline, as Markdown (also written as HTML to target/demo/timeline.html)"
cg timeline --format md
cg timeline --format html -o target/demo/timeline.html

echo; echo "== the graph, as Graphviz DOT in target/demo/aleppo.dot"
cg dot -o target/demo/aleppo.dot
if command -v dot >/dev/null 2>&1; then
  cg dot --render svg -o target/demo/aleppo.svg && echo "rendered target/demo/aleppo.svg"
else
  echo "(install Graphviz to render it: apt-get install graphviz)"
fi
