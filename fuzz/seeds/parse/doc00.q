# comments run to the end of the line
cities | where country == "Japan" | select name, province | sort name | take 5

agreements
| where kind == "sister-city" and year in 1990..1999
| join cities on partner_id == city_id
| summarize pairs = count(), first_year = min(year) by continent
| sort pairs desc, continent

let japan = cities | where country == "Japan"
let cutoff = @2020-01-01
aid | where date >= cutoff and item in ["masks", "gowns"] and quantity > 1_000
    | derive month = date_trunc(date, "month"), per_unit = value_usd / quantity
    | summarize total = sum(quantity), shipments = count() by recipient_country, month
    | top 10 by total desc
visits | where year(date) == $year and purpose != null | distinct to_country
aid | join left cities as r on recipient_id == r.city_id | select aid_id, r.name, quantity ?? 0
agreements | where not (kind in ["mou", "investment"]) or signed is null | count
load "extra/partners.csv" as partners
partners | union (cities | select name, country) | rename partner = name
