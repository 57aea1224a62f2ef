cities | derive label = "say \"hi\"\tback\\slash\nnew line \u{4E2D}\u{56FD} \u{1F600}"
       | select label
       | take 1
