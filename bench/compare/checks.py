"""Whether an engine's result of a query agrees with DuckDB's, read back from the CSV files both wrote."""

import csv
import os
import re

# Engines add floats in different orders, so float columns agree to a tolerance rather than exactly.
RELATIVE_TOLERANCE = 1e-6


def read_result(path):
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        header = next(reader, [])
        return header, [tuple(row) for row in reader]


INT = re.compile(r"^-?\d+$")
FLOAT = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def value(text):
    """A CSV field as a comparable value: null, int, float or text (dates stay text, YYYY-MM-DD)."""
    if text == "":
        return None
    if INT.match(text):
        return int(text)
    if FLOAT.match(text):
        return float(text)
    return text


def same(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        if isinstance(a, int) and isinstance(b, int):
            return a == b
        return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b)) or abs(a - b) < 1e-12
    return a == b


def rows_same(a, b):
    return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))


def sort_key(row):
    # Exact columns first; floats only rounded, so float noise cannot reorder rows whose other columns differ.
    exact = tuple((0, "") if v is None else (1, str(v)) if isinstance(v, str) else (2, v) for v in row
                  if not isinstance(v, float))
    rounded = tuple(float(f"{v:.5g}") for v in row if isinstance(v, float))
    return exact, rounded


def compare_unordered(ref, got):
    """Order-insensitive: both sides sorted the same way, then compared row by row."""
    ref_sorted, got_sorted = sorted(ref, key=sort_key), sorted(got, key=sort_key)
    for index, (a, b) in enumerate(zip(ref_sorted, got_sorted)):
        if not rows_same(a, b):
            return f"first differing row (sorted) {index + 1}: duckdb {fmt_row(a)} vs {fmt_row(b)}"
    return None


def compare_ordered(ref, got, order_indices, limited):
    """The order keys must match row by row; rows tied on the keys may come in any order, and with a row
    limit the tied group at the cut is only compared on its keys (engines may keep different tied rows)."""
    def groups(rows):
        out = []
        for row in rows:
            key = [row[i] for i in order_indices]
            if out and rows_same(out[-1][0], key):
                out[-1][1].append(row)
            else:
                out.append((key, [row]))
        return out
    ref_groups, got_groups = groups(ref), groups(got)
    for index, ((ref_key, ref_rows), (got_key, got_rows)) in enumerate(zip(ref_groups, got_groups)):
        at = sum(len(g[1]) for g in ref_groups[:index]) + 1
        if not rows_same(ref_key, got_key):
            return f"order differs at row {at}: duckdb {fmt_row(ref_rows[0])} vs {fmt_row(got_rows[0])}"
        if len(ref_rows) != len(got_rows):
            return f"at row {at}, duckdb has {len(ref_rows)} rows with {query_order_text(ref_key)}, " \
                   f"this engine {len(got_rows)}"
        if limited and index == len(ref_groups) - 1:
            break
        problem = compare_unordered(ref_rows, got_rows)
        if problem:
            return problem
    if len(ref_groups) != len(got_groups):
        return f"{len(ref_groups)} vs {len(got_groups)} distinct order keys"
    return None


def query_order_text(key):
    return "order key " + fmt_row(key)


def fmt_row(row):
    return "(" + ", ".join("null" if v is None else repr(v) if isinstance(v, str) else f"{v!r}" for v in row) + ")"


def compare_results(query, ref_path, got_path):
    """None when the results agree, else a description of the first difference."""
    if not os.path.exists(got_path):
        return "no result written"
    ref_header, ref_raw = read_result(ref_path)
    got_header, got_raw = read_result(got_path)
    if len(ref_raw) != len(got_raw):
        return f"{len(got_raw)} rows instead of {len(ref_raw)}"
    if len(ref_header) != len(got_header):
        return f"columns {got_header} instead of {ref_header}"
    names = "" if ref_header == got_header else f" (column names {got_header} vs {ref_header})"
    if query["order"] is None and sorted(ref_raw) == sorted(got_raw):
        return None if not names else "names differ" + names  # identical text: no need to parse
    ref = [tuple(value(v) for v in row) for row in ref_raw]
    got = [tuple(value(v) for v in row) for row in got_raw]
    if query["order"] is None:
        problem = compare_unordered(ref, got)
    else:
        indices = [ref_header.index(name) for name in query["order"]]
        problem = compare_ordered(ref, got, indices, query.get("limit", False))
    if problem:
        return problem + names
    return ("names differ" + names) if names else None
