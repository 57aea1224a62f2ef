#!/usr/bin/env bash
# Runs every fuzz target briefly (default 30 s each; AMITY_FUZZ_SECONDS changes it), as the test
# suite does, so a regression the seeds or a short search can reach fails the run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${AMITY_FUZZ_SECONDS:-30}"
mkdir -p "$root/fuzz/out"
for target in parse query load; do
    echo "fuzzing $target for ${seconds}s" >&2
    if ! "$root/fuzz/run.sh" "$target" "$seconds" > "$root/fuzz/out/smoke-$target.txt" 2>&1; then
        tail -40 "$root/fuzz/out/smoke-$target.txt" >&2
        echo "fuzz target $target failed: see fuzz/out/smoke-$target.txt and the crash-* file in fuzz/out" >&2
        exit 1
    fi
    grep -E "^Done [0-9]+ runs" "$root/fuzz/out/smoke-$target.txt" >&2 || true
done
