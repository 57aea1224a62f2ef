agreements | where year > 2000 | count
agreements | where not (year > 2000) | count
agreements | where year is null | count
