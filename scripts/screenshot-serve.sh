#!/bin/sh
# Screenshots of the web page of `claimgraph serve`, in headless Chromium, into docs/gallery/:
#   serve-claims.png, serve-timeline.png, serve-graph.png: the reviewed seed article
#     (examples/aleppo.jsonl), the seed question `claims about Aleppo` run and Russia's
#     denial open in the panel;
#   serve-source.png: the seed article ingested as text (examples/aleppo.vi.txt), a claim
#     open with its source sentence marked in the article;
#   serve-story.png: one VietnameseMDS story (South Korea's FA-50 jets for the Philippines,
#     five outlets) on the timeline, a lane per outlet, when the shared corpus is beside the
#     checkout (../shared/corpus/vmds); skipped with a note otherwise.
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
vmds=../shared/corpus/vmds/articles.segmented.jsonl
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p docs/gallery

# Serves store $1; sets $address.
start() {
    # Not the previous server's address.
    rm -f "$work/serve.out"
    $cg --store "$1" serve --bind 127.0.0.1:0 >"$work/serve.out" &
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
}

stop() {
    kill "$server"
    wait "$server" 2>/dev/null || true
    server=""
}

# The first claim (its store-local id) a query returns.
first_claim() {
    curl -s -G "http://$address/api/query" --data-urlencode "q=$1" \
        | sed -n 's/.*"claim": "\([^"]*\)".*/\1/p' | head -n 1
}

# Screenshot $1 (a file name in docs/gallery) of the page at path-and-query $2.
shoot() {
    "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$work/profile" --window-size=1400,860 \
        --virtual-time-budget=10000 --screenshot="$(pwd)/docs/gallery/$1" \
        "http://$address/$2" >/dev/null 2>&1
}

$cg --store "$work/example.db" ingest examples/aleppo.jsonl >/dev/null
start "$work/example.db"
claim=$(first_claim "claims by Russia")
for view in list timeline graph; do
    name=$view
    [ "$view" = list ] && name=claims
    shoot "serve-$name.png" "?q=claims%20about%20Aleppo&view=$view&claim=$claim"
done
stop
written="serve-claims.png, serve-timeline.png, serve-graph.png"

$cg --store "$work/text.db" ingest examples/aleppo.vi.txt --published 2016-12-12 \
    --publisher "Pháp luật TPHCM" >/dev/null
start "$work/text.db"
claim=$(first_claim "claims by \"Sergei Ryabkov\"")
shoot serve-source.png "?q=claims%20about%20Aleppo&claim=$claim"
stop
written="$written, serve-source.png"

if [ -f "$vmds" ]; then
    $cg --store "$work/vmds.db" ingest "$vmds" >/dev/null
    start "$work/vmds.db"
    story=$(curl -s "http://$address/api/stories" | python3 -c '
import json, sys
stories = [s for s in json.load(sys.stdin) if "FA-50" in (s["title"] or "")]
print(max(stories, key=lambda s: len(s["articles"]))["id"] if stories else "")')
    if [ -n "$story" ]; then
        query="claims in story \"$story\""
        claim=$(first_claim "$query | sort said")
        q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")
        shoot serve-story.png "?q=$q&view=timeline&lanes=publisher&claim=$claim"
        written="$written, serve-story.png"
    else
        echo "no FA-50 story in $vmds: serve-story.png not taken" >&2
    fi
    stop
else
    echo "no corpus at $vmds (../shared is not beside this checkout): serve-story.png not taken" >&2
fi
echo "wrote docs/gallery/: $written"
