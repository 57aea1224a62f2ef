cities | where city_id in (agreements | where kind == "sister-city" | select partner_id)
       | select name, country
       | take 4
