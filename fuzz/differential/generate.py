"""Seeded random tables and queries, each query written in Amity and in SQLite's SQL.

The two forms must mean the same thing; the known differences are spelled out where they
are bridged (null ordering, booleans, year(), startswith, float division), and listed in
fuzz/README.md.

A query is built stage by stage on a model of the relation (`Rel`): what each Amity column
is in SQL, which rows a `where` keeps, and the order Amity documents for its rows (a table's
own order; `where`, `select`, `derive`, `rename`, `drop` keep it; `sort` is stable; a join
gives the left side's order, then the right side's; `union` the left rows, then the right;
`summarize` and `distinct` the order in which groups first appear). Every query's SQL ends
with an ORDER BY for that order, so rows compare in order. Where a stage cannot be written
as one more clause of the same SELECT (a filter after `take`, an aggregate), the SQL so far
becomes a subquery that numbers its rows in their order (`row_number() OVER (...) AS _rn`).
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
            "x": maybe(rng.choice([round(rng.uniform(-100, 100), 2), 0.0, -0.0, -0.5, 0.1, 1e15])),
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

# Query features that meet a known Amity bug, off until it is fixed (run.py turns them on).
OPTIONS = {
    # summarize/distinct by an expression: null keys with different leftover values under the
    # null (n + k where n is null) make several groups where there should be one
    "computed_keys": True,
}

COMPARISONS = {"==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


def string_literal(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"', "'" + text.replace("'", "''") + "'"


# A column computed in place of k or s has no qualifier (t.k is unknown), and after a join
# with u the bare name is ambiguous: it could not be named. So k and s are never replaced.
UNNAMEABLE = {"k", "s", "w"}


class Context:
    """The random source and fresh names (SQL aliases, Amity column names) of one query."""

    def __init__(self, rng):
        self.rng = rng
        self.counter = 0

    def fresh(self, prefix):
        self.counter += 1
        return f"{prefix}{self.counter}"


class Col:
    """One column of a relation: its Amity name and qualifier, its SQL expression, its type,
    and whether it is a table's column as loaded (plain) rather than computed."""

    def __init__(self, name, qual, sql, type, plain=False):
        self.name, self.qual, self.sql, self.type, self.plain = name, qual, sql, type, plain


class Rel:
    """An Amity pipeline and the SQL that means the same, built one stage at a time."""

    def __init__(self, cx, amity, frm, cols, order, source):
        self.cx = cx
        self.amity = amity
        self.frm = frm
        self.cols = cols
        self.order = order  # SQL terms giving Amity's row order; always ends with a unique key
        self.where = []
        self.limit = None
        self.source = source  # the qualifier Amity gives the left side's columns in a join

    @classmethod
    def table(cls, cx, name, alias=None, sql_alias=None):
        """A table: `alias` is how Amity qualifies its columns, `sql_alias` its name in SQL."""
        sql_name = sql_alias or name
        cols = [Col(c, alias or name, f"{sql_name}.{c}", k, plain=True) for c, k in COLUMNS[name]]
        order = [f"{sql_name}.id"] if name == "t" else [f"{sql_name}.rowid"]
        return cls(cx, name, name if sql_alias is None else f"{name} AS {sql_alias}", cols, order, alias or name)

    # --- names

    def ref(self, col):
        """How Amity names `col` here: bare when no other column has its name."""
        same = sum(1 for c in self.cols if c.name == col.name)
        return col.name if same == 1 else f"{col.qual}.{col.name}"

    def open(self):
        """After a take, the next filter, sort or join applies to the rows it kept."""
        if self.limit is not None:
            self.wrap()
        return self

    def scope(self):
        """The columns by type, (amity, sql), for an expression of the next stage. Opens the
        relation first, so that the SQL names stay right for a filter or sort after it."""
        self.open()
        pools = {}
        for col in self.cols:
            pools.setdefault(col.type, []).append((self.ref(col), col.sql))
        return pools

    def names(self):
        return {c.name for c in self.cols}

    def stage(self, text):
        self.amity += " | " + text

    # --- SQL

    def select_sql(self, columns, extra=""):
        sql = f"SELECT {', '.join(columns)}{extra} FROM {self.frm}"
        if self.where:
            sql += " WHERE " + " AND ".join(f"({w})" for w in self.where)
        if self.order:
            sql += " ORDER BY " + ", ".join(self.order)
        if self.limit is not None:
            sql += f" LIMIT {self.limit}"
        return sql

    def sql(self):
        return self.select_sql([c.sql for c in self.cols])

    def numbered(self, extra=""):
        """This relation's SELECT with its columns named c0.. and its rows numbered _rn."""
        columns = [f"{c.sql} AS c{i}" for i, c in enumerate(self.cols)]
        number = f", row_number() OVER (ORDER BY {', '.join(self.order)}) AS _rn" if self.order else ", 1 AS _rn"
        return self.select_sql(columns, extra + number)

    def wrap(self):
        """Makes the SQL so far a subquery, so that the next stage applies to its rows."""
        alias = self.cx.fresh("w")
        self.frm = f"({self.numbered()}) AS {alias}"
        self.cols = [Col(c.name, c.qual, f"{alias}.c{i}", c.type, c.plain) for i, c in enumerate(self.cols)]
        self.order = [f"{alias}._rn"]
        self.where = []
        self.limit = None

    # --- stages

    def filter(self, cond):
        if self.limit is not None:
            self.wrap()
        self.stage(f"where {cond[0]}")
        self.where.append(cond[1])

    def sort(self, keys, top=None):
        """keys: (amity, sql, descending); with `top`, written as `top N by`."""
        if self.limit is not None:
            self.wrap()
        text = ", ".join(a + (" desc" if d else "") for a, _, d in keys)
        terms = []
        for _, s, d in keys:
            # likely(v) is v, but keeps a constant key (9, or a condition SQLite folds to 0)
            # from being read as "ORDER BY the ninth column"
            terms += [f"({s}) IS NULL", f"likely({s}){' DESC' if d else ''}"]
        self.order = terms + self.order
        if top is None:
            self.stage(f"sort {text}")
        else:
            self.stage(f"top {top} by {text}")
            self.limit = top

    def take(self, count, sql_count=None):
        if self.limit is not None:
            self.wrap()
        self.stage(f"take {count}")
        self.limit = count if sql_count is None else f"({sql_count})"

    def derive(self, items):
        """items: (name, amity, sql, type); a name already here replaces that column in place."""
        for name, _, sql, type in items:
            plain = self.is_plain(sql)
            sql = f"({sql})"  # it stands inside other expressions from now on
            for i, col in enumerate(self.cols):
                if col.name == name:
                    self.cols[i] = Col(name, col.qual, sql, type, plain)
                    break
            else:
                self.cols.append(Col(name, self.source, sql, type, plain))
        self.stage("derive " + ", ".join(f"{n} = {a}" for n, a, _, _ in items))

    def select(self, items):
        """items: a Col kept as it is, or (name, amity, sql, type)."""
        texts, cols = [], []
        for item in items:
            if isinstance(item, Col):
                texts.append(self.ref(item))
                cols.append(item)
            else:
                name, amity, sql, type = item
                texts.append(f"{name} = {amity}")
                cols.append(Col(name, self.source, f"({sql})", type, self.is_plain(sql)))
        self.stage("select " + ", ".join(texts))
        self.cols = cols

    def rename(self, pairs):
        """pairs: (new name, Col)."""
        self.stage("rename " + ", ".join(f"{new} = {self.ref(col)}" for new, col in pairs))
        renamed = {id(col): new for new, col in pairs}
        self.cols = [Col(renamed[id(c)], c.qual, c.sql, c.type, c.plain) if id(c) in renamed else c for c in self.cols]

    def drop(self, cols):
        self.stage("drop " + ", ".join(self.ref(c) for c in cols))
        gone = {id(c) for c in cols}
        self.cols = [c for c in self.cols if id(c) not in gone]

    def join(self, kind, right, right_text, keys):
        """keys: (left Col, right Col) pairs; right_text is how the stage names the right side."""
        if self.limit is not None:
            self.wrap()
        combined = self.cols + right.cols
        def left_ref(col):
            clash = sum(1 for c in combined if c.name == col.name) > 1
            return f"{col.qual}.{col.name}" if clash else col.name
        on_amity = " and ".join(f"{left_ref(l)} == {r.qual}.{r.name}" for l, r in keys)
        on_sql = " AND ".join(f"{l.sql} = {r.sql}" for l, r in keys)
        self.stage(f"join {'' if kind == 'inner' and self.cx.rng.random() < 0.7 else kind + ' '}{right_text} on {on_amity}")
        if kind in ("semi", "anti"):
            self.where.append(f"{'NOT ' if kind == 'anti' else ''}EXISTS (SELECT 1 FROM {right.frm} WHERE {on_sql})")
            return
        self.frm = f"{self.frm} {'LEFT JOIN' if kind == 'left' else 'JOIN'} {right.frm} ON {on_sql}"
        self.cols = combined
        self.order = self.order + right.order

    def union(self, right, right_text):
        """Both sides have the same names and types; right's columns may come in another order."""
        left_sql = self.numbered(", 0 AS _src")
        by_name = {c.name: c for c in right.cols}
        right.cols = [by_name[c.name] for c in self.cols]
        plain = [a.plain and b.plain for a, b in zip(self.cols, right.cols)]
        right_sql = right.numbered(", 1 AS _src")
        alias = self.cx.fresh("w")
        self.frm = f"(SELECT * FROM ({left_sql}) UNION ALL SELECT * FROM ({right_sql})) AS {alias}"
        self.cols = [Col(c.name, self.source, f"{alias}.c{i}", c.type, plain[i]) for i, c in enumerate(self.cols)]
        self.order = [f"{alias}._src", f"{alias}._rn"]
        self.where = []
        self.limit = None
        self.stage(f"union {right_text}")

    def prepare_grouping(self):
        """Before summarize, distinct or count: the rows so far, numbered in their order."""
        self.wrap()

    def is_plain(self, sql):
        return any(c.plain and c.sql in (sql, f"({sql})") for c in self.cols)

    def group(self, stage_text, keys, aggregates):
        """keys and aggregates: (name, sql, type); groups in the order they first appear."""
        alias = self.cx.fresh("g")
        columns = [f"{s} AS c{i}" for i, (_, s, _) in enumerate(keys + aggregates)]
        sql = f"SELECT {', '.join(columns)}, min({self.order[0]}) AS _rn FROM {self.frm}"
        if self.where:
            sql += " WHERE " + " AND ".join(f"({w})" for w in self.where)
        if keys:
            # likely(v) is v, but keeps a constant key from being read as a column number.
            sql += " GROUP BY " + ", ".join(f"likely({s})" for _, s, _ in keys)
        self.frm = f"({sql}) AS {alias}"
        self.cols = [Col(n, None, f"{alias}.c{i}", t, i < len(keys) and self.is_plain(s))
                     for i, (n, s, t) in enumerate(keys + aggregates)]
        self.order = [f"{alias}._rn"] if keys else []
        self.where = []
        self.limit = None
        self.source = None
        self.stage(stage_text)


class Expressions:
    """Random typed expressions over a scope: for each type, (amity, sql) pairs of columns."""

    def __init__(self, cx, scope, subqueries=True):
        self.cx = cx
        self.rng = cx.rng
        self.scope = scope
        self.subqueries = subqueries

    def pick(self, type):
        pool = self.scope.get(type)
        return self.rng.choice(pool) if pool else None

    def integer(self, depth=0):
        r = self.rng.random()
        column = self.pick("int")
        if column and (depth > 2 or r < 0.35):
            return column
        if r < 0.5 or depth > 2:
            value = str(self.rng.randrange(-5, 20))
            return value, value
        if self.subqueries and r < 0.55:
            return scalar_subquery(self.cx, "int")[:2]
        if r < 0.6:
            # constants to fold
            a, b = self.rng.randrange(-3, 9), self.rng.randrange(-3, 9)
            op = self.rng.choice(["+", "-", "*"])
            return f"({a} {op} {b})", f"({a} {op} {b})"
        if depth < 2 and self.rng.random() < 0.15:
            return functions.int_call(self, depth)
        a, b = self.integer(depth + 1), self.integer(depth + 1)
        op = self.rng.choice(["+", "-", "*"])
        if op == "*":
            b = (str(self.rng.randrange(-3, 4)),) * 2  # keep products far from overflow
        if self.rng.random() < 0.15:
            return f"abs({a[0]})", f"abs({a[1]})"
        if self.rng.random() < 0.15:
            return f"({a[0]} ?? {b[0]})", f"coalesce({a[1]}, {b[1]})"
        return f"({a[0]} {op} {b[0]})", f"({a[1]} {op} {b[1]})"

    def operand(self):
        """An int expression, more often a plain column than integer() gives."""
        return (self.rng.random() < 0.6 and self.pick("int")) or self.integer()

    def number(self):
        """(amity, sql, type) of an int or float expression."""
        x = self.pick("float")
        if x is None or self.rng.random() < 0.5:
            r = self.rng.random()
            if r < 0.8:
                return self.integer() + ("int",)
            i = self.integer()
            return f"({i[0]} / 4)", f"({i[1]} / 4.0)", "float"
        r = self.rng.random()
        if r < 0.4:
            return x + ("float",)
        if r < 0.6:
            return f"({x[0]} * 2 + 1.5)", f"({x[1]} * 2 + 1.5)", "float"
        if r < 0.7:
            return f"abs({x[0]})", f"abs({x[1]})", "float"
        if self.subqueries and r < 0.8:
            return scalar_subquery(self.cx, "float")
        if r < 0.9:
            return functions.float_call(self)
        i = self.integer()
        return f"({i[0]} / 4)", f"({i[1]} / 4.0)", "float"

    def string(self, depth=0):
        s = self.pick("string")
        r = self.rng.random()
        if s is None or r < 0.15:
            return string_literal(self.rng.choice(WORDS))
        if r < 0.25:
            word = string_literal(self.rng.choice(WORDS))
            return f"({s[0]} ?? {word[0]})", f"coalesce({s[1]}, {word[1]})"
        if depth < 2 and r < 0.4:
            return functions.string_call(self, depth)
        return s

    def value(self):
        """(amity, sql, type) of any type, for select and derive."""
        r = self.rng.random()
        if r < 0.45:
            return self.number()
        if r < 0.6:
            return self.string() + ("string",)
        if r < 0.7:
            d = self.pick("date")
            if d:
                if self.rng.random() < 0.3:
                    return functions.date_call(self)
                if self.rng.random() < 0.5:
                    return d + ("date",)
                return f"year({d[0]})", f"CAST(strftime('%Y', {d[1]}) AS INTEGER)", "int"
        c = self.condition(1)
        return c + ("bool",)

    def condition(self, depth=0):
        r = self.rng.random()
        if depth < 2 and r < 0.22:
            a, b = self.condition(depth + 1), self.condition(depth + 1)
            word = self.rng.choice(["and", "or"])
            return f"({a[0]} {word} {b[0]})", f"({a[1]} {word.upper()} {b[1]})"
        if depth < 2 and r < 0.28:
            a = self.condition(depth + 1)
            return f"not ({a[0]})", f"NOT ({a[1]})"
        if r < 0.31:
            # constants the optimizer folds
            if depth >= 2:
                a, b = self.integer(2), self.integer(2)
                a = (f"{a[0]} < {b[0]}", f"{a[1]} < {b[1]}")
            else:
                a = self.condition(depth + 1)
            constant = self.rng.choice([("true", "1"), ("false", "0"), ("1 < 2", "1 < 2"), ("null ?? true", "1")])
            word = self.rng.choice(["and", "or"])
            return f"({constant[0]} {word} {a[0]})", f"({constant[1]} {word.upper()} {a[1]})"
        if self.subqueries and r < 0.4:
            return self.membership()
        if self.subqueries and r < 0.45:
            a = self.number()
            b = scalar_subquery(self.cx, self.rng.choice(["int", "float"]))
            op = self.rng.choice(list(COMPARISONS))
            return f"{a[0]} {op} {b[0]}", f"{a[1]} {COMPARISONS[op]} {b[1]}"
        r = self.rng.random()
        if r < 0.35:
            a, b = self.number(), self.number()
            op = self.rng.choice(["==", "!=", "<", "<", "<=", ">", ">", ">="])
            return f"{a[0]} {op} {b[0]}", f"{a[1]} {COMPARISONS[op]} {b[1]}"
        s = self.pick("string")
        if r < 0.5 and s:
            amity, sql = string_literal(self.rng.choice(WORDS))
            op = self.rng.choice(["==", "!=", "<", ">="])
            if self.rng.random() < 0.2 and len(self.scope["string"]) > 1:
                amity, sql = self.rng.choice(self.scope["string"])
            return f"{s[0]} {op} {amity}", f"{s[1]} {COMPARISONS[op]} {sql}"
        if r < 0.6:
            column = self.rng.choice([c for pool in self.scope.values() for c in pool])
            negated = self.rng.random() < 0.5
            return (f"{column[0]} is {'not ' if negated else ''}null", f"{column[1]} IS {'NOT ' if negated else ''}NULL")
        if r < 0.7:
            # Sometimes empty: nothing is in an empty list, on both sides.
            items = sorted({self.rng.randrange(-3, 6) for _ in range(self.rng.choice([0, 1, 3, 3]))})
            i = self.operand()
            negated = self.rng.random() < 0.3
            listed = ", ".join(map(str, items))
            return (f"{i[0]} {'not ' if negated else ''}in [{listed}]", f"{i[1]} {'NOT ' if negated else ''}IN ({listed})")
        if r < 0.78:
            low = self.rng.randrange(-20, 10)
            high = low + self.rng.randrange(0, 15)
            i = self.operand()
            return f"{i[0]} in {low}..{high}", f"{i[1]} BETWEEN {low} AND {high}"
        d = self.pick("date")
        if r < 0.86 and d:
            year = self.rng.randrange(1999, 2026)
            op = self.rng.choice(["<", ">=", "=="])
            if self.rng.random() < 0.5:
                return (f"year({d[0]}) {op} {year}",
                        f"CAST(strftime('%Y', {d[1]}) AS INTEGER) {COMPARISONS[op]} {year}")
            return f"{d[0]} {op} @{year}-06-15", f"{d[1]} {COMPARISONS[op]} '{year}-06-15'"
        if r < 0.93 and s:
            prefix = self.rng.choice(["a", "A", "Ce", "海", ""])
            amity, sql = string_literal(prefix)
            return f"startswith({s[0]}, {amity})", f"substr({s[1]}, 1, length({sql})) = {sql}"
        b = self.pick("bool")
        if b:
            return (f"{b[0]}", f"{b[1]} = 1") if self.rng.random() < 0.5 else (f"{b[0]} == false", f"{b[1]} = 0")
        a, b = self.integer(), self.integer()
        return f"{a[0]} <= {b[0]}", f"{a[1]} <= {b[1]}"

    def loose(self):
        """A condition that keeps most rows, for filters that follow others."""
        r = self.rng.random()
        a = self.condition(1)
        if r < 0.5:
            b = self.condition(1)
            return f"({a[0]} or {b[0]})", f"({a[1]} OR {b[1]})"
        if r < 0.8:
            return f"({a[0]}) ?? true", f"coalesce({a[1]}, 1)"
        return f"(not ({a[0]})) ?? true", f"coalesce(NOT ({a[1]}), 1)"

    def membership(self):
        """`x [not] in (pipeline)`: SQL's IN (SELECT ...), whose nulls work the same."""
        kind = self.rng.choice(["int", "int", "string", "float"])
        if kind == "int":
            operand = self.integer()
        elif kind == "string":
            operand = self.pick("string") or self.string()
        else:
            operand = self.number()[:2]
        negated = self.rng.random() < 0.4
        pipeline = column_pipeline(self.cx, kind)
        word = "not in" if negated else "in"
        return f"{operand[0]} {word} {pipeline[0]}", f"{operand[1]} {word.upper()} {pipeline[1]}"


# --- pipelines inside expressions

def inner_table(cx, name=None):
    name = name or cx.rng.choice(["u", "u", "t"])
    return Rel.table(cx, name, sql_alias=cx.fresh("q"))


def column_pipeline(cx, kind):
    """A one-column pipeline of `kind` values (int, float or string), for `in (...)`."""
    rng = cx.rng
    rel = inner_table(cx)
    e = Expressions(cx, rel.scope(), subqueries=False)
    if rng.random() < 0.6:
        rel.filter(e.condition())
    if rng.random() < 0.2:
        rel.sort([sort_key(rel, e)], top=rng.randrange(1, 8) if rng.random() < 0.5 else None)
        if rng.random() < 0.5 and rel.limit is None:
            rel.take(rng.randrange(1, 8))
    computed = rng.random() < 0.3
    if kind == "string":
        value = e.string() if computed else e.pick("string")
    elif kind == "int":
        value = e.integer() if computed else e.pick("int")
    else:
        value = e.number()[:2] if computed else e.pick("float") or e.pick("int")
    plain = [c for c in rel.cols if c.name == value[0]]
    rel.select(plain[:1] or [(cx.fresh("v"), value[0], value[1], kind)])
    if rng.random() < 0.3:
        col = rel.open().cols[0]
        rel.filter((f"{col.name} is not null", f"{col.sql} IS NOT NULL"))  # so that not in can be true
    if rng.random() < 0.15:
        rel.stage("distinct")  # the same list of values, as SQL's IN sees it
    return f"({rel.amity})", f"({rel.sql()})"


def scalar_subquery(cx, kind):
    """A pipeline used as a value: (amity, sql, type). Empty or all-null gives null."""
    rng = cx.rng
    rel = inner_table(cx)
    e = Expressions(cx, rel.scope(), subqueries=False)
    if rng.random() < 0.6:
        rel.filter(e.condition())
    r = rng.random()
    if kind == "float" and r < 0.6:
        value = e.pick("float") or e.pick("int")
        function = rng.choice(["avg", "max", "min", "sum"]) if e.pick("float") else "avg"
        rel.stage(f"summarize {function}({value[0]})")
        return f"({rel.amity})", f"(SELECT {function}({value[1]}) FROM {rel.frm}{where_clause(rel)})", "float"
    if kind == "float":
        x = e.pick("float")
        if x is None:
            return scalar_subquery(cx, "int")[:2] + ("int",)
        rel.sort([(x[0], x[1], rng.random() < 0.5)])
        rel.take(1)
        rel.select([c for c in rel.cols if c.name == "x"])
        return f"({rel.amity})", f"({rel.sql()})", "float"
    if r < 0.3:
        rel.stage("count")
        return f"({rel.amity})", f"(SELECT count(*) FROM {rel.frm}{where_clause(rel)})", "int"
    if r < 0.8:
        value = e.pick("int")
        function = rng.choice(["max", "min", "sum", "count", "count_distinct"])
        sql_function = {"count_distinct": "count(DISTINCT "}.get(function, function + "(")
        rel.stage(f"summarize {function}({value[0]})")
        return f"({rel.amity})", f"(SELECT {sql_function}{value[1]}) FROM {rel.frm}{where_clause(rel)})", "int"
    key = e.pick("int")
    rel.sort([(key[0], key[1], rng.random() < 0.5)])
    rel.take(1)
    rel.select([c for c in rel.cols if c.name == key[0]])
    return f"({rel.amity})", f"({rel.sql()})", "int"


def where_clause(rel):
    return (" WHERE " + " AND ".join(f"({w})" for w in rel.where)) if rel.where else ""


# --- pieces of stages

def sort_key(rel, e):
    """(amity, sql, descending): a column most of the time, else an expression."""
    rng = e.rng
    desc = rng.random() < 0.5
    if rng.random() < 0.7:
        col = rng.choice([c for c in rel.cols])
        return rel.ref(col), col.sql, desc
    value = e.value()
    return (f"({value[0]})" if " " in value[0] else value[0]), value[1], desc


def sort_keys(rel, e, unique=True):
    """1 to 3 keys in mixed directions, then a unique column when there is one."""
    keys = [sort_key(rel, e) for _ in range(e.rng.choice([1, 1, 2, 2, 3]))]
    if unique:
        ids = [c for c in rel.cols if c.name == "id"]
        if ids:
            keys.append((rel.ref(ids[0]), ids[0].sql, e.rng.random() < 0.2))
    return keys


def between_stage(rel, cx, protect=()):
    """A derive, select, rename or drop that keeps the columns named in `protect`."""
    rng = cx.rng
    e = Expressions(cx, rel.scope())
    r = rng.random()
    if r < 0.35:
        items = []
        for _ in range(rng.randrange(1, 3)):
            value = e.value()
            items.append((cx.fresh("z"), value[0], value[1], value[2]))
        if rng.random() < 0.2:
            # replace a column in place
            ints = [c for c in rel.cols if c.type == "int" and rel.ref(c) == c.name and c.name not in protect
                    and c.name not in UNNAMEABLE]
            if ints:
                col = rng.choice(ints)
                items.append((col.name, f"{col.name} + 1", f"({col.sql} + 1)", "int"))
        rel.derive(items)
    elif r < 0.6:
        kept = [c for c in rel.cols if c.name in protect or rng.random() < 0.6] or [rel.cols[0]]
        items = []
        for col in kept:
            if rel.ref(col) != col.name:
                items.append((cx.fresh("c"), rel.ref(col), col.sql, col.type))
            else:
                items.append(col)
        if rng.random() < 0.4:
            value = e.value()
            items.append((cx.fresh("z"), value[0], value[1], value[2]))
        rng.shuffle(items)
        rel.select(items)
    elif r < 0.8:
        choices = [c for c in rel.cols if c.name not in protect]
        if not choices:
            return
        rel.rename([(cx.fresh("r"), col) for col in rng.sample(choices, min(len(choices), rng.randrange(1, 3)))])
    else:
        choices = [c for c in rel.cols if c.name not in protect]
        if len(choices) < 2:
            return
        rel.drop(rng.sample(choices, rng.randrange(1, min(3, len(choices)))))


def final_select(rel, cx, size=None):
    """A select of a few columns (qualified ones renamed), sometimes with a computed one."""
    rng = cx.rng
    scope = rel.scope()
    size = size or rng.randrange(1, 5)
    chosen = rng.sample(rel.cols, min(size, len(rel.cols)))
    ids = [c for c in rel.cols if c.name == "id" and c not in chosen]
    if ids and rng.random() < 0.7:
        chosen.insert(0, ids[0])
    items = [c if rel.ref(c) == c.name else (cx.fresh("c"), rel.ref(c), c.sql, c.type) for c in chosen]
    if rng.random() < 0.3:
        value = Expressions(cx, scope).value()
        items.append((cx.fresh("z"), value[0], value[1], value[2]))
    rel.select(items)


AGGREGATES = {"sum": "sum", "avg": "avg", "min": "min", "max": "max", "count": "count"}


def aggregate(rel, e):
    """(amity, sql, type) of one aggregate over the rows of a group."""
    rng = e.rng
    r = rng.random()
    if r < 0.15:
        return "count()", "count(*)", "int"
    if r < 0.25:
        col = rng.choice(rel.cols)
        return f"count({rel.ref(col)})", f"count({col.sql})", "int"
    if r < 0.35:
        col = rng.choice([c for c in rel.cols if c.type != "bool"] or rel.cols)
        if col.type == "bool":
            return "count()", "count(*)", "int"
        return f"count_distinct({rel.ref(col)})", f"count(DISTINCT {col.sql})", "int"
    if r < 0.55:
        candidates = [c for c in rel.cols if c.type in ("int", "float", "string", "date")]
        if candidates:
            col = rng.choice(candidates)
            function = rng.choice(["min", "max"])
            return f"{function}({rel.ref(col)})", f"{function}({col.sql})", col.type
    value = e.number()
    function = rng.choice(["sum", "avg", "sum", "max"])
    type = "float" if function == "avg" else value[2]
    if rng.random() < 0.15:
        other = rng.choice(["min", "max"])
        return (f"{function}({value[0]}) - {other}({value[0]})", f"({function}({value[1]}) - {other}({value[1]}))",
                "float" if function == "avg" else value[2])
    return f"{function}({value[0]})", f"{function}({value[1]})", type


def group_keys(rel, cx, e, most):
    """Up to `most` columns as keys (renamed when qualified), and with OPTIONS["computed_keys"]
    sometimes an expression: (name, sql, type) and the text of each."""
    rng = cx.rng
    keys, texts = [], []
    candidates = [c for c in rel.cols if c.plain or OPTIONS["computed_keys"]]
    for col in rng.sample(candidates, min(len(candidates), rng.randrange(0, most + 1))):
        if rel.ref(col) == col.name and rng.random() < 0.7:
            keys.append((col.name, col.sql, col.type))
            texts.append(col.name)
        else:
            name = cx.fresh("g")
            keys.append((name, col.sql, col.type))
            texts.append(f"{name} = {rel.ref(col)}")
    if rng.random() < 0.15:
        d = e.pick("date")
        if d and (OPTIONS["computed_keys"] or any(c.plain and c.sql == d[1] for c in rel.cols)):
            name = cx.fresh("g")
            keys.append((name, f"CAST(strftime('%Y', {d[1]}) AS INTEGER)", "int"))
            texts.append(f"{name} = year({d[0]})")
    if OPTIONS["computed_keys"] and rng.random() < 0.4:
        value = e.value()
        name = cx.fresh("g")
        keys.append((name, value[1], value[2]))
        texts.append(f"{name} = {value[0]}")
    return keys, texts


def summarize(rel, cx, max_keys=2):
    rng = cx.rng
    rel.prepare_grouping()
    e = Expressions(cx, rel.scope(), subqueries=False)
    keys, key_texts = group_keys(rel, cx, e, max_keys)
    aggregates, texts = [], []
    for _ in range(rng.randrange(1, 4)):
        amity, sql, type = aggregates_.summarize_item(rel, cx, e, keys)
        name = cx.fresh("a")
        aggregates.append((name, sql, type))
        texts.append(f"{name} = {amity}")
    text = "summarize " + ", ".join(texts) + ((" by " + ", ".join(key_texts)) if keys else "")
    rel.group(text, keys, aggregates)


def distinct(rel, cx):
    rng = cx.rng
    rel.prepare_grouping()
    unique = len({c.name for c in rel.cols}) == len(rel.cols)
    if rng.random() < 0.3 and unique and all(c.plain or OPTIONS["computed_keys"] for c in rel.cols):
        rel.group("distinct", [(c.name, c.sql, c.type) for c in rel.cols], [])
        return
    keys, texts = [], []
    if not any(c.plain or OPTIONS["computed_keys"] for c in rel.cols):
        rel.group("count", [], [("count", "count(*)", "int")])  # nothing to group by here
        return
    while not keys:
        keys, texts = group_keys(rel, cx, Expressions(cx, rel.scope(), subqueries=False), 2)
    rel.group("distinct " + ", ".join(texts), keys, [])


def count(rel):
    rel.prepare_grouping()
    rel.group("count", [], [("count", "count(*)", "int")])


def right_side(cx, taken):
    """The right side of a join: u, `u as v`, or a pipeline over u with an alias."""
    rng = cx.rng
    r = rng.random()
    if r < 0.45 and "u" not in taken:
        return Rel.table(cx, "u", sql_alias=cx.fresh("j")), "u"
    alias = rng.choice([a for a in ["v", "y", "o"] if a not in taken])
    rel = Rel.table(cx, "u", alias=alias, sql_alias=cx.fresh("j"))
    if r < 0.7:
        return rel, f"u as {alias}"
    e = Expressions(cx, rel.scope(), subqueries=False)
    if rng.random() < 0.7:
        rel.filter(e.condition())
    if rng.random() < 0.3:
        value = e.number()
        rel.derive([(cx.fresh("rz"), value[0], value[1], value[2])])
    if rng.random() < 0.2:
        rel.sort(sort_keys(rel, e), top=rng.randrange(1, 10))
    text = f"({rel.amity}) as {alias}"
    if rel.amity != "u":
        rel.wrap()
    return rel, text


def join(rel, cx, kinds=("inner", "left", "semi", "anti")):
    rng = cx.rng
    rel.open()
    taken = {c.qual for c in rel.cols}
    right, text = right_side(cx, taken)
    kind = rng.choice(kinds)
    keys = []
    lefts = {t: [c for c in rel.cols if c.type == t] for t in ("int", "string")}
    rights = {t: [c for c in right.cols if c.type == t] for t in ("int", "string")}
    for _ in range(1 if rng.random() < 0.8 else 2):
        type = "string" if rng.random() < 0.2 and lefts["string"] and rights["string"] else "int"
        if not lefts[type] or not rights[type]:
            continue
        left_k = [c for c in lefts[type] if c.name == "k"]
        right_k = [c for c in rights[type] if c.name == "k"]
        if type == "int" and left_k and right_k and rng.random() < 0.6:
            keys.append((left_k[0], right_k[0]))
        else:
            keys.append((rng.choice(lefts[type]), rng.choice(rights[type])))
    if not keys:
        return False
    rel.join(kind, right, text, keys)
    return True


def union_side(cx, table, names):
    """A pipeline over `table` that selects the columns `names` (name -> type), in any order."""
    rng = cx.rng
    rel = Rel.table(cx, table)
    e = Expressions(cx, rel.scope(), subqueries=rng.random() < 0.3)
    if rng.random() < 0.5:
        rel.filter(e.condition())
    items = []
    for name, type in names:
        if type == "int":
            value = e.integer()
        elif type == "string":
            value = e.string()
        else:
            value = e.number()
            if value[2] == "int":
                value = (f"float({value[0]})", f"CAST({value[1]} AS REAL)")
        items.append((name, value[0], value[1], type))
    rng.shuffle(items)
    rel.select(items)
    if rng.random() < 0.2:
        rel.sort(sort_keys(rel, Expressions(cx, rel.scope(), subqueries=False), unique=False), top=rng.randrange(0, 10))
    return rel


# --- query shapes

def shape_filter_select(cx):
    rel = Rel.table(cx, "t")
    rel.filter(Expressions(cx, rel.scope()).condition())
    final_select(rel, cx)
    return rel


def shape_summarize(cx):
    rel = Rel.table(cx, "t")
    if cx.rng.random() < 0.8:
        rel.filter(Expressions(cx, rel.scope()).condition())
    summarize(rel, cx)
    if cx.rng.random() < 0.3:
        rel.filter(Expressions(cx, rel.scope(), subqueries=False).condition())
    return rel


def shape_sort_take(cx):
    """sort with 1-3 keys, then derive/select/rename/drop, then take (top-n through projections)."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    e = Expressions(cx, rel.scope())
    if rng.random() < 0.7:
        rel.filter(e.condition())
    if rng.random() < 0.3:
        between_stage(rel, cx, protect={"id"})
    rel.sort(sort_keys(rel, Expressions(cx, rel.scope())))
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        between_stage(rel, cx)
    rel.take(rng.randrange(0, 12))
    if rng.random() < 0.5:
        final_select(rel, cx)
    return rel


def shape_top(cx):
    rng = cx.rng
    rel = Rel.table(cx, "t")
    if rng.random() < 0.7:
        rel.filter(Expressions(cx, rel.scope()).condition())
    for _ in range(rng.choice([0, 0, 1, 2])):
        between_stage(rel, cx, protect={"id"})
    rel.sort(sort_keys(rel, Expressions(cx, rel.scope())), top=rng.randrange(0, 12))
    for _ in range(rng.choice([0, 1, 2])):
        between_stage(rel, cx)
    return rel


def shape_count(cx):
    rel = Rel.table(cx, "t")
    rel.filter(Expressions(cx, rel.scope()).condition())
    count(rel)
    return rel


def shape_join_filter(cx):
    """A join (inner or left), then filters on either side or both, then select."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    if rng.random() < 0.3:
        rel.filter(Expressions(cx, rel.scope()).condition())
    join(rel, cx, kinds=("inner", "left"))
    if rng.random() < 0.2:
        join(rel, cx)
    for _ in range(rng.choice([1, 1, 2, 3])):
        rel.filter(join_condition(rel, cx))
        if rng.random() < 0.2:
            between_stage(rel, cx)
    final_select(rel, cx)
    return rel


def join_condition(rel, cx):
    """A condition on the left side's columns, the right side's, or both."""
    rng = cx.rng
    types = ("int", "float", "string", "date", "bool")
    left = {t: [(rel.ref(c), c.sql) for c in rel.cols if c.type == t and c.qual in ("t", None)] for t in types}
    right = {t: [(rel.ref(c), c.sql) for c in rel.cols if c.type == t and c.qual not in ("t", None)] for t in types}
    r = rng.random()
    scope = rel.scope() if r < 0.4 else ({k: v for k, v in left.items() if v} if r < 0.7 else {k: v for k, v in right.items() if v})
    e = Expressions(cx, scope or rel.scope(), subqueries=rng.random() < 0.3)
    return e.loose() if rng.random() < 0.5 else e.condition()


def shape_join_summarize(cx):
    rng = cx.rng
    rel = Rel.table(cx, "t")
    if rng.random() < 0.4:
        rel.filter(Expressions(cx, rel.scope()).condition())
    join(rel, cx, kinds=("inner", "left", "left"))
    if rng.random() < 0.6:
        rel.filter(join_condition(rel, cx))
    summarize(rel, cx)
    return rel


def shape_semi_anti(cx):
    rng = cx.rng
    rel = Rel.table(cx, "t")
    if rng.random() < 0.5:
        rel.filter(Expressions(cx, rel.scope()).condition())
    join(rel, cx, kinds=("semi", "anti"))
    for _ in range(rng.choice([0, 1, 2])):
        rel.filter(Expressions(cx, rel.scope()).condition())
    final_select(rel, cx)
    return rel


def shape_distinct(cx):
    rng = cx.rng
    rel = Rel.table(cx, "t")
    rel.filter(Expressions(cx, rel.scope()).condition())
    if rng.random() < 0.3:
        join(rel, cx, kinds=("inner", "left"))
    distinct(rel, cx)
    return rel


def shape_derive_filter(cx):
    """derive (some columns never used, some replaced in place), then filters, then select."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    for _ in range(rng.choice([1, 1, 2])):
        between_stage(rel, cx, protect={"id"}) if rng.random() < 0.3 else derive(rel, cx)
        for _ in range(rng.choice([1, 1, 2])):
            rel.filter(Expressions(cx, rel.scope()).condition())
    final_select(rel, cx)
    return rel


def derive(rel, cx):
    rng = cx.rng
    e = Expressions(cx, rel.scope())
    items = []
    for _ in range(rng.randrange(1, 4)):
        value = e.value()
        items.append((cx.fresh("z"), value[0], value[1], value[2]))
    if rng.random() < 0.3:
        ints = [c for c in rel.cols if c.type == "int" and c.name != "id" and rel.ref(c) == c.name
                and c.name not in UNNAMEABLE]
        if ints:
            col = rng.choice(ints)
            value = e.integer()
            items.append((col.name, value[0], value[1], "int"))
    rel.derive(items)


def shape_union_filter(cx):
    rng = cx.rng
    names = [(cx.fresh("a"), "int"), (cx.fresh("b"), "string")]
    if rng.random() < 0.4:
        names.append((cx.fresh("f"), "float"))
    rel = union_side(cx, "t", names)
    right = union_side(cx, rng.choice(["u", "u", "t"]), names)
    rel.union(right, f"({right.amity})")
    for _ in range(rng.choice([1, 1, 2])):
        rel.filter(Expressions(cx, rel.scope()).loose())
    r = rng.random()
    if r < 0.3:
        rel.take(rng.randrange(0, 15))
    elif r < 0.5:
        rel.sort(sort_keys(rel, Expressions(cx, rel.scope())), top=rng.randrange(0, 15))
    elif r < 0.6:
        summarize(rel, cx)
    return rel


def shape_in_subquery(cx):
    """where x [not] in (pipeline), alone or beside other conditions."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    if rng.random() < 0.3:
        join(rel, cx, kinds=("inner", "left"))
    e = Expressions(cx, rel.scope())
    cond = e.membership()
    r = rng.random()
    if r < 0.3:
        other = e.condition()
        cond = (f"{other[0]} and {cond[0]}", f"({other[1]}) AND ({cond[1]})") if rng.random() < 0.5 else \
            (f"{cond[0]} and {other[0]}", f"({cond[1]}) AND ({other[1]})")
    elif r < 0.5:
        other = e.condition()
        cond = (f"({cond[0]} or {other[0]})", f"(({cond[1]}) OR ({other[1]}))")
    elif r < 0.6:
        cond = (f"not ({cond[0]})", f"NOT ({cond[1]})")
    rel.filter(cond)
    if rng.random() < 0.3:
        rel.filter(e.condition())
    final_select(rel, cx)
    return rel


def shape_mark(cx):
    """`x in (pipeline)` as a value: select id, m = k in (u | select k)."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    if rng.random() < 0.3:
        rel.filter(Expressions(cx, rel.scope(), subqueries=False).condition())
    e = Expressions(cx, rel.scope())
    items = [c for c in rel.cols if c.name == "id"]
    for _ in range(rng.randrange(1, 3)):
        m = e.membership()
        r = rng.random()
        if r < 0.3:
            other = e.condition()
            m = (f"({m[0]} {'and' if r < 0.15 else 'or'} {other[0]})",
                 f"(({m[1]}) {'AND' if r < 0.15 else 'OR'} ({other[1]}))")
        elif r < 0.4:
            m = (f"if({m[0]}, 1, 0)", f"CASE WHEN {m[1]} THEN 1 ELSE 0 END")
            items.append((cx.fresh("m"), m[0], m[1], "int"))
            continue
        items.append((cx.fresh("m"), m[0], m[1], "bool"))
    if rng.random() < 0.5:
        rel.select(items)
    else:
        rel.derive([i for i in items if not isinstance(i, Col)])
        if rng.random() < 0.5:
            marks = [c for c in rel.cols if c.name.startswith("m")]
            mark = rng.choice(marks)
            rel.filter((mark.name, f"{mark.sql} = 1") if mark.type == "bool" else (f"{mark.name} == 1", f"{mark.sql} = 1"))
        final_select(rel, cx)
    return rel


def shape_scalar(cx):
    """A pipeline used as a value: in where, select or derive."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    e = Expressions(cx, rel.scope())
    kind = rng.choice(["int", "float"])
    value = scalar_subquery(cx, kind)
    r = rng.random()
    if r < 0.5:
        a = e.number()
        op = rng.choice(list(COMPARISONS))
        rel.filter((f"{a[0]} {op} {value[0]}", f"{a[1]} {COMPARISONS[op]} {value[1]}"))
        final_select(rel, cx)
    elif r < 0.8:
        a = e.number()
        op = rng.choice(["+", "-"])
        type = "float" if "float" in (a[2], value[2]) else "int"
        items = [c for c in rel.cols if c.name == "id"] + [(cx.fresh("v"), f"{a[0]} {op} {value[0]}", f"({a[1]}) {op} ({value[1]})", type)]
        rel.select(items)
        if rng.random() < 0.4:
            rel.filter(Expressions(cx, rel.scope(), subqueries=False).condition())
    else:
        rel.derive([(cx.fresh("v"), value[0], value[1], value[2])])
        if rng.random() < 0.5:
            rel.filter(Expressions(cx, rel.scope(), subqueries=False).condition())
        final_select(rel, cx)
    return rel


def shape_filter_chain(cx):
    rng = cx.rng
    rel = Rel.table(cx, "t")
    for number in range(rng.randrange(2, 5)):
        e = Expressions(cx, rel.scope())
        rel.filter(e.condition() if number == 0 else e.loose())
        if rng.random() < 0.2:
            between_stage(rel, cx, protect={"id"})
    if rng.random() < 0.3:
        rel.sort(sort_keys(rel, Expressions(cx, rel.scope())), top=rng.randrange(0, 12))
    else:
        final_select(rel, cx)
    return rel


def shape_take_then(cx):
    """take (after a sort or not) then where, join, union or another take: nothing moves past it."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    if rng.random() < 0.4:
        rel.filter(Expressions(cx, rel.scope()).condition())
    if rng.random() < 0.6:
        rel.sort(sort_keys(rel, Expressions(cx, rel.scope())))
    if rng.random() < 0.1:
        value = scalar_subquery(cx, "int")
        if value[0].endswith("| count)"):
            rel.take(value[0], value[1])
        else:
            rel.take(rng.randrange(0, 20))
    else:
        rel.take(rng.randrange(0, 20))
    r = rng.random()
    if r < 0.5:
        rel.filter(Expressions(cx, rel.scope()).condition())
    elif r < 0.7:
        join(rel, cx)
    elif r < 0.8:
        rel.take(rng.randrange(0, 20))
    else:
        between_stage(rel, cx)
        rel.filter(Expressions(cx, rel.scope()).condition())
    final_select(rel, cx)
    return rel


def shape_limit(cx):
    """take with no sort after select, derive, a left join or a union (limit pushdown)."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    r = rng.random()
    if r < 0.4:
        for _ in range(rng.randrange(1, 3)):
            between_stage(rel, cx)
    elif r < 0.8:
        join(rel, cx, kinds=("left", "left", "inner"))
        if rng.random() < 0.5:
            between_stage(rel, cx)
    else:
        names = [(cx.fresh("a"), "int"), (cx.fresh("b"), "string")]
        rel = union_side(cx, "t", names)
        right = union_side(cx, "u", names)
        rel.union(right, f"({right.amity})")
    rel.take(rng.randrange(0, 15))
    if rng.random() < 0.5:
        final_select(rel, cx)
    return rel


def shape_random(cx):
    """Any stages in any order."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    grouped = False
    for _ in range(rng.randrange(2, 7)):
        r = rng.random()
        if r < 0.3:
            e = Expressions(cx, rel.scope())
            rel.filter(e.loose() if rng.random() < 0.5 else e.condition())
        elif r < 0.45:
            between_stage(rel, cx)
        elif r < 0.55:
            rel.sort(sort_keys(rel, Expressions(cx, rel.scope())), top=rng.randrange(0, 15) if rng.random() < 0.5 else None)
        elif r < 0.65:
            rel.take(rng.randrange(0, 25))
        elif r < 0.8 and not grouped:
            if not join(rel, cx):
                continue
        elif r < 0.88 and not grouped:
            summarize(rel, cx)
            grouped = True
        elif r < 0.93 and not grouped:
            distinct(rel, cx)
            grouped = True
        elif r < 0.97:
            windows.windowed_derive(rel, cx)
        else:
            rel.filter(Expressions(cx, rel.scope()).condition())
    return rel


# --- skip (OFFSET)

def skip(rel, count, sql_count=None):
    """`skip m` is SQLite's OFFSET, which needs a LIMIT before it (-1: none). It is kept in
    `limit`, so that every later stage that cannot be one more clause (a filter, a sort, a
    take, a join) makes the SQL so far a subquery first, as after a take."""
    if rel.limit is not None:
        rel.wrap()
    rel.stage(f"skip {count}")
    rel.limit = f"-1 OFFSET {count if sql_count is None else f'({sql_count})'}"


def shape_skip(cx):
    """skip alone or in a page (sort | skip | take, with projections between: top-n), after
    a join or a union (a take after it must not cross it wrongly), then filters (which must
    stay after it)."""
    rng = cx.rng
    r = rng.random()
    if r < 0.2:
        names = [(cx.fresh("a"), "int"), (cx.fresh("b"), "string")]
        rel = union_side(cx, "t", names)
        right = union_side(cx, rng.choice(["u", "t"]), names)
        rel.union(right, f"({right.amity})")
    else:
        rel = Rel.table(cx, "t")
        if rng.random() < 0.5:
            rel.filter(Expressions(cx, rel.scope()).condition())
        if r < 0.35:
            join(rel, cx, kinds=("inner", "left"))
    if rng.random() < 0.6:
        rel.sort(sort_keys(rel, Expressions(cx, rel.scope())))
    if rng.random() < 0.3:
        between_stage(rel, cx)
    if rng.random() < 0.1:
        value = scalar_subquery(cx, "int")
        if value[0].endswith("| count)"):
            skip(rel, value[0], value[1])
        else:
            skip(rel, rng.randrange(0, 25))
    else:
        skip(rel, rng.choice([0, 1, 2, 5, rng.randrange(0, 70)]))
    if rng.random() < 0.3:
        between_stage(rel, cx)
    r = rng.random()
    if r < 0.6:
        rel.take(rng.randrange(0, 15))
    elif r < 0.7:
        skip(rel, rng.randrange(0, 10))
        if rng.random() < 0.5:
            rel.take(rng.randrange(0, 15))
    if rng.random() < 0.4:
        rel.filter(Expressions(cx, rel.scope()).condition())
    if rng.random() < 0.5:
        final_select(rel, cx)
    return rel


# --- join cross (CROSS JOIN)

def cross_join(rel, cx):
    """`join cross`: SQL's CROSS JOIN, its rows in the left side's order, then the right
    side's within one left row."""
    rel.open()
    right, text = right_side(cx, {c.qual for c in rel.cols})
    rel.stage(f"join cross {text}")
    rel.frm = f"{rel.frm} CROSS JOIN {right.frm}"
    rel.cols = rel.cols + right.cols
    rel.order = rel.order + right.order


def shape_cross_join(cx):
    """join cross, then filters on the left side, the right side or both (each side's go into
    that side, the others stay after the product), then a take (into both sides), a top or a
    summarize."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    if rng.random() < 0.4:
        rel.filter(Expressions(cx, rel.scope()).condition())
    if rng.random() < 0.2:
        rel.take(rng.randrange(0, 20))
    cross_join(rel, cx)
    for _ in range(rng.choice([0, 1, 1, 2])):
        rel.filter(join_condition(rel, cx))
    r = rng.random()
    if r < 0.15:
        summarize(rel, cx)
        return rel
    if r < 0.45:
        rel.take(rng.randrange(0, 30))
    elif r < 0.6:
        rel.sort(sort_keys(rel, Expressions(cx, rel.scope())), top=rng.randrange(0, 15))
    if rng.random() < 0.7:
        final_select(rel, cx)
    return rel


# --- pivot and unpivot: in SQL, conditional aggregates and a UNION ALL

def pivot_item(rel, e):
    """(amity, sql(condition), type) of one aggregate of a pivot: SQL's form takes the
    condition that picks a value's rows, as in count(CASE WHEN k = 1 THEN 1 END)."""
    rng = e.rng
    r = rng.random()
    def when(sql):
        return lambda c: f"CASE WHEN {c} THEN {sql} END"
    if r < 0.25:
        return "count()", lambda c: f"count({when('1')(c)})", "int"
    if r < 0.35:
        col = rng.choice(rel.cols)
        return f"count({rel.ref(col)})", lambda c: f"count({when(col.sql)(c)})", "int"
    if r < 0.45:
        col = rng.choice([c for c in rel.cols if c.type != "bool"])
        return f"count_distinct({rel.ref(col)})", lambda c: f"count(DISTINCT {when(col.sql)(c)})", "int"
    if r < 0.6:
        col = rng.choice([c for c in rel.cols if c.type in ("int", "float", "string", "date")])
        function = rng.choice(["min", "max"])
        return f"{function}({rel.ref(col)})", lambda c: f"{function}({when(col.sql)(c)})", col.type
    if r < 0.66:
        cond = e.condition(1)
        return f"count_if({cond[0]})", lambda c: f"count(CASE WHEN ({c}) AND ({cond[1]}) THEN 1 END)", "int"
    if r < 0.72:
        value = e.number()
        return f"median({value[0]})", lambda c: f"median({when(value[1])(c)})", "float"
    value = e.number()
    function = rng.choice(["sum", "avg", "max"])
    type = "float" if function == "avg" else value[2]
    if rng.random() < 0.2:
        # an item of two aggregates: null when the group lacks the value, as each part is
        return (f"{function}({value[0]}) - min({value[0]})",
                lambda c: f"({function}({when(value[1])(c)}) - min({when(value[1])(c)}))", type)
    return f"{function}({value[0]})", lambda c: f"{function}({when(value[1])(c)})", type


def pivot(rel, cx):
    """`pivot COLUMN in [values] using items [by keys]` on k, s or b, with values the data may
    lack; the keys as in summarize."""
    rng = cx.rng
    rel.prepare_grouping()
    e = Expressions(cx, rel.scope(), subqueries=False)
    keys, key_texts = group_keys(rel, cx, e, 2)
    pivoted = rng.choice([c for c in rel.cols if c.plain and c.name in ("k", "s", "b")])
    taken = {name for name, _, _ in keys}
    if pivoted.type == "int":
        values = [(str(v), str(v), str(v)) for v in rng.sample(range(-1, 6), rng.randrange(1, 5))]
    elif pivoted.type == "string":
        # The empty string cannot name a column; a value named like a key is an error.
        words = [w for w in WORDS if w and w not in taken]
        values = [string_literal(w) + (w,) for w in rng.sample(words, rng.randrange(1, 5))]
    else:
        values = [("true", "1", "true"), ("false", "0", "false")][:rng.randrange(1, 3)]
        rng.shuffle(values)
    items = [pivot_item(rel, e) for _ in range(rng.choice([1, 1, 2]))]
    names = [cx.fresh("a") for _ in items]
    aggregates = []
    for _, sql_value, name in values:
        for item, item_name in zip(items, names):
            column = name if len(items) == 1 else f"{name}_{item_name}"
            aggregates.append((column, item[1](f"{pivoted.sql} = {sql_value}"), item[2]))
    text = (f"pivot {rel.ref(pivoted)} in [{', '.join(a for a, _, _ in values)}] using "
            + ", ".join(f"{n} = {item[0]}" for n, item in zip(names, items))
            + ((" by " + ", ".join(key_texts)) if keys else ""))
    rel.group(text, keys, aggregates)
    return len(keys)


def shape_pivot(cx):
    """Filters or a join, a pivot with a list, then maybe a filter on its keys (which moves
    below both of its aggregates) and a take."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    if rng.random() < 0.6:
        rel.filter(Expressions(cx, rel.scope()).condition())
    if rng.random() < 0.2:
        join(rel, cx, kinds=("inner", "left"))
    key_count = pivot(rel, cx)
    if key_count and rng.random() < 0.5:
        keys = rel.cols[:key_count]
        scope = {}
        for col in keys:
            scope.setdefault(col.type, []).append((col.name, col.sql))
        rel.filter(Expressions(cx, scope, subqueries=False).condition())
    if rng.random() < 0.2:
        rel.take(rng.randrange(0, 6))
    return rel


def unpivot(rel, cx):
    """`unpivot COLUMNS into NAME, VALUE`: in SQL, one SELECT per column, UNION ALL, ordered
    by the row, then the column's place in the list."""
    rng = cx.rng
    rel.wrap()
    groups = [[c for c in rel.cols if c.type in ("int", "float")], [c for c in rel.cols if c.type == "string"],
              [c for c in rel.cols if c.type == "date"]]
    group = rng.choice([g for g in groups if g])
    listed = rng.sample(group, min(len(group), rng.randrange(1, 4)))
    listed_names = [c.name for c in listed]
    if len(set(listed_names)) < len(listed_names):
        listed = listed[:1]  # t.k and u.k would both be named k
    type = listed[0].type if len({c.type for c in listed}) == 1 else "float"
    kept = [c for c in rel.cols if c not in listed]
    name, value = cx.fresh("m"), cx.fresh("v")
    alias = cx.fresh("w")
    parts = []
    for place, col in enumerate(listed):
        sql_value = f"CAST({col.sql} AS REAL)" if type == "float" and col.type == "int" else col.sql
        columns = [f"{c.sql} AS c{i}" for i, c in enumerate(kept)]
        columns += [f"{string_literal(col.name)[1]} AS c{len(kept)}", f"{sql_value} AS c{len(kept) + 1}",
                    f"{rel.order[0]} AS _rn", f"{place} AS _j"]
        parts.append(f"SELECT {', '.join(columns)} FROM {rel.frm}")
    rel.stage(f"unpivot {', '.join(rel.ref(c) for c in listed)} into {name}, {value}")
    rel.frm = f"({' UNION ALL '.join(parts)}) AS {alias}"
    rel.cols = ([Col(c.name, c.qual, f"{alias}.c{i}", c.type, c.plain) for i, c in enumerate(kept)]
                + [Col(name, rel.source, f"{alias}.c{len(kept)}", "string"),
                   Col(value, rel.source, f"{alias}.c{len(kept) + 1}", type)])
    rel.order = [f"{alias}._rn", f"{alias}._j"]


def shape_unpivot(cx):
    """unpivot, then filters on the columns it keeps (which move below it) or on its values,
    then a select or a summarize."""
    rng = cx.rng
    rel = Rel.table(cx, "t")
    if rng.random() < 0.5:
        rel.filter(Expressions(cx, rel.scope()).condition())
    if rng.random() < 0.2:
        join(rel, cx, kinds=("inner", "left"))
    unpivot(rel, cx)
    for _ in range(rng.choice([0, 1, 2])):
        rel.filter(Expressions(cx, rel.scope(), subqueries=False).condition())
    if rng.random() < 0.3:
        summarize(rel, cx)
    elif rng.random() < 0.5:
        final_select(rel, cx)
    return rel


SHAPES = {
    "filter_select": (shape_filter_select, 3),
    "summarize": (shape_summarize, 3),
    "sort_take": (shape_sort_take, 5),
    "top": (shape_top, 3),
    "count": (shape_count, 1),
    "join_filter": (shape_join_filter, 6),
    "join_summarize": (shape_join_summarize, 3),
    "semi_anti": (shape_semi_anti, 2),
    "distinct": (shape_distinct, 2),
    "derive_filter": (shape_derive_filter, 4),
    "union_filter": (shape_union_filter, 4),
    "in_subquery": (shape_in_subquery, 5),
    "mark": (shape_mark, 3),
    "scalar": (shape_scalar, 4),
    "filter_chain": (shape_filter_chain, 3),
    "take_then": (shape_take_then, 3),
    "limit": (shape_limit, 3),
    "random": (shape_random, 6),
    "skip": (shape_skip, 3),
    "cross_join": (shape_cross_join, 3),
    "pivot": (shape_pivot, 3),
    "unpivot": (shape_unpivot, 3),
}


def query(rng, shapes=None):
    """One query: (shape, amity, sql, ordered, absolute); ordered says the row order must match,
    absolute is how far apart floats may be besides a relative 1e-9 (0 but for statistics)."""
    names = shapes or list(SHAPES)
    name = rng.choices(names, weights=[SHAPES[n][1] for n in names])[0]
    rel = SHAPES[name][0](Context(rng))
    return name, rel.amity, rel.sql(), True, getattr(rel, "absolute", 0.0)


# --- windowed derive (fuzz/differential/windows.py, which reads this module's helpers)

import aggregates as aggregates_  # noqa: E402
import functions  # noqa: E402
import windows  # noqa: E402

SHAPES.update(functions.SHAPES)
SHAPES.update(windows.SHAPES)
SHAPES.update(aggregates_.SHAPES)
