aid | derive r = row_number() by donor_country sort value_usd desc | where r <= 3 | select donor_country, item, r
