let min_quantity = 50_000
