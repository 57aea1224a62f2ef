aid | where quantity > 1_000 and
