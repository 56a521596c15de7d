#!/bin/sh
# Screenshot of an HTML timeline in headless Chromium, offline.
# Usage: scripts/screenshot-timeline.sh TIMELINE.html OUT.png [WIDTH,HEIGHT]
# Needs Debian's `chromium` (or CHROMIUM=/path/to/chrome). Exit 3 when it is missing.
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 TIMELINE.html OUT.png [WIDTH,HEIGHT]" >&2
    exit 2
fi
input=$1
output=$2
size=${3:-1200,1600}
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
case $input in
    /*) path=$input ;;
    *) path=$(pwd)/$input ;;
esac
case $output in
    /*) out=$output ;;
    *) out=$(pwd)/$output ;;
esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size="$size" \
    --screenshot="$out" "file://$path" >/dev/null 2>&1
test -s "$out"
