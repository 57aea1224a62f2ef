aid | select aid_id, recipient_id, year
    | join (agreements | select partner_id, kind, year) as a on recipient_id == a.partner_id
