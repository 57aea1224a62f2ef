import Columnar
import Engine
import Semantic
import Synthetic
import Testing

/// Queries split across threads give what one thread gives: groups in the same order,
/// ints equal, floats equal up to the order of additions.
@Suite struct ThreadsTests {
    static let table = GroupingTests.table(rows: 600_000)

    static func run(_ query: String, threads: Int, expectError: Bool = false) -> Table? {
        let session = Session(catalog: Catalog(tables: ["t": table]))
        session.threads = threads
        let (results, diagnostics) = session.run(query)
        #expect(diagnostics.isEmpty != expectError, "\(diagnostics.first?.message ?? "")")
        if expectError { #expect(diagnostics.first?.code == "E0401") }
        guard case .table(let result, _)? = results.last else { return nil }
        return result
    }

    @Test(arguments: [
        "t | summarize n = count(), c = count(k), total = sum(k), f = sum(x), a = avg(k), m = avg(x), kinds = count_distinct(s) by s",
        "t | where wide < 0 | summarize n = count(), total = sum(k), kinds = count_distinct(big1) by k, b",
        "t | summarize n = count() by big1, big2",
        "t | summarize n = count(), s = sum(k), a = avg(x)",
        "t | where k > 0 | summarize kinds = count_distinct(s), total = sum(k) by d",
        "t | join (t | select s2 = s, kk = k | distinct) as r on s == r.s2 | summarize n = count(), m = sum(r.kk) by big1",
    ])
    func twoThreadsAgreeWithOne(_ query: String) throws {
        guard let one = Self.run(query, threads: 1), let two = Self.run(query, threads: 2) else { return }
        #expect(one.names == two.names)
        #expect(one.rowCount == two.rowCount)
        for (a, b) in zip(one.columns, two.columns) {
            for row in 0..<min(one.rowCount, 50_000) {
                switch (a[row], b[row]) {
                case (.float(let x), .float(let y)):
                    #expect(x == y || abs(x - y) <= 1e-9 * max(abs(x), abs(y)) || (x.isNaN && y.isNaN), "row \(row)")
                case (let x, let y):
                    #expect(x == y, "row \(row)")
                }
                if a[row] != b[row], case .float = a[row] {} else if a[row] != b[row] { return }
            }
        }
    }

    @Test func anIntSumOverflowIsAnErrorOnTwoThreadsToo() {
        // wide holds values near both ends of the int range: the partial sums overflow.
        _ = Self.run("t | summarize total = sum(wide)", threads: 1, expectError: true)
        _ = Self.run("t | summarize total = sum(wide)", threads: 2, expectError: true)
    }
}
