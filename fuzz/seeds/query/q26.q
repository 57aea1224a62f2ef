aid | where (quantity > 1_000
