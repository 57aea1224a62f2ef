aid | derive per_unit = value_usd / quantity, month = date_trunc(date, "month")
