import Columnar
import Evaluation

/// Where each sort key goes in a row's normalized key: a run of bits whose unsigned order is
/// the key's order, direction and nulls included, the keys one after another from the most
/// significant bit. Comparing two rows' runs of bits compares the rows.
///
/// Each key value is first read as an order word (``OrderWord``), then as its distance from
/// the smallest word present (or, descending, from the largest), so a key takes only the bits
/// of its range: a string the bits of its dictionary ranks, a narrow int or date the bits of
/// its span, a constant key none. A null is one code past the largest distance, which puts it
/// last in both directions; when the range already fills 64 bits, a one-bit null flag goes
/// before the value instead.
struct SortKeyLayout {
    /// One run of bits: a key's value, or the null flag of a key whose range fills 64 bits.
    struct Field {
        enum Part { case value, nullFlag }

        /// Which of the key columns the field reads.
        let key: Int
        let part: Part
        let descending: Bool
        /// The smallest order word of the key.
        let low: UInt64
        /// The largest order word minus the smallest.
        let span: UInt64
        /// A null row's code (value parts); a null flag field codes null as 1.
        let nullCode: UInt64
        let bits: Int
        /// The field's first bit, counted from the normalized key's most significant bit.
        let offset: Int
    }

    let columns: [Column]
    /// The rank of each dictionary entry in byte order, per string key (empty otherwise).
    let ranks: [[UInt32]]
    let fields: [Field]
    /// The width of the whole normalized key.
    let keyBits: Int

    /// The layout of `columns` as keys. With `measured`, each key's range is read from its
    /// values (a pass over them, split across `threads`); otherwise from its type alone (no
    /// pass, wider keys), which suits a top-n that reads each row once.
    init(columns: [Column], descending: [Bool], measured: Bool, threads: Int, cancellation: Cancellation?) throws {
        self.columns = columns
        ranks = try columns.map { column in
            guard case .string(_, let dictionary) = column.values else { return [] }
            return try DictionaryOrder.ranks(dictionary, threads: threads, cancellation: cancellation)
        }
        var fields: [Field] = []
        var offset = 0
        for (key, column) in columns.enumerated() {
            let hasNulls = column.validity != nil
            let range = measured ? Self.measure(column, ranks: ranks[key], threads: threads) : Self.typeRange(column)
            // Only nulls, or nothing: every row has the same key.
            guard let (low, high) = range else { continue }
            let span = high &- low
            if hasNulls && span == .max {
                fields.append(Field(key: key, part: .nullFlag, descending: false, low: 0, span: 1, nullCode: 1,
                                    bits: 1, offset: offset))
                offset += 1
                fields.append(Field(key: key, part: .value, descending: descending[key], low: low, span: span,
                                    nullCode: 0, bits: 64, offset: offset))
                offset += 64
                continue
            }
            let largestCode = hasNulls ? span + 1 : span
            let bits = UInt64.bitWidth - largestCode.leadingZeroBitCount
            guard bits > 0 else { continue }
            fields.append(Field(key: key, part: .value, descending: descending[key], low: low, span: span,
                                nullCode: span &+ 1, bits: bits, offset: offset))
            offset += bits
        }
        self.fields = fields
        keyBits = offset
    }

    private init(columns: [Column], ranks: [[UInt32]], fields: [Field], keyBits: Int) {
        self.columns = columns
        self.ranks = ranks
        self.fields = fields
        self.keyBits = keyBits
    }

    /// The same layout over other columns holding the same values (in another order).
    func reading(_ columns: [Column]) -> SortKeyLayout {
        SortKeyLayout(columns: columns, ranks: ranks, fields: fields, keyBits: keyBits)
    }

    /// The smallest and largest order word a key of this type can have.
    private static func typeRange(_ column: Column) -> (UInt64, UInt64)? {
        switch column.values {
        case .int, .float: return (0, .max)
        case .date: return (0, UInt64(UInt32.max))
        case .bool: return (0, 1)
        case .string(_, let dictionary): return dictionary.count == 0 ? nil : (0, UInt64(dictionary.count - 1))
        }
    }

    /// The smallest and largest order word among the column's values; nil when it has none.
    private static func measure(_ column: Column, ranks: [UInt32], threads: Int) -> (UInt64, UInt64)? {
        let validity = column.validity
        func extremes<T>(_ values: [T], _ order: (T) -> UInt64) -> (UInt64, UInt64)? {
            values.withUnsafeBufferPointer { values in
                let parts = Parallel.map(Parallel.ranges(values.count, threads: threads)) { range -> (UInt64, UInt64)? in
                    var low = UInt64.max, high = UInt64.min, any = false
                    if let validity {
                        validity.words.withUnsafeBufferPointer { valid in
                            for row in range where valid[row >> 6] >> UInt64(row & 63) & 1 != 0 {
                                let word = order(values[row])
                                low = min(low, word)
                                high = max(high, word)
                                any = true
                            }
                        }
                    } else {
                        for row in range {
                            let word = order(values[row])
                            low = min(low, word)
                            high = max(high, word)
                        }
                        any = !range.isEmpty
                    }
                    return any ? (low, high) : nil
                }
                return parts.compactMap { $0 }.reduce(nil) { sofar, part in
                    sofar.map { (min($0.0, part.0), max($0.1, part.1)) } ?? part
                }
            }
        }
        switch column.values {
        case .int(let values): return extremes(values, OrderWord.int)
        case .float(let values): return extremes(values, OrderWord.float)
        case .date(let values): return extremes(values, OrderWord.date)
        case .bool(let values): return extremes(values, OrderWord.bool)
        case .string(let codes, _):
            return ranks.withUnsafeBufferPointer { ranks in extremes(codes) { UInt64(ranks[Int($0)]) } }
        }
    }
}

/// Key values as words whose unsigned order is the values' ascending order.
enum OrderWord {
    private static let sign: UInt64 = 1 << 63

    /// The order word of every row of `column` (a null row's is meaningless).
    static func words(_ column: Column) -> [UInt64] {
        switch column.values {
        case .int(let values): return values.map(int)
        case .float(let values): return values.map(float)
        case .date(let values): return values.map(date)
        case .bool(let values): return values.map(bool)
        case .string(let codes, let dictionary):
            // Without a cancellation the ranking cannot throw.
            let ranks = (try? DictionaryOrder.ranks(dictionary)) ?? []
            return codes.map { UInt64(ranks[Int($0)]) }
        }
    }

    @inline(__always)
    static func int(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) ^ sign }

    @inline(__always)
    static func date(_ value: Int32) -> UInt64 { UInt64(UInt32(bitPattern: value) ^ (1 << 31)) }

    @inline(__always)
    static func bool(_ value: Bool) -> UInt64 { value ? 1 : 0 }

    /// IEEE order with the sign bit flipped (negatives: every bit), so -0 and 0 are one word
    /// and every NaN is the largest word, above infinity.
    @inline(__always)
    static func float(_ value: Double) -> UInt64 {
        if value.isNaN { return .max }
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & sign != 0 ? ~bits : bits | sign
    }
}
