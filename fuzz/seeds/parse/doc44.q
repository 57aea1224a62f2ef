aid | select aid_id, a = 10 - 4 - 3, b = 2 * 3 // 4, c = value_usd ?? quantity ?? 0, d = 7 % 3
    | where aid_id in ["aid-001", "aid-005", "aid-013"]
