cities | select `city name` = name, `pop. (people)` = population, `it``s` = country | take 2
