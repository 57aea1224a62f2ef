"""The peers' side: one engine loads the tables and times the queries inside its own process.

The driver starts `python3 -m compare --worker ENGINE --data DIR --threads N --runs R --results DIR --suite S`; the
worker loads the tables those queries read (`queries.tables_of`: aid and cities, groupby for the group-by suite), runs
the queries of suite S (`args.queries`) and writes each query's last result to DIR/ID.csv and its times
to standard output as JSON (a query with `ties` also gets DIR/ID.ties.csv from DuckDB, the reference; a query whose
`sqlite` is None is reported `unsupported` by SQLite). Each worker imports its library itself, so its process holds
that library alone and `base_rss_kb`, read right after the import, is the interpreter and the library without any
data.
"""

import csv
import json
import os
import sys
import time

from .queries import ENUM_DOMAINS, TABLES, query_tables, tables_of


def now_ms():
    return time.perf_counter() * 1000.0


def measure(runs, execute, prepare=None):
    """One warm-up, then `runs` timed runs of `execute` (`prepare` runs untimed before each)."""
    times = []
    for index in range(runs + 1):
        if prepare:
            prepare()
        start = now_ms()
        execute()
        elapsed = now_ms() - start
        if index > 0:
            times.append(elapsed)
    return times


def worker_duckdb(args, enum):
    import resource
    import duckdb
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    con = duckdb.connect(":memory:")
    con.execute(f"SET threads TO {args.threads}")
    types = {"int": "BIGINT", "str": "VARCHAR", "float": "DOUBLE", "date": "DATE"}

    def read_csv(path, columns):
        spec = ", ".join(f"'{name}': '{types[kind]}'" for name, kind in columns)
        return f"read_csv('{path}', header = true, columns = {{{spec}}})"

    loaded = tables_of(args.queries)
    start = now_ms()
    if not enum:
        for table in loaded:
            file_name, columns = TABLES[table]
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM {read_csv(os.path.join(args.data, file_name), columns)}")
    else:
        # The tuned form: every string column becomes an ENUM whose values come from the data itself (one
        # type per domain, so joined and compared columns share it); the conversion is part of the load.
        for table in loaded:
            file_name, columns = TABLES[table]
            con.execute(f"CREATE TEMP TABLE {table}_text AS SELECT * FROM "
                        f"{read_csv(os.path.join(args.data, file_name), columns)}")
        enum_of = {}
        for type_name, columns in ENUM_DOMAINS.items():
            if any(c.split(".")[0] not in loaded for c in columns):
                continue
            union = " UNION ".join(f"SELECT {c.split('.')[1]} AS v FROM {c.split('.')[0]}_text" for c in columns)
            con.execute(f"CREATE TYPE {type_name} AS ENUM (SELECT v FROM ({union}) WHERE v IS NOT NULL ORDER BY v)")
            for column in columns:
                enum_of[column] = type_name

        def converted(table, columns):
            return ", ".join(f"CAST({name} AS {enum_of[f'{table}.{name}']}) AS {name}" if f"{table}.{name}" in enum_of
                             else name for name, _ in columns)
        for table in loaded:
            columns = TABLES[table][1]
            con.execute(f"CREATE TABLE {table} AS SELECT {converted(table, columns)} FROM {table}_text")
            con.execute(f"DROP TABLE {table}_text")
    load_ms = now_ms() - start

    queries = {}
    for query in args.queries:
        sql = query["sql"]
        entry = {}
        try:
            entry["times"] = measure(args.runs, lambda: con.execute(f"CREATE TEMP TABLE r AS {sql}"),
                                     prepare=lambda: con.execute("DROP TABLE IF EXISTS r"))
            con.execute(f"COPY r TO '{os.path.join(args.results, query['id'] + '.csv')}' (HEADER, DELIMITER ',')")
            con.execute("DROP TABLE IF EXISTS r")
            if query.get("ties") and not enum:
                # The reference also writes, untimed, every right answer of each group (see checks.apply_ties).
                con.execute(f"COPY ({query['ties']['sql']}) TO "
                            f"'{os.path.join(args.results, query['id'] + '.ties.csv')}' (HEADER, DELIMITER ',')")
        except Exception as error:  # reported in the table, never hidden
            entry["error"] = f"{type(error).__name__}: {error}".splitlines()[0][:300]
        queries[query["id"]] = entry
    return {"load_ms": load_ms, "queries": queries, "base_rss_kb": base_kb, "version": duckdb.__version__}


class PolarsStrings:
    """`starts_with` and `lower` for a String or a Categorical column (Categorical has its own `.cat.starts_with`
    and no `.str` namespace, so it is lowered as String)."""

    def __init__(self, pl, categorical):
        self.pl, self.categorical = pl, categorical

    def starts_with(self, column, prefix):
        expr = self.pl.col(column)
        return expr.cat.starts_with(prefix) if self.categorical else expr.str.starts_with(prefix)

    def lower(self, column):
        expr = self.pl.col(column)
        return (expr.cast(self.pl.String) if self.categorical else expr).str.to_lowercase()


def worker_polars(args, categorical):
    import resource
    import polars as pl  # POLARS_MAX_THREADS is set by the driver before this process starts
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    string = pl.Categorical if categorical else pl.String
    types = {"int": pl.Int64, "str": string, "float": pl.Float64, "date": pl.Date}
    start = now_ms()
    frames = {table: pl.read_csv(os.path.join(args.data, TABLES[table][0]),
                                 schema={n: types[k] for n, k in TABLES[table][1]})
              for table in tables_of(args.queries)}
    load_ms = now_ms() - start
    strings = PolarsStrings(pl, categorical)
    queries = {}
    for query in args.queries:
        entry = {}
        holder = {}
        try:
            def execute():
                inputs = [frames[table].lazy() for table in query_tables(query)]
                holder["result"] = query["polars"](pl, *inputs, strings).collect()
            entry["times"] = measure(args.runs, execute, prepare=lambda: holder.pop("result", None))
            holder["result"].write_csv(os.path.join(args.results, query["id"] + ".csv"))
        except Exception as error:
            entry["error"] = f"{type(error).__name__}: {error}".splitlines()[0][:300]
        holder.clear()
        queries[query["id"]] = entry
    return {"load_ms": load_ms, "queries": queries, "base_rss_kb": base_kb, "version": pl.__version__,
            "threads_used": pl.thread_pool_size()}


def worker_sqlite(args):
    import resource
    import sqlite3
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    con = sqlite3.connect(":memory:")
    con.execute("PRAGMA temp_store = MEMORY")
    types = {"int": "INTEGER", "str": "TEXT", "float": "REAL", "date": "TEXT"}

    def load(table, path, columns):
        con.execute(f"CREATE TABLE {table} ({', '.join(f'{n} {types[k]}' for n, k in columns)})")
        with open(path, newline="", encoding="utf-8") as file:
            reader = csv.reader(file)
            next(reader)
            marks = ", ".join("?" * len(columns))
            # Column affinity turns the numeric text into INTEGER and REAL; an empty field is null.
            con.executemany(f"INSERT INTO {table} VALUES ({marks})",
                            (tuple(None if v == "" else v for v in row) for row in reader))
        con.commit()

    start = now_ms()
    for table in tables_of(args.queries):
        load(table, os.path.join(args.data, TABLES[table][0]), TABLES[table][1])
    load_ms = now_ms() - start
    queries = {}
    for query in args.queries:
        sql = query.get("sqlite", query["sql"])
        entry = {}
        if sql is None:  # no SQLite spelling: shown as n/a, not as an error
            queries[query["id"]] = {"unsupported": query.get("sqlite_note", "no SQLite spelling")}
            continue
        try:
            entry["times"] = measure(args.runs, lambda: con.execute(f"CREATE TEMP TABLE r AS {sql}"),
                                     prepare=lambda: con.execute("DROP TABLE IF EXISTS r"))
            cursor = con.execute("SELECT * FROM r")
            with open(os.path.join(args.results, query["id"] + ".csv"), "w", newline="", encoding="utf-8") as file:
                writer = csv.writer(file, lineterminator="\n")
                writer.writerow([d[0] for d in cursor.description])
                writer.writerows(cursor)
            con.execute("DROP TABLE IF EXISTS r")
        except Exception as error:
            entry["error"] = f"{type(error).__name__}: {error}".splitlines()[0][:300]
        queries[query["id"]] = entry
    return {"load_ms": load_ms, "queries": queries, "base_rss_kb": base_kb, "version": sqlite3.sqlite_version}


def worker_main(args):
    os.makedirs(args.results, exist_ok=True)
    if args.worker in ("duckdb", "duckdb-enum"):
        report = worker_duckdb(args, enum=args.worker == "duckdb-enum")
    elif args.worker in ("polars", "polars-cat"):
        report = worker_polars(args, categorical=args.worker == "polars-cat")
    elif args.worker == "sqlite":
        report = worker_sqlite(args)
    else:
        raise SystemExit(f"unknown worker {args.worker}")
    json.dump(report, sys.stdout)
