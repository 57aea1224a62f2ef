#!/usr/bin/env bash
# Times loading a synthetic CSV (default 10,000,000 rows, about 1 GB) and reports peak memory.
# Usage: bench/load.sh [rows]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-10000000}"
"$root/scripts/ensure-deps"
swift build -c release --quiet --package-path "$root" --product amity >&2
swift build -c release --quiet --package-path "$root" --product amity-gen >&2
data="$root/bench/out/data-$rows"
if [ ! -f "$data/aid.csv" ]; then
    "$root/.build/release/amity-gen" --rows "$rows" --out "$data" >&2
fi
size=$(stat -c %s "$data/aid.csv")
# --data loads every CSV of the folder; the query itself is trivial next to the load.
/usr/bin/time -f "load: %e s wall, %M KB peak memory" \
    "$root/.build/release/amity" --data "$data" -c 'aid | count' >/dev/null
echo "file: $data/aid.csv, $size bytes, $rows rows"
