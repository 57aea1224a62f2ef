aid | derive per_unit = (value_usd
