#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS_PER_TARGET (default 600), one after
# another, single-process and niced, then prints executions per target and any crash files.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Works on a stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its nightly flags and
# `--sanitizer none` drops AddressSanitizer (not needed for safe Rust). Seeds live in
# fuzz/corpus/<target>/ and are only read; what the fuzzer finds goes to
# fuzz/target/corpus/<target>/ (git-ignored), crashes to fuzz/artifacts/<target>/.
# See docs/fuzzing.md.
set -u
cd "$(dirname "$0")/../fuzz"
fuzz=$(pwd)
seconds=${1:-600}
shift || true
if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=(parse query records extract store_open)
fi
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed: cargo install cargo-fuzz (see docs/fuzzing.md)" >&2
    exit 2
fi
unset CARGO_TARGET_DIR # the fuzz crate builds into fuzz/target
logs=target/fuzz-logs
for t in "${targets[@]}"; do
    mkdir -p "target/corpus/$t" "artifacts/$t" "$logs/$t"
    echo "== $t: ${seconds}s" >&2
    start=$(date +%s)
    # With -jobs=1 libFuzzer runs one child that logs to ./fuzz-0.log: each target runs in
    # its own log directory so that two runs at once do not share that file.
    (cd "$logs/$t" && nice -n 10 cargo fuzz run --fuzz-dir "$fuzz" "$t" --sanitizer none \
        "$fuzz/target/corpus/$t" "$fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -jobs=1 -workers=1 -timeout=30 -rss_limit_mb=4096 \
        -print_final_stats=1 >cargo-fuzz.log 2>&1)
    status=$?
    cat "$logs/$t/cargo-fuzz.log" "$logs/$t"/fuzz-*.log >"$logs/$t.log" 2>/dev/null
    end=$(date +%s)
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$t.log" | tail -1 | grep -o '[0-9]*$')
    if [ -z "$runs" ]; then
        runs=$(grep -o '^#[0-9]*' "$logs/$t.log" | tail -1 | tr -d '#')
    fi
    echo "$t: ${runs:-?} executions in $((end - start))s (exit $status, log fuzz/$logs/$t.log)"
done
echo "crash files:"
found=0
for t in "${targets[@]}"; do
    for f in artifacts/"$t"/crash-* artifacts/"$t"/oom-* artifacts/"$t"/timeout-* artifacts/"$t"/slow-unit-*; do
        [ -e "$f" ] || continue
        echo "  fuzz/$f"
        found=1
    done
done
[ "$found" = 1 ] || echo "  none"
