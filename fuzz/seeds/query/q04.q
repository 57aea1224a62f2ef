aid | where date >= cutoff and item in ["masks", "gowns"] and quantity > 1_000
