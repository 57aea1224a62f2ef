visits | where year == $year | count
