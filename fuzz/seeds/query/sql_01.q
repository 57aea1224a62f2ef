explain sql agreements | where year >= 2015 | pivot year using n = count(), f = first(partner_name) by cn_province | unpivot `2015_n`, `2016_n` into y, v
