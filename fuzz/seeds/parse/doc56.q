cities | take 1 | select a = "Z" < "a", b = "Ōita" > "Wakayama", c = "Zürich" < "Zurich"
cities | where country in ["Japan", "Hungary"] | sort name | select name, country
