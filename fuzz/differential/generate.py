"""Seeded random tables and queries, each query written in Amity and in SQLite's SQL.

The two forms must mean the same thing; the known differences are spelled out where they
are bridged (null ordering, booleans, year(), startswith, float division), and listed in
fuzz/README.md.
"""
import random

WORDS = ["海口", "Cegléd", "Jeju", "", "Hyogo", "e\u0301", "Zürich", "a", "A", "ab", "b", "a,b \"q\""]


def tables(rng, rows):
    """t(id, k, n, x, s, d, b) and u(k, s, w): nulls, duplicates, unicode, edge values."""
    def maybe(value):
        return None if rng.random() < 0.12 else value

    t = []
    for i in range(1, rows + 1):
        t.append({
            "id": i,
            "k": maybe(rng.randrange(5)),
            "n": maybe(rng.choice([rng.randrange(-50, 51), 0, -1, 1, 1000000007])),
            "x": maybe(rng.choice([round(rng.uniform(-100, 100), 2), 0.0, -0.5, 0.1, 1e15])),
            "s": maybe(rng.choice(WORDS)),
            "d": maybe(f"{rng.randrange(1999, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"),
            "b": maybe(rng.random() < 0.5),
        })
    u = [{"k": maybe(rng.randrange(6)), "s": maybe(rng.choice(WORDS)), "w": maybe(rng.randrange(-9, 10))}
         for _ in range(max(1, rows // 3))]
    return {"t": t, "u": u}


COLUMNS = {
    "t": [("id", "int"), ("k", "int"), ("n", "int"), ("x", "float"), ("s", "string"), ("d", "date"), ("b", "bool")],
    "u": [("k", "int"), ("s", "string"), ("w", "int")],
}


def string_literal(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"', "'" + text.replace("'", "''") + "'"


class Expressions:
    """Random typed expressions over one table's columns (qualified by `prefix`)."""

    def __init__(self, rng, prefix):
        self.rng = rng
        self.prefix = prefix

    def column(self, name):
        return (f"{self.prefix}.{name}" if self.prefix else name), (f"{self.prefix or 't'}.{name}")

    def integer(self, depth=0):
        r = self.rng.random()
        if depth > 2 or r < 0.35:
            return self.column(self.rng.choice(["k", "n", "id"]))
        if r < 0.5:
            value = str(self.rng.randrange(-5, 20))
            return value, value
        a, b = self.integer(depth + 1), self.integer(depth + 1)
        op = self.rng.choice(["+", "-", "*"])
        if op == "*":
            b = (str(self.rng.randrange(-3, 4)),) * 2  # keep products far from overflow
        if self.rng.random() < 0.15:
            return f"abs({a[0]})", f"abs({a[1]})"
        if self.rng.random() < 0.15:
            return f"({a[0]} ?? 0)", f"coalesce({a[1]}, 0)"
        return f"({a[0]} {op} {b[0]})", f"({a[1]} {op} {b[1]})"

    def number(self):
        if self.rng.random() < 0.5:
            return self.integer()
        x = self.column("x")
        r = self.rng.random()
        if r < 0.4:
            return x
        if r < 0.7:
            return f"({x[0]} * 2 + 1.5)", f"({x[1]} * 2 + 1.5)"
        i = self.integer()
        return f"({i[0]} / 4)", f"({i[1]} / 4.0)"

    def condition(self, depth=0):
        r = self.rng.random()
        if depth < 2 and r < 0.25:
            a, b = self.condition(depth + 1), self.condition(depth + 1)
            word = self.rng.choice(["and", "or"])
            return f"({a[0]} {word} {b[0]})", f"({a[1]} {word.upper()} {b[1]})"
        if depth < 2 and r < 0.32:
            a = self.condition(depth + 1)
            return f"not ({a[0]})", f"NOT ({a[1]})"
        r = self.rng.random()
        if r < 0.35:
            a, b = self.number(), self.number()
            op = self.rng.choice(["==", "!=", "<", "<=", ">", ">="])
            return f"{a[0]} {op} {b[0]}", f"{a[1]} {'=' if op == '==' else '<>' if op == '!=' else op} {b[1]}"
        if r < 0.5:
            s = self.column("s")
            amity, sql = string_literal(self.rng.choice(WORDS))
            op = self.rng.choice(["==", "!=", "<", ">="])
            return f"{s[0]} {op} {amity}", f"{s[1]} {'=' if op == '==' else '<>' if op == '!=' else op} {sql}"
        if r < 0.6:
            column = self.column(self.rng.choice(["s", "n", "d", "x", "b"]))
            negated = self.rng.random() < 0.5
            return (f"{column[0]} is {'not ' if negated else ''}null", f"{column[1]} IS {'NOT ' if negated else ''}NULL")
        if r < 0.7:
            items = sorted({self.rng.randrange(-3, 6) for _ in range(3)})
            i = self.integer()
            negated = self.rng.random() < 0.3
            listed = ", ".join(map(str, items))
            return (f"{i[0]} {'not ' if negated else ''}in [{listed}]", f"{i[1]} {'NOT ' if negated else ''}IN ({listed})")
        if r < 0.78:
            low = self.rng.randrange(-20, 10)
            high = low + self.rng.randrange(0, 15)
            i = self.integer()
            return f"{i[0]} in {low}..{high}", f"{i[1]} BETWEEN {low} AND {high}"
        if r < 0.86:
            d = self.column("d")
            year = self.rng.randrange(1999, 2026)
            op = self.rng.choice(["<", ">=", "=="])
            if self.rng.random() < 0.5:
                return (f"year({d[0]}) {op} {year}",
                        f"CAST(strftime('%Y', {d[1]}) AS INTEGER) {'=' if op == '==' else op} {year}")
            return f"{d[0]} {op} @{year}-06-15", f"{d[1]} {'=' if op == '==' else op} '{year}-06-15'"
        if r < 0.93:
            s = self.column("s")
            prefix = self.rng.choice(["a", "A", "Ce", "海", ""])
            amity, sql = string_literal(prefix)
            return f"startswith({s[0]}, {amity})", f"substr({s[1]}, 1, length({sql})) = {sql}"
        b = self.column("b")
        return (f"{b[0]}", f"{b[1]} = 1") if self.rng.random() < 0.5 else (f"{b[0]} == false", f"{b[1]} = 0")


def query(rng):
    """One query: (amity, sql, ordered) where ordered says the row order must match."""
    e = Expressions(rng, None)
    shape = rng.randrange(8)
    where = e.condition()
    if shape == 0:
        a, b = e.number(), e.integer()
        return (f"t | where {where[0]} | select id, a = {a[0]}, b = {b[0]}",
                f"SELECT t.id, {a[1]}, {b[1]} FROM t WHERE {where[1]}", False)
    if shape == 1:
        key = rng.choice(["k", "s", "b", "d"])
        return (f"t | where {where[0]} | summarize c = count(), total = sum(n), low = min(s), high = max(x), "
                f"mean = avg(n), kinds = count_distinct(s) by {key}",
                f"SELECT t.{key}, count(*), sum(t.n), min(t.s), max(t.x), avg(t.n), count(DISTINCT t.s) "
                f"FROM t WHERE {where[1]} GROUP BY t.{key}", False)
    if shape == 2:
        key = rng.choice(["n", "x", "s", "d"])
        desc = rng.random() < 0.5
        limit = rng.randrange(0, 12)
        return (f"t | where {where[0]} | sort {key}{' desc' if desc else ''}, id | take {limit} | select id, {key}",
                f"SELECT t.id, t.{key} FROM t WHERE {where[1]} ORDER BY t.{key} IS NULL, t.{key}"
                f"{' DESC' if desc else ''}, t.id LIMIT {limit}", True)
    if shape == 3:
        return (f"t | where {where[0]} | count", f"SELECT count(*) FROM t WHERE {where[1]}", False)
    if shape == 4:
        qualified = Expressions(rng, "t").condition()
        return (f"t | join u on t.k == u.k | where {qualified[0]} | select id, uw = u.w, us = u.s",
                f"SELECT t.id, u.w, u.s FROM t JOIN u ON t.k = u.k WHERE {qualified[1]}", False)
    if shape == 5:
        return (f"t | where {where[0]} | join left u on t.k == u.k | summarize c = count(), top = max(u.w) by t.k",
                f"SELECT t.k, count(*), max(u.w) FROM t LEFT JOIN u ON t.k = u.k WHERE {where[1]} GROUP BY t.k", False)
    if shape == 6:
        kind = rng.choice(["semi", "anti"])
        exists = "EXISTS" if kind == "semi" else "NOT EXISTS"
        return (f"t | where {where[0]} | join {kind} u on t.s == u.s | select id, s",
                f"SELECT t.id, t.s FROM t WHERE ({where[1]}) AND {exists} (SELECT 1 FROM u WHERE u.s = t.s)", False)
    columns = rng.sample(["k", "s", "b", "d"], 2)
    return (f"t | where {where[0]} | select {', '.join(columns)} | distinct",
            f"SELECT DISTINCT {', '.join('t.' + c for c in columns)} FROM t WHERE {where[1]}", False)
