let japan = cities | where country == "Japan"
