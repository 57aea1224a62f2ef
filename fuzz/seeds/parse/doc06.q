# a whole-line comment
cities                                # after a table
| where name != "#1 partner"          # '#' inside a string is just text
| select name, `rank #` = population  # ...and inside a backtick name
| top 3 by `rank #` desc
