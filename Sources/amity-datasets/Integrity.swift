/// Checks the written tables against their contract and the known facts before anything is
/// written; any failure stops the build with every problem listed.
struct Integrity {
    private(set) var problems: [String] = []

    init(cities: OutputTable, agreements: OutputTable, visits: OutputTable, aid: OutputTable, countries: OutputTable,
         provinces: OutputTable, totals: OutputTable, wikipediaRows: Int, datedPairLines: [Int]) {
        let tables = [cities, agreements, visits, aid, countries, provinces, totals]
        for (table, id) in [(cities, "city_id"), (agreements, "agreement_id"), (visits, "visit_id"), (aid, "aid_id"),
                            (countries, "iso2"), (provinces, "iso_code")] {
            unique(table, id)
        }
        for table in tables { every(table, "source", "a source") { !$0.isEmpty } }
        let cityIDs = Set(cities.column("city_id").compactMap { $0 })
        for (table, column) in [(agreements, "cn_id"), (agreements, "partner_id"), (visits, "from_id"), (visits, "to_id"),
                                (aid, "donor_id"), (aid, "recipient_id")] {
            every(table, column, "a city_id", nullable: true) { cityIDs.contains($0) }
        }
        every(agreements, "cn_id", "non-null") { !$0.isEmpty }
        // Types.
        let isInt: (String) -> Bool = { Int($0) != nil }
        let isFloat: (String) -> Bool = { Double($0) != nil }
        for (table, column) in [(cities, "population"), (agreements, "year"), (visits, "year"), (visits, "n_visits"),
                                (visits, "n_countries"), (aid, "year"), (aid, "quantity"), (totals, "value"),
                                (countries, "population"), (countries, "area_km2")] {
            every(table, column, "an int", nullable: true, isInt)
        }
        for (table, column) in [(cities, "lat"), (cities, "lon"), (aid, "value_usd")] { every(table, column, "a float", nullable: true, isFloat) }
        for (table, column) in [(agreements, "signed"), (visits, "date"), (aid, "date")] {
            every(table, column, "a YYYY-MM-DD date", nullable: true, DateText.isISODate)
        }
        every(cities, "level", "a level") { PlaceLevel(rawValue: $0) != nil }
        every(visits, "direction", "a direction") { $0 == "outbound" || $0 == "inbound" }
        every(aid, "direction", "a direction") { $0 == "outbound" || $0 == "inbound" }
        every(aid, "qualifier", "a qualifier", nullable: true) { ["exact", "at least", "about", "cumulative"].contains($0) }
        let countryCodes = Set(countries.column("iso2").compactMap { $0 })
        every(cities, "iso2", "a country") { countryCodes.contains($0) }
        for table in [agreements, visits, aid] {
            every(table, "origin", "an origin") { label in label.split(separator: "+").allSatisfy { Origin(rawValue: String($0)) != nil } }
        }
        // Coverage: every Wikipedia pair is one row, every dated pair is cited.
        let agreementSources = agreements.column("source").compactMap { $0 }
        let wikipedia = agreements.column("origin").filter { $0?.hasPrefix("wikipedia") == true }.count
        if wikipedia != wikipediaRows { problems.append("agreements: \(wikipedia) Wikipedia rows, the source has \(wikipediaRows)") }
        for line in datedPairLines where !agreementSources.contains(where: { $0.contains("\(AgreementSources.datedPairsFile) L\(line):") }) {
            problems.append("agreements: \(AgreementSources.datedPairsFile) L\(line) is not cited")
        }
        // Known facts.
        fact(agreements, "Hainan-Jeju since 1995", ["cn_id": "cn-hainan", "partner_id": "kr-jeju", "year": "1995"])
        fact(agreements, "Hainan-Hyogo signed 1990-09-28", ["cn_id": "cn-hainan", "partner_id": "jp-hyogo", "signed": "1990-09-28"])
        fact(agreements, "Haikou-Vladimir", ["cn_id": "cn-haikou", "partner_id": "ru-vladimir"])
        fact(aid, "1.33 million masks from Hainan in 2020, cited from its seed file",
             ["donor_id": "cn-hainan", "item": "masks", "quantity": "1330000", "year": "2020"],
             sourceContains: ["seed_facts/aid.csv", "seeds/000_0294537eb019bd8a.txt"])
    }

    private mutating func unique(_ table: OutputTable, _ column: String) {
        var seen = Set<String>()
        for value in table.column(column) {
            guard let value else { problems.append("\(table.name): null \(column)"); continue }
            if !seen.insert(value).inserted { problems.append("\(table.name): \(column) '\(value)' repeats") }
        }
    }

    private mutating func every(_ table: OutputTable, _ column: String, _ what: String, nullable: Bool = false,
                                _ test: (String) -> Bool) {
        guard table.columns.contains(column) else { problems.append("\(table.name): no column \(column)"); return }
        for (row, value) in table.column(column).enumerated() {
            if let value { if !test(value) { problems.append("\(table.name) row \(row + 1): \(column) '\(value)' is not \(what)") } }
            else if !nullable { problems.append("\(table.name) row \(row + 1): \(column) is null") }
        }
    }

    private mutating func fact(_ table: OutputTable, _ name: String, _ values: [String: String], sourceContains: [String] = []) {
        let found = table.rows.contains { row in
            values.allSatisfy { row[table.columns.firstIndex(of: $0.key)!] == $0.value }
                && sourceContains.allSatisfy { (row[table.columns.firstIndex(of: "source")!] ?? "").contains($0) }
        }
        if !found { problems.append("\(table.name): known fact missing: \(name)") }
    }
}
