aid | join left cities as r on recipient_id == r.city_id | select aid_id, r.name, quantity ?? 0
