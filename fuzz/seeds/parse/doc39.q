aid | where item in ["masks", "gowns", "gloves",] | count
aid | where item not in [] | count
