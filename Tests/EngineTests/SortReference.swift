import Columnar
import Synthetic

/// A random table for sort tests, with its values kept as plain Swift optionals so that the
/// expected order can be worked out here, independently of the engine's normalized keys.
struct SortTestTable {
    typealias Random = SplitMix64

    /// One column's values; nil is null.
    enum Values {
        case int([Int64?])
        case float([Double?])
        case string([String?])
        case date([Int32?])
        case bool([Bool?])
    }

    /// The key columns, by name (the table also has `id`, the row number).
    let columns: [(name: String, values: Values)]
    let rowCount: Int

    static let words = ["", "a", "A", "b", "海口", "Cegléd", "Cegled", "e\u{301}", "é", "Zürich", "zz", "a\u{0}b", "ab"]
    static let specialInts: [Int64] = [.min, .max, .min + 1, .max - 1, 0, -1, 1]
    static let specialFloats: [Double] = [.nan, -Double.nan, 0.0, -0.0, .infinity, -Double.infinity, 1e308, -1e308,
                                          .leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, 1.5, -1.5]

    init(seed: UInt64, rows: Int) {
        var random = Random(seed: seed)
        rowCount = rows
        func column<T>(_ nullEvery: Int, _ make: (inout Random) -> T) -> [T?] {
            (0..<rows).map { _ in nullEvery > 0 && random.below(nullEvery) == 0 ? nil : make(&random) }
        }
        columns = [
            // Few distinct values: many ties, so stability shows.
            ("k", .int(column(7) { Int64($0.below(4)) })),
            ("i", .int(column(9) { r in r.below(3) == 0 ? Self.specialInts[r.below(Self.specialInts.count)] : Int64(r.below(2_000)) - 1_000 })),
            // Every bit random: a key of 64 bits and a null code, so rows take several words.
            ("w", .int(column(11) { Int64(bitPattern: $0.next()) })),
            ("v", .int(column(0) { Int64(bitPattern: $0.next()) })),
            ("f", .float(column(8) { r in
                r.below(3) == 0 ? Self.specialFloats[r.below(Self.specialFloats.count)] : Double(r.below(1_000)) / 8 - 60
            })),
            ("g", .float(column(0) { Double(bitPattern: $0.next()) })),
            ("s", .string(column(6) { Self.words[$0.below(Self.words.count)] })),
            ("d", .date(column(10) { r in r.below(20) == 0 ? [Int32.min, Int32.max][r.below(2)] : Int32(r.below(40_000)) - 20_000 })),
            ("b", .bool(column(5) { $0.below(2) == 0 })),
            ("c", .int(column(0) { _ in 42 })),
            ("n", .string(column(1) { _ in "never" })),
        ]
    }

    var table: Table {
        var names = ["id"], built = [Column(.int((0..<Int64(rowCount)).map { $0 }))]
        for (name, values) in columns {
            names.append(name)
            switch values {
            case .int(let v): built.append(Self.build(.int, v) { .int($0) })
            case .float(let v): built.append(Self.build(.float, v) { .float($0) })
            case .string(let v): built.append(Self.build(.string, v) { .string($0) })
            case .date(let v): built.append(Self.build(.date, v) { .date($0) })
            case .bool(let v): built.append(Self.build(.bool, v) { .bool($0) })
            }
        }
        return Table(names: names, columns: built)
    }

    private static func build<T>(_ type: DataType, _ values: [T?], _ wrap: (T) -> Value) -> Column {
        var builder = ColumnBuilder(type, capacity: values.count)
        for value in values { builder.append(value.map(wrap) ?? .null) }
        return builder.build()
    }

    /// The rows of `rows` (row numbers) in the order of `keys` (column name, descending),
    /// ties in the order given: nulls last in both directions, NaN above every number, -0
    /// equal to 0, strings by their UTF-8 bytes.
    func referenceOrder(_ rows: [Int], keys: [(name: String, descending: Bool)]) -> [Int] {
        let comparers = keys.map { key in
            let values = columns.first { $0.name == key.name }!.values
            return (compare: Self.comparer(values), descending: key.descending)
        }
        let indexed = rows.enumerated().map { (index: $0.offset, row: $0.element) }
        return indexed.sorted { a, b in
            for comparer in comparers {
                let (order, nullInvolved) = comparer.compare(a.row, b.row)
                if order != 0 { return (comparer.descending && !nullInvolved ? -order : order) < 0 }
            }
            return a.index < b.index
        }.map(\.row)
    }

    /// A function giving -1, 0 or 1 for two rows, and whether a null decided it (then the
    /// order holds in both directions).
    private static func comparer(_ values: Values) -> (Int, Int) -> (Int, Bool) {
        func make<T>(_ values: [T?], _ less: @escaping (T, T) -> Bool) -> (Int, Int) -> (Int, Bool) {
            { a, b in
                switch (values[a], values[b]) {
                case (nil, nil): return (0, true)
                case (nil, _): return (1, true)
                case (_, nil): return (-1, true)
                case (let x?, let y?): return (less(x, y) ? -1 : (less(y, x) ? 1 : 0), false)
                }
            }
        }
        switch values {
        case .int(let v): return make(v, <)
        case .date(let v): return make(v, <)
        case .bool(let v): return make(v) { !$0 && $1 }
        case .float(let v):
            // NaN is the largest value and equals every NaN; Swift's < already makes -0 == 0.
            return make(v) { x, y in x.isNaN ? false : (y.isNaN ? true : x < y) }
        case .string(let v):
            let bytes = v.map { $0.map { Array($0.utf8) } }
            return make(bytes) { $0.lexicographicallyPrecedes($1) }
        }
    }
}
