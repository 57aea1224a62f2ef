"""Windowed `derive ... by ... sort` for the differential test: window functions and group
aggregates, written with SQL's OVER clauses.

Amity's window semantics, as SQL spells them:
- `by keys` is PARTITION BY keys (a null key is a group of its own, as in SQL).
- `sort keys` orders each group, nulls last in either direction: ORDER BY (key) IS NULL, key
  [DESC] for each key. Ties keep the input order, so every function that counts rows
  (row_number, ntile, lag, lead, the running and rolling ones) adds the input row number as
  the last ORDER BY term; rank, dense_rank and percent_rank see ties, so they order by the
  keys only.
- Running functions go row by row (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW, never
  RANGE), rolling ones over ROWS BETWEEN n - 1 PRECEDING AND CURRENT ROW.
- An aggregate in a derive is over the whole group whatever the sort (OVER (PARTITION BY
  keys), with the rows in input order so that float sums add in Amity's order); count_distinct,
  median and quantile are reference.py's window functions (SQLite has no DISTINCT in a window,
  and neither of the others).
- `derive` keeps the rows in their order: the SQL computes the windows in a subquery over the
  rows numbered in their order, and numbers its own rows by that number.

SQLite 3.40 slides a float sum by subtracting the row that leaves, so a large value leaving a
window takes the small ones' digits with it; a rolling sum or mean of floats is computed with
exact_sum and exact_avg instead, window functions of reference.py (math.fsum over the
frame's values).

An int running_sum that overflows is an error on both sides. The overflowing shape keeps the
column to the end and filters nothing after it, since the optimizer may rightly skip computing
a column nobody reads, or rows a filter on the partition keys removes first.
"""
import generate as g

# Window functions whose value for the first n rows of a group does not depend on the rows
# after them: beside `r = row_number()`, a `where r <= n` may cut the window to n rows per group.
EARLY = ("row_number", "rank", "dense_rank", "lag", "running_sum", "running_count", "running_avg",
         "running_min", "running_max", "rolling_sum", "rolling_avg")
LATE = ("percent_rank", "ntile", "lead")
AGGREGATES = ("sum", "avg", "min", "max", "count", "count_x", "count_if", "count_distinct", "median", "quantile")

ROWS_SO_FAR = "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"
WHOLE_GROUP = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"


def literal(rng, type):
    """(amity, sql) of a constant of `type`, for lag's and lead's default."""
    if type == "int":
        value = str(rng.randrange(-5, 10))
        return value, value
    if type == "float":
        value = rng.choice(["0.5", "-1.25", "0.0", "2"])
        return value, value
    if type == "string":
        return g.string_literal(rng.choice(g.WORDS))
    if type == "date":
        day = f"{rng.randrange(1999, 2026)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 10)}"
        return f"@{day}", f"'{day}'"
    return rng.choice([("true", "1"), ("false", "0")])


class Window:
    """One windowed derive being built: its partition and order, in Amity and in SQL."""

    def __init__(self, rel, cx, subqueries=False):
        self.rel, self.cx, self.rng = rel, cx, cx.rng
        self.e = g.Expressions(cx, rel.scope(), subqueries=subqueries)
        self.rn = rel.order[0]  # the input row number, after rel.wrap()
        self.by_amity, self.by_sql = [], []
        self.sort_amity, self.sort_sql = [], []

    # --- the clauses

    def choose_partition(self, most=2):
        rng = self.rng
        for _ in range(rng.choice([0, 1, 1, 1, 2] if most >= 2 else [0, 1, 1, 1])):
            r = rng.random()
            if r < 0.6:
                col = rng.choice(self.rel.cols)
                key = (self.rel.ref(col), col.sql)
            elif r < 0.7 and self.e.pick("int"):
                k = self.e.pick("int")
                key = (f"({k[0]} ?? -1)", f"coalesce({k[1]}, -1)")
            elif r < 0.8 and self.e.pick("date"):
                d = self.e.pick("date")
                key = (f"year({d[0]})", f"CAST(strftime('%Y', {d[1]}) AS INTEGER)")
            else:
                key = self.e.condition(1) if rng.random() < 0.5 else self.e.value()[:2]
                key = (f"({key[0]})" if " " in key[0] else key[0], key[1])
            self.by_amity.append(key[0])
            self.by_sql.append(key[1])

    def choose_order(self):
        for _ in range(self.rng.choice([1, 1, 1, 2, 2, 3])):
            self.add_order(*g.sort_key(self.rel, self.e))

    def add_order(self, amity, sql, descending):
        self.sort_amity.append(amity + (" desc" if descending else ""))
        self.sort_sql += [f"({sql}) IS NULL", f"likely({sql}){' DESC' if descending else ''}"]

    def clauses(self):
        text = ""
        if self.by_amity:
            text += " by " + ", ".join(self.by_amity)
        if self.sort_amity:
            text += " sort " + ", ".join(self.sort_amity)
        return text

    def over(self, ties=False, frame=None, ordered=True):
        """OVER (...): the partition, then the order (with the input row number last unless
        `ties`), then the frame. Unordered: the whole group, in input order."""
        parts = []
        if self.by_sql:
            parts.append("PARTITION BY " + ", ".join(self.by_sql))
        if ordered:
            terms = self.sort_sql + ([] if ties else [self.rn])
            parts.append("ORDER BY " + ", ".join(terms))
        else:
            parts.append(f"ORDER BY {self.rn} {WHOLE_GROUP}")
        if frame:
            parts.append(frame)
        return "OVER (" + " ".join(parts) + ")"

    # --- the calls

    def numeric(self):
        """(amity, sql, type) of a number for a sum or a mean: mostly a column."""
        rng = self.rng
        if rng.random() < 0.6:
            pool = [c for c in self.rel.cols if c.type in ("int", "float")]
            if pool:
                col = rng.choice(pool)
                return self.rel.ref(col), col.sql, col.type
        return self.e.number()

    def any_value(self, ordered=False):
        """(amity, sql, type) of any type (not bool when `ordered`): mostly a column."""
        rng = self.rng
        pool = [c for c in self.rel.cols if not (ordered and c.type == "bool")]
        if pool and rng.random() < 0.75:
            col = rng.choice(pool)
            return self.rel.ref(col), col.sql, col.type
        value = self.e.value()
        if ordered and value[2] == "bool":
            return self.numeric()
        return value

    def function(self, name):
        """(amity, sql, type) of one window function call."""
        rng = self.rng
        if name in ("row_number", "rank", "dense_rank", "percent_rank"):
            ties = name != "row_number"
            return f"{name}()", f"{name}() {self.over(ties=ties)}", "float" if name == "percent_rank" else "int"
        if name == "ntile":
            n = rng.choice([1, 2, 3, 4, 7, 100])
            return f"ntile({n})", f"ntile({n}) {self.over()}", "int"
        if name in ("lag", "lead"):
            x = self.any_value()
            r = rng.random()
            if r < 0.4:
                return f"{name}({x[0]})", f"{name}({x[1]}) {self.over()}", x[2]
            offset = rng.choice([0, 1, 1, 2, 3, 5])
            if r < 0.7:
                return f"{name}({x[0]}, {offset})", f"{name}({x[1]}, {offset}) {self.over()}", x[2]
            if rng.random() < 0.6:
                default = literal(rng, x[2])
            else:
                same = [(self.rel.ref(c), c.sql) for c in self.rel.cols if c.type == x[2]]
                default = rng.choice(same) if same else ("null", "NULL")
            return (f"{name}({x[0]}, {offset}, {default[0]})", f"{name}({x[1]}, {offset}, {default[1]}) {self.over()}",
                    x[2])
        if name == "running_count":
            if rng.random() < 0.4:
                return "running_count()", f"count(*) {self.over(frame=ROWS_SO_FAR)}", "int"
            x = self.any_value()
            return f"running_count({x[0]})", f"count({x[1]}) {self.over(frame=ROWS_SO_FAR)}", "int"
        if name in ("running_min", "running_max"):
            x = self.any_value(ordered=True)
            return f"{name}({x[0]})", f"{name[8:]}({x[1]}) {self.over(frame=ROWS_SO_FAR)}", x[2]
        if name in ("running_sum", "running_avg"):
            x = self.numeric()
            type = "float" if name == "running_avg" else x[2]
            return f"{name}({x[0]})", f"{name[8:]}({x[1]}) {self.over(frame=ROWS_SO_FAR)}", type
        if name in ("rolling_sum", "rolling_avg"):
            x = self.numeric()
            n = rng.choice([1, 2, 2, 3, 3, 5, 1000])
            frame = f"ROWS BETWEEN {n - 1} PRECEDING AND CURRENT ROW"
            function = name[8:]
            if x[2] == "float":
                function = "exact_" + function
            type = "float" if name == "rolling_avg" else x[2]
            return f"{name}({x[0]}, {n})", f"{function}({x[1]}) {self.over(frame=frame)}", type
        raise ValueError(name)

    def aggregate(self, name):
        """(amity, sql, type) of an aggregate over the row's whole group."""
        rng = self.rng
        whole = self.over(ordered=False)
        if name == "count":
            return "count()", f"count(*) {whole}", "int"
        if name == "count_x":
            x = self.any_value()
            return f"count({x[0]})", f"count({x[1]}) {whole}", "int"
        if name == "count_if":
            c = self.e.condition(1)
            return f"count_if({c[0]})", f"count(CASE WHEN {c[1]} THEN 1 END) {whole}", "int"
        if name in ("min", "max"):
            x = self.any_value(ordered=True)
            return f"{name}({x[0]})", f"{name}({x[1]}) {whole}", x[2]
        if name == "count_distinct":
            # SQLite has no DISTINCT in a window: reference.py's distinct_count
            x = self.any_value()
            return f"count_distinct({x[0]})", f"distinct_count({x[1]}) {whole}", "int"
        if name == "median":
            x = self.numeric()
            return f"median({x[0]})", f"median({x[1]}) {whole}", "float"
        if name == "quantile":
            x = self.numeric()
            p = rng.choice(["0", "0.25", "0.5", "0.9", "1"])
            return f"quantile({x[0]}, {p})", f"quantile({x[1]}, {p}) {whole}", "float"
        x = self.numeric()
        return f"{name}({x[0]})", f"{name}({x[1]}) {whole}", "float" if name == "avg" else x[2]

    def call(self, names):
        name = self.rng.choice(names)
        return self.aggregate(name) if name in AGGREGATES else self.function(name)

    def dressed(self, call):
        """Sometimes the call inside a larger expression: x + 1, x - column, x ?? constant."""
        rng = self.rng
        amity, sql, type = call
        r = rng.random()
        if type not in ("int", "float") or r < 0.75:
            return call
        if r < 0.83:
            return f"{amity} + 1", f"({sql}) + 1", type
        if r < 0.92:
            other = self.e.pick("int") if type == "int" else (self.e.pick("float") or self.e.pick("int"))
            if other:
                return f"{amity} - {other[0]}", f"({sql}) - ({other[1]})", type
        fallback = str(rng.randrange(-2, 3))
        return f"{amity} ?? {fallback}", f"coalesce({sql}, {fallback})", type


def derive_items(rel, cx, items, window):
    """Writes the stage and the SQL: items are (name, amity, sql, type). The windows are
    computed in a subquery over the rows numbered in their order (rel is wrapped already),
    which becomes a subquery in turn, so that later stages can filter on them."""
    for name, _, sql, type in items:
        for i, col in enumerate(rel.cols):
            if col.name == name:
                rel.cols[i] = g.Col(name, col.qual, f"({sql})", type)
                break
        else:
            rel.cols.append(g.Col(name, rel.source, f"({sql})", type))
    rel.stage("derive " + ", ".join(f"{n} = {a}" for n, a, _, _ in items) + window.clauses())
    rel.wrap()


def replaceable(rel):
    """Int columns a derive may replace in place (`n = running_sum(n)`)."""
    return [c for c in rel.cols if c.type == "int" and c.name != "id" and rel.ref(c) == c.name
            and c.name not in g.UNNAMEABLE]


def windowed_derive(rel, cx, names=None, count=None, subqueries=False):
    """A derive of 1-4 window functions and aggregates, with or without `by` and `sort`
    (without `sort`, aggregates only). Returns the names of the new columns."""
    rng = cx.rng
    rel.wrap()
    window = Window(rel, cx, subqueries=subqueries)
    window.choose_partition()
    ordered = rng.random() < 0.85
    if ordered:
        window.choose_order()
        names = names or (EARLY + LATE + EARLY + AGGREGATES)
    else:
        names = [n for n in (names or AGGREGATES) if n in AGGREGATES] or list(AGGREGATES)
    items = []
    for _ in range(count or rng.choice([1, 1, 2, 2, 3, 4])):
        amity, sql, type = window.dressed(window.call(names))
        items.append((cx.fresh("z"), amity, sql, type))
    if rng.random() < 0.15:
        # a plain item beside them, and one that reads an earlier item
        value = window.e.value()
        items.insert(rng.randrange(len(items) + 1), (cx.fresh("z"), value[0], value[1], value[2]))
    if rng.random() < 0.1:
        target = [i for i in items if i[3] == "int"]
        if target:
            name, _, sql, _ = rng.choice(target)
            items.append((cx.fresh("z"), f"{name} * 2", f"({sql}) * 2", "int"))
    if rng.random() < 0.15:
        columns = replaceable(rel)
        if columns:
            col = rng.choice(columns)
            call = window.call(names)
            if call[2] == "int":
                items.append((col.name, call[0], call[1], "int"))
    derive_items(rel, cx, items, window)
    return [name for name, _, _, _ in items]


# --- shapes

def start(cx, join_chance=0.2, summarize_chance=0.1):
    """t, maybe filtered, maybe joined with u or summarized first, or a union; maybe sorted
    (the window's ties then keep the sorted order), cut by a take or a skip, or distinct."""
    rng = cx.rng
    if rng.random() < 0.06:
        names = [(cx.fresh("a"), "int"), (cx.fresh("b"), "string"), (cx.fresh("f"), "float")]
        rel = g.union_side(cx, "t", names)
        right = g.union_side(cx, rng.choice(["u", "t"]), names)
        rel.union(right, f"({right.amity})")
        return rel
    rel = g.Rel.table(cx, "t")
    if rng.random() < 0.4:
        rel.filter(g.Expressions(cx, rel.scope()).condition())
    r = rng.random()
    if r < join_chance:
        g.join(rel, cx, kinds=("inner", "left", "semi"))
    elif r < join_chance + summarize_chance:
        g.summarize(rel, cx)
    r = rng.random()
    if r < 0.12:
        rel.sort(g.sort_keys(rel, g.Expressions(cx, rel.scope()), unique=False))
    elif r < 0.16:
        rel.take(rng.randrange(0, 40))
    elif r < 0.19:
        g.skip(rel, rng.randrange(0, 20))
    elif r < 0.21 and rel.source == "t":
        g.distinct(rel, cx)
    return rel


def shape_window(cx):
    """One or two windowed derives, then filters on what they computed, a sort, a take, a
    summarize or a select."""
    rng = cx.rng
    rel = start(cx)
    if rng.random() < 0.2:
        g.between_stage(rel, cx, protect={"id"})
    windowed_derive(rel, cx, subqueries=rng.random() < 0.15)
    if rng.random() < 0.25:
        windowed_derive(rel, cx)
    for _ in range(rng.choice([0, 0, 1, 2])):
        e = g.Expressions(cx, rel.scope(), subqueries=False)
        rel.filter(e.loose() if rng.random() < 0.4 else e.condition())
    r = rng.random()
    if r < 0.15:
        rel.sort(g.sort_keys(rel, g.Expressions(cx, rel.scope(), subqueries=False)), top=rng.randrange(0, 12))
    elif r < 0.25:
        rel.take(rng.randrange(0, 20))
    elif r < 0.35:
        g.summarize(rel, cx)
        return rel
    if rng.random() < 0.6:
        g.final_select(rel, cx)
    return rel


def top_condition(rng, name, sql):
    """A test that keeps the first rows of each group by a row number: r <= n, r < n,
    r == 1, r in 1..n (what the optimizer rewrites), or forms it need not know."""
    n = rng.choice([0, 1, 1, 2, 2, 3, 5])
    forms = [
        (f"{name} <= {n}", f"{sql} <= {n}"),
        (f"{name} < {n + 1}", f"{sql} < {n + 1}"),
        (f"{name} == 1", f"{sql} = 1"),
        (f"{name} in 1..{n}", f"{sql} BETWEEN 1 AND {n}"),
        (f"{n} >= {name}", f"{n} >= {sql}"),
        (f"{name} in 2..{n + 2}", f"{sql} BETWEEN 2 AND {n + 2}"),
        (f"{name} <= {n} or {name} == 7", f"({sql} <= {n} OR {sql} = 7)"),
    ]
    return rng.choices(forms, weights=[5, 3, 3, 3, 1, 1, 1])[0]


def shape_window_top(cx):
    """The per-group top-n: derive r = row_number() by k sort v (with other functions beside,
    ones that read only earlier rows or ones that read the whole group), then where r <= n
    (r < n, r == 1, r in 1..n), maybe beside another condition, then more stages."""
    rng = cx.rng
    rel = start(cx, join_chance=0.15, summarize_chance=0.05)
    rel.wrap()
    window = Window(rel, cx)
    window.choose_partition(most=2)
    window.choose_order()
    first = ("rank", "dense_rank") if rng.random() < 0.15 else ("row_number",)
    r_name = cx.fresh("r")
    call = window.function(rng.choice(first))
    items = [(r_name, call[0], call[1], call[2])]
    r = rng.random()
    others = EARLY if r < 0.5 else EARLY + LATE + AGGREGATES if r < 0.85 else LATE + AGGREGATES
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        amity, sql, type = window.dressed(window.call(others))
        items.append((cx.fresh("z"), amity, sql, type))
    rng.shuffle(items)
    if rng.random() < 0.1:
        # a second row number replacing a column, last: a later item would read the new one
        columns = replaceable(rel)
        if columns:
            items.append((rng.choice(columns).name, "row_number()", f"row_number() {window.over()}", "int"))
    derive_items(rel, cx, items, window)
    if rng.random() < 0.15:
        g.between_stage(rel, cx, protect={r_name, "id"})
    if rng.random() < 0.1:
        windowed_derive(rel, cx)  # another window between: the test must not cut the first
    r = rng.random()
    if r < 0.08:
        # the counter renamed, or replaced by another value of its name, before the test
        new = cx.fresh("r")
        rel.rename([(new, [c for c in rel.cols if c.name == r_name][0])])
        r_name = new
    elif r < 0.12:
        col = [c for c in rel.cols if c.name == r_name][0]
        rel.derive([(r_name, f"{r_name} + 1", f"{col.sql} + 1", "int")])
    r_col = [c for c in rel.cols if c.name == r_name][0]
    cond = top_condition(rng, r_name, r_col.sql)
    r = rng.random()
    if r < 0.2:
        other = g.Expressions(cx, rel.scope(), subqueries=False).condition()
        cond = (f"({cond[0]}) and {other[0]}", f"({cond[1]}) AND ({other[1]})") if rng.random() < 0.5 else \
            (f"{other[0]} and ({cond[0]})", f"({other[1]}) AND ({cond[1]})")
    elif r < 0.25:
        other = g.Expressions(cx, rel.scope(), subqueries=False).condition()
        cond = (f"({cond[0]}) or {other[0]}", f"({cond[1]}) OR ({other[1]})")
    elif r < 0.3:
        value = g.scalar_subquery(cx, "int")
        cond = (f"{r_name} <= {value[0]}", f"{r_col.sql} <= {value[1]}")
    rel.filter(cond)
    if rng.random() < 0.2:
        rel.filter(g.Expressions(cx, rel.scope(), subqueries=False).loose())
    r = rng.random()
    if r < 0.15:
        rel.sort(g.sort_keys(rel, g.Expressions(cx, rel.scope(), subqueries=False)), top=rng.randrange(0, 12))
    elif r < 0.25:
        rel.take(rng.randrange(0, 12))
    elif r < 0.35:
        g.summarize(rel, cx)
        return rel
    if rng.random() < 0.5:
        g.final_select(rel, cx)
    return rel


def shape_window_overflow(cx):
    """Running totals and group sums of ints near 1e18, which may overflow: an error on both
    sides. The columns stay to the end and nothing filters after them."""
    rng = cx.rng
    rel = g.Rel.table(cx, "t")
    if rng.random() < 0.3:
        rel.filter(g.Expressions(cx, rel.scope()).condition())
    rel.wrap()
    window = Window(rel, cx)
    window.choose_partition(most=1)
    n = [c for c in rel.cols if c.name == "n"][0]
    scale = rng.choice(["1000000000", "3000000000", "100000000"])
    big = (f"(n * {scale})", f"({n.sql} * {scale})")
    items = []
    if rng.random() < 0.7:
        window.choose_order()
        items.append((cx.fresh("z"), f"running_sum{big[0]}", f"sum{big[1]} {window.over(frame=ROWS_SO_FAR)}", "int"))
    if not items or rng.random() < 0.4:
        items.append((cx.fresh("z"), f"sum{big[0]}", f"sum{big[1]} {window.over(ordered=False)}", "int"))
    derive_items(rel, cx, items, window)
    ids = [c for c in rel.cols if c.name == "id"]
    rel.select(ids + [c for c in rel.cols if c.name in {name for name, _, _, _ in items}])
    return rel


def shape_window_in(cx):
    """A window inside a pipeline: where id [not] in (t | derive r = row_number() by k sort x
    | where r <= n | select id), the first rows of each group as a semi join."""
    rng = cx.rng
    rel = g.Rel.table(cx, "t")
    inner = g.inner_table(cx, "t")
    if rng.random() < 0.3:
        inner.filter(g.Expressions(cx, inner.scope(), subqueries=False).condition())
    inner.wrap()
    window = Window(inner, cx)
    window.choose_partition(most=1)
    window.choose_order()
    r_name = cx.fresh("r")
    call = window.function(rng.choice(["row_number", "row_number", "rank", "dense_rank"]))
    items = [(r_name, call[0], call[1], call[2])]
    if rng.random() < 0.4:
        amity, sql, type = window.call(EARLY + LATE + AGGREGATES)
        items.append((cx.fresh("z"), amity, sql, type))
    derive_items(inner, cx, items, window)
    r_col = [c for c in inner.cols if c.name == r_name][0]
    inner.filter(top_condition(rng, r_name, r_col.sql))
    ids = [c for c in inner.cols if c.name == "id"]
    inner.select(ids)
    negated = rng.random() < 0.3
    word = "not in" if negated else "in"
    rel.filter((f"id {word} ({inner.amity})", f"t.id {word.upper()} ({inner.sql()})"))
    if rng.random() < 0.5:
        g.final_select(rel, cx)
    return rel


SHAPES = {
    "window": (shape_window, 6),
    "window_top": (shape_window_top, 5),
    "window_overflow": (shape_window_overflow, 1),
    "window_in": (shape_window_in, 1),
}
