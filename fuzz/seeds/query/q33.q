cities | select city = name, 省份 = province | take 2
