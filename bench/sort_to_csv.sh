#!/usr/bin/env bash
# A full sort of a CSV file by two keys, written as CSV: Amity, DuckDB, the sqlite3 command-line shell and Polars,
# each as a whole process (start-up, read, sort, write), side by side over several runs, outputs checked against
# DuckDB's. Writes a Markdown report to bench/out/sort-to-csv-<date>.md and to standard output; progress goes to
# standard error.
#
# Usage: bench/sort_to_csv.sh [--rows 2000000] [--runs 5] [--threads 1,2] [--engines amity,duckdb,sqlite,polars]
# Environment: AMITY_SCRATCH=DIR builds in DIR (swift build --scratch-path) instead of the package's .build;
#              PYTHON=python3 chooses the interpreter.
# The file is bench/out/data-N/aid.csv, made once by amity-gen (seed 42) and reused, as bench/compare.sh does.
# Amity runs: amity --no-data --threads N -c 'load "aid.csv" as aid' -c 'aid | sort donor_city, value_usd' > out.csv
# See bench/README.md for the other commands and the check.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"

rows="2000000"
args=()
original=("$@")
while [ $# -gt 0 ]; do
    case "$1" in
        --rows) rows="${2:?--rows needs a value}"; rows="${rows//_/}"; shift 2 ;;
        --runs|--threads|--engines) args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench/sort_to_csv.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

"$root/scripts/ensure-deps"
if [ ! -x /usr/bin/time ]; then  # GNU time measures each process's peak memory
    echo "installing GNU time with apt-get" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null \
        || echo "warning: no GNU time: peak memory falls back to wait4" >&2
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "bench/sort_to_csv.sh: the sqlite3 command-line shell is missing (apt-get install sqlite3)" >&2
    exit 2
fi
scratch="${AMITY_SCRATCH:-$root/.build}"
for product in amity amity-gen; do
    swift build -c release --quiet --package-path "$root" --scratch-path "$scratch" --product "$product" >&2
done
bin="$(swift build -c release --package-path "$root" --scratch-path "$scratch" --show-bin-path)"

out="$root/bench/out"
data="$out/data-$rows"
if [ ! -f "$data/aid.csv" ]; then
    echo "generating $rows rows into $data" >&2
    "$bin/amity-gen" --rows "$rows" --out "$data" >&2
fi
if ! "$python" -c 'import duckdb, polars' >/dev/null 2>&1; then
    echo "installing duckdb and polars with pip" >&2
    "$python" -m pip install --quiet duckdb polars >&2
fi

# The driver is bench/sort_to_csv.py; it checks the outputs with bench/compare's checks.
export PYTHONPATH="$root/bench${PYTHONPATH:+:$PYTHONPATH}"
exec "$python" "$root/bench/sort_to_csv.py" --amity "$bin/amity" --data "$data" --out "$out" --rows "$rows" \
    --original-argv "${original[*]:-}" "${args[@]}"
