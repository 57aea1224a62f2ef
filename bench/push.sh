#!/usr/bin/env bash
# `.push` against `psql \copy` of the same CSV, into a throwaway PostgreSQL cluster (default
# 10,000,000 synthetic rows, about 1 GB). Issue 14's target: .push within 3x of \copy.
# Usage: bench/push.sh [rows]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-10000000}"
data="$("$root/bench/synthetic-data.sh" "$rows")"
cluster="$(mktemp -d /tmp/amity-bench-postgres.XXXXXX)"
trap '"$root/scripts/postgres-cluster" stop "$cluster"' EXIT
url="$("$root/scripts/postgres-cluster" start "$cluster")"
export PGPASSWORD=amity-test
# The table psql fills: the columns Amity infers, then amity_row, as .push makes it.
columns="$("$root/.build/release/amity" --data "$data" --format csv -c '.schema aid' | tail -n +2 |
    awk -F, '{ t = $3 == "int" ? "bigint" : $3 == "float" ? "double precision" : $3 == "date" ? "date" : $3 == "bool" ? "boolean" : "text"; printf "%s\"%s\" %s", sep, $2, t; sep = ", " }')"
names="$("$root/.build/release/amity" --data "$data" --format csv -c '.schema aid' | tail -n +2 |
    awk -F, '{ printf "%s\"%s\"", sep, $2; sep = ", " }')"
start=$(date +%s%N)
psql -X -q "$url" -c "CREATE TABLE copied ($columns, amity_row bigserial)" -c "\\copy copied ($names) FROM '$data/aid.csv' CSV HEADER"
copy_ms=$(( ($(date +%s%N) - start) / 1000000 ))
# The load is timed apart and subtracted: .push starts from a table in memory.
start=$(date +%s%N)
"$root/.build/release/amity" --data "$data" -c 'aid | count' >/dev/null
load_ms=$(( ($(date +%s%N) - start) / 1000000 ))
start=$(date +%s%N)
"$root/.build/release/amity" --data "$data" -c ".connect $url" -c '.push aid as pushed' >/dev/null
push_ms=$(( ($(date +%s%N) - start) / 1000000 - load_ms ))
echo "rows: $rows"
echo "psql \\copy of the CSV: $copy_ms ms"
echo "amity .push (load of $load_ms ms subtracted): $push_ms ms"
awk -v p="$push_ms" -v c="$copy_ms" 'BEGIN { printf ".push / \\copy: %.2f\n", p / c }'
psql -X -tA "$url" -c "SELECT (SELECT count(*) FROM copied) = (SELECT count(*) FROM pushed)" | sed 's/^t$/row counts agree/; s/^f$/ROW COUNTS DIFFER/'
