cities | where country == "Japan" | select name, province | sort name | take 5
