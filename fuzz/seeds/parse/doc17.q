cities | rename city = name, prov = province | select city, prov | take 3
