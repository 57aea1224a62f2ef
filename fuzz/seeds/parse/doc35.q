cities | derive `in` = 1, `not` = 2, `null` = "none" | where `in` < `not` | select name, `null` | take 2
