agreements | where not (kind in ["mou", "investment"]) or signed is null | count
