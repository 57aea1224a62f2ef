countries | select name, population, area_km2 | unpivot population, area_km2 into measure, value | sample 5
