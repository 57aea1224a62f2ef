visits | distinct | count
visits | distinct to_country
visits | distinct to_country, y = year(date)
