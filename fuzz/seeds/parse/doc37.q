visits | where year == $year | select visit_id, date_text, from_name
