aid | join cities as r on recipient_id == r.city_id | drop r.city_id
