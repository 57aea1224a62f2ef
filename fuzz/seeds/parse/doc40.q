agreements | where year in 1990..1999 | select agreement_id, cn_name, partner_name, year
aid | where date in @2020-01-01..@2020-03-31 | select aid_id, date, item
