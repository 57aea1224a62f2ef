# A bare pipeline: the result is printed
cities | where province == "Hainan" | select name, level | take 3

# let names a table...
let hainan = cities | where province == "Hainan"
hainan | count

# ...or a single value (a pipeline with no stages)
let since = @2020-01-01
let min_quantity = 50_000
aid | where date >= since and quantity >= min_quantity | select aid_id, date, quantity

# load reads a file: the path is a double-quoted string, the name follows "as"
load "extra/partners.csv" as partners
partners | take 3
