import Columnar
import Driver
import Synthetic
import Testing

/// `sort`, `top` and `sort | take` checked against a reference stable sort worked out from
/// the values (``SortTestTable``): random tables with the edge values of every type, random
/// key lists of one to five keys in mixed directions, on one thread and two. The biggest
/// tables are over twice `Parallel.minimumRowsPerThread`, so two threads really split them.
@Suite struct SortPropertyTests {
    typealias Random = SplitMix64

    static let keyNames = ["k", "i", "w", "v", "f", "g", "s", "d", "b", "c", "n"]

    /// Up to `most` distinct keys, each ascending or descending.
    static func keys(_ random: inout Random, most: Int) -> [(name: String, descending: Bool)] {
        var names = keyNames
        return (0..<1 + random.below(most)).map { _ in
            (name: names.remove(at: random.below(names.count)), descending: random.below(2) == 0)
        }
    }

    static func text(_ keys: [(name: String, descending: Bool)]) -> String {
        keys.map { $0.name + ($0.descending ? " desc" : "") }.joined(separator: ", ")
    }

    /// The `id` column of a query's result.
    static func ids(_ session: Session, _ query: String) throws -> [Int] {
        let (results, diagnostics) = session.run(query)
        if let error = diagnostics.first { throw SortTestError(message: "\(query): \(error.message)") }
        guard case .table(let table, _)? = results.last, let column = table.column(named: "id"),
              case .int(let values) = column.values else {
            throw SortTestError(message: "\(query): no id column")
        }
        return values.map { Int($0) }
    }

    struct SortTestError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    @Test(arguments: 0..<24)
    func sortTopAndTakeAgreeWithTheReference(seed: UInt64) throws {
        let sizes = [0, 1, 2, 3, 5, 17, 64, 100, 257, 1_000, 2_500, 6_000]
        let rows = sizes[Int(seed) % sizes.count]
        let data = SortTestTable(seed: seed, rows: rows)
        let session = Session(tables: ["t": data.table])
        var random = Random(seed: seed &* 7919)
        for _ in 0..<6 {
            let keys = Self.keys(&random, most: 5)
            let expected = data.referenceOrder(Array(0..<rows), keys: keys)
            let n = [0, 1, 3, 10, 100, rows][random.below(6)]
            // Rows a filter keeps: the keys are then read through a selection.
            let kept = (0..<rows).filter { $0 % 3 != 1 }
            let expectedKept = data.referenceOrder(kept, keys: keys)
            for threads in [1, 2] {
                session.threads = threads
                let order = Self.text(keys)
                #expect(try Self.ids(session, "t | sort \(order) | select id") == expected, "sort \(order), \(threads) threads")
                #expect(try Self.ids(session, "t | top \(n) by \(order) | select id") == Array(expected.prefix(n)),
                        "top \(n) by \(order), \(threads) threads")
                #expect(try Self.ids(session, "t | sort \(order) | take \(n) | select id") == Array(expected.prefix(n)),
                        "sort \(order) | take \(n), \(threads) threads")
                #expect(try Self.ids(session, "t | where id % 3 != 1 | sort \(order) | select id") == expectedKept,
                        "where, then sort \(order), \(threads) threads")
            }
        }
    }

    /// Tables big enough that both threads get rows, in the sort's first pass and in the
    /// top-n heaps.
    @Test(arguments: 0..<2)
    func bigTablesSplitAcrossThreads(seed: UInt64) throws {
        let rows = 2 * (1 << 17) + 12_345
        let data = SortTestTable(seed: 1_000 + seed, rows: rows)
        let session = Session(tables: ["t": data.table])
        var random = Random(seed: seed &+ 99)
        for _ in 0..<2 {
            let keys = Self.keys(&random, most: 4)
            let order = Self.text(keys)
            let expected = data.referenceOrder(Array(0..<rows), keys: keys)
            for threads in [1, 2] {
                session.threads = threads
                #expect(try Self.ids(session, "t | sort \(order) | select id") == expected, "sort \(order), \(threads) threads")
                #expect(try Self.ids(session, "t | top 50 by \(order) | select id") == Array(expected.prefix(50)),
                        "top 50 by \(order), \(threads) threads")
                #expect(try Self.ids(session, "t | sort \(order) | take 7 | select id") == Array(expected.prefix(7)),
                        "sort \(order) | take 7, \(threads) threads")
            }
        }
    }

    /// Keys wider than four words with the position sort in stages, each keeping the order
    /// the one before left between ties.
    @Test func keysWiderThanFourWordsSortInStages() throws {
        let data = SortTestTable(seed: 77, rows: 3_000)
        let session = Session(tables: ["t": data.table])
        for keys in [[("k", false), ("w", true), ("g", false), ("v", true), ("f", false)],
                     [("w", false), ("v", false), ("g", true), ("f", true), ("i", false), ("s", true)]] {
            let named = keys.map { (name: $0.0, descending: $0.1) }
            let expected = data.referenceOrder(Array(0..<3_000), keys: named)
            for threads in [1, 2] {
                session.threads = threads
                #expect(try Self.ids(session, "t | sort \(Self.text(named)) | select id") == expected)
                #expect(try Self.ids(session, "t | top 20 by \(Self.text(named)) | select id") == Array(expected.prefix(20)))
            }
        }
    }

    /// Strings of many distinct values, sharing long prefixes (a NUL among the letters), so
    /// the dictionary is ranked by its radix sort, again and again on eight more bytes; the
    /// biggest is over twice `Parallel.minimumRowsPerThread` entries.
    @Test(arguments: [5_000, 280_000])
    func manyDistinctStringsSortByTheirBytes(rows: Int) throws {
        var random = Random(seed: UInt64(rows))
        let letters = ["a", "b", "\u{0}", "é", "海", "z"]
        let strings: [String?] = (0..<rows).map { _ in
            random.below(50) == 0 ? nil : String((0..<random.below(24)).map { _ in letters[random.below(letters.count)] }.joined())
        }
        var builder = ColumnBuilder(.string, capacity: rows)
        for string in strings { builder.append(string.map(Value.string) ?? .null) }
        let table = Table(names: ["id", "s"], columns: [Column(.int((0..<Int64(rows)).map { $0 })), builder.build()])
        let session = Session(tables: ["t": table])
        let bytes = strings.map { $0.map { Array($0.utf8) } }
        for descending in [false, true] {
            let expected = (0..<rows).sorted { a, b in
                switch (bytes[a], bytes[b]) {
                case (nil, nil): return a < b
                case (nil, _): return false
                case (_, nil): return true
                case (let x?, let y?):
                    if x == y { return a < b }
                    return descending ? y.lexicographicallyPrecedes(x) : x.lexicographicallyPrecedes(y)
                }
            }
            for threads in [1, 2] {
                session.threads = threads
                let order = descending ? "s desc" : "s"
                #expect(try Self.ids(session, "t | sort \(order) | select id") == expected, "sort \(order), \(threads) threads")
                #expect(try Self.ids(session, "t | top 9 by \(order) | select id") == Array(expected.prefix(9)))
            }
        }
    }
}
