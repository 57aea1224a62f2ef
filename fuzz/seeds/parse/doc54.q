edge_numbers | select id, i, tenth = if(i == 0, null, 10 // i) | where i != 0 and 10 // i > 1 or id == 1
