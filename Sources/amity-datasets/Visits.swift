/// A place as a hand mapping names it: Chinese (city or, with a nil city, the province-level
/// unit) or foreign (with the level its row states, if any).
enum PlaceSpec {
    case china(city: String?, province: String)
    case foreign(name: String, country: String, level: String?)
    case seed(name: String)

    func resolve(_ gazetteer: Gazetteer, ref: String) throws -> Int {
        switch self {
        case let .china(city, province): return try gazetteer.chinesePlace(name: city, province: province, levelText: nil, ref: ref)
        case let .foreign(name, country, level): return try gazetteer.foreignPlace(name: name, country: country, levelText: level, ref: ref)
        case let .seed(name): return try gazetteer.seedPlace(name, ref: ref)
        }
    }
}

/// visits.csv from pages/visits_events.csv and seed_facts/visits.csv. Their rows name people
/// and venues in free text (`Governor of Gotland (Sweden)`, `Haikou, Hainan`), so each row's
/// places are mapped by hand below, from that row's own words.
struct VisitSources {
    static let pagesFile = "pages/visits_events.csv"
    static let seedFile = "seed_facts/visits.csv"

    /// pages/visits_events.csv by line: who travelled (nil for a hosted forum whose foreign
    /// guests are not named), where to, and the direction seen from China.
    static let pageVisits: [(line: Int, from: PlaceSpec?, to: PlaceSpec, direction: String)] = [
        (2, .china(city: nil, province: "Hainan"), .foreign(name: "Okinawa", country: "Japan", level: nil), "outbound"),
        (3, .foreign(name: "Gotland", country: "Sweden", level: "county"), .china(city: "Haikou", province: "Hainan"), "inbound"),
        (4, .foreign(name: "Gotland", country: "Sweden", level: "county"), .china(city: nil, province: "Hainan"), "inbound"),
        (5, .foreign(name: "Prince Edward Island", country: "Canada", level: "province"), .china(city: nil, province: "Hainan"), "inbound"),
        (6, .foreign(name: "Siem Reap Province", country: "Cambodia", level: "province"), .china(city: "Haikou", province: "Hainan"), "inbound"),
        (7, .foreign(name: "Grodno Region", country: "Belarus", level: "region"), .china(city: "Haikou", province: "Hainan"), "inbound"),
        (8, .foreign(name: "Vantaa", country: "Finland", level: "city"), .china(city: "Jinan", province: "Shandong"), "inbound"),
        (9, .foreign(name: "Kfar Saba", country: "Israel", level: "city"), .china(city: "Jinan", province: "Shandong"), "inbound"),
        (10, .china(city: "Changsha", province: "Hunan"), .foreign(name: "Kansas City", country: "United States", level: "city"), "outbound"),
        (11, .foreign(name: "Western Cape", country: "South Africa", level: nil), .china(city: "Jinan", province: "Shandong"), "inbound"),
        (12, nil, .china(city: "Jinan", province: "Shandong"), "inbound"),
        (13, nil, .china(city: "Qufu", province: "Shandong"), "inbound"),
        (14, nil, .china(city: "Kunming", province: "Yunnan"), "inbound"),
        (15, nil, .china(city: "Wuhan", province: "Hubei"), "inbound"),
        (16, nil, .china(city: nil, province: "Chongqing"), "inbound"),
    ]

    /// Why a mapping reads a row the way it does, where the row's own columns do not say.
    static let notes: [Int: String] = [
        4: "'c.' hedges the date, so year is null (pages/dated_pairs.csv L5 dates the agreement c. 2010-11)",
        11: "hosted in Jinan; the actor names the Western Cape Premier as the visiting party (from_*)",
    ]

    var rows: [Visit] = []
    var leftOut: [String] = []

    struct Visit {
        var date: String?, dateText: String, year: Int?
        var from: Int?, fromName: String?, fromCountry: String?
        var to: Int?, toName: String?, toCountry: String?
        var direction: String, delegation: String?, purpose: String?, outcome: String?
        var visits: Int, countries: Int?
        var origin: Origin, source: String
    }

    init(root: String, gazetteer: Gazetteer, pages: SourceTable) throws {
        guard pages.rows.count == Self.pageVisits.count else {
            throw BuildError("\(Self.pagesFile) has \(pages.rows.count) rows; the mapping covers \(Self.pageVisits.count)")
        }
        for mapping in Self.pageVisits {
            let row = try pages.row(line: mapping.line)
            let from = try mapping.from?.resolve(gazetteer, ref: row.ref)
            let to = try mapping.to.resolve(gazetteer, ref: row.ref)
            var source = "\(row.ref): role '\(row["role"])', actor_country '\(row["actor_country"])', destination_or_host '\(row["destination_or_host"])'"
            if from == nil { source += "; hosted event, its foreign guests are not named (from_* null)" }
            if let note = Self.notes[mapping.line] { source += "; " + note }
            rows.append(try Self.visit(gazetteer, date: row["date"], from: from, to: to, direction: mapping.direction,
                                       delegation: row["actor"], purpose: row.optional("event"), outcome: row.optional("outcome"),
                                       origin: .pages, source: source + " (\(row["url"]))"))
        }

        let seed = try SourceTable(root: root, file: Self.seedFile, expecting: [
            "visitor_entity", "visitor_role", "destination", "destination_country", "year", "n_visits", "n_countries",
            "purpose", "status", "source"])
        for row in seed.rows {
            guard row["status"] == "completed" else {
                leftOut.append("\(row.ref): status '\(row["status"])' (\(row["visitor_role"]) to \(row["destination"]))")
                continue
            }
            let from = try gazetteer.seedPlace(row["visitor_entity"], ref: row.ref)
            // `Boao Forum for Asia, Hainan`: the forum's town is in Hainan; the row names no other unit.
            let to: Int? = row["destination"].hasSuffix(", Hainan") ? try gazetteer.province("Hainan") : nil
            var source = "\(row.ref): destination '\(row["destination"])'"
            var countries: Int?
            if let text = row.optional("n_countries") {
                // `>40`: the count is a lower bound; the column keeps 40 and says so here.
                countries = Int(text.filter(\.isNumber))
                source += ", n_countries '\(text)'" + (text.hasPrefix(">") ? " (lower bound)" : "")
            }
            var visit = try Self.visit(gazetteer, date: row["year"], from: from, to: to,
                                       direction: gazetteer.registry[from].iso2 == "CN" ? "outbound" : "inbound",
                                       delegation: row["visitor_role"], purpose: row.optional("purpose"), outcome: row["status"],
                                       origin: .seed, source: source + " (seeds/\(row["source"]))")
            if to == nil { (visit.toName, visit.toCountry) = (row["destination"], row["destination_country"]) }
            visit.visits = try row.optional("n_visits").map { text in
                guard let count = Int(text) else { throw BuildError("\(row.ref): n_visits '\(text)'") }
                return count
            } ?? 1
            visit.countries = countries
            rows.append(visit)
        }
    }

    private static func visit(_ gazetteer: Gazetteer, date: String, from: Int?, to: Int?, direction: String,
                              delegation: String?, purpose: String?, outcome: String?, origin: Origin,
                              source: String) throws -> Visit {
        func country(_ place: Int?) throws -> String? {
            try place.map { try gazetteer.reference.country(iso2: gazetteer.registry[$0].iso2)["name"] }
        }
        return Visit(date: DateText.singleDay(date), dateText: date, year: DateText.year(date),
                     from: from, fromName: from.map { gazetteer.registry[$0].name }, fromCountry: try country(from),
                     to: to, toName: to.map { gazetteer.registry[$0].name }, toCountry: try country(to),
                     direction: direction, delegation: delegation, purpose: purpose, outcome: outcome,
                     visits: 1, countries: nil, origin: origin, source: source)
    }
}
