aid | where context == "Typhoon Jebi ('Chebi')" or context == "Typhoon Jebi (\'Chebi\')"
    | select aid_id, context
