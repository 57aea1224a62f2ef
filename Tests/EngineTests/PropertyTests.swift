import Columnar
import Driver
import Engine
import Semantic
import GoldenSupport
import Synthetic
import Testing

/// Properties every correct engine has, checked on seeded random tables with nulls,
/// duplicates and unicode text.
@Suite struct PropertyTests {
    typealias Random = SplitMix64

    static let words = ["海口", "Cegléd", "Jeju", "", "Hyogo", "e\u{301}", "Zürich", "a", "A", "b"]

    /// A table `t(k, n, x, s, d)` of `rows` rows.
    static func table(seed: UInt64, rows: Int) -> Table {
        var random = Random(seed: seed)
        var k = ColumnBuilder(.int), n = ColumnBuilder(.int), x = ColumnBuilder(.float)
        var s = ColumnBuilder(.string), d = ColumnBuilder(.date)
        for _ in 0..<rows {
            let null = { (r: inout Random) in r.below(8) == 0 }
            k.append(null(&random) ? .null : .int(Int64(random.below(5))))
            n.append(null(&random) ? .null : .int(Int64(random.below(2_000)) - 1_000))
            x.append(null(&random) ? .null : .float(Double(random.below(10_000)) / 7 - 500))
            s.append(null(&random) ? .null : .string(words[random.below(words.count)]))
            d.append(null(&random) ? .null : .date(Int32(random.below(4_000))))
        }
        return Table(names: ["k", "n", "x", "s", "d"], columns: [k.build(), n.build(), x.build(), s.build(), d.build()])
    }

    func run(_ session: Session, _ query: String) throws -> Table {
        let (results, diagnostics) = session.run(query)
        if let error = diagnostics.first { throw error }
        guard case .table(let table, _)? = results.last else { throw Diagnostic0() }
        return table
    }

    struct Diagnostic0: Error {}

    func count(_ session: Session, _ query: String) throws -> Int64 {
        guard case .int(let value) = try run(session, query + " | count").row(0)[0] else { return -1 }
        return value
    }

    @Test(arguments: 0..<12)
    func properties(seed: UInt64) throws {
        let rows = [0, 1, 2, 7, 50, 300, 2_500, 5_000][Int(seed) % 8]
        let t = Self.table(seed: seed, rows: rows)
        let u = Self.table(seed: seed + 1_000, rows: rows / 2 + 3)
        let session = Session(tables: ["t": t, "u": u])

        // where never adds rows, and where p plus where not p plus where p is null is everything.
        for condition in ["n > 0", #"s == "a""#, "x < 0 or k == 1", "d >= @1975-01-01 and not (k in [1, 2])"] {
            let kept = try count(session, "t | where \(condition)")
            let dropped = try count(session, "t | where not (\(condition))")
            let unknown = try count(session, "t | where (\(condition)) is null")
            #expect(kept <= rows)
            #expect(kept + dropped + unknown == rows, "\(condition)")
        }

        // sort is an ordered permutation; nulls last.
        for (key, direction) in [("n", "asc"), ("x", "desc"), ("s", "asc"), ("d", "desc")] {
            let sorted = try run(session, "t | sort \(key) \(direction), k")
            #expect(sorted.rowCount == rows)
            let column = sorted.column(named: key)!
            let values = (0..<sorted.rowCount).map { column[$0] }
            let original = (0..<t.rowCount).map { t.column(named: key)![$0] }
            #expect(values.map(\.description).sorted() == original.map(\.description).sorted())
            if let firstNull = values.firstIndex(of: .null) {
                let nullsLast = values[firstNull...].allSatisfy { $0.isNull }
                #expect(nullsLast, "nulls last")
            }
            let present = values.filter { !$0.isNull }
            for (a, b) in zip(present, present.dropFirst()) {
                #expect(Self.ordered(a, b, descending: direction == "desc"), "\(key) \(direction): \(a) then \(b)")
            }
        }

        // take n gives at most n rows; top n is sort then take.
        for n in [0, 1, 3, 1_000] {
            let taken = try count(session, "t | take \(n)")
            #expect(taken == min(n, rows))
            let top = try run(session, "t | top \(n) by n desc, k")
            let sortTake = try run(session, "t | sort n desc, k | take \(n)")
            #expect(Self.rows(top) == Self.rows(sortTake))
        }

        // summarize count() by k sums to the row count; one group per distinct key.
        let groups = try run(session, "t | summarize c = count() by k")
        let total = (0..<groups.rowCount).reduce(Int64(0)) { sum, row in
            if case .int(let c) = groups.column(named: "c")![row] { return sum + c }
            return sum
        }
        #expect(total == rows)
        let distinctKeys = try count(session, "t | distinct k")
        #expect(groups.rowCount == distinctKeys)

        // semi and anti joins partition the left side.
        let semi = try count(session, "t | join semi u on t.k == u.k")
        let anti = try count(session, "t | join anti u on t.k == u.k")
        #expect(semi + anti == rows)
        // An inner join's rows are the pairs with equal non-null keys.
        func keyCounts(_ table: Table) -> [Value: Int64] {
            let column = table.column(named: "k")!
            var counts: [Value: Int64] = [:]
            for row in 0..<table.rowCount where !column.isNull(row) { counts[column[row], default: 0] += 1 }
            return counts
        }
        let uCounts = keyCounts(u)
        let pairs = keyCounts(t).reduce(Int64(0)) { $0 + $1.value * (uCounts[$1.key] ?? 0) }
        let inner = try count(session, "t | join u on t.k == u.k")
        let left = try count(session, "t | join left u on t.k == u.k")
        #expect(inner == pairs)
        #expect(left == pairs + anti)
    }

    static func ordered(_ a: Value, _ b: Value, descending: Bool) -> Bool {
        func le(_ x: Value, _ y: Value) -> Bool {
            switch (x, y) {
            case (.int(let p), .int(let q)): return p <= q
            case (.float(let p), .float(let q)): return p <= q
            case (.date(let p), .date(let q)): return p <= q
            case (.string(let p), .string(let q)): return Array(p.utf8).lexicographicallyPrecedes(Array(q.utf8)) || p == q
            default: return false
            }
        }
        return descending ? le(b, a) : le(a, b)
    }

    static func rows(_ table: Table) -> [[Value]] { (0..<table.rowCount).map(table.row) }
}

@Suite struct StatementFailureTests {
    /// A failed statement leaves every table as it was.
    @Test func aFailedLoadKeepsThePreviousTable() throws {
        let folder = GoldenFiles.testsFolder.appendingPathComponent("Fixtures/load").path
        let session = Session()
        session.loadFolder = folder
        #expect(session.run(#"load "tabs.tsv" as t"#).diagnostics.isEmpty)
        #expect(!session.run(#"load "ragged.csv" as t"#).diagnostics.isEmpty)
        #expect(!session.run(#"let t = t | where nope"#).diagnostics.isEmpty)
        #expect(session.tables["t"]?.rowCount == 2)
        #expect(session.tables["t"]?.names == ["name", "country"])
    }
}
