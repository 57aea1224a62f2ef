aid | derive w = rolling_avg(value_usd, 7), p = percent_rank(), t = ntile(4), nx = lead(item) by item sort date desc, aid_id
