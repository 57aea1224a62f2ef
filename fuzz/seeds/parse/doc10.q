cities | take 5
let japan = cities | where country == "Japan"
japan | count
(cities | where country == "Japan") | count
