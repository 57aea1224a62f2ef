cities | drop name_zh, level, province, iso2, lat, lon, source | take 3
