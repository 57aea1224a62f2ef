aid | where item in ["masks", "gowns"] and recipient_country not in ["Japan", "China"]
    | select aid_id, item, recipient_country
agreements | where year not in 2001..2010 | count
