"""Runs random queries on Amity and on SQLite over the same generated tables and compares.

Usage: python3 fuzz/differential/run.py --amity PATH [--queries 300] [--seed 1] [--rows 60]
           [--tables-every 50] [--shape NAME ...] [--save DIR] [--verbose]

Every Amity query runs twice, optimized and with --no-optimize. Each run must give SQLite's
rows, and the two runs must give exactly the same output (the same JSON text: rows, order,
values and types). Rows compare with SQLite's in order (every query's SQL orders its rows
the way Amity documents), floats within a relative 1e-9 (sums may add in another order;
the statistics shape also within an absolute 1e-9), booleans as 0/1, -0.0 as 0.0. SQLite
gets the functions it lacks from reference.py (median, quantile, var, corr, exact sums).
A query that fails in Amity and in SQLite agrees.

All the queries on one set of tables go to one `amity` process per mode: each query is a
script file of its own (a syntax error stays in its file) followed by a marker statement,
and --keep-going runs them all. Exit code 1 when any query disagrees; each disagreement is
printed with both forms and what each side gave (with --save, also written to a folder with
the tables, so that it can be run again by hand).
"""
import argparse
import collections
import json
import math
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import generate  # noqa: E402
import reference  # noqa: E402

MARKER = "@@differential "
ERROR = re.compile(r"^q(\d+)\.q:\d+:\d+: error: (.*)$")


def write_tables(folder, data):
    """CSV files for Amity (null as an empty field, the empty string quoted) and a SQLite db."""
    database = sqlite3.connect(":memory:")
    reference.register(database)  # what SQLite lacks: exact float sums, median, var, ...
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
        loads.append(f'load "{name}.csv" as {name} with ({declared})')
        sql_types = {"int": "INTEGER", "float": "REAL", "string": "TEXT", "date": "TEXT", "bool": "INTEGER"}
        database.execute(f"CREATE TABLE {name} (" + ", ".join(f"{c} {sql_types[k]}" for c, k in columns) + ")")
        database.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(columns))})",
                             [tuple(int(r[c]) if k == "bool" and r[c] is not None else r[c] for c, k in columns)
                              for r in rows])
    with open(os.path.join(folder, "load.q"), "w", encoding="utf-8") as out:
        out.write("\n".join(loads) + "\n")
    return database


def normal(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value == 0:
        return 0.0
    return value


def same_value(a, b, absolute=0.0):
    a, b = normal(a), normal(b)
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b or abs(a - b) <= max(1e-9 * max(abs(a), abs(b)), absolute)
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


def same_rows(amity, sqlite, ordered, absolute=0.0):
    if len(amity) != len(sqlite):
        return False
    if not ordered:
        amity, sqlite = sorted(amity, key=sort_key), sorted(sqlite, key=sort_key)
    return all(len(a) == len(s) and all(same_value(x, y, absolute) for x, y in zip(a, s))
               for a, s in zip(amity, sqlite))


class Result:
    """What one Amity run gave for one query: rows and their JSON text, or an error."""

    def __init__(self, rows=None, text=None, error=None):
        self.rows, self.text, self.error = rows, text, error

    def __eq__(self, other):
        return self.text == other.text and bool(self.error) == bool(other.error)

    def show(self):
        return self.error if self.error else str(self.rows[:12]) + (f" ... ({len(self.rows)} rows)" if len(self.rows) > 12 else "")


def parse_output(stdout):
    """The JSON arrays on stdout, in order, each as (rows, text); markers as ints."""
    decoder = json.JSONDecoder(object_pairs_hook=lambda pairs: pairs)
    items, at = [], 0
    while True:
        while at < len(stdout) and stdout[at].isspace():
            at += 1
        if at >= len(stdout):
            return items
        value, end = decoder.raw_decode(stdout, at)
        if (len(value) == 1 and len(value[0]) == 1 and isinstance(value[0][0][1], str)
                and value[0][0][1].startswith(MARKER)):
            items.append(int(value[0][0][1][len(MARKER):]))
        else:
            items.append(([[v for _, v in row] for row in value], stdout[at:end]))
        at = end


def run_amity(binary, folder, numbers, optimize):
    """Runs the query files q<number>.q in one process; returns {number: Result}. A query
    after which amity dies is blamed, and the ones after it run in a new process."""
    results = {}
    pending = list(numbers)
    while pending:
        arguments = [binary, "--no-data", "--format", "json", "--keep-going"]
        if not optimize:
            arguments.append("--no-optimize")
        arguments += ["load.q"] + [f"q{n}.q" for n in pending]
        try:
            done = subprocess.run(arguments, capture_output=True, text=True, timeout=600, cwd=folder)
            stdout, stderr, code = done.stdout, done.stderr, done.returncode
        except subprocess.TimeoutExpired as timeout:
            stdout = (timeout.stdout or b"").decode("utf-8", "replace") if isinstance(timeout.stdout, bytes) else (timeout.stdout or "")
            stderr, code = "timed out after 600 s", "timeout"
        errors = collections.defaultdict(list)
        for line in stderr.splitlines():
            match = ERROR.match(line)
            if match:
                errors[int(match.group(1))].append(match.group(2))
        try:
            items = parse_output(stdout)
        except ValueError:
            items = parse_output(stdout[:stdout.rfind("\n]\n") + 3]) if "\n]\n" in stdout else []
        seen, rows = set(), None
        for item in items:
            if isinstance(item, int):
                results[item] = Result(rows[0], rows[1]) if rows and not errors.get(item) else \
                    Result(error="; ".join(errors.get(item, ["no output"])))
                seen.add(item)
                rows = None
            else:
                rows = item
        if code in (0, 1):
            for n in pending:
                if n not in seen:  # a syntax error: the file's marker did not run either
                    results[n] = Result(error="; ".join(errors.get(n, ["no output"])))
            return results
        # amity died (a crash or a timeout): blame the first query that did not finish
        last = max((pending.index(n) for n in seen), default=-1)
        culprit = pending[last + 1] if last + 1 < len(pending) else None
        for n in pending[:last + 1]:
            if n not in seen:
                results[n] = Result(error="; ".join(errors.get(n, ["no output"])))
        if culprit is None:
            return results
        other = [line for line in stderr.splitlines() if line.strip() and not line.startswith(("q", " ", "load.q"))]
        results[culprit] = Result(error=f"amity died ({code})" + (": " + " / ".join(other[-3:]) if other else ""))
        pending = pending[last + 2:]
    return results


def run_sqlite(database, sql):
    try:
        return [list(row) for row in database.execute(sql).fetchall()], None
    except sqlite3.Error as error:
        return None, str(error)


def save(folder, target, number, seed, amity, sql):
    """The tables, the query as a script (load + query) and the SQL, for running by hand."""
    place = os.path.join(target, f"seed{seed}-q{number}")
    os.makedirs(place, exist_ok=True)
    for name in ("t.csv", "u.csv"):
        shutil.copy(os.path.join(folder, name), place)
    with open(os.path.join(folder, "load.q"), encoding="utf-8") as loads:
        script = loads.read()
    with open(os.path.join(place, "query.q"), "w", encoding="utf-8") as out:
        out.write(script + amity + "\n")
    with open(os.path.join(place, "query.sql"), "w", encoding="utf-8") as out:
        out.write(sql + "\n")
    return place


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--amity", required=True)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=60)
    parser.add_argument("--tables-every", type=int, default=50, help="new tables after this many queries")
    parser.add_argument("--shape", action="append", choices=sorted(generate.SHAPES),
                        help="only queries of this shape (repeatable)")
    parser.add_argument("--save", metavar="DIR", help="write each disagreement's tables and query here")
    parser.add_argument("--plain-keys", action="store_true",
                        help="group and distinct by table columns only, not by expressions")
    parser.add_argument("--verbose", action="store_true", help="also print the queries that fail on both sides")
    args = parser.parse_args()
    binary = os.path.abspath(args.amity)
    generate.OPTIONS["computed_keys"] = not args.plain_keys

    rng = random.Random(args.seed)
    failures, both_failed, shapes = 0, 0, collections.Counter()
    with tempfile.TemporaryDirectory() as folder:
        for first in range(0, args.queries, args.tables_every):
            database = write_tables(folder, generate.tables(rng, args.rows))
            batch = {}
            for number in range(first, min(args.queries, first + args.tables_every)):
                for attempt in range(3):  # a query that keeps no rows tells less: try again, twice
                    shape, amity, sql, ordered, absolute = generate.query(rng, args.shape)
                    expected, sql_error = run_sqlite(database, sql)
                    if sql_error or expected:
                        break
                batch[number] = (shape, amity, sql, ordered, absolute, expected, sql_error)
                shapes[shape] += 1
                with open(os.path.join(folder, f"q{number}.q"), "w", encoding="utf-8") as out:
                    out.write(f'{amity}\n"{MARKER}{number}"\n')
            optimized = run_amity(binary, folder, list(batch), optimize=True)
            written = run_amity(binary, folder, list(batch), optimize=False)
            for number, (shape, amity, sql, ordered, absolute, expected, sql_error) in batch.items():
                problems = []
                for mode, got in (("optimized", optimized[number]), ("--no-optimize", written[number])):
                    if got.error or sql_error:
                        if not (got.error and sql_error):
                            problems.append(f"{mode} differs from SQLite")
                    elif not same_rows(got.rows, expected, ordered, absolute):
                        order_only = ordered and same_rows(got.rows, expected, False, absolute)
                        problems.append(f"{mode} differs from SQLite" + (" (row order only)" if order_only else ""))
                if optimized[number] != written[number]:
                    problems.append("optimized and --no-optimize differ")
                if not problems and sql_error:
                    both_failed += 1
                    if args.verbose:
                        print(f"--- query {number} fails on both sides ({shape})\namity: {amity}\n"
                              f"amity gave: {optimized[number].error}\nsqlite gave: {sql_error}\n")
                if problems:
                    failures += 1
                    print(f"--- query {number} (seed {args.seed}, {shape}): {'; '.join(problems)}")
                    print(f"amity: {amity}\nsql:   {sql}")
                    print(f"amity gave:         {optimized[number].show()}")
                    print(f"--no-optimize gave: {written[number].show()}")
                    print(f"sqlite gave:        {sql_error or (str(expected[:12]) + (f' ... ({len(expected)} rows)' if len(expected) > 12 else ''))}")
                    if args.save:
                        print(f"saved in {save(folder, args.save, number, args.seed, amity, sql)}")
                    print()
                os.remove(os.path.join(folder, f"q{number}.q"))
    print("shapes: " + ", ".join(f"{name} {n}" for name, n in sorted(shapes.items())))
    print(f"differential: {args.queries} queries, each optimized and not, {failures} disagreements "
          f"(seed {args.seed}, {args.rows} rows; {both_failed} failed in both Amity and SQLite)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
