"""Whether an engine's result of a query agrees with DuckDB's, read back from the CSV files both wrote."""

import csv
import filecmp
import itertools
import os
import re

# Engines add floats in different orders, and compute statistics (var, covar, corr, quantiles) by different
# algorithms, so float columns agree to a relative tolerance rather than exactly. 1e-9 leaves room for that (the
# largest difference seen at 1M rows is about 2e-12, a covariance near 0) and still catches a real error.
RELATIVE_TOLERANCE = 1e-9


def tolerance_text():
    """The tolerance as the reports print it: 1e-9."""
    return f"{RELATIVE_TOLERANCE:g}".replace("e-0", "e-")


def read_result(path):
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        header = next(reader, [])
        return header, [tuple(row) for row in reader]


INT = re.compile(r"^-?\d+$")
FLOAT = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


# NaN as each engine writes it (DuckDB `nan`, Polars and Amity `NaN`): all read as one text, "NaN", which equals itself.
NAN_TEXTS = {"nan", "NaN", "-nan", "-NaN"}


def value(text):
    """A CSV field as a comparable value: null, int, float or text (dates stay text, YYYY-MM-DD; NaN is "NaN")."""
    if text == "":
        return None
    if text in NAN_TEXTS:
        return "NaN"
    if INT.match(text):
        return int(text)
    if FLOAT.match(text):
        return float(text)
    return text


def same(a, b):
    if a == b:  # the common case first: checking a sorted table of millions of rows calls this for every row
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        if isinstance(a, int) and isinstance(b, int):
            return False
        return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b)) or abs(a - b) < 1e-12
    return False


def rows_same(a, b):
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if not same(x, y):
            return False
    return True


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


def key_groups(rows, order_indices):
    """(key, rows) for each run of consecutive raw rows whose order keys are the same (the keys parsed)."""
    key, group = None, []
    for raw in rows:
        row_key = [value(raw[i]) for i in order_indices]
        if group and rows_same(key, row_key):
            group.append(raw)
        else:
            if group:
                yield key, group
            key, group = row_key, [raw]
    if group:
        yield key, group


def compare_group(ref_raw, got_raw):
    """Rows tied on the order keys, in any order; identical text needs no parsing."""
    if ref_raw == got_raw:
        return None
    return compare_unordered([tuple(value(v) for v in row) for row in ref_raw],
                             [tuple(value(v) for v in row) for row in got_raw])


def compare_ordered(ref_groups, got_groups, limited):
    """The order keys must match row by row; rows tied on the keys may come in any order, and with a row
    limit the tied group at the cut is only compared on its keys (engines may keep different tied rows).
    Works group by group on the two streams of `key_groups`, so a result of millions of rows is never held."""
    ref_groups, got_groups = iter(ref_groups), iter(got_groups)
    at, distinct, pending = 1, 0, None  # pending: the last pair of groups, compared once it is known not to be last
    for ref_group, got_group in itertools.zip_longest(ref_groups, got_groups):
        if ref_group is None or got_group is None:
            ref_left, got_left = (ref_group is not None) + sum(1 for _ in ref_groups), \
                (got_group is not None) + sum(1 for _ in got_groups)
            problem = compare_group(*pending) if pending and not (limited and ref_group is None) else None
            return problem or f"{distinct + ref_left} vs {distinct + got_left} distinct order keys"
        (ref_key, ref_rows), (got_key, got_rows) = ref_group, got_group
        if pending:
            problem = compare_group(*pending)
            if problem:
                return problem
        if not rows_same(ref_key, got_key):
            return f"order differs at row {at}: duckdb {fmt_row(parsed(ref_rows[0]))} vs {fmt_row(parsed(got_rows[0]))}"
        if len(ref_rows) != len(got_rows):
            return f"at row {at}, duckdb has {len(ref_rows)} rows with {query_order_text(ref_key)}, " \
                   f"this engine {len(got_rows)}"
        pending = (ref_rows, got_rows)
        at += len(ref_rows)
        distinct += 1
    if pending and not limited:
        return compare_group(*pending)
    return None


def parsed(raw):
    return tuple(value(v) for v in raw)


def query_order_text(key):
    return "order key " + fmt_row(key)


def fmt_row(row):
    return "(" + ", ".join("null" if v is None else repr(v) if isinstance(v, str) else f"{v!r}" for v in row) + ")"


def ties_path(ref_path):
    """Where the reference writes the right answers of a query with `ties` (workers.worker_duckdb)."""
    return ref_path[:-len(".csv")] + ".ties.csv"


def read_ties(path, column):
    """The ties file: the group's key columns and `column`, one row per right answer. {key: set of answers}."""
    header, rows = read_result(path)
    answer = header.index(column)
    keys = [i for i in range(len(header)) if i != answer]
    answers = {}
    for row in rows:
        answers.setdefault(tuple(value(row[i]) for i in keys), set()).add(value(row[answer]))
    return [header[i] for i in keys], answers


def apply_ties(header, rows, column, key_names, answers):
    """Each row whose `column` is one of its group's right answers, with that value replaced by the set of them, so
    that an engine that breaks a tie another way (mode, arg_max) still agrees; a wrong value stays as it is."""
    if column not in header or any(name not in header for name in key_names):
        return rows  # the columns differ: reported as such
    at, keys = header.index(column), [header.index(name) for name in key_names]
    out = []
    for row in rows:
        allowed = answers.get(tuple(value(row[i]) for i in keys))
        if allowed and len(allowed) > 1 and value(row[at]) in allowed:
            row = row[:at] + ("one of " + " | ".join(sorted(str(v) for v in allowed)),) + row[at + 1:]
        out.append(row)
    return out


def compare_results(query, ref_path, got_path):
    """None when the results agree, else a description of the first difference. A query with `ties` (unordered
    only) accepts, in its tie column, any of the right answers the reference listed for the group."""
    if not os.path.exists(got_path):
        return "no result written"
    if filecmp.cmp(ref_path, got_path, shallow=False):
        return None  # the same bytes: a sorted table of millions of rows needs no parsing
    if query["order"] is not None:
        return compare_ordered_files(query, ref_path, got_path)
    ref_header, ref_raw = read_result(ref_path)
    got_header, got_raw = read_result(got_path)
    if query.get("nan_as_null"):
        # An undefined answer: null in one engine, NaN in another (corr of a constant column); both read as null.
        ref_raw, got_raw = nan_as_null(ref_raw), nan_as_null(got_raw)
    if query.get("ties"):
        if not os.path.exists(ties_path(ref_path)):
            return "the reference wrote no list of tied answers"
        column = query["ties"]["column"]
        key_names, answers = read_ties(ties_path(ref_path), column)
        ref_raw = apply_ties(ref_header, ref_raw, column, key_names, answers)
        got_raw = apply_ties(got_header, got_raw, column, key_names, answers)
    if len(ref_raw) != len(got_raw):
        return f"{len(got_raw)} rows instead of {len(ref_raw)}"
    if len(ref_header) != len(got_header):
        return f"columns {got_header} instead of {ref_header}"
    names = "" if ref_header == got_header else f" (column names {got_header} vs {ref_header})"
    if sorted(ref_raw) == sorted(got_raw):
        return None if not names else "names differ" + names  # identical text: no need to parse
    problem = compare_unordered([parsed(row) for row in ref_raw], [parsed(row) for row in got_raw])
    if problem:
        return problem + names
    return ("names differ" + names) if names else None


def nan_as_null(rows):
    """The rows with every NaN field empty (null), for a query whose undefined answers an engine may give as either."""
    return [tuple("" if v in NAN_TEXTS else v for v in row) if any(v in NAN_TEXTS for v in row) else row
            for row in rows]


def compare_ordered_files(query, ref_path, got_path):
    """An ordered result, read as two streams (a whole sorted table can have millions of rows). The checks and
    their precedence are those of the unordered case: row count, then columns, then values, then names."""
    with open(ref_path, newline="", encoding="utf-8") as ref_file, \
            open(got_path, newline="", encoding="utf-8") as got_file:
        ref_reader, got_reader = csv.reader(ref_file), csv.reader(got_file)
        ref_header, got_header = next(ref_reader, []), next(got_reader, [])
        counts = [0, 0]

        def counted(reader, side):
            for row in reader:
                counts[side] += 1
                yield tuple(row)
        ref_rows, got_rows = counted(ref_reader, 0), counted(got_reader, 1)
        problem = None
        if len(ref_header) == len(got_header):
            indices = [ref_header.index(name) for name in query["order"]]
            problem = compare_ordered(key_groups(ref_rows, indices), key_groups(got_rows, indices),
                                      query.get("limit", False))
        for _ in ref_rows:  # the rest of both files, for their row counts
            pass
        for _ in got_rows:
            pass
    if counts[0] != counts[1]:
        return f"{counts[1]} rows instead of {counts[0]}"
    if len(ref_header) != len(got_header):
        return f"columns {got_header} instead of {ref_header}"
    names = "" if ref_header == got_header else f" (column names {got_header} vs {ref_header})"
    if problem:
        return problem + names
    return ("names differ" + names) if names else None
