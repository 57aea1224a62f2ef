aid | derive m = strftime(date, "%Y-%m"), p = parse_date(date_text, "%d/%m/%Y"), n = date_add(date, 1, "month"), d = date_trunc(date, "decade")
