aid | derive value_usd * 7.0 as value_cny, cny_per_unit = value_cny / quantity
