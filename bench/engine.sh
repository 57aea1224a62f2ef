#!/usr/bin/env bash
# Times engine queries in-process over seeded synthetic tables (release build).
# Usage: bench/engine.sh [rows] [runs]    (default 10,000,000 rows, 5 timed runs after a warm-up)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/ensure-deps"
swift build -c release --quiet --package-path "$root" --product amity-bench >&2
exec "$root/.build/release/amity-bench" "${1:-10000000}" "${2:-5}"
