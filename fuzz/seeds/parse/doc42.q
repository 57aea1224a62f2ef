cities | where city_id not in (agreements | where kind == "sister-city" | select partner_id) | count
cities | where city_id not in (agreements | where partner_id is not null | select partner_id)
       | where not startswith(city_id, "cn-")
       | select name
cities | join anti agreements as a on city_id == a.partner_id | where not startswith(city_id, "cn-")
       | select name
