cities | take 1
| select a = 7 / 2, b = 6 / 3, c = 7 // 2, d = -7 // 2, e = 7 % 3, f = -7 % 3, g = 7 % -3,
         h = 7.5 // 2, i = 1 + 2.5
cities | take 1 | select a = 1.0 / 0, b = -1 / 0, c = 0.0 / 0, d = sqrt(-1), e = ln(0), f = 0.1 + 0.2
