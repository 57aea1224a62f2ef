import Columnar
import Driver
import Engine
import Testing

/// The aggregates of issue 13 (quantile, var, covar, corr, mode, count_if, arg_max, arg_min,
/// count_distinct of floats) against a plain reference computed here, row by row, on seeded
/// tables with nulls, ties and unicode text: on one thread and two (the big table splits),
/// by every grouping strategy and by hashing alone.
@Suite struct AggregatePropertyTests {
    static let query = """
        summarize n = count(), q = quantile(x, 0.3), v = var(n), c = covar(n, x), r = corr(n, x), m = mode(s), \
        mx = mode(k), ci = count_if(n > 0), amax = arg_max(s, x), amin = arg_min(d, n), cd = count_distinct(x), \
        cb = count_distinct(n > 0)
        """

    /// The last table is big enough to split across two threads (2 x 2^17 rows).
    @Test(arguments: [(0, 0), (1, 1), (2, 7), (3, 300), (4, 5_000), (5, 300_000)])
    func aggregatesMatchTheReference(seed: UInt64, rows: Int) throws {
        let table = PropertyTests.table(seed: seed, rows: rows)
        let session = Session(tables: ["t": table])
        // Keyless, small keys combined, one string key (dictionary codes); hashed below.
        for key in rows > 10_000 ? [" by k, s"] : ["", " by k", " by s", " by k, s"] {
            let expected = Self.reference(table, keys: key.isEmpty ? [] : key.dropFirst(4).components(separatedBy: ", "))
            for (threads, hashing) in [(1, false), (2, false), (1, true), (2, true)] {
                session.threads = threads
                session.forcesHashedGroups = hashing
                let (results, diagnostics) = session.run("t | " + Self.query + key)
                #expect(diagnostics.isEmpty, "\(diagnostics.first?.message ?? "")")
                guard case .table(let actual, _)? = results.last else { continue }
                let label = "rows \(rows)\(key), \(threads) thread(s)\(hashing ? ", hashed" : "")"
                try #require(actual.rowCount == expected.count, "\(label): groups")
                for (row, wanted) in expected.enumerated() {
                    for (name, value) in wanted {
                        Self.expectClose(actual.column(named: name)![row], value, "\(label), group \(row), \(name)")
                    }
                }
            }
        }
    }

    /// median and quantile find their values by selection, not a sort: groups laid out the
    /// ways that defeat a careless quickselect (sorted, reversed, all equal, organ pipe, few
    /// distinct values, NaN among them) give what a sort gives.
    @Test(arguments: ["sorted", "reversed", "equal", "organ", "few", "nan"])
    func quantilesOfAwkwardOrders(pattern: String) throws {
        var groups = ColumnBuilder(.int), values = ColumnBuilder(.float)
        var expected: [[Double]] = []
        for (group, size) in [1, 2, 3, 17, 18, 1_000, 4_099].enumerated() {
            let column: [Double] = (0..<size).map { i in
                switch pattern {
                case "sorted": return Double(i)
                case "reversed": return Double(size - i)
                case "equal": return 7
                case "organ": return Double(i < size / 2 ? i : size - i)
                case "few": return Double((i * 7_919) % 3)
                default: return i % 5 == 0 ? .nan : Double((i * 7_919) % 101)
                }
            }
            for value in column {
                groups.append(.int(Int64(group)))
                values.append(.float(value))
            }
            expected.append(column)
        }
        let session = Session(tables: ["t": Table(names: ["g", "x"], columns: [groups.build(), values.build()])])
        let (results, diagnostics) = session.run("t | summarize m = median(x), q0 = quantile(x, 0), q1 = quantile(x, 0.1), "
            + "q9 = quantile(x, 0.9), q10 = quantile(x, 1) by g")
        #expect(diagnostics.isEmpty)
        guard case .table(let actual, _)? = results.last else { return }
        for (group, column) in expected.enumerated() {
            // Sorted as `sort` orders numbers: NaN above all (as the reference quantile does).
            let sorted = column.filter { !$0.isNaN }.sorted() + column.filter(\.isNaN)
            let middle = sorted.count / 2
            let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            let wanted: [(String, Value)] = [("m", .float(median)), ("q0", Self.quantile(sorted, 0)),
                                             ("q1", Self.quantile(sorted, 0.1)), ("q9", Self.quantile(sorted, 0.9)),
                                             ("q10", Self.quantile(sorted, 1))]
            for (name, value) in wanted {
                let got = actual.column(named: name)![group]
                if case .float(let a) = got, case .float(let e) = value, a.isNaN, e.isNaN { continue }
                Self.expectClose(got, value, "\(pattern), group \(group), \(name)")
            }
        }
    }

    /// Floats agree to 1e-9 relative (sums of squares add in another order); the rest exactly.
    static func expectClose(_ actual: Value, _ expected: Value, _ label: String) {
        if case .float(let a) = actual, case .float(let e) = expected {
            #expect(a == e || abs(a - e) <= 1e-9 * max(abs(a), abs(e), 1e-300), "\(label): \(a) != \(e)")
        } else {
            #expect(actual == expected, "\(label)")
        }
    }

    // MARK: - The reference

    /// Each group's expected values, groups in order of first appearance.
    static func reference(_ table: Table, keys: [String]) -> [[(String, Value)]] {
        let columns = ["k", "n", "x", "s", "d"].map { table.column(named: $0)! }
        let (k, n, x, s, d) = (columns[0], columns[1], columns[2], columns[3], columns[4])
        let keyColumns = keys.map { table.column(named: $0)! }
        var order: [[Value]] = []
        var members: [[Value]: [Int]] = [:]
        for row in 0..<table.rowCount {
            // Strings keyed by their bytes: Swift's String == is canonical equivalence.
            let key = keyColumns.map { column -> Value in
                if case .string(let text) = column[row] { return .string(Self.bytesKey(text)) }
                return column[row]
            }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(row)
        }
        if keys.isEmpty && order.isEmpty { order = [[]]; members[[]] = [] }
        return order.map { key in
            let rows = members[key]!
            func doubles(_ column: Column, _ rows: [Int]) -> [Double] {
                rows.compactMap { row in
                    switch column[row] {
                    case .int(let v): return Double(v)
                    case .float(let v): return v
                    default: return nil
                    }
                }
            }
            let pairs = rows.filter { !n.isNull($0) && !x.isNull($0) }
            return [
                ("n", .int(Int64(rows.count))),
                ("q", quantile(doubles(x, rows), 0.3)),
                ("v", covariance(doubles(n, rows), doubles(n, rows))),
                ("c", covariance(doubles(n, pairs), doubles(x, pairs))),
                ("r", correlation(doubles(n, pairs), doubles(x, pairs))),
                ("m", mode(s, rows)),
                ("mx", mode(k, rows)),
                ("ci", .int(Int64(rows.filter { if case .int(let v) = n[$0] { return v > 0 } else { return false } }.count))),
                ("amax", pick(s, by: x, rows, largest: true)),
                ("amin", pick(d, by: n, rows, largest: false)),
                ("cd", .int(Int64(Set(doubles(x, rows).map { $0 == 0 ? 0 : $0 }).count))),
                ("cb", .int(Int64(Set(rows.compactMap { if case .int(let v) = n[$0] { return v > 0 } else { return nil } }).count))),
            ]
        }
    }

    /// Text that compares as its bytes do (Swift's String == is canonical equivalence).
    static func bytesKey(_ text: String) -> String {
        text.utf8.map { String($0, radix: 16) }.joined(separator: ".")
    }

    static func quantile(_ values: [Double], _ p: Double) -> Value {
        guard !values.isEmpty else { return .null }
        let sorted = values.filter { !$0.isNaN }.sorted() + values.filter(\.isNaN)
        let position = Double(sorted.count - 1) * p
        let low = Int(position.rounded(.down)), high = Int(position.rounded(.up))
        return .float(low == high ? sorted[low] : sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low)))
    }

    /// Two passes: the means, then the products of deviations, over n - 1.
    static func covariance(_ a: [Double], _ b: [Double]) -> Value {
        guard a.count > 1 else { return .null }
        let meanA = a.reduce(0, +) / Double(a.count), meanB = b.reduce(0, +) / Double(b.count)
        return .float(zip(a, b).reduce(0) { $0 + ($1.0 - meanA) * ($1.1 - meanB) } / Double(a.count - 1))
    }

    static func correlation(_ a: [Double], _ b: [Double]) -> Value {
        guard case .float(let c) = covariance(a, b), case .float(let va) = covariance(a, a),
              case .float(let vb) = covariance(b, b), va > 0, vb > 0 else { return .null }
        return .float(min(1, max(-1, c / (va * vb).squareRoot())))
    }

    /// The most frequent value; on a tie the one seen first.
    static func mode(_ column: Column, _ rows: [Int]) -> Value {
        var counts: [String: (count: Int, first: Int)] = [:]
        for (position, row) in rows.enumerated() where !column.isNull(row) {
            counts[Self.bytesKey(column[row].description), default: (0, position)].count += 1
        }
        guard let best = counts.values.max(by: { $0.count < $1.count || ($0.count == $1.count && $0.first > $1.first) }) else {
            return .null
        }
        return column[rows[best.first]]
    }

    /// The value at the row whose key is largest (smallest), the first such row; rows with a
    /// null in either skipped. Keys here are ints, floats or strings compared by bytes.
    static func pick(_ value: Column, by key: Column, _ rows: [Int], largest: Bool) -> Value {
        func order(_ a: Value, _ b: Value) -> Int {
            switch (a, b) {
            case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
            case (.float(let x), .float(let y)): return x < y ? -1 : (x == y ? 0 : 1)
            default: preconditionFailure()
            }
        }
        var chosen: Int?
        for row in rows where !value.isNull(row) && !key.isNull(row) {
            guard let current = chosen else {
                chosen = row
                continue
            }
            let comparison = order(key[row], key[current])
            if largest ? comparison > 0 : comparison < 0 { chosen = row }
        }
        return chosen.map { value[$0] } ?? .null
    }
}
