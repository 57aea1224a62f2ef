aid | join left cities as r on recipient_id == r.city_id
    | select aid_id, recipient_id, r.name, r.population
    | take 6
