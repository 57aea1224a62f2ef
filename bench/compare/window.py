"""The window suite: window functions over the groups of `aid`, each spelled in Amity, SQL and Polars.

A window's result is a whole table (10M rows at 10M), so every engine reduces it the same way right after the
window: a sum over the window column (and a count) in one row. The sum uses the window column, so no engine can
leave the window out, and it is weighted (`r * quantity`, `share * quantity`, `abs(quantity - prev)`) wherever a
plain sum would not depend on the order within the groups (a sum of row numbers is the same in any order). W4,
the per-group top-n, keeps its rows (two per city) and is checked whole.

Ties: Amity keeps the input order for rows tied on the `sort` keys, SQL and Polars promise no order. So the
functions that go row by row (row_number, running and rolling ones, lag) add `id` as the last order key in all
three spellings, which makes the order total; rank() gives tied rows one rank in every engine, so W6 sorts by
`date` alone and has thousands of ties per item. SQL's default frame with ORDER BY is RANGE (tied rows share a
running total), so the running and rolling frames say ROWS, as Amity goes row by row. Amity's rolling window
holds fewer rows at the start of a group, so Polars' rolling_mean takes `min_samples=1`. The synthetic data has
no nulls.
"""

WINDOW = [
    {
        "id": "W1", "title": "row_number() by recipient_city sort value_usd desc",
        "amity": "aid | derive r = row_number() by recipient_city sort value_usd desc, id "
                 "| summarize checksum = sum(r * quantity), n = count()",
        "sql": "SELECT sum(r * quantity) AS checksum, count(*) AS n FROM (SELECT *, row_number() OVER "
               "(PARTITION BY recipient_city ORDER BY value_usd DESC, id) AS r FROM aid) AS t",
        "polars": lambda pl, aid, cities, s: aid.with_columns(
            pl.int_range(1, pl.len() + 1).over("recipient_city", order_by=[-pl.col("value_usd"), "id"]).alias("r"))
        .select((pl.col("r") * pl.col("quantity")).sum().alias("checksum"), pl.len().alias("n")),
        "order": None,
    },
    {
        "id": "W2", "title": "share = value_usd / sum(value_usd) by recipient_city",
        "amity": "aid | derive share = value_usd / sum(value_usd) by recipient_city "
                 "| summarize checksum = sum(share * quantity), n = count()",
        "sql": "SELECT sum(share * quantity) AS checksum, count(*) AS n FROM (SELECT *, value_usd / sum(value_usd) "
               "OVER (PARTITION BY recipient_city) AS share FROM aid) AS t",
        "polars": lambda pl, aid, cities, s: aid.with_columns(
            (pl.col("value_usd") / pl.col("value_usd").sum().over("recipient_city")).alias("share"))
        .select((pl.col("share") * pl.col("quantity")).sum().alias("checksum"), pl.len().alias("n")),
        "order": None,
    },
    {
        "id": "W3", "title": "running_sum(quantity) by item sort date",
        "amity": "aid | derive t = running_sum(quantity) by item sort date, id | summarize checksum = sum(t), n = count()",
        "sql": "SELECT sum(t) AS checksum, count(*) AS n FROM (SELECT *, sum(quantity) OVER (PARTITION BY item "
               "ORDER BY date, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS t FROM aid) AS t",
        "polars": lambda pl, aid, cities, s: aid.with_columns(
            pl.col("quantity").cum_sum().over("item", order_by=["date", "id"]).alias("t"))
        .select(pl.col("t").sum().alias("checksum"), pl.len().alias("n")),
        "order": None,
    },
    {
        # The per-group top-n (Amity finds it with a bounded heap per group): 2 rows per city, kept whole.
        "id": "W4", "title": "row_number() by recipient_city, where r <= 2 (top 2 per city)",
        "amity": "aid | derive r = row_number() by recipient_city sort value_usd desc, id | where r <= 2",
        "sql": "SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY recipient_city ORDER BY value_usd DESC, id) "
               "AS r FROM aid) AS t WHERE r <= 2",
        "polars": lambda pl, aid, cities, s: aid.with_columns(
            pl.int_range(1, pl.len() + 1).over("recipient_city", order_by=[-pl.col("value_usd"), "id"]).alias("r"))
        .filter(pl.col("r") <= 2),
        "order": None,
    },
    {
        "id": "W5", "title": "rolling_avg(value_usd, 7) by item sort date",
        "amity": "aid | derive w = rolling_avg(value_usd, 7) by item sort date, id "
                 "| summarize checksum = sum(w), n = count()",
        "sql": "SELECT sum(w) AS checksum, count(*) AS n FROM (SELECT *, avg(value_usd) OVER (PARTITION BY item "
               "ORDER BY date, id ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS w FROM aid) AS t",
        "polars": lambda pl, aid, cities, s: aid.with_columns(
            pl.col("value_usd").rolling_mean(7, min_samples=1).over("item", order_by=["date", "id"]).alias("w"))
        .select(pl.col("w").sum().alias("checksum"), pl.len().alias("n")),
        "order": None,
    },
    {
        # Ties on purpose: about 230 rows per (item, date) at 10M rows; tied rows share a rank in every engine.
        "id": "W6", "title": "rank() by item sort date (many ties)",
        "amity": "aid | derive k = rank() by item sort date | summarize checksum = sum(k * quantity), n = count()",
        "sql": "SELECT sum(k * quantity) AS checksum, count(*) AS n FROM (SELECT *, rank() OVER (PARTITION BY item "
               "ORDER BY date) AS k FROM aid) AS t",
        "polars": lambda pl, aid, cities, s: aid.with_columns(pl.col("date").rank("min").over("item").alias("k"))
        .select((pl.col("k") * pl.col("quantity")).sum().alias("checksum"), pl.len().alias("n")),
        "order": None,
    },
    {
        # n counts the non-null lags: every row but the first of each donor city.
        "id": "W7", "title": "lag(quantity) by donor_city sort date",
        "amity": "aid | derive prev = lag(quantity) by donor_city sort date, id "
                 "| summarize checksum = sum(abs(quantity - prev)), n = count(prev)",
        "sql": "SELECT sum(abs(quantity - prev)) AS checksum, count(prev) AS n FROM (SELECT *, lag(quantity) OVER "
               "(PARTITION BY donor_city ORDER BY date, id) AS prev FROM aid) AS t",
        "polars": lambda pl, aid, cities, s: aid.with_columns(
            pl.col("quantity").shift(1).over("donor_city", order_by=["date", "id"]).alias("prev"))
        .select((pl.col("quantity") - pl.col("prev")).abs().sum().alias("checksum"), pl.col("prev").count().alias("n")),
        "order": None,
    },
]
