agreements | where year >= 2015 | pivot year using n = count(), m = max(partner_name) by cn_province
