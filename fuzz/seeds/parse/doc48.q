aid | select aid_id, qty = quantity ?? 0, place = recipient_id ?? donor_id ?? "unknown"
    | where aid_id in ["aid-001", "aid-005", "aid-019"]
