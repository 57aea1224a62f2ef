agreements | join cities on partner_id == city_id
agreements | join inner cities on partner_id == city_id
