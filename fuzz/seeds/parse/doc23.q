aid | summarize total = sum(quantity)
aid | summarize total = sum(quantity), shipments = count() by recipient_country
visits | summarize n = count() by decade = year // 10 * 10, to_country as country
