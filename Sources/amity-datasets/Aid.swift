/// aid.csv from pages/aid.csv and seed_facts/aid.csv.
struct AidSources {
    static let pagesFile = "pages/aid.csv"
    static let seedFile = "seed_facts/aid.csv"
    /// CNY per USD used for `value_usd`: a round figure for the spring 2020 market rate (the
    /// only CNY value in the sources is Hainan's package of May 2020).
    static let cnyPerUSD = 7

    /// Source wording of items, normalised. A wording missing here stops the build.
    static let items: [String: [String]] = [
        "disposable masks": ["masks"], "medical masks": ["masks"], "medical face masks": ["masks"], "KN95 masks": ["masks"],
        "KN95 / medical-grade masks": ["masks"], "masks (500 N95 + 1,500 surgical)": ["masks"], "protective masks": ["masks"],
        "protective masks (+ thermometers)": ["masks"], "face masks": ["masks"], "masks": ["masks"],
        "medical surgical masks": ["masks"], "protective clothing": ["protective_clothing"], "disinfectant": ["disinfectant"],
        "medical gloves": ["gloves"], "personal protective equipment": ["ppe"], "protective gowns": ["gowns"],
        "medical protective gowns": ["gowns"], "goggles": ["goggles"], "medical supplies": ["medical_supplies"],
        "medical isolation suits": ["isolation_suits"], "material assistance (unspecified)": ["material_assistance"],
        "(similar aid, unspecified)": ["unspecified_aid"], "financial support": ["financial_support"],
        "humanitarian aid (unspecified)": ["humanitarian_aid"],
        // One source row listing three items without quantities becomes three rows.
        "medical masks; protective suits; sanitizers": ["masks", "protective_clothing", "disinfectant"],
    ]

    /// Source qualifiers of a given quantity, normalised. Remarks that do not qualify the
    /// number (`via Red Cross`) leave it exact; the remark stays in `source`.
    static func qualifier(_ text: String?, _ ref: String) throws -> String {
        guard let text else { return "exact" }
        let lower = text.lowercased()
        if lower == "cumulative" || lower.hasSuffix(" shipments") { return "cumulative" }
        if lower == "over" || lower == "at least" || lower.hasPrefix("more than") { return "at least" }
        if lower == "about" { return "about" }
        if lower == "via red cross" || lower.hasPrefix("+") { return "exact" }
        throw BuildError("\(ref): unknown qualifier '\(text)'")
    }

    /// Recipients that are groups rather than one place (`23 sister partners`, `Japan (Hyogo
    /// implied)`): their id stays null and the text is kept.
    static func isGroup(_ name: String, country: String) -> Bool {
        let lower = name.lowercased()
        return name.first.map { $0.isNumber || $0 == "(" } == true || country.hasPrefix("(") || country.contains(";")
            || lower.contains("sister") || lower.hasPrefix("japan (")
    }

    /// Places named inside a group recipient, registered so cities.csv lists them, by line.
    static let namedInGroups: [Int: [(String, String)]] = [
        31: [("Wakayama", "Japan"), ("Chungcheongnam-do", "South Korea"), ("Seoul", "South Korea"), ("Jeollanam-do", "South Korea")],
    ]

    /// Seed rows whose recipient the seed names only inside a remark, resolved through
    /// seed_facts/places.csv (which lists Kobe as the 1995 aid recipient).
    static let seedRecipients: [Int: String] = [12: "Kobe"]

    struct Aid {
        var date: String?, dateText: String, year: Int?
        var donor: Int?, donorName: String, donorCountry: String
        var recipient: Int?, recipientName: String, recipientCountry: String
        var direction: String, item: String, quantity: String?, unit: String?, qualifier: String?
        var valueUSD: String?, context: String, origins: [Origin], sources: [String]
    }

    var rows: [Aid] = []
    var log: [String] = []

    init(root: String, gazetteer: Gazetteer) throws {
        let pages = try SourceTable(root: root, file: Self.pagesFile, expecting: [
            "date", "donor", "donor_level", "donor_country", "recipient", "recipient_country", "direction_vs_china", "item",
            "quantity", "unit", "qualifier", "value_cny", "context", "url"])
        for row in pages.rows {
            let donor = try Self.place(gazetteer, name: row["donor"], country: row["donor_country"], level: row["donor_level"], ref: row.ref)
            let recipient = try Self.place(gazetteer, name: row["recipient"], country: row["recipient_country"], level: nil, ref: row.ref)
            for (name, country) in Self.namedInGroups[row.line] ?? [] {
                _ = try gazetteer.foreignPlace(name: name, country: country, levelText: nil, ref: row.ref + " (named among the recipients)")
            }
            var source = "\(row.ref): item '\(row["item"])'"
            if let qualifier = row.optional("qualifier") { source += ", qualifier '\(qualifier)'" }
            var valueUSD: String?
            if let value = row.optional("value_cny") {
                let cny = try Self.leadingAmount(value, row.ref)
                valueUSD = Self.dollars(cny: cny)
                source += ", value_cny '\(value)' = \(valueUSD!) USD at \(Self.cnyPerUSD) CNY per USD"
                    + (value.contains("+") ? ", a lower bound" : "")
                    + (value.contains("whole package") ? ", for the whole package (same date, donor and recipients: L5-L9), recorded on this row only" : "")
            }
            try add(row, gazetteer, dateText: row["date"], donor: donor, recipient: recipient,
                    direction: row["direction_vs_china"], value: valueUSD, origin: .pages, source: source + " (\(row["url"]))")
        }

        let seed = try SourceTable(root: root, file: Self.seedFile, expecting: [
            "donor", "donor_country", "recipient", "recipient_country", "direction", "item", "quantity", "unit", "qualifier",
            "period", "context", "source"])
        for row in seed.rows {
            let donor = try Self.place(gazetteer, name: row["donor"], country: row["donor_country"], level: nil, ref: row.ref)
            var recipient = try Self.place(gazetteer, name: row["recipient"], country: row["recipient_country"], level: nil, ref: row.ref)
            if let name = Self.seedRecipients[row.line] { recipient = try gazetteer.seedPlace(name, ref: row.ref) }
            var source = "\(row.ref): item '\(row["item"])'"
            if let qualifier = row.optional("qualifier") { source += ", qualifier '\(qualifier)'" }
            if recipient != nil && Self.seedRecipients[row.line] != nil { source += ", recipient per seed_facts/places.csv" }
            try add(row, gazetteer, dateText: row["period"], donor: donor, recipient: recipient, direction: row["direction"],
                    value: nil, origin: .seed, source: source + " (seeds/\(row["source"]))")
        }
    }

    /// Adds one row per normalised item, merging a seed row into the pages row of the same
    /// shipment: same donor and recipient place, item and year, quantities not in conflict
    /// (Hyogo's masks to Hainan, early 2020: 'a large number' in pages, '>100,000' in seed 001).
    private mutating func add(_ row: SourceRow, _ gazetteer: Gazetteer, dateText: String, donor: Int?, recipient: Int?,
                              direction: String, value: String?, origin: Origin, source: String) throws {
        guard let items = Self.items[row["item"]] else { throw BuildError("\(row.ref): unknown item '\(row["item"])'") }
        let quantity = row.optional("quantity").map { $0.filter { $0 != "," } }
        if let quantity, Int(quantity) == nil { throw BuildError("\(row.ref): quantity '\(quantity)'") }
        for (position, item) in items.enumerated() {
            var aid = Aid(
                date: DateText.singleDay(dateText), dateText: dateText, year: DateText.year(dateText),
                donor: donor, donorName: row["donor"], donorCountry: row["donor_country"],
                recipient: recipient, recipientName: row["recipient"], recipientCountry: row["recipient_country"],
                direction: direction, item: item, quantity: quantity, unit: row.optional("unit"),
                qualifier: quantity == nil ? nil : try Self.qualifier(row.optional("qualifier"), row.ref),
                valueUSD: value, context: row["context"], origins: [origin],
                sources: [source + (items.count > 1 ? " (item \(position + 1) of \(items.count) listed together)" : "")])
            if let at = rows.firstIndex(where: { Self.sameShipment($0, aid) }) {
                var target = rows[at]
                target.quantity = target.quantity ?? aid.quantity
                target.unit = target.unit ?? aid.unit
                target.qualifier = target.qualifier ?? aid.qualifier
                target.date = target.date ?? aid.date
                target.origins.append(origin)
                target.sources += aid.sources.map { $0 + " (period '\(dateText)')" }
                rows[at] = target
                log.append("merged aid: \(aid.donorName) -> \(aid.recipientName) \(item) \(aid.year.map(String.init) ?? "")")
                continue
            }
            aid.valueUSD = position == 0 ? value : nil
            rows.append(aid)
        }
    }

    private static func sameShipment(_ a: Aid, _ b: Aid) -> Bool {
        a.donor != nil && a.recipient != nil && a.donor == b.donor && a.recipient == b.recipient && a.item == b.item
            && a.year == b.year && !a.origins.contains(b.origins[0])
            && (a.quantity == nil || b.quantity == nil || a.quantity == b.quantity)
    }

    private static func place(_ gazetteer: Gazetteer, name: String, country: String, level: String?, ref: String) throws -> Int? {
        if isGroup(name, country: country) { return nil }
        if country == "China" { return try gazetteer.chinesePlace(name: name, province: nil, levelText: level, ref: ref) }
        return try gazetteer.foreignPlace(name: name, country: country, levelText: level, ref: ref)
    }

    /// `2,600,000+ (whole package)` -> 2600000.
    static func leadingAmount(_ text: String, _ ref: String) throws -> Int {
        let digits = text.prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)
        guard let amount = Int(digits) else { throw BuildError("\(ref): no amount in '\(text)'") }
        return amount
    }

    /// CNY to USD rounded to cents, in integers so the text is exact (2600000 -> 371428.57).
    static func dollars(cny: Int) -> String {
        let cents = (cny * 100 * 2 + cnyPerUSD) / (2 * cnyPerUSD)
        let fraction = cents % 100
        return "\(cents / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
