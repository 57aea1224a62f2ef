aid | summarize q = sum(quantity) by item | top 5 by q desc | chart bar item, q
aid | derive q = -quantity | chart column item, q
cities | chart scatter lon, lat by continent
visits | sort date | chart spark n_visits
