#!/usr/bin/env bash
# Times parsing a 1 MB script of mixed statements (release build). Target: well under 100 ms.
# Usage: bench/parse.sh [size-in-bytes]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
size="${1:-1048576}"
"$root/scripts/ensure-deps"
swift build -c release --package-path "$root" --product amity >&2
out="$root/bench/out"
mkdir -p "$out"
script="$out/parse-1mb.q"
# The examples of the language reference, repeated to the requested size.
block=$(cat <<'Q'
# a mixed block of statements
cities | where country == "Japan" | select name, province | sort name | take 5
agreements
| where kind == "sister-city" and year in 1990..1999
| join cities on partner_id == city_id
| summarize pairs = count(), first_year = min(year) by continent
| sort pairs desc, continent
let japan = cities | where country == "Japan"
let cutoff = @2020-01-01
aid | where date >= cutoff and item in ["masks", "gowns"] and quantity > 1_000
    | derive month = date_trunc(date, "month"), per_unit = value_usd / quantity
    | summarize total = sum(quantity), shipments = count() by recipient_country, month
    | top 10 by total desc
visits | where year(date) == $year and purpose != null | distinct to_country
aid | join left cities as r on recipient_id == r.city_id | select aid_id, r.name, quantity ?? 0
agreements | where not (kind in ["mou", "investment"]) or signed is null | count
partners | union (cities | select name, country) | rename partner = name
Q
)
: > "$script"
while [ "$(stat -c %s "$script")" -lt "$size" ]; do printf '%s\n' "$block" >> "$script"; done
bytes=$(stat -c %s "$script")
# Best of 5 wall-clock runs of `--check` (process start included, so an upper bound).
best=""
for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    "$root/.build/release/amity" --check "$script"
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
echo "parse: $bytes bytes, best of 5: ${best} ms (amity --check, process start included)"
