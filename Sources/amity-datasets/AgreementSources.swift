/// Reads every source of agreements.csv into an `AgreementTable`, in this order: the
/// Wikipedia pairs, pages/dated_pairs.csv, agreements reported as outcomes in
/// pages/visits_events.csv, seed_facts/agreements.csv, seed_facts/sister_pairs.csv.
struct AgreementSources {
    static let datedPairsFile = "pages/dated_pairs.csv"
    static let seedAgreementsFile = "seed_facts/agreements.csv"
    static let sisterPairsFile = "seed_facts/sister_pairs.csv"

    /// Agreements that pages/visits_events.csv reports as a visit's outcome, by line: the
    /// parties as the row names them. All but the Shandong-Western Cape MOU repeat a dated
    /// pair, which they then corroborate in `source`.
    static let visitOutcomes: [(line: Int, province: String, city: String?, partner: String, country: String, level: String?)] = [
        (4, "Hainan", nil, "Gotland", "Sweden", "county"),
        (6, "Hainan", nil, "Siem Reap Province", "Cambodia", "province"),
        (7, "Hainan", nil, "Grodno Region", "Belarus", "region"),
        (10, "Hunan", "Changsha", "Kansas City", "United States", "city"),
        (11, "Shandong", nil, "Western Cape", "South Africa", nil),
    ]

    var table = AgreementTable()
    /// Source rows deliberately not turned into agreements, with why.
    var leftOut: [String] = []

    init(root: String, gazetteer: Gazetteer, wikipedia: WikipediaPairs, visitsEvents: SourceTable) throws {
        try addWikipedia(wikipedia, gazetteer)
        try addDatedPairs(SourceTable(root: root, file: Self.datedPairsFile, expecting: [
            "cn_province", "cn_city", "cn_level", "partner", "partner_level", "partner_country", "relation", "date",
            "year", "year_basis", "url"]), gazetteer)
        try addVisitOutcomes(visitsEvents, gazetteer)
        try addSeedAgreements(SourceTable(root: root, file: Self.seedAgreementsFile, expecting: [
            "cn_party", "cn_party_level", "foreign_or_other_party", "foreign_party_country", "agreement_type",
            "date_or_year", "signing_mode", "source"]), gazetteer)
        try addSisterPairs(SourceTable(root: root, file: Self.sisterPairsFile, expecting: [
            "cn_province", "cn_city", "cn_level", "partner_name", "partner_level", "partner_country", "relation_type",
            "established_year", "year_basis", "status", "notes", "source"]), gazetteer)
    }

    private mutating func addWikipedia(_ wikipedia: WikipediaPairs, _ gazetteer: Gazetteer) throws {
        for (row, ends) in zip(wikipedia.table.rows, wikipedia.endpoints) {
            var source = "\(WikipediaPairs.file) \(row["pair_id"])"
            if let year = row.optional("established_year") { source += " (established_year \(year) from \(row["year_source"]))" }
            if let flag = row.optional("quality_flags") { source += " [quality_flags: \(flag)]" }
            let cnName = row["relation_level"] == "district" ? "\(row["cn_district"]) (\(row["cn_city"]))" : row["cn_city"]
            table.add(Agreement(
                cn: ends.cn, cnName: cnName.isEmpty ? row["cn_province"] : cnName, cnProvince: row["cn_province"],
                partner: ends.partner, partnerName: row["partner_city"], partnerCountry: row["partner_country"],
                partnerIso2: row["partner_country_iso2"], kind: "sister-city", signed: nil,
                year: try Self.year(row.optional("established_year"), row.ref), origin: .wikipedia, sources: [source]))
        }
    }

    private mutating func addDatedPairs(_ file: SourceTable, _ gazetteer: Gazetteer) throws {
        for row in file.rows {
            let cn = try gazetteer.chinesePlace(name: row.optional("cn_city"), province: row["cn_province"],
                                                levelText: row["cn_level"], ref: row.ref)
            let partner = try gazetteer.foreignPlace(name: row["partner"], country: row["partner_country"],
                                                     levelText: row["partner_level"], ref: row.ref)
            var source = "\(row.ref): relation '\(row["relation"])'"
            if let date = row.optional("date") { source += ", date '\(date)'" }
            source += ", year_basis '\(row["year_basis"])' (\(row["url"]))"
            table.add(Agreement(
                cn: cn, cnName: row.optional("cn_city") ?? row["cn_province"], cnProvince: row["cn_province"],
                partner: partner, partnerName: row["partner"], partnerCountry: row["partner_country"],
                partnerIso2: gazetteer.reference.iso2(countryName: row["partner_country"]),
                kind: Agreement.kind(row["relation"]), signed: DateText.singleDay(row["date"]),
                year: try Self.year(row.optional("year"), row.ref), origin: .pages, sources: [source]))
        }
    }

    private mutating func addVisitOutcomes(_ file: SourceTable, _ gazetteer: Gazetteer) throws {
        for outcome in Self.visitOutcomes {
            let row = try file.row(line: outcome.line)
            let cn = try gazetteer.chinesePlace(name: outcome.city, province: outcome.province, levelText: nil, ref: row.ref)
            let partner = try gazetteer.foreignPlace(name: outcome.partner, country: outcome.country,
                                                     levelText: outcome.level, ref: row.ref)
            // The row dates the visit or forum, not the signing: only its year is used.
            table.add(Agreement(
                cn: cn, cnName: outcome.city ?? outcome.province, cnProvince: outcome.province, partner: partner,
                partnerName: outcome.partner, partnerCountry: outcome.country,
                partnerIso2: gazetteer.reference.iso2(countryName: outcome.country),
                kind: Agreement.kind(row["outcome"]), signed: nil, year: DateText.year(row["date"]), origin: .pages,
                sources: ["\(row.ref): outcome '\(row["outcome"])' of the \(row["role"]) dated '\(row["date"])' (\(row["url"]))"]))
        }
    }

    private mutating func addSeedAgreements(_ file: SourceTable, _ gazetteer: Gazetteer) throws {
        for row in file.rows {
            let party = row["foreign_or_other_party"]
            if party.hasPrefix("(various") {
                leftOut.append("\(row.ref): '\(party)' is a count of agreements, not one agreement (kept in totals.csv via seed_facts/counts.csv)")
                continue
            }
            let level = row["cn_party_level"]
            let cn: Int
            if let agency = TextNormalization.trailingParenthesis(level), level.hasPrefix("city agency") {
                cn = try gazetteer.chinesePlace(name: agency.inner, province: nil, levelText: nil, ref: row.ref)
            } else {
                cn = try gazetteer.chinesePlace(name: row["cn_party"], province: nil, levelText: level, ref: row.ref)
            }
            let country = row["foreign_party_country"]
            var source = "\(row.ref): '\(row["agreement_type"])', date_or_year '\(row["date_or_year"])'"
            if let mode = row.optional("signing_mode") { source += ", signed \(mode)" }
            source += party.hasPrefix("(") ? ", partner not named" : ", partner is an organisation"
            if country == "China" { source += " based in China (domestic counterparty)" }
            table.add(Agreement(
                cn: cn, cnName: row["cn_party"], cnProvince: gazetteer.registry[cn].province, partner: nil,
                partnerName: party, partnerCountry: country, partnerIso2: gazetteer.reference.iso2(countryName: country),
                kind: Agreement.kind(row["agreement_type"]), signed: nil, year: DateText.year(row["date_or_year"]),
                origin: .seed, sources: [source + " (seeds/\(row["source"]))"]))
        }
    }

    private mutating func addSisterPairs(_ file: SourceTable, _ gazetteer: Gazetteer) throws {
        for row in file.rows {
            if row["status"] == "in preparation" {
                leftOut.append("\(row.ref): \(row["partner_name"]), \(row["partner_country"]): '\(row["relation_type"])', status 'in preparation' (not an agreement)")
                continue
            }
            // `...; actor is Licheng district`: the relation is the district's, not the city's.
            let cn: Int
            var cnName = row.optional("cn_city") ?? row["cn_province"]
            if let actor = row["cn_level"].firstRange(of: "actor is ") {
                cnName = String(row["cn_level"][actor.upperBound...])
                cn = try gazetteer.seedPlace(cnName, ref: row.ref)
            } else {
                cn = try gazetteer.chinesePlace(name: row.optional("cn_city"), province: row["cn_province"],
                                                levelText: row["cn_level"], ref: row.ref)
            }
            let partnerName = row["partner_name"], country = row["partner_country"]
            var partner: Int?
            if !partnerName.hasPrefix("(") {
                let record = gazetteer.seedPlaceRecord(partnerName)
                partner = try gazetteer.foreignPlace(name: partnerName, country: country, levelText: row["partner_level"],
                                                     parent: record?.optional("parent"), ref: row.ref)
                if let record { gazetteer.cited(partner!, record.ref) }
            }
            var source = "\(row.ref): '\(row["relation_type"])', status '\(row["status"])'"
            if let basis = row.optional("year_basis") { source += ", year_basis '\(basis)'" }
            if let notes = row.optional("notes") { source += "; \(notes)" }
            table.add(Agreement(
                cn: cn, cnName: cnName, cnProvince: row["cn_province"], partner: partner, partnerName: partnerName,
                partnerCountry: country, partnerIso2: gazetteer.reference.iso2(countryName: country),
                kind: Agreement.kind(row["relation_type"]), signed: nil,
                year: try Self.year(row.optional("established_year"), row.ref), origin: .seed,
                sources: [source + " (seeds/\(row["source"]))"]))
        }
    }

    /// A `year` column: empty or a plain year.
    static func year(_ text: String?, _ ref: String) throws -> Int? {
        guard let text else { return nil }
        guard let year = Int(text), (1900...2100).contains(year) else { throw BuildError("\(ref): year '\(text)' is not a year") }
        return year
    }
}
