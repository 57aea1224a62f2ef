#!/usr/bin/env bash
# Times loading a synthetic CSV (default 10,000,000 rows, about 1 GB) and reports peak memory.
# Usage: bench/load.sh [rows]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-10000000}"
data="$("$root/bench/synthetic-data.sh" "$rows")"
size=$(stat -c %s "$data/aid.csv")
# --data loads every CSV of the folder; the query itself is trivial next to the load.
/usr/bin/time -f "load: %e s wall, %M KB peak memory" \
    "$root/.build/release/amity" --data "$data" -c 'aid | count' >/dev/null
echo "file: $data/aid.csv, $size bytes, $rows rows"
