aid | derive value_usd * 7.0 as value_cny, cny_per_unit = value_cny / quantity
    | where value_cny is not null
    | select aid_id, quantity, value_usd, value_cny, cny_per_unit
