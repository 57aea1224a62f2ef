.mode csv
.param set year 2019      # this comment is not part of the command
.output "results/2019 visits.csv"
visits | where year == $year | count
