cities | where country == "Japan" | sort population desc | select name, population
cities | where country == "Japan" | sort population | select name, population
