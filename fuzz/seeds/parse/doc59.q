agreements | join left cities on partner_id == city_id
           | where partner_id is null
           | select agreement_id, partner_id, city_id, name
