agreements | summarize count = count() by by = origin
agreements | summarize count = count() by desc = kind | where count > 1 | sort count desc, desc
agreements | select on = cn_name, as = partner_name, top = year, where = kind | take 2
