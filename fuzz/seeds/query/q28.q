cities | take 5
