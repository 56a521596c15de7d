#!/bin/sh
# Screenshots of the web page of `claimgraph serve` on the example store, in headless
# Chromium: docs/gallery/serve-claims.png, serve-timeline.png and serve-graph.png, each
# with the seed question `claims about Aleppo` run and Russia's denial open in the panel.
# Usage: scripts/screenshot-serve.sh   (CLAIMGRAPH_BIN=path runs a given binary instead of
# building one; CHROMIUM=path picks the browser). Exit 3 when Chromium is missing.
set -eu
cd "$(dirname "$0")/.."
browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
    for name in chromium chromium-browser google-chrome; do
        if command -v "$name" >/dev/null 2>&1; then
            browser=$name
            break
        fi
    done
fi
if [ -z "$browser" ]; then
    echo "chromium not found: install it (Debian/Ubuntu: apt-get install chromium)" >&2
    exit 3
fi
if [ -z "${CLAIMGRAPH_BIN:-}" ]; then
    cargo build --quiet
fi
cg=${CLAIMGRAPH_BIN:-${CARGO_TARGET_DIR:-target}/debug/claimgraph}
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
$cg --store "$work/example.db" ingest examples/aleppo.jsonl >/dev/null
$cg --store "$work/example.db" serve --bind 127.0.0.1:0 >"$work/serve.out" &
server=$!
tries=0
until grep -q 'http://' "$work/serve.out" 2>/dev/null; do
    tries=$((tries + 1))
    if [ $tries -gt 100 ]; then
        echo "the server did not start" >&2
        exit 1
    fi
    sleep 0.1
done
address=$(sed -n 's|.*http://\([^/]*\)/.*|\1|p' "$work/serve.out" | head -n 1)
# The claim Russia's denial has in this store (claim ids are store-local).
claim=$(curl -s "http://$address/api/query?q=claims%20by%20Russia" \
    | sed -n 's/.*"claim": "\([^"]*\)".*/\1/p' | head -n 1)
mkdir -p docs/gallery
for view in list timeline graph; do
    name=$view
    [ "$view" = list ] && name=claims
    "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$work/profile" --window-size=1400,860 \
        --virtual-time-budget=10000 --screenshot="$(pwd)/docs/gallery/serve-$name.png" \
        "http://$address/?q=claims%20about%20Aleppo&view=$view&claim=$claim" >/dev/null 2>&1
done
echo "wrote docs/gallery/serve-claims.png, serve-timeline.png and serve-graph.png"
