import Columnar
import Driver
import Foundation
import Testing

/// `explain analyze` runs the pipeline and shows, per operator, the rows that went in and
/// out (checked here against the stages run one by one), its time, memory and threads.
@Suite struct ExplainAnalyzeTests {
    func text(_ query: String, threads: Int = 1) throws -> String {
        let session = Fixtures.session()
        session.threads = threads
        let (results, diagnostics) = session.run("explain analyze " + query)
        if let error = diagnostics.first { throw error }
        guard case .explanation(let text)? = results.last else { throw CancellationError() }
        return text
    }

    func count(_ query: String) throws -> Int {
        let (results, diagnostics) = Fixtures.session().run(query + " | count")
        if let error = diagnostics.first { throw error }
        guard case .table(let table, _)? = results.last, case .int(let n) = table.columns[0][0] else { return -1 }
        return Int(n)
    }

    /// The line of the operator numbered `number`.
    func line(_ text: String, _ number: Int) -> String? {
        text.components(separatedBy: "\n").first { $0.hasPrefix(String(format: "  %d  ", number)) }
    }

    @Test func rowsInAndOutFollowThePipeline() throws {
        let text = try text("agreements | where kind == \"sister-city\" | summarize n = count() by cn_province | top 3 by n desc")
        let all = try count("agreements"), sister = try count("agreements | where kind == \"sister-city\"")
        let provinces = try count("agreements | where kind == \"sister-city\" | distinct cn_province")
        #expect(line(text, 1)?.contains("\(all) → \(all)") == true, "\(text)")
        #expect(line(text, 2)?.contains("\(all) → \(sister)") == true, "\(text)")
        #expect(line(text, 3)?.contains("\(sister) → \(provinces)") == true, "\(text)")
        #expect(line(text, 4)?.contains("\(provinces) → 3") == true, "\(text)")
        #expect(text.contains("result: 3 rows in "))
        #expect(text.contains("rows in → out       time    memory  threads"))
        for number in 1...4 { #expect(line(text, number)?.contains(" ms ") == true) }
    }

    @Test func theOtherSideOfAJoinIsMeasuredToo() throws {
        let text = try text("agreements | join cities on partner_id == city_id | where continent == \"Europe\" | count")
        let europe = try count("cities | where continent == \"Europe\"")
        let cities = try count("cities")
        #expect(text.contains("\(cities) → \(europe)"), "\(text)")
        #expect(text.contains("inner join on partner_id == city_id"))
    }

    @Test func aPipelineUsedAsAValueRunsFirst() throws {
        let text = try text("cities | where population > (cities | summarize avg(population)) | select name")
        // The subquery's scan and aggregate run first: numbers 1 and 2.
        #expect(line(text, 1)?.contains("scan cities (1 of") == true, "\(text)")
        #expect(line(text, 2)?.contains("aggregate avg(population)") == true, "\(text)")
    }

    @Test func anErrorWhileAnalyzingIsReportedAtItsPlace() {
        let (_, diagnostics) = Fixtures.session().run("explain analyze edge_numbers | select q = 10 // (i - i)")
        #expect(diagnostics.first?.message == "integer division by zero")
    }
}
