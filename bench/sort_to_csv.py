"""A full sort of a CSV file by two keys, written as CSV: whole processes, side by side (bench/sort_to_csv.sh).

python3 bench/sort_to_csv.py --amity BIN --data DIR --out DIR [--runs 5] [--threads 1,2]
                             [--engines amity,duckdb,sqlite,polars]

Each engine is one whole process that reads DIR/aid.csv, sorts every row by (donor_city, value_usd) and writes the
sorted table as CSV to a file: start-up, reading, type inference, sorting and writing are all in its time. Each
thread count runs one warm-up round and then `runs` timed rounds; a round runs every engine once, in turn
(A B C A B C ...), so a machine that drifts slows every engine alike. Wall seconds are measured around the process,
peak memory is GNU time's %M. Every engine's output (the last run's) is then checked against DuckDB's at the
same thread count with the ordered check of bench/compare (`compare.checks`): same rows, same order of the keys,
rows tied on both keys in any order. The Markdown report goes to standard output and DIR/../sort-to-csv-<date>.md.
"""

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys

from compare.checks import compare_results, tolerance_text
from compare.figures import ratio
from compare.runner import TIME, run_process

KEYS = ["donor_city", "value_usd"]
AMITY_QUERY = "aid | sort " + ", ".join(KEYS)
# Amity's nulls go last in both directions; DuckDB's ascending default is the same, SQLite's is not.
SQL = "SELECT * FROM aid ORDER BY " + ", ".join(f"{key} NULLS LAST" for key in KEYS)
SQLITE_TABLE = ("CREATE TABLE aid (id INTEGER, donor_city TEXT, recipient_city TEXT, donor_country TEXT, "
                "recipient_country TEXT, item TEXT, quantity INTEGER, value_usd REAL, date TEXT);")
ENGINES = ["amity", "duckdb", "sqlite", "polars"]
LABELS = {"amity": "Amity", "duckdb": "DuckDB", "sqlite": "SQLite (CLI)", "polars": "Polars"}
REFERENCE = "duckdb"


def command(engine, amity, threads, output):
    """The command line of one engine, run in the data folder (it reads `aid.csv` there), and its environment."""
    env = dict(os.environ)
    if engine == "amity":
        # As a user writes it: the result of the last query goes to standard output, CSV when that is not a terminal.
        return [amity, "--no-data", "--threads", str(threads), "-c", 'load "aid.csv" as aid', "-c", AMITY_QUERY], env
    if engine == "sqlite":
        # Typed columns, so value_usd sorts as a number (.import into a missing table would make every column TEXT).
        return ["sqlite3", ":memory:", SQLITE_TABLE, ".import --csv --skip 1 aid.csv aid", ".headers on", ".mode csv",
                f".output {output}", SQL + ";"], env
    if engine == "duckdb":
        sql = SQL.replace("FROM aid", "FROM read_csv('aid.csv')")
        code = (f"import duckdb; con = duckdb.connect(); con.execute('SET threads TO {threads}'); "
                f"con.execute(\"COPY ({sql}) TO '{output}' (HEADER, DELIMITER ',')\")")
        return [sys.executable, "-c", code], env
    if engine == "polars":
        env["POLARS_MAX_THREADS"] = str(threads)
        code = (f"import polars as pl; pl.scan_csv('aid.csv', try_parse_dates=True)"
                f".sort({KEYS!r}, nulls_last=True).sink_csv({output!r})")
        return [sys.executable, "-c", code], env
    raise ValueError(engine)


def shown(argv, output):
    """A command as a shell line for the report: `amity` and `python3` for the programs' full paths, `out.csv` for
    the output file, and Amity's standard output redirected to it."""
    def quote(word):
        if word and all(c.isalnum() or c in "-_./=:," for c in word):
            return word
        if "'" not in word:
            return "'" + word + "'"
        return '"' + "".join("\\" + c if c in '\\"$`' else c for c in word) + '"'
    program = "amity" if argv[0].endswith("amity") else "python3" if argv[0] == sys.executable else argv[0]
    words = [program] + [word.replace(output, "out.csv") for word in argv[1:]]
    return " ".join(quote(word) for word in words) + (" > out.csv" if program == "amity" else "")


def run_rounds(args, threads, engines, work):
    """The warm-up round and the timed rounds at one thread count; each engine's record."""
    records = {e: {"walls": [], "peaks": [], "loads": [], "codes": []} for e in engines}
    for round_index in range(args.runs + 1):
        for engine in engines:
            output = os.path.join(work, f"{engine}-t{threads}.csv")
            argv, env = command(engine, args.amity, threads, output)
            stdout = output if engine == "amity" else os.path.join(work, f"{engine}-t{threads}.stdout")
            stderr = os.path.join(work, f"{engine}-t{threads}.stderr")
            if os.path.exists(output):
                os.remove(output)
            code, wall, peak_kb, load = run_process(argv, env, stdout, stderr, cwd=args.data)
            print(f"  {threads} thread(s), {'warm-up' if round_index == 0 else f'run {round_index}'}: "
                  f"{LABELS[engine]} {wall:.2f} s, peak {peak_kb / 1024:.0f} MB" + (f", exit {code}" if code else ""),
                  file=sys.stderr, flush=True)
            record = records[engine]
            record["command"] = shown(argv, output)
            record["output"] = output
            if code != 0:
                with open(stderr, encoding="utf-8", errors="replace") as file:
                    tail = file.read().strip().splitlines()[-1:] or [""]
                record["error"] = f"exit {code}: {tail[0][:300]}"
            if round_index > 0:
                record["walls"].append(wall)
                record["peaks"].append(peak_kb)
                record["loads"].append(load)
    return records


def check_outputs(records, rows):
    """Every output against DuckDB's; DuckDB's own against the input's row count."""
    reference = records.get(REFERENCE)
    if reference.get("error") or not os.path.exists(reference["output"]):
        for record in records.values():
            record["check"] = "not checked: DuckDB, the reference, failed"
        return
    query = {"order": KEYS, "limit": False}
    with open(reference["output"], "rb") as file:
        reference_rows = sum(1 for _ in file) - 1
    reference["check"] = "reference" if reference_rows == rows else f"**{reference_rows} rows, not {rows}**"
    for engine, record in records.items():
        if engine != REFERENCE:
            problem = compare_results(query, reference["output"], record["output"])
            record["check"] = f"**MISMATCH**: {problem}" if problem else "agrees"
            if problem:
                print(f"  MISMATCH {LABELS[engine]}: {problem}", file=sys.stderr)


def write_report(out, args, by_threads, started, versions):
    loads = [l for records in by_threads.values() for r in records.values() for l in r["loads"]]
    out(f"# A full sort of a {args.rows:,}-row CSV by two keys, written as CSV ({started:%Y-%m-%d %H:%M})")
    out("")
    out(f"- Machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}.")
    out("- Versions: " + ", ".join(f"{LABELS[e]} {versions.get(e, '?')}" for e in args.engines) + ".")
    out(f"- Command: `{' '.join(['bench/sort_to_csv.sh'] + args.original_argv)}` (release build).")
    if loads:
        out(f"- Machine noise: 1-minute load average {min(loads):.2f} to {max(loads):.2f} before the runs (on "
            f"{os.cpu_count()} CPUs). Differences under about 1.3x are noise on these shared machines.")
    out(f"- Each figure is a **whole process** (start-up, CSV read with type inference, sort by "
        f"({', '.join(KEYS)}), CSV write to a file), wall seconds, **best / median of {args.runs} runs** after one "
        "warm-up round; the engines run in turn (A B C A B C ...). Peak memory: the largest maximum resident set "
        "over the runs (" + ("GNU time's %M" if os.path.exists(TIME) else "wait4's ru_maxrss") + ").")
    out("- Check: the last run's output of every engine against DuckDB's, with bench/compare's ordered check: the "
        "same row count and columns, the keys in the same order row by row, rows tied on both keys in any order, "
        f"ints and text exactly, floats to a relative {tolerance_text()}. DuckDB's row count is checked against "
        "the input's.")
    out("")
    out(f"Commands, run in the data folder, as at {args.threads[0]} thread{'s' if args.threads[0] > 1 else ''} (`out.csv` "
        "is bench/out/sort-to-csv-work/ENGINE-tN.csv; Polars gets its threads from POLARS_MAX_THREADS):")
    out("")
    out("| engine | command |")
    out("| --- | --- |")
    first = next(iter(by_threads.values()))
    for engine in args.engines:
        text = first[engine]["command"].replace("|", "\\|")  # a pipe inside a table cell, code span or not
        out(f"| {LABELS[engine]} | `{text}` |")
    out("")
    for threads, records in by_threads.items():
        out(f"## {threads} thread{'s' if threads > 1 else ''}")
        out("")
        out("| engine | best s | median s | peak MB | Amity ÷ this (best) | Amity ÷ this (median) | output |")
        out("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        amity = records.get("amity")
        for engine in args.engines:
            r = records.get(engine)
            if r is None:
                out(f"| {LABELS[engine]} | n/a | n/a | n/a | | | one thread only |")
                continue
            if r.get("error") or not r["walls"]:
                out(f"| {LABELS[engine]} | **error** | | | | | {r.get('error', 'no run')} |")
                continue
            best, med = min(r["walls"]), statistics.median(r["walls"])
            cells = ["", ""]
            if amity and engine != "amity" and amity["walls"] and not amity.get("error"):
                cells = [ratio(min(amity["walls"]) / best), ratio(statistics.median(amity["walls"]) / med)]
            out(f"| {LABELS[engine]} | {best:.2f} | {med:.2f} | {max(r['peaks']) / 1024:.0f} | {cells[0]} | {cells[1]} "
                f"| {r.get('check', '')} |")
        peers = {e: min(r["walls"]) for e, r in records.items()
                 if e != "amity" and r["walls"] and not r.get("error") and "MISMATCH" not in r.get("check", "")}
        if amity and amity["walls"] and peers:
            best_peer = min(peers, key=peers.get)
            a = min(amity["walls"])
            duck = f"Amity ÷ DuckDB {ratio(a / peers[REFERENCE])}; " if REFERENCE in peers else ""
            out("")
            out(f"Best times: {duck}Amity ÷ best peer ({LABELS[best_peer]}) {ratio(a / peers[best_peer])}.")
        out("")


def versions_of(args):
    versions = {}
    try:
        versions["amity"] = subprocess.run([args.amity, "--version"], capture_output=True, text=True).stdout.strip()
        versions["sqlite"] = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
        for name in ("duckdb", "polars"):
            versions[name] = subprocess.run([sys.executable, "-c", f"import {name}; print({name}.__version__)"],
                                            capture_output=True, text=True).stdout.strip()
    except (OSError, IndexError):
        pass
    return versions


def main():
    parser = argparse.ArgumentParser(prog="sort_to_csv.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--amity", required=True)
    parser.add_argument("--data", required=True, help="the folder of aid.csv")
    parser.add_argument("--out", required=True, help="where the outputs and the report go")
    parser.add_argument("--rows", type=int, required=True, help="the rows of aid.csv (DuckDB's output is checked)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--original-argv", default="")
    args = parser.parse_args()
    args.threads = [int(t) for t in args.threads.split(",") if t]
    wanted = [e.strip() for e in args.engines.split(",") if e.strip()]
    if [e for e in wanted if e not in ENGINES] or args.runs < 1:
        parser.error(f"choose engines from {ENGINES}, and at least one run")
    args.engines = [e for e in ENGINES if e in wanted or e == REFERENCE]  # DuckDB is the reference: it always runs
    args.data, args.out = os.path.abspath(args.data), os.path.abspath(args.out)
    args.original_argv = args.original_argv.split() if args.original_argv else []
    work = os.path.join(args.out, "sort-to-csv-work")
    os.makedirs(work, exist_ok=True)
    started = datetime.datetime.now()
    by_threads = {}
    for threads in args.threads:
        engines = [e for e in args.engines if not (e == "sqlite" and threads > 1)]  # the sqlite3 CLI: one thread
        by_threads[threads] = run_rounds(args, threads, engines, work)
        check_outputs(by_threads[threads], args.rows)
    lines = []
    write_report(lines.append, args, by_threads, started, versions_of(args))
    report = "\n".join(lines)
    path = os.path.join(args.out, f"sort-to-csv-{started:%Y-%m-%d-%H%M}.md")
    with open(path, "w", encoding="utf-8") as file:
        file.write(report)
    print(report)
    print(f"report written to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
