"""The engines compared, by the names `--engines` takes, and the one every result is checked against."""

ENGINES = ["amity", "duckdb", "duckdb-enum", "polars", "polars-cat", "sqlite"]
LABELS = {
    "amity": "Amity",
    "duckdb": "DuckDB",
    "duckdb-enum": "DuckDB ENUM",
    "polars": "Polars",
    "polars-cat": "Polars Categorical",
    "sqlite": "SQLite",
}
REFERENCE = "duckdb"
