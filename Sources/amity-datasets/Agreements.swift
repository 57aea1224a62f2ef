/// Where a relation row comes from. The case order is the order origins are listed in when
/// rows merge (`wikipedia+pages`).
enum Origin: String, CaseIterable, Comparable {
    case wikipedia, pages, seed
    static func < (a: Origin, b: Origin) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    static func label(_ origins: [Origin]) -> String {
        Origin.allCases.filter(origins.contains).map(\.rawValue).joined(separator: "+")
    }
}

/// One row of agreements.csv while sources merge into it.
struct Agreement {
    var cn: Int
    var cnName: String
    var cnProvince: String?
    var partner: Int?
    var partnerName: String
    var partnerCountry: String
    /// The iso2 of `partnerCountry`, to refuse merging rows that disagree on the country.
    var partnerIso2: String?
    var kind: String
    var signed: String?
    var year: Int?
    var origin: Origin
    var sources: [String]
    var origins: [Origin] = []
    /// Which origin set `kind` and the dates, for the precedence rules in `AgreementTable.add`.
    var kindFrom: Origin? = nil
    var datesFrom: Origin? = nil

    /// The relation kind a source's wording names. Checked in this order because wordings
    /// combine words: `friendship (sister) province` is sister-city, `investment cooperation
    /// agreement` is investment, `cooperation partner (sister region)` is sister-city.
    static func kind(_ text: String) -> String {
        let lower = text.lowercased()
        let rules: [(String, String)] = [
            ("letter of intent", "letter-of-intent"), ("agreement of intent", "letter-of-intent"),
            ("investment", "investment"), ("mou", "mou"), ("sister", "sister-city"), ("partner", "partnership"),
            ("cooperation", "cooperation"), ("friend", "friendship-city"),
        ]
        return rules.first { lower.contains($0.0) }?.1 ?? "cooperation"
    }
}

/// agreements.csv: rows in source order (Wikipedia, pages, seeds), one row per relation where
/// sources agree, so a dated pair fills the year of its Wikipedia twin and both are cited.
struct AgreementTable {
    private(set) var rows: [Agreement] = []
    private var byKey: [String: Int] = [:]
    /// What was merged or kept apart, for the build log.
    private(set) var log: [String] = []

    /// The same relation in any source: same Chinese place and partner place; organisations by
    /// country and name; unnamed partners (`(certain regions of Serbia)`, `(unnamed regions
    /// of Serbia)`) by country alone.
    static func key(_ row: Agreement) -> String {
        if let partner = row.partner { return "\(row.cn)|\(partner)" }
        let name = row.partnerName.hasPrefix("(") ? "unnamed" : TextNormalization.matchKey(row.partnerName)
        return "\(row.cn)|\(row.partnerIso2 ?? "?")|" + name
    }

    /// Adds a row, or merges it into the row of the same relation. Wikipedia rows never merge
    /// with each other (each pair_id stays a row). On merge, `kind` comes from pages before
    /// Wikipedia before seeds, and `year`/`signed` from pages before seeds before Wikipedia
    /// (pages cite a dated document); disagreements are written into `source`. Rows naming
    /// the partner's country differently are kept apart (Sanya-Yalta: Ukraine vs Russia).
    mutating func add(_ incoming: Agreement) {
        var row = incoming
        row.origins = [row.origin]
        row.kindFrom = row.origin
        row.datesFrom = (row.year != nil || row.signed != nil) ? row.origin : nil
        let key = Self.key(row)
        guard row.origin != .wikipedia, let at = byKey[key] else {
            if byKey[key] == nil { byKey[key] = rows.count }
            rows.append(row)
            return
        }
        var target = rows[at]
        if let a = target.partnerIso2, let b = row.partnerIso2, a != b {
            row.sources.append("kept apart from the \(Origin.label(target.origins)) row of the same pair: partner country '\(row.partnerCountry)' vs '\(target.partnerCountry)'")
            log.append("kept apart: \(row.cnName) - \(row.partnerName) (\(row.partnerCountry) vs \(target.partnerCountry))")
            rows.append(row)
            return
        }
        let kindRank: [Origin] = [.pages, .wikipedia, .seed]
        let dateRank: [Origin] = [.pages, .seed, .wikipedia]
        if row.kind != target.kind {
            if kindRank.firstIndex(of: row.origin)! < kindRank.firstIndex(of: target.kindFrom!)! {
                target.sources.append("kind '\(target.kind)' per \(target.kindFrom!.rawValue)")
                target.kind = row.kind
                target.kindFrom = row.origin
            } else {
                row.sources.append("kind '\(row.kind)' per this source")
            }
        }
        if row.year != nil || row.signed != nil {
            let conflict = (target.year != nil && row.year != nil && target.year != row.year)
                || (target.signed != nil && row.signed != nil && target.signed != row.signed)
            let wins = target.datesFrom == nil || dateRank.firstIndex(of: row.origin)! < dateRank.firstIndex(of: target.datesFrom!)!
            if conflict { log.append("date conflict: \(row.cnName) - \(row.partnerName)") }
            if wins {
                if conflict { target.sources.append("year \(target.year.map(String.init) ?? "-") per \(target.datesFrom!.rawValue)") }
                target.year = row.year ?? target.year
                target.signed = row.signed ?? target.signed
                target.datesFrom = row.origin
            } else if conflict {
                row.sources.append("this source gives year \(row.year.map(String.init) ?? "-")")
            }
        }
        target.sources += row.sources
        if !target.origins.contains(row.origin) { target.origins.append(row.origin) }
        rows[at] = target
        log.append("merged: \(target.cnName) - \(target.partnerName) <- \(row.sources.first ?? "")")
    }
}
