cities | where population is not null
