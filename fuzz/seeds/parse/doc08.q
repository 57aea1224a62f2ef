# 1. lines starting with |
agreements
| where kind == "sister-city"

# comments and blank lines in between are fine
| count

# 2. trailing |, operator, "and", comma, "="
agreements |
  where kind == "sister-city" and
        year >= 2000 |
  select cn_name,
         partner_name, year |
  derive decade =
         year // 10 * 10

# 3. open brackets
aid | where item in [
    "masks",
    "gowns",
] | count
aid | derive per_unit = (value_usd
                         / quantity) | where per_unit is not null | select aid_id, per_unit
