import Columnar
import Driver
import Synthetic
import Testing

/// Long chains (`a + b + c + ...`, `x > 0 and ...`) run at any height the parser allows, on the
/// large stack statements run on, with the same answers as short ones; on a table large
/// enough to be split across threads too, where tall trees stay on the statement's thread.
@Suite struct DeepExpressionTests {
    func value(_ session: Session, _ query: String) -> Value? {
        var result: Value?
        LargeStack.run {
            let (results, diagnostics) = session.run(query)
            #expect(diagnostics.isEmpty, "\(diagnostics.first?.message ?? "")")
            if case .table(let table, _)? = results.last, table.rowCount == 1 { result = table.row(0)[0] }
        }
        return result
    }

    @Test func aSumOfFiveHundredTermsEqualsAProduct() {
        let session = Fixtures.session()
        let n = 500
        let terms = Array(repeating: "x", count: n).joined(separator: " + ")
        let rows = 300_000
        let numbers = (0..<rows).map { Int64($0 % 1_000) - 500 }
        session.define(table: Table(names: ["x"], columns: [Column(.int(numbers))]), as: "numbers")
        session.threads = 2
        let expected = numbers.reduce(0, +) * Int64(n)
        #expect(value(session, "numbers | summarize s = sum(\(terms))") == .int(expected))
        #expect(value(session, "numbers | derive y = \(terms) | summarize s = sum(y)") == .int(expected))
    }

    @Test func aLongConjunctionFilters() {
        let session = Fixtures.session()
        let clauses = (0..<1_000).map { "x != \($0 * 20 + 7)" }.joined(separator: " and ")
        let rows = (0..<20_000).map { Int64($0) }
        session.define(table: Table(names: ["x"], columns: [Column(.int(rows))]), as: "numbers")
        // 1,000 of the values are ruled out, each by one clause.
        #expect(value(session, "numbers | where \(clauses) | count") == .int(19_000))
    }

    @Test func explainShowsATallTree() {
        let session = Fixtures.session()
        var explained = ""
        LargeStack.run {
            let terms = Array(repeating: "1", count: 2_000).joined(separator: " + ")
            if case .explanation(let text)? = session.run("explain aid | derive t = \(terms)").results.last { explained = text }
        }
        #expect(explained.contains("2000"), "constants are folded: \(explained.prefix(300))")
    }
}
