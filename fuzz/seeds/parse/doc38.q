visits | derive y = year(date), m = date_trunc(date, "month",), t = today()
       | where date is not null
       | select visit_id, date, y, m
