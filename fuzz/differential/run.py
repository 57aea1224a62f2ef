"""Runs random queries on Amity and on SQLite over the same generated tables and compares.

Usage: python3 fuzz/differential/run.py --amity PATH [--queries 300] [--seed 1] [--rows 60]
Rows are compared as multisets unless the query orders them; floats agree when within a
relative 1e-9 (sums may add in a different order); booleans compare as 0/1; -0.0 as 0.0.
Exit code 1 when any query disagrees; each disagreement is printed with both forms.
"""
import argparse
import csv
import json
import math
import os
import random
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import generate  # noqa: E402


def write_tables(folder, data):
    """CSV files for Amity (null as an empty field, the empty string quoted) and a SQLite db."""
    database = sqlite3.connect(":memory:")
    loads = []
    for name, rows in data.items():
        columns = generate.COLUMNS[name]
        path = os.path.join(folder, f"{name}.csv")
        with open(path, "w", newline="", encoding="utf-8") as out:
            out.write(",".join(c for c, _ in columns) + "\n")
            for row in rows:
                cells = []
                for column, kind in columns:
                    value = row[column]
                    if value is None:
                        cells.append("")
                    elif kind == "bool":
                        cells.append("true" if value else "false")
                    elif kind == "string":
                        cells.append('"' + value.replace('"', '""') + '"')
                    else:
                        cells.append(repr(value) if kind == "float" else str(value))
                out.write(",".join(cells) + "\n")
        declared = ", ".join(f"{c}: {k}" for c, k in columns)
        loads.append(f'load "{path}" as {name} with ({declared})')
        sql_types = {"int": "INTEGER", "float": "REAL", "string": "TEXT", "date": "TEXT", "bool": "INTEGER"}
        database.execute(f"CREATE TABLE {name} (" + ", ".join(f"{c} {sql_types[k]}" for c, k in columns) + ")")
        database.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(columns))})",
                             [tuple(int(r[c]) if k == "bool" and r[c] is not None else r[c] for c, k in columns)
                              for r in rows])
    return database, loads


def normal(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value == 0:
        return 0.0
    return value


def same_value(a, b):
    a, b = normal(a), normal(b)
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    return a == b


def sort_key(row):
    def key(value):
        value = normal(value)
        if value is None:
            return (0, "")
        if isinstance(value, (int, float)):
            return (1, f"{value:.6g}")
        return (2, str(value))
    return [key(v) for v in row]


def same_rows(amity, sqlite, ordered):
    if len(amity) != len(sqlite):
        return False
    if not ordered:
        amity, sqlite = sorted(amity, key=sort_key), sorted(sqlite, key=sort_key)
    return all(len(a) == len(s) and all(same_value(x, y) for x, y in zip(a, s)) for a, s in zip(amity, sqlite))


def run_amity(binary, loads, query):
    arguments = [binary, "--no-data", "--format", "json"]
    for statement in loads + [query]:
        arguments += ["-c", statement]
    done = subprocess.run(arguments, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        return None, done.stderr.strip()
    rows = json.loads(done.stdout) if done.stdout.strip() else []
    return [list(row.values()) for row in rows], None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--amity", required=True)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=60)
    parser.add_argument("--tables-every", type=int, default=50, help="new tables after this many queries")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        database, loads = None, None
        for number in range(args.queries):
            if number % args.tables_every == 0:
                database, loads = write_tables(folder, generate.tables(rng, args.rows))
            amity_query, sql, ordered = generate.query(rng)
            try:
                expected = [list(row) for row in database.execute(sql).fetchall()]
                sql_error = None
            except sqlite3.Error as error:
                expected, sql_error = None, str(error)
            got, amity_error = run_amity(args.amity, loads, amity_query)
            if amity_error or sql_error:
                agree = bool(amity_error) and bool(sql_error)
            else:
                agree = same_rows(got, expected, ordered)
            if not agree:
                failures += 1
                print(f"--- query {number} (seed {args.seed}) disagrees\namity: {amity_query}\nsql:   {sql}")
                print(f"amity gave: {amity_error or got[:12]}\nsqlite gave: {sql_error or expected[:12]}\n")
    print(f"differential: {args.queries} queries, {failures} disagreements (seed {args.seed}, {args.rows} rows)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
