cities | where province == "Hainan" | select name, level | take 3
