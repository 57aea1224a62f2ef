"""The aggregates of issue 13 for the differential test's summarize, pivot and windowed derive.

- count_if(c) is count(CASE WHEN c THEN 1 END): 0 over no rows, as Amity's.
- median and quantile(x, p) are reference.py's functions (SQLite has neither), which follow
  Amity's documented steps, so they compare as closely as any float.
- arg_max(x, by) and arg_min(x, by) are a correlated subquery over the same rows: x of the
  first row, in input order, with the largest (smallest) `by` among the rows where both are
  present, in the group whose keys are the outer row's (`IS`, so that a null key matches).
- var, stddev, covar and corr (reference.py: exact, by fractions) only in the `statistics`
  shape, only of values below 1000 in magnitude (if(abs(v) < 1000, v, null)), compared within
  an absolute 1e-9 besides the relative one, and nothing filters on them: Welford's updates
  are exact to a few units in the last place of the spread, not of the result, so a
  covariance that is exactly 0 comes out as 1e-17, and near-equal values of 1e9 would lose
  digits to their mean. Values of 1e15 beside small ones (the tables have both) are left out
  for that reason.
"""
import re

import generate as g

QUANTILES = ["0", "0.1", "0.25", "0.5", "0.9", "1"]


def count_if(e):
    c = e.condition(1)
    return f"count_if({c[0]})", f"count(CASE WHEN {c[1]} THEN 1 END)", "int"


def quantile(e):
    x = e.number()
    if e.rng.random() < 0.4:
        return f"median({x[0]})", f"median({x[1]})", "float"
    p = e.rng.choice(QUANTILES)
    return f"quantile({x[0]}, {p})", f"quantile({x[1]}, {p})", "float"


def any_column(rel, e, ordered=False):
    """(amity, sql, type): a column (not bool when `ordered`), or an expression."""
    pool = [c for c in rel.cols if not (ordered and c.type == "bool")]
    if pool and e.rng.random() < 0.75:
        col = e.rng.choice(pool)
        return rel.ref(col), col.sql, col.type
    if ordered:
        return e.number() if e.rng.random() < 0.7 else e.string() + ("string",)
    return e.value()


def arg_extreme(rel, cx, e, keys):
    """arg_max or arg_min, by a correlated subquery over the rows being grouped (rel was just
    wrapped: its FROM is one subquery with an alias, which the copy inside renames)."""
    rng = cx.rng
    x = any_column(rel, e)
    by = any_column(rel, e, ordered=True)
    name = rng.choice(["arg_max", "arg_min"])
    frm, alias = rel.frm.rsplit(" AS ", 1)
    inner = cx.fresh("w")
    pattern = re.compile(rf"\b{alias}\.")

    def move(sql):
        return pattern.sub(f"{inner}.", sql)

    conditions = [f"({move(k)}) IS ({k})" for _, k, _ in keys]
    conditions += [f"({move(x[1])}) IS NOT NULL", f"({move(by[1])}) IS NOT NULL"]
    order = f"likely({move(by[1])}){' DESC' if name == 'arg_max' else ''}, {inner}._rn"
    sql = f"(SELECT {move(x[1])} FROM {frm} AS {inner} WHERE {' AND '.join(conditions)} ORDER BY {order} LIMIT 1)"
    return f"{name}({x[0]}, {by[0]})", sql, x[2]


def summarize_item(rel, cx, e, keys):
    """One item of a summarize: now and then one of issue 13's aggregates, else the older ones."""
    r = cx.rng.random()
    if r < 0.08:
        return count_if(e)
    if r < 0.15:
        return quantile(e)
    if r < 0.22:
        return arg_extreme(rel, cx, e, keys)
    return g.aggregate(rel, e)


def moderate(e):
    """(amity, sql) of a number below 1000 in magnitude, or null."""
    value = e.number() if e.rng.random() < 0.5 else (e.pick("int") or e.number())
    return (f"if(abs({value[0]}) < 1000, {value[0]}, null)",
            f"CASE WHEN abs({value[1]}) < 1000 THEN {value[1]} END")


def statistic(e):
    rng = e.rng
    name = rng.choice(["var", "stddev", "covar", "corr", "corr"])
    x = moderate(e)
    if name in ("var", "stddev"):
        return f"{name}({x[0]})", f"{name}_samp({x[1]})", "float"
    y = moderate(e) if rng.random() < 0.85 else x
    sql = "covar_samp" if name == "covar" else "corr"
    return f"{name}({x[0]}, {y[0]})", f"{sql}({x[1]}, {y[1]})", "float"


def shape_statistics(cx):
    """summarize with var, stddev, covar and corr beside median, quantile, count_if, arg_max
    and the older aggregates, by 0-2 keys, after a filter or a join; then maybe a select.
    Floats compare within an absolute 1e-9 too (rel.absolute)."""
    rng = cx.rng
    rel = g.Rel.table(cx, "t")
    if rng.random() < 0.5:
        rel.filter(g.Expressions(cx, rel.scope()).condition())
    if rng.random() < 0.2:
        g.join(rel, cx, kinds=("inner", "left"))
    rel.prepare_grouping()
    e = g.Expressions(cx, rel.scope(), subqueries=False)
    # few and large groups, mostly: k, b or none (a group of one row has no spread)
    few = [c for c in rel.cols if c.name in ("k", "b") and rel.ref(c) == c.name]
    if rng.random() < 0.75:
        chosen = rng.sample(few, rng.randrange(0, min(2, len(few)) + 1))
        keys, key_texts = [(c.name, c.sql, c.type) for c in chosen], [c.name for c in chosen]
    else:
        keys, key_texts = g.group_keys(rel, cx, e, 1)
    aggregates, texts = [], []
    for number in range(rng.randrange(1, 5)):
        amity, sql, type = statistic(e) if number == 0 or rng.random() < 0.6 else summarize_item(rel, cx, e, keys)
        name = cx.fresh("a")
        aggregates.append((name, sql, type))
        texts.append(f"{name} = {amity}")
    rel.group("summarize " + ", ".join(texts) + ((" by " + ", ".join(key_texts)) if keys else ""), keys, aggregates)
    rel.absolute = 1e-9
    if rng.random() < 0.3:
        # columns only: a test on a statistic could fall either side of 1e-17
        rel.select(rng.sample(rel.cols, rng.randrange(1, len(rel.cols) + 1)))
    return rel


SHAPES = {
    "statistics": (shape_statistics, 3),
}
