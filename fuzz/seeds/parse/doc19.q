cities | take 10
