"""The group-by suite (issue 17): aggregates at every cardinality over the `groupby` table, in Amity, SQL and Polars.

The table is made by `amity-gen --groupby` (Sources/Synthetic/GroupByData.swift) in the shape of the public
db-benchmark (h2o.ai) group-by table: string keys id1, id2 (100 values each, `id001`...) and id3 (100,000 values,
`id0000000001`...), int keys id4, id5 (100 values) and id6 (100,000 values), int measures v1 (1-5) and v2 (1-15) and
a float measure v3 (0-100, two decimals). The large keys have 100,000 values at every row count (db-benchmark's
have N/100), so every query has the same number of groups at 1M and 10M rows; the data has no nulls.

G1-G10 are the shapes of the issue: its table and its list, and db-benchmark's questions (G8 and G10 are its q8 and
q10). Every query reads the `groupby` table alone (`tables`), so the Polars expression takes that one LazyFrame.

- G8, the largest two v3 of each id6, keeps only (id6, v3): rows tied on v3 are then the same, whichever of them an
  engine keeps. Amity spells it with a windowed row number (found with a bounded heap per group), SQL with
  row_number() in a subquery, Polars with `top_k(2)` per group, as db-benchmark does.
- G10 groups by all six keys: about one group per row (1M groups at 1M rows), so, as in the window suite, every
  engine reduces the result right after it in the same query: the number of groups, the largest group and a
  checksum that depends on the grouping (the sum of each group's sum times its count).
- The float results (avg, stddev, median, corr) agree to the float tolerance of the checks, not to the last digit.
- G9's corr is undefined where v1 or v2 is constant in a group (only in small tables): null in Amity, NaN in DuckDB
  and Polars; the check (`nan_as_null`) reads both as null.
- SQLite has no median or stddev (G6) and no corr (G9): those are not run there.
"""

TABLE = ["groupby"]
SIX_KEYS = ["id1", "id2", "id3", "id4", "id5", "id6"]
SIX = ", ".join(SIX_KEYS)

GROUPBY = [
    {
        "id": "G1", "title": "sum(v1) by id1 (string, 100 groups)",
        "amity": "groupby | summarize sum_v1 = sum(v1) by id1",
        "sql": "SELECT id1, sum(v1) AS sum_v1 FROM groupby GROUP BY id1",
        "polars": lambda pl, g, s: g.group_by("id1").agg(pl.col("v1").sum().alias("sum_v1")),
    },
    {
        "id": "G2", "title": "sum(v1) by id1, id2 (strings, 10,000 groups)",
        "amity": "groupby | summarize sum_v1 = sum(v1) by id1, id2",
        "sql": "SELECT id1, id2, sum(v1) AS sum_v1 FROM groupby GROUP BY id1, id2",
        "polars": lambda pl, g, s: g.group_by("id1", "id2").agg(pl.col("v1").sum().alias("sum_v1")),
    },
    {
        "id": "G3", "title": "sum(v1), avg(v3) by id3 (string, 100,000 groups)",
        "amity": "groupby | summarize sum_v1 = sum(v1), avg_v3 = avg(v3) by id3",
        "sql": "SELECT id3, sum(v1) AS sum_v1, avg(v3) AS avg_v3 FROM groupby GROUP BY id3",
        "polars": lambda pl, g, s: g.group_by("id3").agg(pl.col("v1").sum().alias("sum_v1"),
                                                         pl.col("v3").mean().alias("avg_v3")),
        "many_groups": True,
    },
    {
        "id": "G4", "title": "avg(v1), avg(v2), avg(v3) by id4 (int, 100 groups)",
        "amity": "groupby | summarize avg_v1 = avg(v1), avg_v2 = avg(v2), avg_v3 = avg(v3) by id4",
        "sql": "SELECT id4, avg(v1) AS avg_v1, avg(v2) AS avg_v2, avg(v3) AS avg_v3 FROM groupby GROUP BY id4",
        "polars": lambda pl, g, s: g.group_by("id4").agg(pl.col("v1").mean().alias("avg_v1"),
                                                         pl.col("v2").mean().alias("avg_v2"),
                                                         pl.col("v3").mean().alias("avg_v3")),
    },
    {
        "id": "G5", "title": "sum(v1), sum(v2), sum(v3) by id6 (int, 100,000 groups)",
        "amity": "groupby | summarize sum_v1 = sum(v1), sum_v2 = sum(v2), sum_v3 = sum(v3) by id6",
        "sql": "SELECT id6, sum(v1) AS sum_v1, sum(v2) AS sum_v2, sum(v3) AS sum_v3 FROM groupby GROUP BY id6",
        "polars": lambda pl, g, s: g.group_by("id6").agg(pl.col("v1").sum().alias("sum_v1"),
                                                         pl.col("v2").sum().alias("sum_v2"),
                                                         pl.col("v3").sum().alias("sum_v3")),
        "many_groups": True,
    },
    {
        "id": "G6", "title": "median(v3), stddev(v3) by id4, id5 (ints, 10,000 groups)",
        "amity": "groupby | summarize median_v3 = median(v3), sd_v3 = stddev(v3) by id4, id5",
        "sql": "SELECT id4, id5, median(v3) AS median_v3, stddev_samp(v3) AS sd_v3 FROM groupby GROUP BY id4, id5",
        "sqlite": None, "sqlite_note": "SQLite has no median or stddev",
        "polars": lambda pl, g, s: g.group_by("id4", "id5").agg(pl.col("v3").median().alias("median_v3"),
                                                                pl.col("v3").std(ddof=1).alias("sd_v3")),
    },
    {
        "id": "G7", "title": "max(v1) - min(v2) by id3 (string, 100,000 groups)",
        "amity": "groupby | summarize range_v1_v2 = max(v1) - min(v2) by id3",
        "sql": "SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM groupby GROUP BY id3",
        "polars": lambda pl, g, s: g.group_by("id3").agg((pl.col("v1").max() - pl.col("v2").min()).alias("range_v1_v2")),
        "many_groups": True,
    },
    {
        # Only (id6, v3) is kept, so rows tied on v3 at the second place are the same whichever one is kept.
        "id": "G8", "title": "largest two v3 by id6 (int, 100,000 groups)",
        "amity": "groupby | derive r = row_number() by id6 sort v3 desc | where r <= 2 | select id6, v3",
        "sql": "SELECT id6, v3 FROM (SELECT id6, v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) AS r "
               "FROM groupby) AS t WHERE r <= 2",
        "polars": lambda pl, g, s: g.group_by("id6").agg(pl.col("v3").top_k(2)).explode("v3"),
        "many_groups": True,
    },
    {
        "id": "G9", "title": "corr(v1, v2)^2 by id2, id4 (string and int, 10,000 groups)",
        "amity": "groupby | summarize r2 = pow(corr(v1, v2), 2) by id2, id4",
        "sql": "SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM groupby GROUP BY id2, id4",
        "sqlite": None, "sqlite_note": "SQLite has no corr",
        # Where v1 or v2 is the same on every row of a group (small tables only: about 100 rows a group at 1M rows),
        # corr is undefined: null in Amity (SQL's rule), NaN in DuckDB and Polars. The check takes either.
        "nan_as_null": True,
        "polars": lambda pl, g, s: g.group_by("id2", "id4").agg(pl.corr("v1", "v2").pow(2).alias("r2")),
    },
    {
        # About one group per row: reduced right after the group-by to one row (see the module's text).
        "id": "G10", "title": "sum(v3), count() by id1-id6 (about one group per row), reduced",
        "amity": f"groupby | summarize s = sum(v3), n = count() by {SIX} "
                 "| summarize n_groups = count(), largest = max(n), checksum = sum(s * n)",
        "sql": f"SELECT count(*) AS n_groups, max(n) AS largest, sum(s * n) AS checksum FROM (SELECT {SIX}, "
               f"sum(v3) AS s, count(*) AS n FROM groupby GROUP BY {SIX}) AS t",
        "polars": lambda pl, g, s: g.group_by(SIX_KEYS).agg(pl.col("v3").sum().alias("s"), pl.len().alias("n"))
        .select(pl.len().alias("n_groups"), pl.col("n").max().alias("largest"),
                (pl.col("s") * pl.col("n")).sum().alias("checksum")),
        "many_groups": True,
    },
]
for _query in GROUPBY:
    _query.update(tables=TABLE, order=None)
    _query.setdefault("many_groups", False)
