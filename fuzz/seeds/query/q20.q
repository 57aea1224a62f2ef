partners | count
