#!/usr/bin/env bash
# Start-up time of a whole process: amity -c 'cities | count' (bundled tables loaded) against
# sqlite3 :memory: 'select 1'. Release build; best and median of 20 runs. Target: under 5 ms
# (issue 16): the bundled tables are compiled in already parsed, the Swift runtime linked in.
# Also scripts/amity's second start, when nothing changed (issue 16: under 0.5 s whatever
# stdout and stderr are).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/ensure-deps"
swift build -c release --quiet --package-path "$root" --product amity >&2
time_runs() {
    local times=()
    for _ in $(seq 20); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=($(( (end - start) / 100000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "best %.1f ms, median %.1f ms\n", a[1] / 10, a[int((NR + 1) / 2)] / 10 }'
}
echo "amity -c 'cities | count': $(time_runs "$root/.build/release/amity" -c 'cities | count')"
"$root/scripts/amity" -c '1' >/dev/null 2>&1  # settles the build once
echo "scripts/amity -c 'cities | count', nothing changed: $(time_runs "$root/scripts/amity" -c 'cities | count')"
if command -v sqlite3 >/dev/null 2>&1; then
    echo "sqlite3 :memory: 'select 1': $(time_runs sqlite3 :memory: 'select 1')"
else
    echo "sqlite3 is not installed (apt-get install sqlite3) for the comparison"
fi
