"""The ten queries, each in Amity's language, in SQL and as a Polars expression, and the tables' column types."""

# The queries. `amity` is Amity's language, `sql` serves DuckDB (both variants) and SQLite unless `sqlite`
# overrides it, `polars` builds a LazyFrame from the `aid` and `cities` LazyFrames (or from those of the tables
# a query names in `tables`, see `query_tables`), and a helper for string functions. `order` names the columns
# the result is ordered by (None: any row order is right); `limit` says the order is cut by a row limit, so
# rows tied on the order at the cut may legitimately differ between engines.
ITEMS3 = '"masks", "gowns", "gloves"'
QUERIES = [
    {
        "id": "Q1", "title": "count where item and year match",
        "amity": 'aid | where item == "masks" and year(date) == 2020 | count',
        "sql": "SELECT count(*) AS count FROM aid WHERE item = 'masks' AND year(date) = 2020",
        "sqlite": "SELECT count(*) AS count FROM aid WHERE item = 'masks' AND strftime('%Y', date) = '2020'",
        "polars": lambda pl, aid, cities, s: aid.filter((pl.col("item") == "masks") & (pl.col("date").dt.year() == 2020))
        .select(pl.len().alias("count")),
        "order": None,
    },
    {
        "id": "Q2", "title": "sum(quantity) by recipient_country",
        "amity": "aid | summarize total = sum(quantity) by recipient_country",
        "sql": "SELECT recipient_country, sum(quantity) AS total FROM aid GROUP BY recipient_country",
        "polars": lambda pl, aid, cities, s: aid.group_by("recipient_country").agg(pl.col("quantity").sum().alias("total")),
        "order": None,
    },
    {
        "id": "Q3", "title": "sum, avg, count by (donor_country, item)",
        "amity": "aid | summarize s = sum(quantity), a = avg(value_usd), n = count() by donor_country, item",
        "sql": "SELECT donor_country, item, sum(quantity) AS s, avg(value_usd) AS a, count(*) AS n "
               "FROM aid GROUP BY donor_country, item",
        "polars": lambda pl, aid, cities, s: aid.group_by("donor_country", "item").agg(
            pl.col("quantity").sum().alias("s"), pl.col("value_usd").mean().alias("a"), pl.len().alias("n")),
        "order": None,
    },
    {
        "id": "Q4", "title": "top 10 recipient_city by sum(value_usd)",
        "amity": "aid | summarize v = sum(value_usd) by recipient_city | top 10 by v desc",
        "sql": "SELECT recipient_city, sum(value_usd) AS v FROM aid GROUP BY recipient_city ORDER BY v DESC LIMIT 10",
        "polars": lambda pl, aid, cities, s: aid.group_by("recipient_city").agg(pl.col("value_usd").sum().alias("v"))
        .sort("v", descending=True).head(10),
        "order": ["v"], "limit": True,
    },
    {
        "id": "Q5", "title": "join cities on recipient_city, count by continent",
        "amity": "aid | join cities on recipient_city == city | summarize n = count() by continent",
        "sql": "SELECT c.continent, count(*) AS n FROM aid JOIN cities AS c ON aid.recipient_city = c.city "
               "GROUP BY c.continent",
        "polars": lambda pl, aid, cities, s: aid.join(cities, left_on="recipient_city", right_on="city")
        .group_by("continent").agg(pl.len().alias("n")),
        "order": None,
    },
    {
        "id": "Q6", "title": "count_distinct(donor_city) by recipient_country",
        "amity": "aid | summarize d = count_distinct(donor_city) by recipient_country",
        "sql": "SELECT recipient_country, count(DISTINCT donor_city) AS d FROM aid GROUP BY recipient_country",
        "polars": lambda pl, aid, cities, s: aid.group_by("recipient_country").agg(pl.col("donor_city").n_unique().alias("d")),
        "order": None,
    },
    {
        # The synthetic countries are all named syn-country-N, so the prefix is "syn-country-1" rather than "J".
        "id": "Q7", "title": "item in [3 items] and startswith(donor_country)",
        "amity": f'aid | where item in [{ITEMS3}] and startswith(donor_country, "syn-country-1") | count',
        "sql": "SELECT count(*) AS count FROM aid WHERE item IN ('masks', 'gowns', 'gloves') "
               "AND starts_with(donor_country, 'syn-country-1')",
        "sqlite": "SELECT count(*) AS count FROM aid WHERE item IN ('masks', 'gowns', 'gloves') "
                  "AND donor_country GLOB 'syn-country-1*'",
        "polars": lambda pl, aid, cities, s: aid.filter(pl.col("item").is_in(["masks", "gowns", "gloves"])
                                                        & s.starts_with("donor_country", "syn-country-1"))
        .select(pl.len().alias("count")),
        "order": None,
    },
    {
        "id": "Q8", "title": "whole table by value_usd desc, first 100",
        "amity": "aid | top 100 by value_usd desc",
        "sql": "SELECT * FROM aid ORDER BY value_usd DESC LIMIT 100",
        "polars": lambda pl, aid, cities, s: aid.sort("value_usd", descending=True).head(100),
        "order": ["value_usd"], "limit": True,
    },
    {
        "id": "Q9", "title": "count by (donor_city, recipient_city)",
        "amity": "aid | summarize n = count() by donor_city, recipient_city",
        "sql": "SELECT donor_city, recipient_city, count(*) AS n FROM aid GROUP BY donor_city, recipient_city",
        "polars": lambda pl, aid, cities, s: aid.group_by("donor_city", "recipient_city").agg(pl.len().alias("n")),
        "order": None,
    },
    {
        "id": "Q10", "title": "monthly totals for one item",
        "amity": 'aid | where item == "masks" | summarize total = sum(quantity), value = sum(value_usd), n = count() '
                 'by month = date_trunc(date, "month") | sort month',
        "sql": "SELECT CAST(date_trunc('month', date) AS DATE) AS month, sum(quantity) AS total, "
               "sum(value_usd) AS value, count(*) AS n FROM aid WHERE item = 'masks' GROUP BY 1 ORDER BY 1",
        "sqlite": "SELECT date(date, 'start of month') AS month, sum(quantity) AS total, sum(value_usd) AS value, "
                  "count(*) AS n FROM aid WHERE item = 'masks' GROUP BY 1 ORDER BY 1",
        "polars": lambda pl, aid, cities, s: aid.filter(pl.col("item") == "masks")
        .group_by(pl.col("date").dt.truncate("1mo").alias("month"))
        .agg(pl.col("quantity").sum().alias("total"), pl.col("value_usd").sum().alias("value"), pl.len().alias("n"))
        .sort("month"),
        "order": ["month"],
    },
]

# The peers are given these types at load, so none of them pays for inference; Amity infers its own.
AID_COLUMNS = [("id", "int"), ("donor_city", "str"), ("recipient_city", "str"), ("donor_country", "str"),
               ("recipient_country", "str"), ("item", "str"), ("quantity", "int"), ("value_usd", "float"),
               ("date", "date")]
CITY_COLUMNS = [("city", "str"), ("country", "str"), ("continent", "str"), ("population", "int"),
                ("lat", "float"), ("lon", "float")]
# The group-by suite's table (amity-gen --groupby; see groupby.py).
GROUPBY_COLUMNS = [("id1", "str"), ("id2", "str"), ("id3", "str"), ("id4", "int"), ("id5", "int"), ("id6", "int"),
                   ("v1", "int"), ("v2", "int"), ("v3", "float")]
# Every table a query may read: its file in the data folder (bench/out/data-N) and its columns.
TABLES = {
    "aid": ("aid.csv", AID_COLUMNS),
    "cities": ("cities.csv", CITY_COLUMNS),
    "groupby": ("groupby.csv", GROUPBY_COLUMNS),
}
# DuckDB ENUM's types: one per domain of values, so columns that are joined or compared share one type. A domain
# is made when every table it names is loaded.
ENUM_DOMAINS = {
    "city_t": ["aid.donor_city", "aid.recipient_city", "cities.city"],
    "country_t": ["aid.donor_country", "aid.recipient_country", "cities.country"],
    "item_t": ["aid.item"],
    "continent_t": ["cities.continent"],
    "id_small_t": ["groupby.id1", "groupby.id2"],
    "id_large_t": ["groupby.id3"],
}


def query_tables(query):
    """The tables a query reads, in the order its Polars expression takes them (aid and cities unless it says)."""
    return query.get("tables", ["aid", "cities"])


def tables_of(queries):
    """Every table the queries read, each once, in the order of TABLES: what an engine loads."""
    needed = {table for query in queries for table in query_tables(query)}
    return [table for table in TABLES if table in needed]

