cities | select name, province | take 2
