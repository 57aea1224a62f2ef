agreements | where agreement_id in ["ag-001", "ag-011", "ag-027"]
           | select agreement_id, year, eq = year == null, ne = year != null,
                    known = year is not null, old = year < 2000,
                    in_null = year in [1983, null], not_in_null = year not in [1983, null]
