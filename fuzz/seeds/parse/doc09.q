aid | where quantity > 1_000 and
            value_usd > 50_000
aid | where (quantity > 1_000
             and value_usd > 50_000)
aid | summarize total = sum(quantity) by recipient_country,
                                         item
