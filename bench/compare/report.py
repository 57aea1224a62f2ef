"""The Markdown report: what was run and how, then the tables and summaries of every run."""

import os
import platform

from .checks import RELATIVE_TOLERANCE
from .engines import LABELS
from .runner import TIME
from .summary import write_checks, write_growth, write_speedup, write_targets
from .tables import write_group


def write_report(args, records, started, versions):
    engines = args.engines
    peers = [e for e in engines if e != "amity"]
    lines = []
    out = lines.append
    write_preamble(out, args, records, started, versions)
    row_counts = sorted({r["rows"] for r in records.values()})
    threads_list = sorted({r["threads"] for r in records.values()})
    for suite in args.suites:
        # The default suite alone keeps the report's historical headings; otherwise every heading names its suite.
        label = "" if [s["name"] for s in args.suites] == ["tuned"] else f" — {suite['title']}"
        for rows in row_counts:
            for threads in threads_list:
                group = {e: records.get((rows, threads, e)) for e in engines}
                if any(group.values()):
                    write_group(out, rows, threads, group, engines, peers, suite, label)
        write_growth(out, records, engines, row_counts, threads_list, suite, label)
        write_speedup(out, records, engines, row_counts, threads_list, suite, label)
        if suite["targets"]:
            write_targets(out, records, engines, peers, row_counts, threads_list, suite, label)
    write_checks(out, records, engines, args.queries)
    return "\n".join(lines)


def write_preamble(out, args, records, started, versions):
    engines = args.engines
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as file:
            cpu = next((l.split(":", 1)[1].strip() for l in file if l.startswith("model name")), "?")
    except OSError:
        pass
    loads = [r["loadavg"] for r in records.values() if "loadavg" in r]
    out(f"# Amity side by side with DuckDB, Polars and SQLite ({started:%Y-%m-%d %H:%M})")
    out("")
    out(f"- Machine: {os.cpu_count()} CPUs ({cpu}), {platform.platform()}, Python {platform.python_version()}.")
    out("- Versions: " + ", ".join(f"{LABELS[e]} {versions.get(e, '?')}" for e in engines) + ".")
    out(f"- Command: `{' '.join(['bench/compare.sh'] + args.original_argv)}` (release builds).")
    if loads:
        out(f"- Machine noise: 1-minute load average {min(loads):.2f} to {max(loads):.2f} when the engine processes "
            f"started (on {os.cpu_count()} CPUs; above about 1 another job was competing). Differences under about "
            "1.3x are noise on these shared machines.")
    out(f"- Each engine runs in its own process per row count and thread count. Times are milliseconds measured "
        f"inside that process, **best / median of {args.runs} timed runs** after one warm-up; each run computes the "
        "whole result into the engine's own in-memory form (Amity `let r = ...`, DuckDB and SQLite "
        "`CREATE TEMP TABLE r AS ...`, Polars `collect()`), without printing it.")
    out("- Load: reading `aid.csv` and `cities.csv` until the tables can be queried. Amity infers the types; the peers "
        "are given the column types. DuckDB ENUM loads as VARCHAR and then converts every string column to an ENUM "
        "built from the data (part of its load time); Polars Categorical reads the strings straight as Categorical.")
    out("- Peak memory: the engine process's maximum resident set (" + ("GNU time's %M" if os.path.exists(TIME) else
        "ru_maxrss from wait4, which may include this driver's own memory: install GNU time") + "), CSV load included; "
        "for the Python peers it includes the interpreter and the library (the figure in brackets, measured "
        "right after the import).")
    out(f"- Check: every result is compared with DuckDB's (VARCHAR) of the same row and thread count: row count, "
        f"columns, then values; ints and text exactly, floats to a relative {RELATIVE_TOLERANCE:g}; row order is "
        "ignored unless the query orders its rows, and rows tied on the order keys may come in any order (with a "
        "row limit, the tied rows at the cut are compared on their keys only). A failed check shows **MISMATCH** "
        "in the tables and is described at the end; a mismatched peer time is left out of \"best peer\".")
    names = [suite["name"] for suite in args.suites]
    if names != ["tuned"]:
        out("- Suites: " + "; ".join(f"{suite['title']} (`{suite['name']}`)" for suite in args.suites) + ". They ran "
            "in the same engine processes, so the load times and peak memory in every suite's tables are those of "
            "the whole process, every suite's queries included.")
    if "tuned" in names:
        out("- Q7 uses the prefix \"syn-country-1\" (the synthetic countries are all named syn-country-N).")
    if "natural" in names:
        out("- The natural spellings: the SQL is what a SQL user writes for the same question (ORDER BY ... LIMIT; "
            "a derived column in a subquery when the Amity pipeline derives it before filtering or grouping), with "
            "NULLS LAST as Amity sorts nulls last both ways (the synthetic data has no nulls). N4 keeps the whole "
            "sorted table and is checked row by row in order; N5 filters on the continent \"Europe\".")
    out("")
