cities | where population is not null | chart hist population bins 12
