cities | select name, province | take 2
cities | select city = name, 省份 = province | take 2
cities | where population is not null
       | select name as city, population / 1_000_000 as millions, population // 1000
       | take 2
