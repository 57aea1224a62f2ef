import Columnar
import Evaluation

/// Row keys as 64-bit words, one array per key column, plus a word of null flags per row.
///
/// Ints, dates and bools are their bit patterns, floats too (with -0 and NaN made
/// canonical), strings their dictionary code. Equal keys have equal words, so grouping,
/// distinct and joins hash and compare words instead of values.
struct KeyWords {
    var columns: [[UInt64]]
    var nulls: [UInt64]
    let count: Int

    init(_ keyColumns: [Column], count: Int) {
        self.count = count
        nulls = [UInt64](repeating: 0, count: count)
        columns = []
        for (position, column) in keyColumns.enumerated() {
            var words = Self.words(column)
            if let validity = column.validity {
                // A null's slot holds whatever value was under it: zero it, so that two nulls
                // hash and compare alike (the null flag alone tells them from a real 0).
                for row in 0..<count where !validity[row] {
                    nulls[row] |= 1 << UInt64(position % 64)
                    words[row] = 0
                }
            }
            columns.append(words)
        }
    }

    static func words(_ column: Column) -> [UInt64] {
        switch column.values {
        case .int(let a): return a.map { UInt64(bitPattern: $0) }
        case .float(let a): return a.map { ($0 == 0 ? 0.0 : ($0.isNaN ? Double.nan : $0)).bitPattern }
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        case .date(let a): return a.map { UInt64(bitPattern: Int64($0)) }
        case .string(let codes, _): return codes.map { UInt64($0) }
        }
    }

    func hash(_ row: Int) -> Int {
        var h: UInt64 = nulls[row] &+ 0x9E37_79B9_7F4A_7C15
        for column in columns {
            h = (h ^ column[row]) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        return Int(truncatingIfNeeded: h)
    }

    func equal(_ a: Int, _ other: KeyWords, _ b: Int) -> Bool {
        guard nulls[a] == other.nulls[b] else { return false }
        for index in columns.indices where columns[index][a] != other.columns[index][b] { return false }
        return true
    }
}

/// An open-addressing hash table from row keys to dense group numbers, in order of first
/// appearance. Each group remembers a representative row of the keys it was built from.
struct GroupTable {
    private(set) var representatives: [Int32] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { representatives.count }

    /// The group of `row`'s key, created when new.
    mutating func group(of row: Int, in keys: KeyWords) -> Int32 {
        var slot = keys.hash(row) & mask
        while slots[slot] >= 0 {
            let group = slots[slot]
            if keys.equal(Int(representatives[Int(group)]), keys, row) { return group }
            slot = (slot + 1) & mask
        }
        let group = Int32(representatives.count)
        representatives.append(Int32(row))
        slots[slot] = group
        if representatives.count * 2 > slots.count { grow(keys) }
        return group
    }

    /// The group whose key equals row `row` of `probe`, looking at keys built from `keys`.
    func find(_ row: Int, of probe: KeyWords, builtFrom keys: KeyWords) -> Int32? {
        var slot = probe.hash(row) & mask
        while slots[slot] >= 0 {
            let group = slots[slot]
            if keys.equal(Int(representatives[Int(group)]), probe, row) { return group }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func grow(_ keys: KeyWords) {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (group, row) in representatives.enumerated() {
            var slot = keys.hash(Int(row)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(group)
        }
    }
}
