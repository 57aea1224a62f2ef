"""The Markdown report: what was run and how, then the tables and summaries of every run."""

import os
import platform

from .checks import tolerance_text
from .engines import LABELS
from .runner import TIME
from .queries import TABLES, tables_of
from .summary import write_checks, write_growth, write_groupby_targets, write_speedup, write_targets
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
        if suite["targets"] == "issue6":
            write_targets(out, records, engines, peers, row_counts, threads_list, suite, label)
        elif suite["targets"] == "issue17":
            write_groupby_targets(out, records, engines, peers, row_counts, threads_list, suite, label)
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
    table_files = [f"`{TABLES[t][0]}`" for t in tables_of(args.queries)]
    files = table_files[0] if len(table_files) == 1 else ", ".join(table_files[:-1]) + " and " + table_files[-1]
    out(f"- Load: reading {files} until the tables can be queried. Amity infers the types (every string column is "
        "dictionary-coded); the peers are given the column types. DuckDB ENUM loads as VARCHAR and then converts every "
        "string column to an ENUM built from the data (part of its load time); Polars Categorical reads the strings "
        "straight as Categorical.")
    out("- Peak memory: the engine process's maximum resident set (" + ("GNU time's %M" if os.path.exists(TIME) else
        "ru_maxrss from wait4, which may include this driver's own memory: install GNU time") + "), CSV load included; "
        "for the Python peers it includes the interpreter and the library (the figure in brackets, measured "
        "right after the import).")
    out(f"- Check: every result is compared with DuckDB's (VARCHAR) of the same row and thread count: row count, "
        f"columns, then values; ints and text exactly, floats to a relative {tolerance_text()}; row order is "
        "ignored unless the query orders its rows, and rows tied on the order keys may come in any order (with a "
        "row limit, the tied rows at the cut are compared on their keys only). A failed check shows **MISMATCH** "
        "in the tables and is described at the end; a mismatched peer time is left out of \"best peer\".")
    names = [suite["name"] for suite in args.suites]
    if len(names) > 1:
        out("- Suites: " + "; ".join(f"{suite['title']} (`{suite['name']}`)" for suite in args.suites) + ". They ran "
            "in the same engine processes, so the load times and peak memory in every suite's tables are those of "
            "the whole process, every suite's queries included.")
    elif names != ["tuned"]:
        out(f"- Suite: {args.suites[0]['title']} (`{names[0]}`).")
    if "tuned" in names:
        out("- Q7 uses the prefix \"syn-country-1\" (the synthetic countries are all named syn-country-N).")
    if "natural" in names:
        out("- The natural spellings: the SQL is what a SQL user writes for the same question (ORDER BY ... LIMIT; "
            "a derived column in a subquery when the Amity pipeline derives it before filtering or grouping), with "
            "NULLS LAST as Amity sorts nulls last both ways (the synthetic data has no nulls). N4 keeps the whole "
            "sorted table and is checked row by row in order; N5 filters on the continent \"Europe\".")
    if "window" in names:
        out("- Window functions: every engine reduces the window's result the same way right after it (a sum over the "
            "window column, weighted by `quantity` where a plain sum would not depend on the order in the group, and "
            "a count), so the window must be computed but no table of every row is kept; W4, the top 2 per city, keeps "
            "its rows. Ties in the order are broken by `id` in all three spellings (Amity keeps the input order, SQL "
            "and Polars promise none), except in W6, whose rank() gives tied rows one rank in every engine; SQL's "
            "running and rolling frames are ROWS, as Amity goes row by row.")
    if "pivot" in names:
        out("- Pivot: P1 lists ten items (columns in the order listed), P2 pivots on the items the data has (columns "
            "sorted in every engine); P3's SQL unpivots with INCLUDE NULLS, as Amity keeps null values. SQLite has no "
            "PIVOT: P1 is one conditional sum per item and P3 a UNION ALL there, and P2 is not run.")
    if "stats" in names:
        out("- Statistics: each one by recipient_city (3,000 groups) and by item (12 groups); quantile as DuckDB's "
            "quantile_cont (linear interpolation), var and covar the sample ones. mode and arg_max break ties "
            "differently in every engine, so any right answer is accepted: DuckDB also lists, untimed, every most "
            "frequent value (every value at the largest `by`) of each group, and the check takes any of them. SQLite "
            "has no quantile or median (S1 and S2 are not run there) and no var, covar, corr, mode or arg_max (written "
            "in two passes, with window averages, and with its bare column beside max()).")
    if "groupby" in names:
        out("- Group-by: the table of `amity-gen --groupby` (seed 42), shaped like db-benchmark's group-by table: string "
            "keys id1, id2 (100 values), id3 (100,000), int keys id4, id5 (100), id6 (100,000), int measures v1 (1-5), "
            "v2 (1-15), float v3 (0-100, two decimals); the large keys have 100,000 values at every row count. G8 keeps "
            "(id6, v3) only, so rows tied on v3 are the same whichever an engine keeps; G10 (about one group per row) "
            "is reduced right after the group-by to the number of groups, the largest group and a checksum. DuckDB ENUM "
            "converts id1 and id2 to one ENUM type and id3 to another. SQLite has no median, stddev or corr (G6 and "
            "G9 are not run there).")
    out("")
