"""The statistics suite: order statistics, moments, mode, conditional count, arg_max and distinct counts, each
by a key of about 3,000 groups (recipient_city) and by a small key (item, 12 groups), in Amity, SQL and Polars.

- quantile(x, 0.9) interpolates linearly (DuckDB quantile_cont, Polars `interpolation="linear"`); var and covar are
  the sample ones (DuckDB var_samp and covar_samp, Polars ddof=1). Engines compute these with different algorithms
  and in different orders, so they agree to the float tolerance of the checks, not to the last digit.
- mode and arg_max may have ties (about 400 of the 3,000 cities have two or more most frequent items at 1M rows),
  and the engines break them differently (Amity takes the first in row order, DuckDB and Polars any). So these
  queries carry `ties`: the reference (DuckDB) also writes, untimed, every value that is a right answer for each
  group (every most frequent value; every `x` at the largest `by`), and the check accepts any of them.
- SQLite has no quantile or median (S1 and S2 are not run there), no var, covar or corr (written in two passes:
  each row's differences from its group's means, as window averages, then sums of their products), no mode or
  arg_max (written with SQLite's bare column beside max(), which takes it from a row where the max is), and no
  count_if (written `count(*) FILTER (WHERE ...)`).
"""

# The key of about 3,000 groups and the small one (the synthetic data has 3,000 cities and 12 items).
KEYS = ["recipient_city", "item"]


def mode_ties(key, column, name):
    """Every most frequent value of `column` in each group: the right answers of mode()."""
    return (f"SELECT {key}, {column} AS {name} FROM (SELECT {key}, {column}, count(*) AS c, "
            f"max(count(*)) OVER (PARTITION BY {key}) AS top FROM aid GROUP BY {key}, {column}) AS t WHERE c = top")


def arg_max_ties(key, column, by, name):
    """Every `column` at the largest `by` of each group: the right answers of arg_max()."""
    return (f"SELECT {key}, {column} AS {name} FROM (SELECT {key}, {column}, {by}, "
            f"max({by}) OVER (PARTITION BY {key}) AS top FROM aid) AS t WHERE {by} = top")


def sqlite_moments(key):
    """var_samp(value_usd), covar_samp(quantity, value_usd) and corr(quantity, value_usd) in two passes: each row's
    differences from its group's means (window averages), then sums of their products. (The one-pass form with sums
    of squares loses digits to cancellation: about 1e-10 of the answer for corr near 0 at 1M rows, more at 10M. A
    join with a subquery of the means makes SQLite scan the means for every row: minutes at 1M rows.)"""
    return (f"SELECT {key}, sum(dv * dv) / (count(*) - 1) AS v, sum(dq * dv) / (count(*) - 1) AS c, "
            f"sum(dq * dv) / sqrt(sum(dq * dq) * sum(dv * dv)) AS r "
            f"FROM (SELECT {key}, quantity - avg(quantity) OVER (PARTITION BY {key}) AS dq, "
            f"value_usd - avg(value_usd) OVER (PARTITION BY {key}) AS dv FROM aid) AS t GROUP BY {key}")


def quantiles(key):
    return {
        "title": f"quantile(value_usd, 0.9), median(value_usd) by {key}",
        "amity": f"aid | summarize q90 = quantile(value_usd, 0.9), med = median(value_usd) by {key}",
        "sql": f"SELECT {key}, quantile_cont(value_usd, 0.9) AS q90, median(value_usd) AS med FROM aid GROUP BY {key}",
        "sqlite": None, "sqlite_note": "SQLite has no quantile or median",
        "polars": lambda pl, aid, cities, s: aid.group_by(key).agg(
            pl.col("value_usd").quantile(0.9, interpolation="linear").alias("q90"),
            pl.col("value_usd").median().alias("med")),
    }


def moments(key):
    return {
        "title": f"var(value_usd), covar and corr(quantity, value_usd) by {key}",
        "amity": f"aid | summarize v = var(value_usd), c = covar(quantity, value_usd), r = corr(quantity, value_usd) "
                 f"by {key}",
        "sql": f"SELECT {key}, var_samp(value_usd) AS v, covar_samp(quantity, value_usd) AS c, "
               f"corr(quantity, value_usd) AS r FROM aid GROUP BY {key}",
        "sqlite": sqlite_moments(key),
        "polars": lambda pl, aid, cities, s: aid.group_by(key).agg(
            pl.col("value_usd").var(ddof=1).alias("v"), pl.cov("quantity", "value_usd", ddof=1).alias("c"),
            pl.corr("quantity", "value_usd").alias("r")),
    }


def mode(key):
    # By city, the mode of the 12 items; by item, the mode of the 150 recipient countries.
    column = "item" if key != "item" else "recipient_country"
    return {
        "title": f"mode({column}) by {key}",
        "amity": f"aid | summarize m = mode({column}) by {key}",
        "sql": f"SELECT {key}, mode({column}) AS m FROM aid GROUP BY {key}",
        "sqlite": f"SELECT {key}, m FROM (SELECT {key}, {column} AS m, max(c) FROM (SELECT {key}, {column}, "
                  f"count(*) AS c FROM aid GROUP BY {key}, {column}) AS t GROUP BY {key}) AS u",
        "polars": lambda pl, aid, cities, s: aid.group_by(key).agg(pl.col(column).mode().first().alias("m")),
        "ties": {"column": "m", "sql": mode_ties(key, column, "m")},
    }


def count_if(key):
    return {
        "title": f"count_if(value_usd > 900000), count() by {key}",
        "amity": f"aid | summarize big = count_if(value_usd > 900000), n = count() by {key}",
        "sql": f"SELECT {key}, count_if(value_usd > 900000) AS big, count(*) AS n FROM aid GROUP BY {key}",
        "sqlite": f"SELECT {key}, count(*) FILTER (WHERE value_usd > 900000) AS big, count(*) AS n FROM aid "
                  f"GROUP BY {key}",
        "polars": lambda pl, aid, cities, s: aid.group_by(key).agg(
            (pl.col("value_usd") > 900000).sum().alias("big"), pl.len().alias("n")),
    }


def arg_max(key):
    # By city, the item of the largest value; by item, the recipient city of the largest value.
    column = "item" if key != "item" else "recipient_city"
    return {
        "title": f"arg_max({column}, value_usd) by {key}",
        "amity": f"aid | summarize a = arg_max({column}, value_usd) by {key}",
        "sql": f"SELECT {key}, arg_max({column}, value_usd) AS a FROM aid GROUP BY {key}",
        "sqlite": f"SELECT {key}, a FROM (SELECT {key}, {column} AS a, max(value_usd) FROM aid GROUP BY {key}) AS t",
        "polars": lambda pl, aid, cities, s: aid.group_by(key).agg(
            pl.col(column).get(pl.col("value_usd").arg_max()).alias("a")),
        "ties": {"column": "a", "sql": arg_max_ties(key, column, "value_usd", "a")},
    }


def distinct(key):
    return {
        "title": f"count_distinct(donor_city), count_distinct(quantity) by {key}",
        "amity": f"aid | summarize cities = count_distinct(donor_city), quantities = count_distinct(quantity) by {key}",
        "sql": f"SELECT {key}, count(DISTINCT donor_city) AS cities, count(DISTINCT quantity) AS quantities "
               f"FROM aid GROUP BY {key}",
        "polars": lambda pl, aid, cities, s: aid.group_by(key).agg(
            pl.col("donor_city").n_unique().alias("cities"), pl.col("quantity").n_unique().alias("quantities")),
    }


def numbered(families):
    """S1, S2, ...: each family by recipient_city, then by item."""
    queries = []
    for family in families:
        for key in KEYS:
            queries.append({"id": f"S{len(queries) + 1}", **family(key), "order": None})
    return queries


STATS = numbered([quantiles, moments, mode, count_if, arg_max, distinct])
