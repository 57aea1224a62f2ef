import Columnar
import Driver
import Engine
import Semantic
import Synthetic
import Testing

/// `summarize ... by` takes different paths by the shape of its keys (one string key,
/// small keys combined into an array index, combined keys hashed, key words hashed); each
/// must give the groups a plain dictionary of the key values gives.
@Suite struct GroupingTests {
    /// Groups and their counts, computed with Swift dictionaries over the values.
    static func expectedCounts(_ table: Table, keys: [String]) -> [String: Int64] {
        let columns = keys.map { key in table.columns[table.names.firstIndex(of: key)!] }
        var counts: [String: Int64] = [:]
        for row in 0..<table.rowCount {
            counts[columns.map { canonical($0[row]) }.joined(separator: "\u{1}"), default: 0] += 1
        }
        return counts
    }

    /// -0 and 0 are one group, as are all NaNs (they print alike already).
    static func canonical(_ value: Value) -> String {
        if case .float(let x) = value, x == 0 { return Value.float(0).description }
        return value.description
    }

    static func actualCounts(_ session: Session, keys: [String]) throws -> [String: Int64] {
        let (results, diagnostics) = session.run("t | summarize n = count() by " + keys.joined(separator: ", "))
        #expect(diagnostics.isEmpty, "\(diagnostics.first?.message ?? "")")
        guard case .table(let result, _)? = results.last else { return [:] }
        var counts: [String: Int64] = [:]
        for row in 0..<result.rowCount {
            let key = (0..<keys.count).map { canonical(result.columns[$0][row]) }.joined(separator: "\u{1}")
            #expect(counts[key] == nil, "group \(key) appears twice")
            if case .int(let n) = result.columns[keys.count][row] { counts[key] = n }
        }
        return counts
    }

    @Test(arguments: [
        ["s"], ["k"], ["s", "k"], ["s", "d", "b"], ["wide"], ["x"], ["s", "wide"], ["big1", "big2", "big3"],
    ])
    func groupsMatchADictionaryOfTheValues(_ keys: [String]) throws {
        let table = Self.table(rows: 30_000)
        let session = Session(tables: ["t": table])
        #expect(try Self.actualCounts(session, keys: keys) == Self.expectedCounts(table, keys: keys))
    }

    /// Keys of every shape, with nulls: s (string), k (small int), d (date), b (bool),
    /// wide (ints too far apart for an index), x (float), and big1..3 (strings with
    /// thousands of values, whose combinations pass 2^24 and are hashed as one integer).
    static func table(rows: Int) -> Table {
        var random = SplitMix64(seed: 11)
        var builders = (0..<8).map { ColumnBuilder([.string, .int, .date, .bool, .int, .float, .string, .string][$0]) }
        var big3 = ColumnBuilder(.string)
        let words = ["海口", "Cegléd", "", "a", "A"]
        for _ in 0..<rows {
            func maybe(_ value: Value) -> Value { random.below(9) == 0 ? .null : value }
            builders[0].append(maybe(.string(words[random.below(words.count)])))
            builders[1].append(maybe(.int(Int64(random.below(7)) - 3)))
            builders[2].append(maybe(.date(Int32(random.below(40)) - 20)))
            builders[3].append(maybe(.bool(random.below(2) == 0)))
            builders[4].append(maybe(.int(random.below(2) == 0 ? Int64.min + Int64(random.below(3)) : Int64.max - Int64(random.below(3)))))
            builders[5].append(maybe(.float([0.0, -0.0, 1.5, .nan][random.below(4)])))
            builders[6].append(maybe(.string("c\(random.below(5_000))")))
            builders[7].append(maybe(.string("d\(random.below(5_000))")))
            big3.append(.string("e\(random.below(3))"))
        }
        return Table(names: ["s", "k", "d", "b", "wide", "x", "big1", "big2", "big3"],
                     columns: builders.map { $0.build() } + [big3.build()])
    }
}
