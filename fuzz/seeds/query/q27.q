aid | summarize total = sum(quantity) by recipient_country,
