/// agreements.csv, visits.csv, aid.csv and totals.csv from the assembled rows, with place
/// indices replaced by their final city ids.
enum RelationTables {
    static func agreements(_ table: AgreementTable, ids: [String]) throws -> OutputTable {
        var out = OutputTable(name: "agreements.csv", columns: [
            "agreement_id", "cn_id", "cn_name", "cn_province", "partner_id", "partner_name", "partner_country", "kind", "signed",
            "year", "origin", "source"])
        for (number, row) in table.rows.enumerated() {
            try out.append([
                "agreement_id": "ag-" + padded(number + 1, 4), "cn_id": ids[row.cn], "cn_name": row.cnName,
                "cn_province": row.cnProvince, "partner_id": row.partner.map { ids[$0] }, "partner_name": row.partnerName,
                "partner_country": row.partnerCountry, "kind": row.kind, "signed": row.signed, "year": row.year.map(String.init),
                "origin": Origin.label(row.origins), "source": row.sources.joined(separator: " | "),
            ])
        }
        return out
    }

    static func visits(_ sources: VisitSources, ids: [String]) throws -> OutputTable {
        var out = OutputTable(name: "visits.csv", columns: [
            "visit_id", "date", "date_text", "year", "from_id", "from_name", "from_country", "to_id", "to_name", "to_country",
            "direction", "delegation", "purpose", "outcome", "n_visits", "n_countries", "origin", "source"])
        for (number, row) in sources.rows.enumerated() {
            try out.append([
                "visit_id": "vis-" + padded(number + 1, 3), "date": row.date, "date_text": row.dateText,
                "year": row.year.map(String.init), "from_id": row.from.map { ids[$0] }, "from_name": row.fromName,
                "from_country": row.fromCountry, "to_id": row.to.map { ids[$0] }, "to_name": row.toName,
                "to_country": row.toCountry, "direction": row.direction, "delegation": row.delegation,
                "purpose": row.purpose, "outcome": row.outcome, "n_visits": String(row.visits),
                "n_countries": row.countries.map(String.init), "origin": row.origin.rawValue, "source": row.source,
            ])
        }
        return out
    }

    static func aid(_ sources: AidSources, ids: [String]) throws -> OutputTable {
        var out = OutputTable(name: "aid.csv", columns: [
            "aid_id", "date", "date_text", "year", "donor_id", "donor_name", "donor_country", "recipient_id", "recipient_name",
            "recipient_country", "direction", "item", "quantity", "unit", "qualifier", "value_usd", "context", "origin", "source"])
        for (number, row) in sources.rows.enumerated() {
            try out.append([
                "aid_id": "aid-" + padded(number + 1, 3), "date": row.date, "date_text": row.dateText,
                "year": row.year.map(String.init), "donor_id": row.donor.map { ids[$0] }, "donor_name": row.donorName,
                "donor_country": row.donorCountry, "recipient_id": row.recipient.map { ids[$0] },
                "recipient_name": row.recipientName, "recipient_country": row.recipientCountry, "direction": row.direction,
                "item": row.item, "quantity": row.quantity, "unit": row.unit, "qualifier": row.qualifier,
                "value_usd": row.valueUSD, "context": row.context, "origin": Origin.label(row.origins),
                "source": row.sources.joined(separator: " | "),
            ])
        }
        return out
    }

    static func totals(_ sources: TotalSources) throws -> OutputTable {
        var out = OutputTable(name: "totals.csv", columns: ["as_of", "scope", "metric", "value", "source"])
        for row in sources.rows {
            try out.append(["as_of": row.asOf, "scope": row.scope, "metric": row.metric, "value": String(row.value),
                            "source": row.sources.joined(separator: " | ")])
        }
        return out
    }

    /// `7` -> `007`.
    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
