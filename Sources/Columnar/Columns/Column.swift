/// One column: a contiguous buffer of values of one type and a validity bitmap.
///
/// Columns are immutable values; the arrays inside share storage when copied, so passing a
/// column around never copies its data. Slots of null rows hold a neutral value (0, false,
/// code 0) that kernels may read but whose result they mask.
public struct Column: Sendable {
    public enum Values: Sendable {
        case int([Int64])
        case float([Double])
        case bool([Bool])
        case date([Int32])
        /// Codes into a dictionary of distinct strings.
        case string(codes: [UInt32], dictionary: StringDictionary)
    }

    public let values: Values
    /// Bit `i` set when row `i` has a value; nil when no row is null.
    public let validity: Bitmap?
    public let count: Int

    public init(_ values: Values, validity: Bitmap? = nil) {
        // Null rows hold code 0, which must name an entry even when no row has a value.
        if case .string(let codes, let dictionary) = values, dictionary.count == 0, !codes.isEmpty {
            self.values = .string(codes: codes, dictionary: .placeholder)
        } else {
            self.values = values
        }
        switch self.values {
        case .int(let array): count = array.count
        case .float(let array): count = array.count
        case .bool(let array): count = array.count
        case .date(let array): count = array.count
        case .string(let codes, _): count = codes.count
        }
        // A bitmap with every bit set says nothing: drop it so kernels take the fast path.
        if let validity, validity.setCount < validity.count {
            precondition(validity.count == count, "validity length must match the values")
            self.validity = validity
        } else {
            self.validity = nil
        }
    }

    public var type: DataType {
        switch values {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .date: return .date
        case .string: return .string
        }
    }

    public func isNull(_ row: Int) -> Bool { validity.map { !$0[row] } ?? false }

    public var nullCount: Int { validity.map { $0.count - $0.setCount } ?? 0 }

    /// The value of one row, for output and tests (never in kernels).
    public subscript(row: Int) -> Value {
        if isNull(row) { return .null }
        switch values {
        case .int(let array): return .int(array[row])
        case .float(let array): return .float(array[row])
        case .bool(let array): return .bool(array[row])
        case .date(let array): return .date(array[row])
        case .string(let codes, let dictionary): return .string(dictionary.string(codes[row]))
        }
    }

    /// A column of `count` nulls of the given type.
    public static func nulls(_ type: DataType, count: Int) -> Column {
        let validity = Bitmap(count: count, value: false)
        switch type {
        case .int: return Column(.int(Array(repeating: 0, count: count)), validity: validity)
        case .float: return Column(.float(Array(repeating: 0, count: count)), validity: validity)
        case .bool: return Column(.bool(Array(repeating: false, count: count)), validity: validity)
        case .date: return Column(.date(Array(repeating: 0, count: count)), validity: validity)
        case .string:
            return Column(.string(codes: Array(repeating: 0, count: count), dictionary: .empty), validity: validity)
        }
    }

    /// The rows at `indices`, in that order (a gather), split across up to `threads` threads.
    public func gather(_ indices: [Int32], threads: Int = 1) -> Column {
        let validity = self.validity.map { bits in Bitmap(indices.map { bits[Int($0)] }) }
        func pick<T>(_ array: [T]) -> [T] {
            array.withUnsafeBufferPointer { source in
                indices.withUnsafeBufferPointer { indices in
                    [T](unsafeUninitializedCapacity: indices.count) { picked, initialized in
                        Parallel.run(Parallel.ranges(indices.count, threads: threads)) { _, range in
                            for index in range { (picked.baseAddress! + index).initialize(to: source[Int(indices[index])]) }
                        }
                        initialized = indices.count
                    }
                }
            }
        }
        switch values {
        case .int(let array): return Column(.int(pick(array)), validity: validity)
        case .float(let array): return Column(.float(pick(array)), validity: validity)
        case .bool(let array): return Column(.bool(pick(array)), validity: validity)
        case .date(let array): return Column(.date(pick(array)), validity: validity)
        case .string(let codes, let dictionary):
            return Column(.string(codes: pick(codes), dictionary: dictionary), validity: validity)
        }
    }
}

extension Column {
    /// The first `rows` rows of each part in turn, as one column. The parts have one type,
    /// and string parts one dictionary; nil when they do not.
    public static func concatenating(_ parts: [(column: Column, rows: Int)]) -> Column? {
        guard let first = parts.first?.column else { return nil }
        let total = parts.reduce(0) { $0 + $1.rows }
        func joined<T>(_ array: (Column) -> [T]?) -> [T]? {
            var result: [T] = []
            result.reserveCapacity(total)
            for (column, rows) in parts {
                guard let values = array(column), rows <= values.count else { return nil }
                result.append(contentsOf: values[0..<rows])
            }
            return result
        }
        let values: Values?
        switch first.values {
        case .int: values = joined { if case .int(let a) = $0.values { a } else { nil } }.map { .int($0) }
        case .float: values = joined { if case .float(let a) = $0.values { a } else { nil } }.map { .float($0) }
        case .bool: values = joined { if case .bool(let a) = $0.values { a } else { nil } }.map { .bool($0) }
        case .date: values = joined { if case .date(let a) = $0.values { a } else { nil } }.map { .date($0) }
        case .string(_, let dictionary):
            values = joined { column -> [UInt32]? in
                guard case .string(let codes, let own) = column.values, own === dictionary else { return nil }
                return codes
            }.map { .string(codes: $0, dictionary: dictionary) }
        }
        guard let values else { return nil }
        guard parts.contains(where: { $0.column.validity != nil }) else { return Column(values) }
        var valid: [Bool] = []
        valid.reserveCapacity(total)
        for (column, rows) in parts {
            for row in 0..<rows { valid.append(!column.isNull(row)) }
        }
        return Column(values, validity: Bitmap(valid))
    }
}
