#!/usr/bin/env bash
# Builds release amity and amity-gen, makes bench/out/data-ROWS (seed 42) once, and prints
# that folder: what bench/load.sh and bench/push.sh start from.
# Usage: bench/synthetic-data.sh ROWS
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:?usage: bench/synthetic-data.sh ROWS}"
"$root/scripts/ensure-deps"
swift build -c release --quiet --package-path "$root" --product amity >&2
swift build -c release --quiet --package-path "$root" --product amity-gen >&2
data="$root/bench/out/data-$rows"
if [ ! -f "$data/aid.csv" ]; then
    "$root/.build/release/amity-gen" --rows "$rows" --out "$data" >&2
fi
echo "$data"
