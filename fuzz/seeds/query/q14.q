aid | where date >= since and quantity >= min_quantity | select aid_id, date, quantity
