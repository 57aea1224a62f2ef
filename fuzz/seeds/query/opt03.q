let total = agreements | count
agreements | join cities on partner_id == city_id | where continent == "Europe" | summarize n = count() by country | derive share = n / total | top 3 by n desc
