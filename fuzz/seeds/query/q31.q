visits | where year >= 2015 and direction == "inbound" | select visit_id, year, from_country, to_name
