import Columnar
import Driver
import Synthetic
import Testing

/// Windowed `derive` against a reference worked out here from the values: groups by `k`
/// (null a group of its own), rows ordered by `x desc, s` with nulls last and ties in input
/// order, every function computed the plain way. On one thread and on two, with tables big
/// enough for two threads to split the sort.
@Suite struct WindowPropertyTests {
    static let query = """
        t | derive rn = row_number(), rk = rank(), dr = dense_rank(), rs = running_sum(n), lg = lag(x), \
        ld = lead(s, 2), rc = running_count(n), rm = running_min(d), rl = rolling_sum(n, 3), \
        nt = ntile(4), tot = sum(n), mx = max(s) by k sort x desc, s
        """

    @Test(arguments: [(UInt64(1), 300, 1), (2, 300, 2), (3, 1_000, 1), (4, 5, 1), (5, 0, 1), (6, 300_000, 2)])
    func windowsMatchTheReference(seed: UInt64, rows: Int, threads: Int) throws {
        let table = PropertyTests.table(seed: seed, rows: rows)
        let session = Session(tables: ["t": table])
        session.threads = threads
        let (results, diagnostics) = session.run(Self.query)
        #expect(diagnostics.isEmpty, "\(diagnostics.first?.message ?? "")")
        guard case .table(let result, _)? = results.last else { return }
        let expected = Self.reference(table)
        #expect(result.rowCount == table.rowCount)
        for (name, values) in expected {
            let column = try #require(result.column(named: name), "column \(name)")
            for row in 0..<min(result.rowCount, 20_000) where column[row].description != values[row].description {
                Issue.record("\(name), row \(row): \(column[row]) where the reference has \(values[row]) (seed \(seed))")
                break
            }
        }
    }

    /// `where r <= n` after a window: the optimized plan finds only the first rows of each
    /// group (by a heap per group, or by cutting the sorted groups when many rows are kept),
    /// and must give what the whole window then the filter give.
    @Test(arguments: [(UInt64(7), 2_000, 1, [0, 1, 3, 40, 100_000]), (8, 300_000, 2, [3, 100_000]), (9, 50_000, 1, [1, 40])])
    func limitedWindowsMatchTheWholeWindow(seed: UInt64, rows: Int, threads: Int, limits: [Int]) throws {
        let table = PropertyTests.table(seed: seed, rows: rows)
        let optimized = Session(tables: ["t": table]), asWritten = Session(tables: ["t": table])
        asWritten.optimizes = false
        for session in [optimized, asWritten] { session.threads = threads }
        for limit in limits {
            for shape in ["by k sort x desc, s", "sort n, d desc", "by k, d sort s", "by s sort k, n, x, d desc, s"] {
                let query = "t | derive r = row_number(), rk = rank(), dr = dense_rank(), lg = lag(s, 2), rs = running_sum(n), "
                    + "rm = running_max(d), rl = rolling_avg(x, 2) \(shape) | where r <= \(limit)"
                let expected = asWritten.run(query), actual = optimized.run(query)
                #expect(expected.diagnostics.isEmpty && actual.diagnostics.isEmpty, "\(query)")
                guard case .table(let want, _)? = expected.results.last, case .table(let got, _)? = actual.results.last else { continue }
                #expect(Self.sameRows(got, want), "\(query) (seed \(seed))")
                #expect(optimized.run("explain " + query).diagnostics.isEmpty)
            }
        }
    }

    /// Whether two results hold the same columns and values, row by row (cheaper than
    /// rendering both at 300,000 rows).
    static func sameRows(_ a: Table, _ b: Table) -> Bool {
        guard a.rowCount == b.rowCount, a.fields == b.fields else { return false }
        for (x, y) in zip(a.columns, b.columns) {
            for row in 0..<a.rowCount where x[row] != y[row] && x[row].description != y[row].description { return false }
        }
        return true
    }

    /// Each function's column, in input order.
    static func reference(_ table: Table) -> [String: [Value]] {
        let k = table.column(named: "k")!, n = table.column(named: "n")!, x = table.column(named: "x")!
        let s = table.column(named: "s")!, d = table.column(named: "d")!
        var groups: [String: [Int]] = [:]
        var groupOrder: [String] = []
        for row in 0..<table.rowCount {
            let key = k[row].description
            if groups[key] == nil { groupOrder.append(key) }
            groups[key, default: []].append(row)
        }
        var out: [String: [Value]] = [:]
        for name in ["rn", "rk", "dr", "rs", "lg", "ld", "rc", "rm", "rl", "nt", "tot", "mx"] {
            out[name] = Array(repeating: .null, count: table.rowCount)
        }
        for key in groupOrder {
            let members = groups[key]!
            let sorted = members.sorted { a, b in
                let byX = compare(x[a], x[b], descending: true)
                if byX != 0 { return byX < 0 }
                let byS = compare(s[a], s[b], descending: false)
                return byS != 0 ? byS < 0 : a < b
            }
            var rank = 0, dense = 0, total: Int64? = nil, count: Int64 = 0
            var smallest: Value = .null
            let sum = members.compactMap { if case .int(let v) = n[$0] { v } else { nil } }.reduce(Int64(0), +)
            let hasSum = members.contains { !n[$0].isNull }
            let largest = members.compactMap { if case .string(let v) = s[$0] { v } else { nil } }.max { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (position, row) in sorted.enumerated() {
                let tied = position > 0 && compare(x[row], x[sorted[position - 1]], descending: true) == 0
                    && compare(s[row], s[sorted[position - 1]], descending: false) == 0
                if !tied { rank = position + 1; dense += 1 }
                if case .int(let v) = n[row] { total = (total ?? 0) + v; count += 1 }
                if !d[row].isNull, smallest.isNull || compare(d[row], smallest, descending: false) < 0 { smallest = d[row] }
                let window = sorted[max(0, position - 2)...position].compactMap { if case .int(let v) = n[$0] { v } else { nil } }
                out["rn"]![row] = .int(Int64(position + 1))
                out["rk"]![row] = .int(Int64(rank))
                out["dr"]![row] = .int(Int64(dense))
                out["rs"]![row] = total.map { .int($0) } ?? .null
                out["lg"]![row] = position > 0 ? x[sorted[position - 1]] : .null
                out["ld"]![row] = position + 2 < sorted.count ? s[sorted[position + 2]] : .null
                out["rc"]![row] = .int(count)
                out["rm"]![row] = smallest
                out["rl"]![row] = window.isEmpty ? .null : .int(window.reduce(0, +))
                out["nt"]![row] = .int(Int64(ntile(position, sorted.count, 4)))
                out["tot"]![row] = hasSum ? .int(sum) : .null
                out["mx"]![row] = largest.map { .string($0) } ?? .null
            }
        }
        return out
    }

    static func ntile(_ position: Int, _ size: Int, _ buckets: Int) -> Int {
        let small = size / buckets, large = size % buckets
        if small == 0 { return position + 1 }
        return position < large * (small + 1) ? position / (small + 1) + 1 : large + (position - large * (small + 1)) / small + 1
    }

    /// -1, 0, 1 in sort order: nulls last either way, strings by bytes.
    static func compare(_ a: Value, _ b: Value, descending: Bool) -> Int {
        if a.isNull || b.isNull { return a.isNull == b.isNull ? 0 : (a.isNull ? 1 : -1) }
        let order: Int
        switch (a, b) {
        case (.int(let p), .int(let q)): order = p < q ? -1 : (p == q ? 0 : 1)
        case (.float(let p), .float(let q)): order = p < q ? -1 : (p == q ? 0 : 1)
        case (.date(let p), .date(let q)): order = p < q ? -1 : (p == q ? 0 : 1)
        case (.string(let p), .string(let q)):
            order = Array(p.utf8) == Array(q.utf8) ? 0 : (Array(p.utf8).lexicographicallyPrecedes(Array(q.utf8)) ? -1 : 1)
        default: order = 0
        }
        return descending ? -order : order
    }
}
