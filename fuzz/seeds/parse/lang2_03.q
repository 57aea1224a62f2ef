aid | derive share = quantity / sum(quantity), rk = dense_rank() by donor_name sort quantity | where rk < 2
