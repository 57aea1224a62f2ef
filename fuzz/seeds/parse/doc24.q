agreements | count
agreements | where kind == "mou" | count
