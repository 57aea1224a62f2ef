visits | derive total = running_sum(n_visits), before = lag(date, 2, date) sort date | take 5
