"""The sections after the per-run tables: growth with row count, speed-up with threads, the issue's targets
and every failed check in full."""

import math

from .engines import LABELS
from .figures import geomean, ms, query_time, ratio, valid_time
from .suites import query_ids


def write_growth(out, records, engines, row_counts, threads_list, suite, label=""):
    """Growth from the smallest to the largest row count, at the first thread count."""
    if len(row_counts) > 1:
        small, large = row_counts[0], row_counts[-1]
        t = threads_list[0]
        a_small, a_large = records.get((small, t, "amity")), records.get((large, t, "amity"))
        if a_small and a_large:
            out(f"## Growth from {small:,} to {large:,} rows (best times, {t} thread{'s' if t > 1 else ''}){label}")
            out("")
            nlogn = large * math.log(large) / (small * math.log(small))
            out(f"Linear growth would be {large / small:.1f}x; " + suite["growth_note"].format(nlogn=nlogn) + ".")
            out("")
            out("| query | " + " | ".join(LABELS[e] for e in engines) + " |")
            out("| --- | " + " | ".join("---:" for _ in engines) + " |")

            def growth(engine, qid):
                s, l = query_time(records.get((small, t, engine)), qid), query_time(records.get((large, t, engine)), qid)
                return f"{l / s:.1f}x ({ms(s)} → {ms(l)})" if s and l else "n/a"
            for qid in query_ids(suite):
                out(f"| {qid} | " + " | ".join(growth(e, qid) for e in engines) + " |")

            def load_growth(engine):
                s, l = records.get((small, t, engine)), records.get((large, t, engine))
                s, l = (s or {}).get("load_ms"), (l or {}).get("load_ms")
                return f"{l / s:.1f}x" if s and l else "n/a"
            out("| CSV load | " + " | ".join(load_growth(e) for e in engines) + " |")
            out("")


def write_speedup(out, records, engines, row_counts, threads_list, suite, label=""):
    """The first thread count against the last, on the queries of the suite that can use more threads (Q2-Q6 of
    the tuned suite)."""
    if len(threads_list) > 1:
        one, two = threads_list[0], threads_list[-1]
        ids = suite["speedup"]
        which = f"{ids[0]}-{ids[-1]}" if len(ids) > 1 else ids[0]
        out(f"## Speed-up from {one} to {two} threads on {which} (best {one}-thread time ÷ best {two}-thread time)"
            + label)
        out("")
        multi = [e for e in engines if e != "sqlite"]
        for rows in row_counts:
            out(f"{rows:,} rows:")
            out("")
            out("| query | " + " | ".join(LABELS[e] for e in multi) + " |")
            out("| --- | " + " | ".join("---:" for _ in multi) + " |")
            speedups = {e: [] for e in multi}
            for qid in ids:
                cells = []
                for e in multi:
                    a, b = query_time(records.get((rows, one, e)), qid), query_time(records.get((rows, two, e)), qid)
                    if a and b:
                        speedups[e].append(a / b)
                        cells.append(f"{a / b:.2f}x")
                    else:
                        rec = records.get((rows, two, e))
                        cells.append(rec["skipped"].split(":")[0] if rec and rec.get("skipped") else "n/a")
                out(f"| {qid} | " + " | ".join(cells) + " |")
            out("| geometric mean | " + " | ".join(
                f"{geomean(speedups[e]):.2f}x" if speedups[e] else "n/a" for e in multi) + " |")
            out("")


def write_targets(out, records, engines, peers, row_counts, threads_list, suite, label=""):
    """The targets of issue 6 for the tuned suite, at the largest row count."""
    ids = query_ids(suite)
    rows = row_counts[-1]
    one = threads_list[0]
    group = {e: records.get((rows, one, e)) for e in engines}
    if group.get("amity") and not group["amity"].get("skipped") and any(group.get(p) for p in peers):
        out(f"## Issue 6 targets at {rows:,} rows, one thread" + ("" if rows == 10_000_000 else
            " (the issue states them for 10,000,000 rows)") + label)
        out("")
        slower = []
        ratios = []
        for qid in ids:
            a = query_time(group["amity"], qid)
            peer_best = min([t for t in (valid_time(group[p], qid) for p in peers) if t] or [None]) if peers else None
            if a and peer_best:
                ratios.append(a / peer_best)
                if a > peer_best:
                    slower.append(f"{qid} ({a / peer_best:.2f}x)")
        g = geomean(ratios) if len(ratios) == len(ids) else None
        out(f"- Every query at least as fast as the fastest peer: {'met' if not slower and ratios else 'not met'}"
            + (f"; slower on {', '.join(slower)}" if slower else "") + ".")
        out(f"- Geometric mean of Amity ÷ best peer ≤ 0.5: {ratio(g)} ({'met' if g and g <= 0.5 else 'not met'}).")
        if len(threads_list) > 1:
            two = threads_list[-1]
            speed = [(q, query_time(records.get((rows, one, "amity")), q), query_time(records.get((rows, two, "amity")), q))
                     for q in suite["speedup"]]
            if all(a and b for _, a, b in speed):
                low = [f"{q} {a / b:.2f}x" for q, a, b in speed if a / b < 1.6]
                out(f"- Two threads ≥ 1.6x on Q2-Q6: {'met' if not low else 'not met (' + ', '.join(low) + ')'}.")
            else:
                out("- Two threads ≥ 1.6x on Q2-Q6: not measurable (no two-thread Amity run).")
        polars1 = group.get("polars")
        a_load = group["amity"].get("load_ms")
        if a_load and polars1 and polars1.get("load_ms"):
            out(f"- CSV load faster than Polars' one-thread load: {ms(a_load)} ms vs {ms(polars1['load_ms'])} ms "
                f"({'met' if a_load < polars1['load_ms'] else 'not met'}).")
        duck = group.get("duckdb")
        if group["amity"].get("peak_kb") and duck and duck.get("peak_kb"):
            a_mb, d_mb = group["amity"]["peak_kb"] / 1024, duck["peak_kb"] / 1024
            out(f"- Peak memory no more than DuckDB's: {a_mb:.0f} MB vs {d_mb:.0f} MB ({'met' if a_mb <= d_mb else 'not met'}).")
        out("")


def write_groupby_targets(out, records, engines, peers, row_counts, threads_list, suite, label=""):
    """The targets of issue 17 for the group-by suite, at the largest row count: every query at or below the best
    peer's time on each thread count, the geometric mean of Amity ÷ best peer at most 0.6 on each, and the last
    thread count at least 1.6x faster than the first on every query with more than 10,000 groups."""
    ids = query_ids(suite)
    rows = row_counts[-1]
    amity_runs = {t: records.get((rows, t, "amity")) for t in threads_list}
    if not any(r and not r.get("skipped") for r in amity_runs.values()):
        return
    out(f"## Issue 17 targets at {rows:,} rows" + ("" if rows == 10_000_000 else
        " (the issue states them for 10,000,000 rows)") + label)
    out("")
    for threads in threads_list:
        amity = amity_runs[threads]
        if not amity or amity.get("skipped"):
            continue
        group = {p: records.get((rows, threads, p)) for p in peers}
        slower, ratios = [], []
        for qid in ids:
            a = query_time(amity, qid)
            peer_best = min([t for t in (valid_time(group[p], qid) for p in peers) if t] or [None])
            if a and peer_best:
                ratios.append(a / peer_best)
                if a > peer_best:
                    slower.append(f"{qid} ({a / peer_best:.2f}x)")
        g = geomean(ratios) if len(ratios) == len(ids) else None
        which = f"{threads} thread{'s' if threads > 1 else ''}"
        out(f"- {which}: every query at or below the best peer's time: "
            f"{'met' if not slower and len(ratios) == len(ids) else 'not met'}"
            + (f"; slower on {', '.join(slower)}" if slower else "")
            + (f"; {len(ids) - len(ratios)} queries without a time to compare" if len(ratios) < len(ids) else "") + ".")
        out(f"- {which}: geometric mean of Amity ÷ best peer ≤ 0.6: {ratio(g)} ({'met' if g and g <= 0.6 else 'not met'}).")
    if len(threads_list) > 1:
        one, many = threads_list[0], threads_list[-1]
        wide = [q["id"] for q in suite["queries"] if q.get("many_groups")]
        speed = [(q, query_time(amity_runs[one], q), query_time(amity_runs[many], q)) for q in wide]
        if all(a and b for _, a, b in speed):
            low = [f"{q} {a / b:.2f}x" for q, a, b in speed if a / b < 1.6]
            out(f"- {many} threads ≥ 1.6x over {one} on the queries with more than 10,000 groups ({', '.join(wide)}): "
                + ("met" if not low else "not met (" + ", ".join(low) + ")") + ".")
        else:
            out(f"- {many} threads ≥ 1.6x over {one} on the queries with more than 10,000 groups: not measurable "
                "(an Amity time is missing).")
    out("")


def write_checks(out, records, engines, queries):
    """Every mismatch and error in full, over the queries of every suite run; the tables only mark them."""
    problems = []
    for (rows, threads, engine), record in sorted(records.items(), key=lambda kv: (kv[0][0], kv[0][1], engines.index(kv[0][2]))):
        where = f"{LABELS[engine]}, {rows:,} rows, {threads} thread{'s' if threads > 1 else ''}"
        if record.get("error"):
            problems.append(f"- {where}: {record['error']}")
        for query in queries:
            qid = query["id"]
            entry = record["queries"].get(qid, {})
            if entry.get("mismatch"):
                text = query["amity"] if engine == "amity" else query.get("sqlite", query["sql"]) if engine == "sqlite" else query["sql"] if engine.startswith("duckdb") else "(Polars expression)"
                problems.append(f"- **MISMATCH** {where}, {qid} `{text}`: {entry['mismatch']}")
            if entry.get("error"):
                problems.append(f"- **error** {where}, {qid}: {entry['error']}")
    out("## Result checks")
    out("")
    out("\n".join(problems) if problems else "Every result agrees with DuckDB's.")
    out("")
