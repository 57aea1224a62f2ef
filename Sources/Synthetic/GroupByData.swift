import Columnar

/// A seeded table shaped like the group-by table of the public db-benchmark (h2o.ai), for the group-by
/// benchmark suite (issue 17): string keys with few and many values, int keys with few and many values,
/// two int measures and one float measure. Clearly synthetic and never mixed into the bundled datasets.
/// The same seed and row count give the same rows; it has its own generator, so making it changes nothing
/// in `SyntheticData`'s tables.
///
/// | column | type | values |
/// | --- | --- | --- |
/// | id1, id2 | string | `id001` ... `id100` (`smallCount` values) |
/// | id3 | string | `id0000000001` ... `id0000100000` (`largeCount` values) |
/// | id4, id5 | int | 1 ... 100 |
/// | id6 | int | 1 ... 100,000 |
/// | v1 | int | 1 ... 5 |
/// | v2 | int | 1 ... 15 |
/// | v3 | float | 0.00 ... 99.99, two decimals |
///
/// Unlike db-benchmark, whose large keys have N/100 values, the large keys have `largeCount` values at every
/// row count (100,000 by default: the 10M-row shape), so a query groups into the same number of groups at
/// 1M and 10M rows. Every value is drawn uniformly and independently; there are no nulls.
public struct GroupByData {
    public static let names = ["id1", "id2", "id3", "id4", "id5", "id6", "v1", "v2", "v3"]

    public let smallCount: Int
    public let largeCount: Int
    private var random: SplitMix64
    private let smallDictionary: StringDictionary
    private let largeDictionary: StringDictionary

    public init(seed: UInt64 = 42, smallCount: Int = 100, largeCount: Int = 100_000) {
        precondition(smallCount > 0 && largeCount > 0, "every key needs at least one value")
        self.random = SplitMix64(seed: seed)
        self.smallCount = smallCount
        self.largeCount = largeCount
        smallDictionary = Self.dictionary((1...smallCount).map(Self.smallKeyName))
        largeDictionary = Self.dictionary((1...largeCount).map(Self.largeKeyName))
    }

    /// `id001`: the value of id1 and id2 with number `n` (1-based), zero-padded to three digits.
    public static func smallKeyName(_ n: Int) -> String { "id" + padded(n, to: 3) }

    /// `id0000000001`: the value of id3 with number `n` (1-based), zero-padded to ten digits.
    public static func largeKeyName(_ n: Int) -> String { "id" + padded(n, to: 10) }

    /// The next `rows` rows, string keys as dictionary codes (every possible value in the dictionary, numbered
    /// in order, so code `c` is value number `c + 1`). Call it again for the rows after them.
    public mutating func rows(_ rows: Int) -> Table {
        var id1 = [UInt32](repeating: 0, count: rows), id2 = id1, id3 = id1
        var id4 = [Int64](repeating: 0, count: rows), id5 = id4, id6 = id4, v1 = id4, v2 = id4
        var v3 = [Double](repeating: 0, count: rows)
        let small = UInt64(smallCount), large = UInt64(largeCount)
        for row in 0..<rows {
            id1[row] = UInt32(random.next() % small)
            id2[row] = UInt32(random.next() % small)
            id3[row] = UInt32(random.next() % large)
            id4[row] = Int64(1 + random.next() % small)
            id5[row] = Int64(1 + random.next() % small)
            id6[row] = Int64(1 + random.next() % large)
            v1[row] = Int64(1 + random.next() % 5)
            v2[row] = Int64(1 + random.next() % 15)
            v3[row] = Double(random.next() % 10_000) / 100
        }
        return Table(names: Self.names, columns: [
            Column(.string(codes: id1, dictionary: smallDictionary)),
            Column(.string(codes: id2, dictionary: smallDictionary)),
            Column(.string(codes: id3, dictionary: largeDictionary)),
            Column(.int(id4)), Column(.int(id5)), Column(.int(id6)),
            Column(.int(v1)), Column(.int(v2)), Column(.float(v3)),
        ])
    }

    private static func padded(_ n: Int, to width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func dictionary(_ strings: [String]) -> StringDictionary {
        var builder = StringDictionaryBuilder(capacity: strings.count)
        for string in strings { _ = builder.code(for: string) }
        return builder.build()
    }
}
