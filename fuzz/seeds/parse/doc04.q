let hn = cities | where province == "Hainan"; hn | count; hn | select name | take 2;;
