let n = 3
cities | sort population desc | take n | select name, population
