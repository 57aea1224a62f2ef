#!/usr/bin/env bash
# Runs one libFuzzer target for a while: fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags]
# TARGET is parse, query or load. The growing corpus is kept in fuzz/out/corpus-TARGET (not in
# git); crashes land in fuzz/out/ as crash-*/timeout-*/oom-* files. Reproduce one with a plain
# build: AMITY_FUZZ_TARGET=TARGET swift run amity-fuzz fuzz/out/crash-...
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:?usage: fuzz/run.sh parse|query|load [seconds]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))
"$root/scripts/ensure-deps"
# The build line from SWIFT-LINUX.md: one -sanitize list, so both sanitizers are in.
# AMITY_FUZZ_SCRATCH: another build folder, so two targets can run from different builds.
scratch="${AMITY_FUZZ_SCRATCH:-$root/.build-fuzz}"
swift build --package-path "$root" --scratch-path "$scratch" --product amity-fuzz \
    --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >&2
mkdir -p "$root/fuzz/out/corpus-$target"
cd "$root/fuzz/out"
# The Swift backtracer hangs on a crash under libFuzzer; libFuzzer and ASan report instead.
export SWIFT_BACKTRACE=enable=no AMITY_FUZZ_TARGET="$target" AMITY_FUZZ_DATA="$root/datasets" ASAN_OPTIONS=detect_leaks=0
# detect_leaks=0 (for libFuzzer and for ASan at exit): LeakSanitizer cannot see class references stored in enum payloads with
# spare tag bits (Column.Values), and reports the live tables as leaked.
exec "$scratch/debug/amity-fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 \
    -max_len=4096 -print_final_stats=1 "$@" "corpus-$target" "$root/fuzz/seeds/$target"
