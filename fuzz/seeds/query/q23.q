] | count
