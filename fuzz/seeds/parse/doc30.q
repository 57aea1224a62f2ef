aid | where quantity > 100_000 and quantity < 2.5e6 | select aid_id, quantity
aid | select share = quantity * 0.25, big = 1e6, tiny = 2.5e-3, k = 1E+3, neg = -5 | take 2
agreements | where signed >= @2000-01-01 and signed < @2024-02-29 | count
cities | derive active = true, closed = false, note = null | select name, active, closed, note | take 2
