agreements | pivot kind in ["sister-city", "friendship-city"] using count() by cn_province | skip 2 | take 3
