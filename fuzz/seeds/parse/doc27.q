cities | select city_id, name, country
       | join semi agreements on city_id == agreements.partner_id
       | where country == "Japan"
cities | select city_id, name
       | join anti agreements as a on city_id == a.partner_id
       | where not startswith(city_id, "cn-")
visits | join (cities | where country == "Japan") as c on to_id == c.city_id
       | select visit_id, date_text, c.name
