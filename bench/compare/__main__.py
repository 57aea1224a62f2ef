"""Amity side by side with DuckDB, Polars and SQLite over the synthetic `aid` and `cities` tables (and the
`groupby` table for the group-by suite).

Driver:  python3 -m compare --amity BIN --data-root DIR --out DIR [--rows 1000000,10000000] [--runs 5]
                            [--threads 1,2] [--engines amity,duckdb,duckdb-enum,polars,polars-cat,sqlite]
                            [--suite tuned|natural|window|pivot|stats|groupby|all]
Worker:  python3 -m compare --worker ENGINE --data DIR --threads N --runs R --results DIR [--suite S]
         (one engine, one process)
(run with bench/ on PYTHONPATH; bench/compare.sh builds Amity, makes the data and does that)

Every engine runs in its own process per (rows, threads): Amity as the `amity` binary itself with a generated
script, the peers as a worker process of this package. Inside that process the CSV load is timed apart from
the queries, and each query runs once to warm up and then `runs` timed times. Each timed run computes the whole
result and keeps it in the engine's own in-memory form (Amity `let r = ...`, DuckDB and SQLite
`CREATE TEMP TABLE r AS ...`, Polars `LazyFrame.collect()`); printing it is not timed. The result of the last
run is written to CSV afterwards and checked against DuckDB's (see `checks.compare_results`). Peak memory is
the process's maximum resident set from GNU time (see `runner.run_process`).

`--suite` chooses the queries (see `suites.py`): `tuned` (the default) is Q1-Q10, `natural` the natural spellings
N1-N8, `window` the window functions W1-W7, `pivot` P1-P3, `stats` the statistics S1-S12, `groupby` the group-by shapes
G1-G10 over groupby.csv (made by `amity-gen --groupby`), `all` every suite, run in the same engine processes and
reported suite by suite. Each engine loads only the tables the chosen queries read.
"""

import argparse

from .driver import driver_main
from .engines import ENGINES
from .suites import DEFAULT_SUITE, SUITE_CHOICES, selected_queries, selected_suites
from .workers import worker_main


def main():
    parser = argparse.ArgumentParser(prog="python3 -m compare", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", choices=[e for e in ENGINES if e != "amity"])
    parser.add_argument("--data")
    parser.add_argument("--results")
    parser.add_argument("--amity")
    parser.add_argument("--data-root")
    parser.add_argument("--out")
    parser.add_argument("--rows", default="1000000,10000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--suite", choices=SUITE_CHOICES, default=DEFAULT_SUITE)
    parser.add_argument("--original-argv", default="")
    args = parser.parse_args()
    args.suites = selected_suites(args.suite)
    args.queries = selected_queries(args.suite)
    if args.worker:
        args.threads = int(args.threads)
        worker_main(args)
        return
    args.rows = [int(r.replace("_", "")) for r in args.rows.split(",") if r]
    args.threads = [int(t) for t in args.threads.split(",") if t]
    args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in args.engines if e not in ENGINES]
    if unknown or args.runs < 1:
        parser.error(f"unknown engines {unknown}; choose from {ENGINES}" if unknown else "--runs must be at least 1")
    args.original_argv = args.original_argv.split() if args.original_argv else []
    driver_main(args)


if __name__ == "__main__":
    main()
