cities | sort province, name | select name, province | take 4
agreements | where signed is not null | sort year(signed) desc | select agreement_id, signed
cities | where country == "Japan" | sort population desc, name asc | select name, population
