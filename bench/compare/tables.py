"""The tables for one suite at one row count and thread count: every engine's times, and Amity's ratio to each
peer."""

from .engines import LABELS, REFERENCE
from .figures import cell, geomean, ms, query_time, ratio, valid_time
from .suites import query_ids


def write_group(out, rows, threads, group, engines, peers, suite, label=""):
    queries, ids = suite["queries"], query_ids(suite)
    out(f"## {rows:,} rows, {threads} thread{'s' if threads > 1 else ''}{label}")
    out("")
    header = ["query"] + [LABELS[e] for e in engines] + ["best peer", "Amity ÷ best peer"]
    out("| " + " | ".join(header) + " |")
    out("| " + " | ".join(["---"] + ["---:"] * (len(header) - 1)) + " |")
    amity_ratios = []
    for query in queries:
        qid = query["id"]
        peer_times = {p: valid_time(group[p], qid) for p in peers}
        peer_times = {p: t for p, t in peer_times.items() if t is not None}
        best_peer = min(peer_times, key=peer_times.get) if peer_times else None
        amity_time = query_time(group.get("amity"), qid)
        r = amity_time / peer_times[best_peer] if amity_time and best_peer else None
        if r:
            amity_ratios.append(r)
        mark = " **MISMATCH**" if group.get("amity") and group["amity"]["queries"].get(qid, {}).get("mismatch") else ""
        out(f"| {qid} {query['title']} | " + " | ".join(cell(group[e], qid) for e in engines)
            + f" | {LABELS[best_peer] if best_peer else 'n/a'} | {ratio(r)}{mark} |")
    geo = {e: geomean([query_time(group[e], q) for q in ids]) if group[e] and all(
        query_time(group[e], q) for q in ids) else None for e in engines}
    out("| geometric mean of best times | " + " | ".join(ms(geo[e]) for e in engines)
        + f" | | {ratio(geomean(amity_ratios)) if len(amity_ratios) == len(queries) else 'n/a'} |")
    out("| CSV load, ms | " + " | ".join(
        ms(group[e].get("load_ms")) if group[e] and not group[e].get("skipped") else "n/a" for e in engines) + " | | |")
    out("| peak memory, MB | " + " | ".join(memory_cell(group[e]) for e in engines) + " | | |")
    out("| results vs DuckDB | " + " | ".join(check_cell(group[e], e, ids) for e in engines) + " | | |")
    out("")
    write_amity_ratios(out, rows, threads, group, peers, ids)


def memory_cell(record):
    if not record or record.get("skipped") or "peak_kb" not in record:
        return "n/a"
    text = f"{record['peak_kb'] / 1024:.0f}"
    if record.get("base_rss_kb"):
        text += f" ({record['base_rss_kb'] / 1024:.0f})"
    return text


def check_cell(record, engine, ids):
    if not record or record.get("skipped"):
        return "n/a"
    if engine == REFERENCE:
        return "reference"
    bad = [q for q in ids if record["queries"].get(q, {}).get("mismatch")]
    unsupported = [q for q in ids if record["queries"].get(q, {}).get("unsupported")]
    failed = [q for q in ids if q not in unsupported and (record["queries"].get(q, {}).get("error")
                                                          or not record["queries"].get(q, {}).get("times"))]
    parts = []
    if bad:
        parts.append("**MISMATCH " + ", ".join(bad) + "**")
    if failed:
        parts.append("**error " + ", ".join(failed) + "**")
    if not parts:
        parts.append("all agree")
    if unsupported:  # no spelling in this engine (SQLite has no quantile, for one)
        parts.append("not run: " + ", ".join(unsupported))
    return "; ".join(parts)


def write_amity_ratios(out, rows, threads, group, peers, ids):
    amity = group.get("amity")
    if amity and not amity.get("skipped") and peers:
        out(f"Amity's best time ÷ each peer's best time ({rows:,} rows, {threads} thread{'s' if threads > 1 else ''}; "
            "below 1 means Amity is faster):")
        out("")
        out("| query | " + " | ".join(LABELS[p] for p in peers) + " |")
        out("| --- | " + " | ".join("---:" for _ in peers) + " |")
        per_peer = {p: [] for p in peers}
        for qid in ids:
            a = query_time(amity, qid)
            cells = []
            for p in peers:
                t = valid_time(group[p], qid)
                r = a / t if a and t else None
                if r:
                    per_peer[p].append(r)
                cells.append(ratio(r))
            out(f"| {qid} | " + " | ".join(cells) + " |")
        out("| geometric mean | " + " | ".join(
            ratio(geomean(per_peer[p])) if len(per_peer[p]) == len(ids) else
            (f"{ratio(geomean(per_peer[p]))} ({len(per_peer[p])} queries)" if per_peer[p] else "n/a")
            for p in peers) + " |")
        load_amity = amity.get("load_ms")
        out("| CSV load | " + " | ".join(
            ratio(load_amity / group[p]["load_ms"]) if load_amity and group[p] and group[p].get("load_ms") else "n/a"
            for p in peers) + " |")
        out("| peak memory | " + " | ".join(
            ratio(amity["peak_kb"] / group[p]["peak_kb"]) if amity.get("peak_kb") and group[p] and group[p].get("peak_kb") else "n/a"
            for p in peers) + " |")
        out("")
