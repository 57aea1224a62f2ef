(cities | where country == "Japan") | count
