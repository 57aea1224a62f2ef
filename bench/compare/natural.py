"""The natural suite: the spellings a new user writes for questions Amity answers fast when tuned for them.

Each query has the same fields as those of `queries.py` (`amity`, `sql`, optional `sqlite`, `polars`, `order`,
`limit`). The SQL is what a SQL user writes for the same question: ORDER BY ... LIMIT for a sort then take,
and a derived column computed in a subquery when the Amity pipeline derives it before filtering or grouping,
so DuckDB, like Amity, has to see through the spelling. Every ORDER BY says NULLS LAST, as Amity puts nulls last
in both directions (DuckDB's default too, but not SQLite's); Polars sorts with `nulls_last=True`. The synthetic
data has no nulls, so these spellings only make the intent explicit.
"""

# A continent that exists in the synthetic cities table (SyntheticData.continents) and an item of `aid`.
CONTINENT = "Europe"
ITEM = "masks"

NATURAL = [
    {
        "id": "N1", "title": "sort by value_usd desc, take 100",
        "amity": "aid | sort value_usd desc | take 100",
        "sql": "SELECT * FROM aid ORDER BY value_usd DESC NULLS LAST LIMIT 100",
        "polars": lambda pl, aid, cities, s: aid.sort("value_usd", descending=True, nulls_last=True).head(100),
        "order": ["value_usd"], "limit": True,
    },
    {
        "id": "N2", "title": "sort by donor_city, value_usd, take 5",
        "amity": "aid | sort donor_city, value_usd | take 5",
        "sql": "SELECT * FROM aid ORDER BY donor_city NULLS LAST, value_usd NULLS LAST LIMIT 5",
        "polars": lambda pl, aid, cities, s: aid.sort(["donor_city", "value_usd"], nulls_last=True).head(5),
        "order": ["donor_city", "value_usd"], "limit": True,
    },
    {
        "id": "N3", "title": "sort by donor_country, item, value_usd desc, take 20",
        "amity": "aid | sort donor_country, item, value_usd desc | take 20",
        "sql": "SELECT * FROM aid ORDER BY donor_country NULLS LAST, item NULLS LAST, value_usd DESC NULLS LAST "
               "LIMIT 20",
        "polars": lambda pl, aid, cities, s: aid.sort(["donor_country", "item", "value_usd"],
                                                      descending=[False, False, True], nulls_last=True).head(20),
        "order": ["donor_country", "item", "value_usd"], "limit": True,
    },
    {
        # The whole table, kept in order: checked row by row in order (rows tied on both keys in any order).
        "id": "N4", "title": "whole table sorted by donor_city, value_usd",
        "amity": "aid | sort donor_city, value_usd",
        "sql": "SELECT * FROM aid ORDER BY donor_city NULLS LAST, value_usd NULLS LAST",
        "polars": lambda pl, aid, cities, s: aid.sort(["donor_city", "value_usd"], nulls_last=True),
        "order": ["donor_city", "value_usd"],
    },
    {
        "id": "N5", "title": "join cities, then filter on continent and item, count by country",
        "amity": f'aid | join cities on recipient_city == city | where continent == "{CONTINENT}" and item == "{ITEM}" '
                 "| summarize n = count() by country",
        "sql": "SELECT c.country, count(*) AS n FROM aid JOIN cities AS c ON aid.recipient_city = c.city "
               f"WHERE c.continent = '{CONTINENT}' AND aid.item = '{ITEM}' GROUP BY c.country",
        "polars": lambda pl, aid, cities, s: aid.join(cities, left_on="recipient_city", right_on="city")
        .filter((pl.col("continent") == CONTINENT) & (pl.col("item") == ITEM))
        .group_by("country").agg(pl.len().alias("n")),
        "order": None,
    },
    {
        "id": "N6", "title": "derive v2, then filter on item, sum(v2) by recipient_country",
        "amity": f'aid | derive v2 = value_usd * 2 | where item == "{ITEM}" | summarize s = sum(v2) by recipient_country',
        "sql": "SELECT recipient_country, sum(v2) AS s FROM (SELECT *, value_usd * 2 AS v2 FROM aid) AS t "
               f"WHERE item = '{ITEM}' GROUP BY recipient_country",
        "polars": lambda pl, aid, cities, s: aid.with_columns((pl.col("value_usd") * 2).alias("v2"))
        .filter(pl.col("item") == ITEM).group_by("recipient_country").agg(pl.col("v2").sum().alias("s")),
        "order": None,
    },
    {
        "id": "N7", "title": "three derived columns nobody uses, count by item",
        "amity": "aid | derive a = value_usd * 2, b = quantity + 1, c = lower(item) | summarize n = count() by item",
        "sql": "SELECT item, count(*) AS n FROM (SELECT *, value_usd * 2 AS a, quantity + 1 AS b, lower(item) AS c "
               "FROM aid) AS t GROUP BY item",
        "polars": lambda pl, aid, cities, s: aid.with_columns(
            (pl.col("value_usd") * 2).alias("a"), (pl.col("quantity") + 1).alias("b"), s.lower("item").alias("c"))
        .group_by("item").agg(pl.len().alias("n")),
        "order": None,
    },
    {
        # v2 = value_usd * 2 keeps value_usd's order, so the result is checked in order on v2.
        "id": "N8", "title": "sort by value_usd desc, derive, select, take 50",
        "amity": "aid | sort value_usd desc | derive v2 = value_usd * 2 | select id, v2 | take 50",
        "sql": "SELECT id, value_usd * 2 AS v2 FROM aid ORDER BY value_usd DESC NULLS LAST LIMIT 50",
        "polars": lambda pl, aid, cities, s: aid.sort("value_usd", descending=True, nulls_last=True)
        .with_columns((pl.col("value_usd") * 2).alias("v2")).select("id", "v2").head(50),
        "order": ["v2"], "limit": True,
    },
]
