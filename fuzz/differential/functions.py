"""The scalar functions of issue 13 that SQLite can say, for the differential test's
expressions (generate.Expressions calls these for some of its ints, numbers, strings, dates
and conditions).

How each is written in SQLite's SQL:
- case(c1, v1, c2, v2[, otherwise]) is CASE WHEN c1 THEN v1 WHEN c2 THEN v2 [ELSE ...] END; a
  null condition passes, as in SQL.
- greatest and least skip nulls (null only when all are); SQLite's scalar max and min are null
  when any argument is, so each argument is coalesced with the others after it, in a ring:
  max(coalesce(a, b, c), coalesce(b, c, a), coalesce(c, a, b)).
- nullif is nullif; strpos is instr; left and right are substr; lpad and rpad fill from
  replace(hex(zeroblob(L)), '00', fill), the fill repeated L times.
- split_part with index 1 or 2 (or 0, past the parts) and a separator that is not empty, by
  instr and substr: SQLite cannot find a last occurrence, nor cut between characters.
- concat skips nulls (coalesce(CAST(a AS TEXT), '')); format writes null as `null`; both only
  of ints, strings and dates, which print alike on both sides (floats and booleans do not).
- date_add by days, weeks, months, quarters and years is date(d, '+n months') and so on (the
  tables' days are 1-28, so no month end is clamped); date_trunc by strftime and arithmetic;
  strftime with %Y %m %d %j %W %w %% (SQLite 3.40 has no %u); parse_date(strftime(d, f), f)
  is d, also in formats SQLite cannot write (%a %A %b %B %y).

Positions and lengths count characters as displayed in Amity and code points in SQLite. The
only string of the tables where they differ is "e" + a combining accent, always as a whole
value; functions that cut or pad text take `replace(s, "\u0301", "")` of a column instead,
and their fills hold no combining accent, so what they give never has one either.
reverse is not here (SQLite has no reverse), nor the regular expressions (none in SQLite).
"""
import generate as g

ACCENT = "\u0301"


def ring(function, args):
    """greatest/least's SQL: SQLite's max or min over the arguments, each coalesced with the
    ones after it in a ring, so that a null is skipped and all nulls give null."""
    terms = []
    for i in range(len(args)):
        others = args[i:] + args[:i]
        terms.append(f"coalesce({', '.join(others)})")
    return f"{function}({', '.join(terms)})"


def is_literal(amity):
    return amity.startswith('"') and amity.endswith('"') and ACCENT not in amity


def text_operand(e, depth):
    amity, sql = e.string(depth + 1)
    if is_literal(amity):
        return amity, sql
    return f'replace({amity}, "{ACCENT}", "")', f"replace({sql}, char(769), '')"


FILLS = [".", "ab", "", "é", "0", " "]
SEPARATORS = [",", "a", "e", " ", "b", "Ce", "海"]


def string_call(e, depth):
    """(amity, sql) of a string-valued call."""
    rng = e.rng
    r = rng.random()
    if r < 0.15:
        s = text_operand(e, depth)
        n = rng.randrange(-4, 7)
        if rng.random() < 0.5:
            sql = f"substr({s[1]}, 1, {n})" if n >= 0 else f"substr({s[1]}, 1, max(length({s[1]}) - {-n}, 0))"
            return f"left({s[0]}, {n})", sql
        sql = f"substr({s[1]}, max(length({s[1]}) - {n - 1}, 1))" if n >= 0 else f"substr({s[1]}, {-n + 1})"
        return f"right({s[0]}, {n})", sql
    if r < 0.3:
        s = text_operand(e, depth)
        length = rng.randrange(-1, 9)
        fill = rng.choice(FILLS)
        name = rng.choice(["lpad", "rpad"])
        fill_sql = "'" + fill + "'"
        if length <= 0:
            sql = f"substr({s[1]}, 1, 0)"
        else:
            padding = f"substr(replace(hex(zeroblob({length})), '00', {fill_sql}), 1, {length} - length({s[1]}))"
            both = f"{padding} || {s[1]}" if name == "lpad" else f"{s[1]} || {padding}"
            sql = f"CASE WHEN length({s[1]}) >= {length} THEN substr({s[1]}, 1, {length}) ELSE {both} END"
        return f'{name}({s[0]}, {length}, "{fill}")', sql
    if r < 0.42:
        s = e.string(depth + 1)
        sep = rng.choice(SEPARATORS)
        index = rng.choice([1, 1, 2, 2, 0])
        sep_sql = "'" + sep + "'"
        at = f"instr({s[1]}, {sep_sql})"
        first = f"CASE WHEN {at} > 0 THEN substr({s[1]}, 1, {at} - 1) ELSE {s[1]} END"
        if index == 1:
            sql = first
        elif index == 2:
            rest = f"substr({s[1]}, {at} + {len(sep)})"
            rest_at = f"instr({rest}, {sep_sql})"
            second = f"CASE WHEN {rest_at} > 0 THEN substr({rest}, 1, {rest_at} - 1) ELSE {rest} END"
            sql = f"CASE WHEN {at} > 0 THEN {second} ELSE substr({s[1]}, 1, 0) END"
        else:
            sql = f"substr({s[1]}, 1, 0)"
        return f'split_part({s[0]}, "{sep}", {index})', sql
    if r < 0.55:
        a, b = e.string(depth + 1), e.string(depth + 1)
        args = [a, b] + ([e.string(depth + 1)] if rng.random() < 0.3 else [])
        name = rng.choice(["greatest", "least"])
        return (f"{name}({', '.join(x[0] for x in args)})",
                ring("max" if name == "greatest" else "min", [x[1] for x in args]))
    if r < 0.65:
        a, b = e.string(depth + 1), e.string(depth + 1)
        return f"nullif({a[0]}, {b[0]})", f"nullif({a[1]}, {b[1]})"
    if r < 0.8:
        return case(e, lambda: e.string(depth + 1))
    parts = []
    for _ in range(rng.randrange(1, 4)):
        kind = rng.random()
        if kind < 0.4:
            parts.append(e.string(depth + 1))
        elif kind < 0.8:
            parts.append(e.integer(3))
        else:
            d = e.pick("date")
            parts.append(d or e.integer(3))
    if rng.random() < 0.5:
        sql = " || ".join(f"coalesce(CAST({p[1]} AS TEXT), '')" for p in parts)
        return f"concat({', '.join(p[0] for p in parts)})", f"({sql})"
    template = rng.choice([("{}", "%s"), ("<{}>", "<%s>"), ("{{{}}}", "{%s}"), ("{}%", "%s%%"), ("{} ({})", None)])
    if template[1] is None:
        parts = parts[:2] if len(parts) >= 2 else parts + [e.integer(3)]
        template = ("{} ({})", "%s (%s)")
    elif template[0].count("{}") != len(parts):
        parts = parts[:1]
    arguments = ", ".join(f"coalesce(CAST({p[1]} AS TEXT), 'null')" for p in parts)
    return (f'format("{template[0]}", {", ".join(p[0] for p in parts)})',
            f"printf('{template[1]}', {arguments})")


def case(e, value):
    """case(c1, v1, [c2, v2,] [otherwise]) of values from `value()`: (amity, sql)."""
    rng = e.rng
    pairs = [(e.condition(2), value()) for _ in range(rng.choice([1, 1, 2]))]
    otherwise = value() if rng.random() < 0.7 else None
    amity = ", ".join(f"{c[0]}, {v[0]}" for c, v in pairs) + (f", {otherwise[0]}" if otherwise else "")
    sql = "CASE " + " ".join(f"WHEN {c[1]} THEN {v[1]}" for c, v in pairs) + (f" ELSE {otherwise[1]}" if otherwise else "") + " END"
    return f"case({amity})", sql


def int_call(e, depth):
    """(amity, sql) of an int-valued call: greatest, least, nullif, case, strpos."""
    rng = e.rng
    r = rng.random()
    if r < 0.3:
        args = [e.integer(depth + 1) for _ in range(rng.choice([2, 2, 3]))]
        name = rng.choice(["greatest", "least"])
        return (f"{name}({', '.join(a[0] for a in args)})",
                ring("max" if name == "greatest" else "min", [a[1] for a in args]))
    if r < 0.5:
        a = e.integer(depth + 1)
        b = e.integer(depth + 1) if rng.random() < 0.5 else (str(rng.randrange(-1, 3)),) * 2
        return f"nullif({a[0]}, {b[0]})", f"nullif({a[1]}, {b[1]})"
    if r < 0.75:
        return case(e, lambda: e.integer(depth + 1))
    # A position counts the characters before the match: none may be "e" + a combining accent.
    s = text_operand(e, depth)
    part = e.string(depth + 1) if rng.random() < 0.4 else g.string_literal(rng.choice(["a", "b", "", ",", "海", "e"]))
    return f"strpos({s[0]}, {part[0]})", f"instr({s[1]}, {part[1]})"


def float_call(e):
    """(amity, sql, "float") of greatest or least of an int and a float, or a case of both."""
    rng = e.rng
    x = e.pick("float")
    if x is None:
        return None
    i = e.integer(2)
    if rng.random() < 0.7:
        args = [x, i] + ([(rng.choice(["0.5", "-1.5", "100"]),) * 2] if rng.random() < 0.4 else [])
        rng.shuffle(args)
        name = rng.choice(["greatest", "least"])
        return (f"{name}({', '.join(a[0] for a in args)})",
                ring("max" if name == "greatest" else "min", [a[1] for a in args]), "float")
    # a case of an int and a float is a float
    c = e.condition(2)
    return f"case({c[0]}, {x[0]}, {i[0]})", f"CASE WHEN {c[1]} THEN {x[1]} ELSE {i[1]} END", "float"


UNITS = {"day": "days", "week": None, "month": "months", "quarter": None, "year": "years"}


def date_call(e):
    """(amity, sql, type) of a date function: date_add, date_trunc, strftime, greatest/least of
    dates. None when there is no date column."""
    rng = e.rng
    d = e.pick("date")
    if d is None:
        return None
    r = rng.random()
    if r < 0.35:
        unit = rng.choice(list(UNITS))
        n = rng.randrange(-30, 31)
        if unit == "week":
            modifier = f"'{n * 7:+d} days'"
        elif unit == "quarter":
            modifier = f"'{n * 3:+d} months'"
        else:
            modifier = f"'{n:+d} {UNITS[unit]}'"
        return f'date_add({d[0]}, {n}, "{unit}")', f"date({d[1]}, {modifier})", "date"
    if r < 0.65:
        unit = rng.choice(["decade", "year", "quarter", "month", "week"])
        sql = {
            "year": f"strftime('%Y-01-01', {d[1]})",
            "month": f"strftime('%Y-%m-01', {d[1]})",
            "quarter": f"printf('%s-%02d-01', strftime('%Y', {d[1]}), (CAST(strftime('%m', {d[1]}) AS INTEGER) - 1) / 3 * 3 + 1)",
            "decade": f"printf('%04d-01-01', CAST(strftime('%Y', {d[1]}) AS INTEGER) / 10 * 10)",
            "week": f"date({d[1]}, '-6 days', 'weekday 1')",
        }[unit]
        if unit in ("quarter", "decade"):
            sql = f"CASE WHEN {d[1]} IS NOT NULL THEN {sql} END"  # printf writes a null as ''
        return f'date_trunc({d[0]}, "{unit}")', sql, "date"
    if r < 0.75:
        # a round trip, in formats SQLite cannot write: the date back (the tables' years are
        # 1999-2025, so %y reads them back into the right century)
        fmt = rng.choice(["%d/%m/%Y", "%Y-%j", "%a %d %B %y", "%b %d, %Y", "%Y%m%d", "%A, %d %b %Y",
                          "%j/%y", "%m.%d.%Y!"])
        return f'parse_date(strftime({d[0]}, "{fmt}"), "{fmt}")', d[1], "date"
    if r < 0.85:
        directives = rng.sample(["%Y", "%m", "%d", "%j", "%W", "%w", "%%", "-", "/", " week "], rng.randrange(1, 5))
        fmt = "".join(directives)
        return f'strftime({d[0]}, "{fmt}")', f"strftime('{fmt}', {d[1]})", "string"
    other = e.pick("date")
    day = f"{rng.randrange(1999, 2026)}-0{rng.randrange(1, 10)}-15"
    args = [d, other, (f"@{day}", f"'{day}'")][:rng.choice([2, 3])]
    name = rng.choice(["greatest", "least"])
    return (f"{name}({', '.join(a[0] for a in args)})",
            ring("max" if name == "greatest" else "min", [a[1] for a in args]), "date")


def call(e):
    """(amity, sql, type) of any of the calls above."""
    r = e.rng.random()
    if r < 0.3:
        return int_call(e, 0) + ("int",)
    if r < 0.65:
        return string_call(e, 0) + ("string",)
    if r < 0.8:
        value = float_call(e)
        if value:
            return value
    return date_call(e) or int_call(e, 0) + ("int",)


def shape_functions(cx):
    """Several calls at once, in a select or a derive, after a join with u now and then; then
    maybe filters on what they gave (a derive's columns), and a sort by one of them."""
    rng = cx.rng
    rel = g.Rel.table(cx, "t")
    if rng.random() < 0.2:
        g.join(rel, cx, kinds=("inner", "left"))
    if rng.random() < 0.3:
        rel.filter(g.Expressions(cx, rel.scope()).condition())
    e = g.Expressions(cx, rel.scope(), subqueries=rng.random() < 0.2)
    items = [(cx.fresh("f"),) + call(e) for _ in range(rng.randrange(2, 6))]
    if rng.random() < 0.5:
        ids = [c for c in rel.cols if c.name == "id"]
        rel.select(ids + items)
    else:
        rel.derive(items)
    for _ in range(rng.choice([0, 1, 1, 2])):
        rel.filter(g.Expressions(cx, rel.scope(), subqueries=False).condition())
    if rng.random() < 0.3:
        rel.sort(g.sort_keys(rel, g.Expressions(cx, rel.scope(), subqueries=False)), top=rng.randrange(0, 15))
    elif rng.random() < 0.4:
        g.final_select(rel, cx)
    return rel


SHAPES = {
    "functions": (shape_functions, 4),
}
