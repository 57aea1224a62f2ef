aid | summarize rows = count(), with_quantity = count(quantity), total = sum(quantity),
                usd = sum(value_usd), items = count_distinct(item)
aid | where item == "tea" | summarize rows = count(), total = sum(quantity), items = count_distinct(item)
aid | where item == "tea" | summarize rows = count() by item
