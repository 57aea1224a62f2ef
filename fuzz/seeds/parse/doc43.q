aid | where not item in ["masks"] or quantity ?? 0 > 1 + 2 * -3 and date in @2020-01-01..@2020-12-31
