#!/usr/bin/env bash
# Differential testing: random queries on Amity and SQLite over the same generated tables.
# Usage: fuzz/differential.sh [--queries N] [--seed S] [--rows R] [--tables-every N] [--shape NAME]...
#            [--save DIR] [--plain-keys] [--verbose]   (defaults: 300 queries, seed 1, 60 rows)
# Every query runs optimized and with --no-optimize; see fuzz/README.md.
# Needs python3 (its sqlite3 module). Runs AMITY_BINARY when set (scripts/test uses the debug
# build it just made), else builds amity in release mode first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="${AMITY_BINARY:-}"
if [ -z "$binary" ]; then
    swift build -c release --quiet --package-path "$root" --product amity >&2
    binary="$root/.build/release/amity"
fi
exec python3 "$root/fuzz/differential/run.py" --amity "$binary" "$@"
