#!/usr/bin/env bash
# Times rendering a million points with the Charts module (scatter, hist, line, spark, map), at a
# terminal of 120x40 with colour and as an 800x500 SVG, in a release build: best and median
# of 7 runs after a warm-up. Rendering a million points should take well under 200 ms.
#
# Usage: bench/charts.sh [--rows N] [--runs N]
# Environment: AMITY_SCRATCH=DIR builds in DIR (swift build --scratch-path) instead of .build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scratch=()
if [ -n "${AMITY_SCRATCH:-}" ]; then scratch=(--scratch-path "$AMITY_SCRATCH"); fi
swift build -c release --product amity-chartbench "${scratch[@]}" >&2
bin="$(swift build -c release --show-bin-path "${scratch[@]}")/amity-chartbench"
"$bin" "$@"
