"""The pivot suite: values become columns and columns become rows, spelled in Amity, SQL and Polars.

P1 lists the values to pivot on (ten of the twelve items, not in sorted order: the columns come in the order
listed); P2 pivots on the values the data has, which every engine sorts (Amity sorts them as `sort` does, DuckDB's
PIVOT sorts them, Polars is asked to with `sort_columns=True`). A (donor city, item) with no rows would be null in
every engine (Amity's `sum` over no rows, SQL's PIVOT, Polars' pivot); the synthetic data has none. P3 unpivots an
int and a float column (Amity makes them one float column, as DuckDB and Polars do) and sums each measure: Amity
keeps null values, so the SQL says INCLUDE NULLS (the synthetic data has no nulls anyway) and `n` counts the rows.

SQLite has no PIVOT: P1 is written with one conditional sum per listed item (null where there is none, as the
others), P3 with UNION ALL; P2, whose columns depend on the data, has no SQLite spelling.
"""

# Ten of the twelve items of SyntheticData.items, in the generator's order (which is not sorted).
ITEMS10 = ["masks", "gowns", "gloves", "goggles", "test_kits", "ventilators", "disinfectant", "isolation_suits",
           "thermometers", "face_shields"]


def amity_list(values):
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def sql_list(values):
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


PIVOT = [
    {
        "id": "P1", "title": "pivot item in [10 items] using sum(quantity) by donor_city",
        "amity": f"aid | pivot item in {amity_list(ITEMS10)} using sum(quantity) by donor_city",
        "sql": f"PIVOT aid ON item IN {sql_list(ITEMS10)} USING sum(quantity) GROUP BY donor_city",
        "sqlite": "SELECT donor_city, " + ", ".join(f"sum(CASE WHEN item = '{v}' THEN quantity END) AS {v}"
                                                   for v in ITEMS10) + " FROM aid GROUP BY donor_city",
        "polars": lambda pl, aid, cities, s: aid.pivot("item", on_columns=ITEMS10, index="donor_city",
                                                       values="quantity", aggregate_function="sum"),
        "order": None,
    },
    {
        # The values come from the data: Amity runs the pipeline once to find them, DuckDB's PIVOT likewise, and
        # Polars' eager pivot (a lazy pivot must be told its columns) works on the collected table.
        "id": "P2", "title": "pivot item (values from the data) using sum(quantity) by donor_city",
        "amity": "aid | pivot item using sum(quantity) by donor_city",
        "sql": "PIVOT aid ON item USING sum(quantity) GROUP BY donor_city",
        "sqlite": None, "sqlite_note": "SQLite has no PIVOT over the values found in the data",
        "polars": lambda pl, aid, cities, s: aid.collect().pivot("item", index="donor_city", values="quantity",
                                                                 aggregate_function="sum", sort_columns=True).lazy(),
        "order": None,
    },
    {
        "id": "P3", "title": "unpivot quantity, value_usd, then sum by measure",
        "amity": "aid | unpivot quantity, value_usd into measure, value | summarize s = sum(value), n = count() by measure",
        "sql": "SELECT measure, sum(value) AS s, count(*) AS n FROM aid "
               "UNPIVOT INCLUDE NULLS (value FOR measure IN (quantity, value_usd)) GROUP BY measure",
        "sqlite": "SELECT measure, sum(value) AS s, count(*) AS n FROM (SELECT 'quantity' AS measure, "
                  "CAST(quantity AS REAL) AS value FROM aid UNION ALL SELECT 'value_usd', value_usd FROM aid) AS t "
                  "GROUP BY measure",
        "polars": lambda pl, aid, cities, s: aid.unpivot(["quantity", "value_usd"], variable_name="measure",
                                                         value_name="value")
        .group_by("measure").agg(pl.col("value").sum().alias("s"), pl.len().alias("n")),
        "order": None,
    },
]
