partners | union (cities | select name, country) | rename partner = name
