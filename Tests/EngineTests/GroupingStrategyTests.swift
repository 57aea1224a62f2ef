import Columnar
import Driver
import Foundation
import Synthetic
import Testing

/// Every way `summarize ... by` finds its groups and splits its work gives what the plainest
/// way gives (every key hashed, one thread): on seeded tables with nulls, negative and extreme
/// ints, NaN, -0 and infinities in the keys, few groups and nearly one group per row, on one
/// thread and two. `explain analyze` is checked to name the way each case meant to reach, so
/// a change in the planner cannot quietly leave a way untested.
@Suite struct GroupingStrategyTests {
    typealias Random = SplitMix64

    static let aggregates = """
        summarize n = count(), c = count(x), s = sum(i), a = avg(x), lo = min(x), hi = max(i), f = first(t), \
        l = last(x), sd = stddev(x), md = median(x), am = arg_max(t, i)
        """
    /// Aggregates that hash every value: run on the small tables only (their own property
    /// tests cover them at size), to keep the suite quick.
    static let hashingAggregates = ", cd = count_distinct(i), mo = mode(i)"

    /// A table `g(w, v, p, q, t, i, x, y)`: `w` a wide int key without nulls (extreme values
    /// among `groups` of them; past `rows` groups, a fresh random key on most rows), `v` the same with nulls, `p` and `q` ints from -2,000 to 2,000 with
    /// nulls (two combine just below 2^24, three with `t` past it), `t` text, `i` and `x` the measures.
    static func table(seed: UInt64, rows: Int, groups: Int) -> Table {
        var random = Random(seed: seed)
        let extremes: [Int64] = [.min, .max, .min + 1, .max - 1, 0, -1]
        let pool: [Int64] = (0..<max(1, min(groups, 1_000))).map { index in
            index < extremes.count ? extremes[index] : Int64(bitPattern: random.next())
        }
        let floats: [Double] = [.nan, -0.0, 0.0, .infinity, -.infinity, 1.5, -2.25]
        var w = ColumnBuilder(.int), v = ColumnBuilder(.int), p = ColumnBuilder(.int), q = ColumnBuilder(.int)
        var t = ColumnBuilder(.string), i = ColumnBuilder(.int), x = ColumnBuilder(.float)
        var y = ColumnBuilder(.float)
        for _ in 0..<rows {
            let key = groups > rows && random.below(20) != 0 ? Int64(bitPattern: random.next()) : pool[random.below(pool.count)]
            w.append(.int(key))
            v.append(random.below(10) == 0 ? .null : .int(key))
            p.append(random.below(12) == 0 ? .null : .int(Int64(random.below(4_001)) - 2_000))
            q.append(random.below(12) == 0 ? .null : .int(Int64(random.below(4_001)) - 2_000))
            t.append(random.below(9) == 0 ? .null : .string(PropertyTests.words[random.below(PropertyTests.words.count)]))
            i.append(random.below(7) == 0 ? .null : .int(Int64(random.below(2_000_001)) - 1_000_000))
            let value = random.below(20) == 0 ? floats[random.below(floats.count)] : Double(random.below(100_000)) / 8 - 6_000
            x.append(random.below(8) == 0 ? .null : .float(value))
            y.append(.float(random.below(3) == 0 ? floats[random.below(floats.count)] : Double(random.below(groups + 1))))
        }
        return Table(names: ["w", "v", "p", "q", "t", "i", "x", "y"],
                     columns: [w.build(), v.build(), p.build(), q.build(), t.build(), i.build(), x.build(), y.build()])
    }

    /// Keys, and what `explain analyze` says of the way they are grouped when not forced to hash.
    static let keys: [(keys: String, way: String)] = [
        ("w", "hashed in"), ("y", "hashed in"), ("v", "key words hashed in"), ("p, q", "small keys combined ("),
        ("p, q, t", "small keys combined, then hashed in"), ("t, w", "key words hashed in"), ("t", "dictionary codes"),
    ]

    /// Small tables exercise every way on one thread; the big ones split across two threads,
    /// and with nearly one group per row their aggregates split by slot.
    @Test(arguments: [(1, 0, 1), (2, 1, 1), (3, 500, 40), (4, 300_000, 1_000_000_000), (5, 300_000, 300)])
    func everyWayGivesThePlainHashedAnswer(seed: UInt64, rows: Int, groups: Int) throws {
        let session = Session(tables: ["g": Self.table(seed: seed, rows: rows, groups: groups)])
        let big = rows > 10_000
        for (keys, way) in Self.keys where !big || ["w", "y", "p, q", "p, q, t"].contains(keys) {
            let query = "g | \(Self.aggregates)\(big ? "" : Self.hashingAggregates) by \(keys)"
            session.threads = 1
            session.forcesHashedGroups = true
            let expected = try Self.table(session, query)
            session.forcesHashedGroups = false
            for threads in [1, 2] {
                session.threads = threads
                let label = "\(rows) rows, \(groups) groups, by \(keys), \(threads) thread(s)"
                Self.expectSame(try Self.table(session, query), expected, label)
                if rows >= 500, threads == 2 {
                    let plan = try Self.explained(session, query)
                    #expect(plan.contains(way), "\(label): \(plan)")
                    if groups > rows, keys == "w" {
                        #expect(plan.contains("split by slot across 2 threads"), "\(label): \(plan)")
                    }
                }
            }
        }
    }

    /// count_distinct past its bitmap (a wide int or a float beside many slots) numbers the
    /// (slot, value) pairs by the partitioned grouping: it counts what `distinct` then
    /// `count` count, which share none of its code.
    @Test(arguments: [(6, 5_000, 40), (7, 300_000, 1_000_000_000)])
    func distinctCountsAreTheRowsOfDistinct(seed: UInt64, rows: Int, groups: Int) throws {
        let session = Session(tables: ["g": Self.table(seed: seed, rows: rows, groups: groups)])
        for threads in [1, 2] {
            session.threads = threads
            for (keys, value) in [("w", "i"), ("p", "i"), ("p, t", "x"), ("v", "y")] {
                let counted = try Self.table(session, "g | summarize c = count_distinct(\(value)) by \(keys)")
                let listed = try Self.table(session, "g | distinct \(keys), \(value) | summarize c = count(\(value)) by \(keys)")
                Self.expectSame(counted, listed, "count_distinct(\(value)) by \(keys), \(threads) thread(s)")
            }
        }
    }

    static func table(_ session: Session, _ query: String) throws -> Table {
        let (results, diagnostics) = session.run(query)
        if let error = diagnostics.first { throw error }
        guard case .table(let table, _)? = results.last else { throw CancellationError() }
        return table
    }

    static func explained(_ session: Session, _ query: String) throws -> String {
        let (results, diagnostics) = session.run("explain analyze " + query)
        if let error = diagnostics.first { throw error }
        guard case .explanation(let text)? = results.last else { throw CancellationError() }
        return text
    }

    /// The same groups in the same order; ints and text exactly, floats to a relative 1e-9
    /// (a float sum split across threads adds in another order), NaN equal to NaN.
    static func expectSame(_ actual: Table, _ expected: Table, _ label: String) {
        #expect(actual.names == expected.names, "\(label): columns")
        guard actual.rowCount == expected.rowCount else {
            Issue.record("\(label): \(actual.rowCount) groups, expected \(expected.rowCount)")
            return
        }
        var mismatches = 0
        for (index, name) in expected.names.enumerated() {
            for row in 0..<expected.rowCount where mismatches < 5 {
                let got = actual.columns[index][row], wanted = expected.columns[index][row]
                let same: Bool
                if case .float(let a) = got, case .float(let b) = wanted {
                    same = a == b || (a.isNaN && b.isNaN) || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
                } else {
                    same = got == wanted
                }
                if !same {
                    mismatches += 1
                    Issue.record("\(label), group \(row), \(name): \(got) against \(wanted)")
                }
            }
        }
    }
}
