#!/usr/bin/env bash
# Amity side by side with DuckDB (VARCHAR and ENUM strings), Polars (String and Categorical) and SQLite over
# the seeded synthetic aid/cities tables (groupby for the group-by suite), at each row count and thread count.
# Writes a Markdown report to bench/out/compare-<date>.md and to standard output; progress goes to standard error.
#
# Usage: bench/compare.sh [--rows 1000000,10000000] [--runs 5] [--threads 1,2]
#                         [--engines amity,duckdb,duckdb-enum,polars,polars-cat,sqlite]
#                         [--suite tuned|natural|window|pivot|stats|groupby|all]
# --suite tuned (the default) runs Q1-Q10, the queries Amity was tuned for; natural runs N1-N8, the spellings a
# new user writes (sort then take, a whole-table sort, filters after a join or a derive, unused derived
# columns); window runs W1-W7 (window functions), pivot P1-P3 (pivot, unpivot), stats S1-S12 (quantile, median,
# var, covar, corr, mode, count_if, arg_max, count_distinct); groupby runs G1-G10 (group-by at every cardinality,
# issue 17) over groupby.csv; all runs every suite in the same engine processes.
# The report's file name names a suite other than tuned.
# Environment: AMITY_SCRATCH=DIR builds in DIR (swift build --scratch-path) instead of the package's .build;
#              PYTHON=python3 chooses the interpreter.
# Data is generated once per row count into bench/out/data-N and reused (aid.csv and cities.csv unless the suite
# is groupby, groupby.csv only when it is groupby or all). duckdb and polars are installed with pip when missing.
# See bench/README.md for what is measured and how results are checked.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"

rows="1000000,10000000"
suite="tuned"
args=()
original=("$@")
while [ $# -gt 0 ]; do
    case "$1" in
        --rows) rows="${2:?--rows needs a value}"; args+=("$1" "$2"); shift 2 ;;
        --suite) suite="${2:?--suite needs a value}"; args+=("$1" "$2"); shift 2 ;;
        --runs|--threads|--engines) args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench/compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

"$root/scripts/ensure-deps"
if [ ! -x /usr/bin/time ]; then  # GNU time measures each engine's peak memory
    echo "installing GNU time with apt-get" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null \
        || echo "warning: no GNU time: peak memory falls back to wait4 and may include the driver's memory" >&2
fi
scratch="${AMITY_SCRATCH:-$root/.build}"
for product in amity amity-gen; do
    swift build -c release --quiet --package-path "$root" --scratch-path "$scratch" --product "$product" >&2
done
bin="$(swift build -c release --package-path "$root" --scratch-path "$scratch" --show-bin-path)"

out="$root/bench/out"
mkdir -p "$out"
IFS=',' read -r -a row_counts <<< "$rows"
for n in "${row_counts[@]}"; do
    n="${n//_/}"
    data="$out/data-$n"
    if [ "$suite" != groupby ] && { [ ! -f "$data/aid.csv" ] || [ ! -f "$data/cities.csv" ]; }; then
        echo "generating $n rows into $data" >&2
        "$bin/amity-gen" --rows "$n" --out "$data" >&2
    fi
    if { [ "$suite" = groupby ] || [ "$suite" = all ]; } && [ ! -f "$data/groupby.csv" ]; then
        echo "generating the $n-row group-by table into $data" >&2
        "$bin/amity-gen" --groupby --rows "$n" --out "$data" >&2
    fi
done

if ! "$python" -c 'import duckdb, polars' >/dev/null 2>&1; then
    echo "installing duckdb and polars with pip" >&2
    "$python" -m pip install --quiet duckdb polars >&2
fi

# The driver is the package bench/compare/ (python3 -m compare --help describes it).
export PYTHONPATH="$root/bench${PYTHONPATH:+:$PYTHONPATH}"
exec "$python" -m compare --amity "$bin/amity" --data-root "$out" --out "$out" \
    --original-argv "${original[*]:-}" "${args[@]}"
