cities | select 城市 = name_zh, 省份 = province | where 城市 == "上海市"
