cities | derive size = case(population > 1000000, "big", population > 100000, "mid", "small"), g = greatest(lat, lon, 0), l = least(lat, lon), z = nullif(country, "China")
