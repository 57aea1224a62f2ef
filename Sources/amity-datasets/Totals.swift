/// totals.csv from pages/aggregates.csv and seed_facts/counts.csv: official totals, as of a
/// date written as in the source.
struct TotalSources {
    static let pagesFile = "pages/aggregates.csv"
    static let seedFile = "seed_facts/counts.csv"

    struct Total {
        var asOf: String, scope: String, metric: String, value: Int, sources: [String]
    }

    var rows: [Total] = []
    var log: [String] = []

    init(root: String) throws {
        let pages = try SourceTable(root: root, file: Self.pagesFile, expecting: ["as_of", "scope", "metric", "value", "note", "url"])
        let seed = try SourceTable(root: root, file: Self.seedFile, expecting: [
            "entity", "entity_level", "metric", "value", "unit", "qualifier", "period_or_asof", "source"])
        var mergedSeedLines: Set<Int> = []
        for row in pages.rows {
            var source = row.ref + (row.optional("note").map { ": note '\($0)'" } ?? "") + " (\(row["url"]))"
            // The page row says it repeats a seed count (`= seed 004`): one row naming both.
            if row["note"].hasPrefix("= seed") {
                let twins = seed.rows.filter { $0["entity"] == row["scope"] && $0["value"] == row["value"] }
                guard !twins.isEmpty else { throw BuildError("\(row.ref): no seed count matches '\(row["note"])'") }
                for twin in twins {
                    mergedSeedLines.insert(twin.line)
                    source += " | " + Self.seedSource(twin)
                    log.append("merged total: \(row.ref) + \(twin.ref)")
                }
            }
            // `25 / 45` for `sister cities / friendly-cooperative cities`: two totals.
            let values = row["value"].split(separator: " / ").map(String.init)
            let metrics = row["metric"].split(separator: " / ").map(String.init)
            guard values.count == 1 || values.count == metrics.count else {
                throw BuildError("\(row.ref): \(values.count) values for \(metrics.count) metrics")
            }
            for (position, text) in values.enumerated() {
                var note = ""
                if values.count > 1 { note = "; value \(position + 1) of '\(row["value"])' for '\(row["metric"])'" }
                if text.hasSuffix("+") { note += "; value '\(text)' is a lower bound" }
                guard let value = Int(text.filter { $0 != "+" && $0 != "," }) else { throw BuildError("\(row.ref): value '\(text)'") }
                rows.append(Total(asOf: row["as_of"], scope: row["scope"], metric: values.count > 1 ? metrics[position] : row["metric"],
                                  value: value, sources: [source + note]))
            }
        }
        for row in seed.rows where !mergedSeedLines.contains(row.line) {
            guard let value = Int(row["value"]) else { throw BuildError("\(row.ref): value '\(row["value"])'") }
            rows.append(Total(asOf: row["period_or_asof"], scope: row["entity"], metric: row["metric"], value: value,
                              sources: [Self.seedSource(row)]))
        }
    }

    /// A counts row's citation with its unit and qualifier, which totals.csv has no columns for.
    static func seedSource(_ row: SourceRow) -> String {
        let articles = row["source"].split(separator: ";").map { "seeds/\($0)" }.joined(separator: ", ")
        return "\(row.ref): \(row["entity_level"]) '\(row["entity"])', unit '\(row["unit"])', qualifier '\(row["qualifier"])', period '\(row["period_or_asof"])' (\(articles))"
    }
}

/// countries.csv and provinces.csv, straight from the GeoNames reference files.
enum ReferenceTables {
    static func countries(_ reference: ReferenceData) throws -> OutputTable {
        var table = OutputTable(name: "countries.csv", columns: ["iso2", "iso3", "name", "continent", "capital", "population", "area_km2", "source"])
        for row in reference.countries.rows {
            try table.append(["iso2": row["iso2"], "iso3": row["iso3"], "name": row["name"], "continent": row["continent"],
                              "capital": row.optional("capital"), "population": row.optional("population"),
                              "area_km2": row.optional("area_km2"), "source": row.ref])
        }
        return table
    }

    static func provinces(_ reference: ReferenceData) throws -> OutputTable {
        var table = OutputTable(name: "provinces.csv", columns: ["iso_code", "name", "name_zh", "type", "capital", "source"])
        for row in reference.provinces.rows {
            try table.append(["iso_code": row["iso_3166_2"], "name": row["province_en"], "name_zh": row["province_zh"],
                              "type": row["province_type"], "capital": row["capital"], "source": row.ref])
        }
        return table
    }
}
