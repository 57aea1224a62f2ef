visits | where outcome is null | select visit_id, from_name
visits | where outcome is not null and not (to_country is null) | count
