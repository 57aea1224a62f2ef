import Columnar
import Driver
import GoldenSupport
import Synthetic
import Testing

/// `sample`: the rows it keeps depend on the seed, the data and the query only (not on the
/// thread count, nor on the optimizer), are distinct and in input order, and every set of
/// that many rows is equally likely.
@Suite struct SampleTests {
    /// `id` 0..<rows, and columns for filters and joins that split across threads.
    static func table(rows: Int) -> Table {
        var random = SplitMix64(seed: 5)
        var id = ColumnBuilder(.int), k = ColumnBuilder(.int), s = ColumnBuilder(.string)
        for row in 0..<rows {
            id.append(.int(Int64(row)))
            k.append(random.below(10) == 0 ? .null : .int(Int64(random.below(7))))
            s.append(.string("w\(random.below(50))"))
        }
        return Table(names: ["id", "k", "s"], columns: [id.build(), k.build(), s.build()])
    }

    static let big = table(rows: 400_000)

    /// The `id`s a query keeps, in order.
    static func ids(_ session: Session, _ query: String) -> [Int64] {
        let (results, diagnostics) = session.run(query)
        #expect(diagnostics.isEmpty, "\(query): \(diagnostics.first?.message ?? "")")
        guard case .table(let table, _)? = results.last, let column = table.names.firstIndex(of: "id") else { return [] }
        return (0..<table.rowCount).map { if case .int(let value) = table.columns[column][$0] { value } else { -1 } }
    }

    @Test(arguments: [
        "t | sample 1000",
        "t | where k > 2 and s != \"w3\" | sample 5000 | select id, s",
        "t | sample 30 percent | where k == 1",
        "t | derive z = k * 2 | sample 250000 | select id, z",
        "t | join (t | summarize n = count() by s2 = s) as g on s == g.s2 | sample 777 | select id, g.n",
        "t | sort s desc, id | sample 100 | take 50",
        "t | sample 10 | union (t | sample 10)",
    ])
    func theSameSeedKeepsTheSameRowsOnAnyThreadsWithOrWithoutTheOptimizer(_ query: String) {
        var runs: [[Int64]] = []
        for (threads, optimizes) in [(1, true), (2, true), (1, false), (2, false)] {
            let session = Session(tables: ["t": Self.big])
            session.seed = 2024
            session.threads = threads
            session.optimizes = optimizes
            runs.append(Self.ids(session, query))
        }
        #expect(!runs[0].isEmpty)
        for run in runs.dropFirst() { #expect(run == runs[0], "\(query)") }
        let session = Session(tables: ["t": Self.big])
        session.seed = 2025
        #expect(Self.ids(session, query) != runs[0], "another seed keeps other rows: \(query)")
    }

    @Test(arguments: [0, 1, 2, 199_999, 200_000, 200_001, 399_999, 400_000, 500_000])
    func theRowsAreDistinctInInputOrderAndAsManyAsAsked(_ rows: Int) {
        let session = Session(tables: ["t": Self.big])
        session.seed = 9
        let kept = Self.ids(session, "t | sample \(rows) | select id")
        #expect(kept.count == min(rows, 400_000))
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 }, "strictly increasing ids: distinct, in order")
        #expect(kept.allSatisfy { (0..<400_000).contains($0) })
    }

    /// Pearson's chi-square of observed counts against equal expected counts.
    static func chiSquare(_ counts: [Int]) -> Double {
        let expected = Double(counts.reduce(0, +)) / Double(counts.count)
        return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    }

    /// Every subset of `kept` of 5 rows comes up about as often, whether Floyd's algorithm
    /// draws the rows kept (2 of 5) or the rows left out (3 and 4 of 5). The seeds are fixed,
    /// so the test is deterministic; the bound is chi-square's 0.1% point for the subsets'
    /// degrees of freedom.
    @Test(arguments: [(2, 27.88), (3, 27.88), (4, 18.47)])
    func everySubsetIsEquallyLikely(kept: Int, bound: Double) {
        let session = Session(tables: ["t": Self.table(rows: 5)])
        var counts: [[Int64]: Int] = [:]
        for seed in 0..<UInt64(3_000) {
            session.seed = seed
            counts[Self.ids(session, "t | sample \(kept)"), default: 0] += 1
        }
        let subsets = kept == 4 ? 5 : 10
        #expect(counts.count == subsets)
        #expect(Self.chiSquare(Array(counts.values)) < bound, "\(counts.sorted { $0.key.lexicographicallyPrecedes($1.key) })")
    }

    /// Each row of 40 is kept about as often by `sample 25 percent` (10 rows).
    @Test func everyRowIsEquallyLikely() {
        let session = Session(tables: ["t": Self.table(rows: 40)])
        var counts = [Int](repeating: 0, count: 40)
        for seed in 0..<UInt64(2_000) {
            session.seed = seed
            let kept = Self.ids(session, "t | sample 25 percent")
            #expect(kept.count == 10)
            for id in kept { counts[Int(id)] += 1 }
        }
        // 39 degrees of freedom: the 0.1% point is 72.05.
        #expect(Self.chiSquare(counts) < 72.05, "\(counts)")
    }
}
