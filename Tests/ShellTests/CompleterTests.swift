import Foundation
import Columnar
import Driver
import Engine
import Semantic
import Shell
import Testing

/// Tab completion knows the context: what fits at the cursor.
@Suite struct CompleterTests {
    func complete(_ text: String) -> (typed: String, candidates: [String]) {
        let shell = ShellSession(engine: Session(tables: ShellGoldenTests.tables),
                                 formatter: ResultFormatter(format: .table)) { _, _ in }
        return Completer.complete(text, shell: shell)
    }

    @Test func tablesAtTheStart() {
        #expect(complete("ci").candidates == ["cities"])
        #expect(complete("").candidates.contains("agreements"))
    }

    /// sqlite3's habits: `.schema <Tab>` offers the tables, `.mode` the formats, `.headers`
    /// and `.timer` on and off.
    @Test func theArgumentsOfDotCommands() {
        #expect(complete(".schema ").candidates == ["agreements", "aid", "cities", "edge_numbers", "edge_text", "visits"])
        #expect(complete(".schema ag").candidates == ["agreements"])
        #expect(complete(".schema aid ci").candidates == ["cities"])
        #expect(complete(".mode c").candidates == ["csv"])
        #expect(complete(".headers o") == ("o", ["on", "off"]))
        #expect(complete(".he").candidates == [".help", ".headers"])
    }

    @Test func explainAndItsPipeline() {
        #expect(complete("expl").candidates == ["explain"])
        #expect(complete("explain an").candidates == ["analyze"])
        #expect(complete("explain analyze ci").candidates == ["cities"])
        #expect(complete("explain aid | where do").candidates == ["donor_id", "donor_name", "donor_country"])
        #expect(complete("explain analyze aid | where donor_name == \"Hai").candidates == ["\"Haikou\"", "\"Hainan\""])
    }

    @Test func stagesAfterAPipe() {
        #expect(complete("aid | su").candidates == ["summarize"])
        #expect(complete("aid |\n  wh").candidates == ["where"])
    }

    @Test func columnsFlowingIntoTheStage() {
        #expect(complete("aid | where do").candidates == ["donor_id", "donor_name", "donor_country"])
        // quantity is gone after the select; only functions (quantile) start with q.
        #expect(!complete("aid | select n = quantity | where q").candidates.contains("quantity"))
        #expect(complete("aid | select n = quantity | sort n").candidates.contains("n"))
        #expect(complete("aid | where len").candidates == ["len"])
    }

    /// After a pivot without a list, the columns are the values the pipeline before it has.
    @Test func clausesOfTheStageComeFirstOnceAValueIsComplete() {
        #expect(complete("aid | derive r = row_number() ").candidates.prefix(2) == ["by", "sort"])
        #expect(complete("aid | derive r = row_number() by item s").candidates.first == "sort")
        #expect(complete("aid | summarize n = count() b").candidates == ["by"])
        #expect(complete("aid | pivot direction u").candidates == ["using", "unit", "upper"])
        #expect(complete("aid | sort quantity d").candidates.first == "desc")
        #expect(complete("countries | unpivot population, area_km2 i").candidates.first == "into")
        // Where a value comes next, no clause.
        #expect(!complete("aid | derive r = ").candidates.contains("by"))
        #expect(!complete("aid | summarize n = count() by ").candidates.contains("by"))
        #expect(!complete("aid | derive ").candidates.contains("by"))
    }

    @Test func columnsAndValuesAroundPivotAndUnpivot() {
        #expect(complete("aid | pivot dir").candidates == ["direction"])
        #expect(complete("aid | pivot direction in [\"in").candidates == ["\"inbound\""])
        #expect(complete("aid | pivot direction using count() by item | where ou").candidates == ["outbound"])
        #expect(complete("aid | unpivot quantity, value_usd into measure, v | where mea").candidates == ["measure"])
    }

    @Test func kindsColumnsAndOptionsOfAChart() {
        #expect(complete("aid | ch").candidates == ["chart"])
        #expect(complete("aid | chart ").candidates == ["bar", "column", "line", "scatter", "hist", "map", "spark"])
        #expect(complete("aid | chart s").candidates == ["scatter", "spark"])
        #expect(complete("aid | summarize v = sum(quantity) by item | chart bar it").candidates.first == "item")
        #expect(complete("aid | chart hist quantity b").candidates.first == "bins")
        #expect(complete("aid | chart hist quantity ").candidates.starts(with: ["bins", "title", "to"]))
        #expect(complete("aid | summarize n = count() by year, item | chart line year, n ").candidates.first == "by")
    }

    @Test func tablesAfterJoin() {
        #expect(complete("aid | join left ci").candidates == ["cities"])
        #expect(complete("aid | join ").candidates.contains("inner"))
        #expect(complete("aid | join cr").candidates == ["cross"])
        #expect(complete("aid | join cross ci").candidates == ["cities"])
        #expect(complete("aid | join cross cities as c | where c.ci").candidates.contains("city_id"))
    }

    @Test func bothSidesInAJoinCondition() {
        let plain = complete("aid | join cities on recipient_id == ci").candidates
        #expect(plain.first == "cities.city_id" && plain.allSatisfy { $0.hasPrefix("cities.") })  // Tab inserts "cities."
        #expect(complete("aid | join left cities as r on recip").candidates == ["recipient_id", "recipient_name", "recipient_country"])
        #expect(complete("aid | join left cities as r on recipient_id == r.ci").candidates == ["city_id"])
        #expect(complete("aid | join cities as r on recipient_id == r.city_id and do").candidates
                    == ["donor_id", "donor_name", "donor_country"])
    }

    @Test func filesInsideLoadAndAfterFileCommands() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amity-complete-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/sub folder", withIntermediateDirectories: true)
        for name in ["trade.csv", "travel.json", ".hidden.csv", "sub folder/inner.q"] {
            _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data())
        }
        let load = complete("load \"\(folder)/tr")
        #expect(load.typed == "\"\(folder)/tr")
        #expect(load.candidates == ["\"\(folder)/trade.csv\"", "\"\(folder)/travel.json\""])
        #expect(complete("load \"\(folder)/s").candidates == ["\"\(folder)/sub folder/"])
        #expect(complete("load \"\(folder)/.h").candidates == ["\"\(folder)/.hidden.csv\""])
        #expect(complete("load \"\(folder)/").candidates.count == 3)  // no hidden file
        #expect(complete(".read \(folder)/tra").candidates == ["\(folder)/trade.csv", "\(folder)/travel.json"])
        #expect(complete(".output \(folder)/su").candidates == ["\(folder)/sub folder/"])
        #expect(complete(".read \(folder)/nothing").candidates == [])
        #expect(complete(".read /no/such/folder/x").candidates == [])
    }

    @Test func valuesOfTheComparedColumn() {
        let found = complete(#"aid | where donor_name == "Hai"#)
        #expect(found.typed == "\"Hai")
        #expect(found.candidates == ["\"Haikou\"", "\"Hainan\""])
        #expect(complete(#"cities | where country == "Ja"#).candidates == ["\"Japan\""])
    }

    @Test func dotCommands() {
        #expect(complete(".ta").candidates == [".tables"])
        #expect(complete(".sc").candidates == [".schema"])
        #expect(complete(".s").candidates == [".schema", ".seed", ".safe"])
    }
}
