aid | top 3 by quantity desc | select aid_id, item, quantity
aid | top 3 by value_usd desc, date | select aid_id, date, value_usd
