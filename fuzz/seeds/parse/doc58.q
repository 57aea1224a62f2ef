agreements | distinct cn_province | take 4
agreements | summarize n = count(), first_year = min(year) by cn_province | take 4
