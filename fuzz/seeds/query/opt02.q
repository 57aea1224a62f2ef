cities | where city_id in (agreements | where kind == "sister-city" | select partner_id) and country != "China" | count
cities | select name, m = city_id not in (agreements | select partner_id) | take 3
