import BundledData
import Columnar
import Driver
import Engine
import Foundation
import Semantic
import Testing

/// The bundled tables, as compiled into the program: their contract, integrity and a few
/// facts any analyst could check against the sources.
@Suite struct DatasetTests {
    static let tables: [(name: String, table: Table)] = (try? BundledDatasets.tables()) ?? []

    /// A fresh session per use: sessions are not shared between concurrently running tests.
    static var session: Session {
        let session = Session()
        for (name, table) in tables { session.define(table: table, as: name) }
        return session
    }

    struct NoTable: Error {}

    func table(_ query: String) throws -> Table {
        let (results, diagnostics) = Self.session.run(query)
        if let error = diagnostics.first { throw error }
        guard case .table(let table, _)? = results.last else { throw NoTable() }
        return table
    }

    func count(_ query: String) throws -> Int64 {
        guard case .int(let value) = try table(query + " | count").row(0)[0] else { return -1 }
        return value
    }

    /// The compiled-in images hold what reading datasets/*.csv gives, value for value.
    @Test func compiledTablesEqualTheirFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../datasets")
        #expect(Self.tables.count == 7)
        for (name, table) in Self.tables {
            let bytes = try Data(contentsOf: folder.appendingPathComponent("\(name).csv"))
            let parsed = try CSVReader().read(Array(bytes))
            #expect(parsed.fields == table.fields, "\(name)")
            #expect(parsed.rowCount == table.rowCount, "\(name)")
            for row in 0..<min(parsed.rowCount, table.rowCount) where parsed.row(row) != table.row(row) {
                Issue.record("datasets/\(name).csv row \(row + 1) differs: \(parsed.row(row)) vs \(table.row(row))")
                break
            }
        }
    }

    @Test func everyTableIsBundledWithItsColumns() throws {
        let expected: [String: [String]] = [
            "cities": ["city_id", "name", "name_zh", "level", "province", "country", "iso2", "continent", "lat", "lon",
                       "population", "note", "source"],
            "agreements": ["agreement_id", "cn_id", "cn_name", "cn_province", "partner_id", "partner_name", "partner_country",
                           "kind", "signed", "year", "origin", "source"],
            "visits": ["visit_id", "date", "date_text", "year", "from_id", "from_name", "from_country", "to_id", "to_name",
                       "to_country", "direction", "delegation", "purpose", "outcome", "n_visits", "n_countries", "origin", "source"],
            "aid": ["aid_id", "date", "date_text", "year", "donor_id", "donor_name", "donor_country", "recipient_id",
                    "recipient_name", "recipient_country", "direction", "item", "quantity", "unit", "qualifier", "value_usd",
                    "context", "origin", "source"],
            "countries": ["iso2", "iso3", "name", "continent", "capital", "population", "area_km2", "source"],
        ]
        for (name, columns) in expected {
            let table = try #require(Self.session.tables[name], "\(name) is not bundled")
            #expect(Array(table.names.prefix(columns.count)) == columns, "\(name) columns")
        }
        #expect(Self.session.tables["provinces"] != nil)
        #expect(Self.session.tables["totals"] != nil)
        #expect(Self.session.tables["cities"]?.column(named: "lat")?.type == .float)
        #expect(Self.session.tables["agreements"]?.column(named: "signed")?.type == .date)
    }

    @Test func rowCountsByOrigin() throws {
        // The 1,818 Wikipedia pairs stay one row each, merged with their dated twins.
        #expect(try count(#"agreements | where startswith(origin, "wikipedia")"#) == 1_818)
        #expect(try count("provinces") == 31)
        #expect(try count("countries") == 252)
        #expect(try count("cities | where level == \"province\" and country == \"China\"") >= 31)
    }

    @Test func idsAreUniqueAndEveryRowHasASource() throws {
        for (table, id) in [("cities", "city_id"), ("agreements", "agreement_id"), ("visits", "visit_id"), ("aid", "aid_id")] {
            #expect(try count("\(table) | distinct \(id)") == count(table), "\(table).\(id) is unique")
            #expect(try count("\(table) | where \(id) is null") == 0)
            #expect(try count("\(table) | where source is null or source == \"\"") == 0, "\(table) rows have a source")
        }
    }

    @Test func everyIdJoinsToCities() throws {
        for (table, column) in [("agreements", "cn_id"), ("agreements", "partner_id"), ("visits", "from_id"),
                                ("visits", "to_id"), ("aid", "donor_id"), ("aid", "recipient_id")] {
            let orphans = try count("\(table) | where \(column) is not null | join anti cities on \(column) == city_id")
            #expect(orphans == 0, "\(table).\(column) has ids missing from cities")
        }
    }

    @Test func knownFacts() throws {
        let jeju = try table(#"agreements | where cn_name == "Hainan" and partner_name == "Jeju" | select year"#)
        #expect(jeju.rowCount >= 1)
        #expect(jeju.row(0) == [.int(1995)])
        let hyogo = try table(#"agreements | where cn_name == "Hainan" and partner_name == "Hyogo" | select signed"#)
        #expect(hyogo.row(0) == [.date(DateFormat.days(year: 1990, month: 9, day: 28))])
        #expect(try count(#"agreements | where cn_name == "Haikou" and partner_name == "Vladimir""#) >= 1)
        let masks = try table(#"aid | where donor_name == "Hainan" and item == "masks" and quantity == 1_330_000 and year == 2020 | select source"#)
        #expect(masks.rowCount == 1)
        if case .string(let source) = masks.row(0)[0] { #expect(source.contains("seed")) }
    }
}
