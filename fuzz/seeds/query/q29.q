japan | count
