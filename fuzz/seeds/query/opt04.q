explain analyze (cities | select name, country) | union (agreements | select name = partner_name, country = partner_country) | where country == "Japan" | take 2
explain visits | where n_visits > (visits | summarize avg(n_visits)) | select visit_id
