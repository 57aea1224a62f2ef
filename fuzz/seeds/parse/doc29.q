load "extra/partners.csv" as partners
partners | union (cities | where country == "South Korea" | select country, name)
let ja = cities | where country == "Japan"
let ko = cities | where country == "South Korea"
ja | union ko | count
