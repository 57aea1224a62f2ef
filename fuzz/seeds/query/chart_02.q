agreements | join cities as p on partner_id == p.city_id | chart map p.lat, p.lon label p.name
