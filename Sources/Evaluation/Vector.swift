import Columnar

/// The values of one expression for one batch of rows: a typed array and, when some are
/// null, a validity flag per row. Kernels loop over these arrays; nothing is boxed per row.
struct Vector {
    enum Data {
        case int([Int64])
        case float([Double])
        case bool([Bool])
        case date([Int32])
        case string([UInt32], StringDictionary)
    }

    var data: Data
    /// nil when every row has a value.
    var valid: [Bool]?
    let count: Int

    init(_ data: Data, valid: [Bool]? = nil, count: Int) {
        // Null rows hold code 0, which must name an entry even when no row has a value.
        if case .string(let codes, let dictionary) = data, dictionary.count == 0, !codes.isEmpty {
            self.data = .string(codes, .placeholder)
        } else {
            self.data = data
        }
        self.valid = valid.flatMap { $0.contains(false) ? $0 : nil }
        self.count = count
    }

    func isValid(_ row: Int) -> Bool { valid?[row] ?? true }

    /// Rows valid in both: the validity of a result of two operands.
    static func combine(_ a: [Bool]?, _ b: [Bool]?) -> [Bool]? {
        guard let a else { return b }
        guard let b else { return a }
        return zip(a, b).map { $0 && $1 }
    }

    /// A vector of `count` copies of one value.
    static func broadcast(_ value: Value, type: DataType, count: Int) -> Vector {
        let valid: [Bool]? = value.isNull ? Array(repeating: false, count: count) : nil
        switch (type, value) {
        case (.int, .int(let v)): return Vector(.int(Array(repeating: v, count: count)), count: count)
        case (.float, .float(let v)): return Vector(.float(Array(repeating: v, count: count)), count: count)
        case (.float, .int(let v)): return Vector(.float(Array(repeating: Double(v), count: count)), count: count)
        case (.bool, .bool(let v)): return Vector(.bool(Array(repeating: v, count: count)), count: count)
        case (.date, .date(let v)): return Vector(.date(Array(repeating: v, count: count)), count: count)
        case (.string, .string(let v)):
            var builder = StringDictionaryBuilder()
            _ = builder.code(for: v)
            return Vector(.string(Array(repeating: 0, count: count), builder.build()), count: count)
        case (.int, _): return Vector(.int(Array(repeating: 0, count: count)), valid: valid, count: count)
        case (.float, _): return Vector(.float(Array(repeating: 0, count: count)), valid: valid, count: count)
        case (.bool, _): return Vector(.bool(Array(repeating: false, count: count)), valid: valid, count: count)
        case (.date, _): return Vector(.date(Array(repeating: 0, count: count)), valid: valid, count: count)
        case (.string, _): return Vector(.string(Array(repeating: 0, count: count), .empty), valid: valid, count: count)
        }
    }

    /// The value of one row, for the rare paths that need it (errors, casts of strings).
    func value(_ row: Int) -> Value {
        guard isValid(row) else { return .null }
        switch data {
        case .int(let a): return .int(a[row])
        case .float(let a): return .float(a[row])
        case .bool(let a): return .bool(a[row])
        case .date(let a): return .date(a[row])
        case .string(let codes, let dictionary): return .string(dictionary.string(codes[row]))
        }
    }
}

/// Collects batch vectors into one column. String batches whose dictionaries differ are
/// re-encoded into one dictionary, so a column always has a single one.
public struct ColumnAccumulator {
    public let type: DataType
    private var ints: [Int64] = []
    private var floats: [Double] = []
    private var bools: [Bool] = []
    private var dates: [Int32] = []
    private var codes: [UInt32] = []
    private var dictionary: StringDictionary?
    private var merged: StringDictionaryBuilder?
    private var valid: [Bool] = []
    private var hasNull = false

    public init(_ type: DataType, capacity: Int) {
        self.type = type
        valid.reserveCapacity(capacity)
        switch type {
        case .int: ints.reserveCapacity(capacity)
        case .float: floats.reserveCapacity(capacity)
        case .bool: bools.reserveCapacity(capacity)
        case .date: dates.reserveCapacity(capacity)
        case .string: codes.reserveCapacity(capacity)
        }
    }

    /// Appends a whole column.
    public mutating func append(_ column: Column) {
        append(Vector(whole: column))
    }

    mutating func append(_ vector: Vector) {
        if let v = vector.valid {
            valid.append(contentsOf: v)
            hasNull = true
        } else {
            valid.append(contentsOf: repeatElement(true, count: vector.count))
        }
        switch vector.data {
        case .int(let a): ints.append(contentsOf: a)
        case .float(let a): floats.append(contentsOf: a)
        case .bool(let a): bools.append(contentsOf: a)
        case .date(let a): dates.append(contentsOf: a)
        case .string(let batchCodes, let batchDictionary): appendStrings(batchCodes, batchDictionary, vector.valid)
        }
    }

    private mutating func appendStrings(_ batchCodes: [UInt32], _ batchDictionary: StringDictionary, _ valid: [Bool]?) {
        if merged == nil {
            if dictionary == nil { dictionary = batchDictionary }
            if dictionary === batchDictionary {
                codes.append(contentsOf: batchCodes)
                return
            }
            // A per-entry function's results grow batch by batch: the codes so far still hold.
            if batchDictionary.extends(dictionary!) {
                dictionary = batchDictionary
                codes.append(contentsOf: batchCodes)
                return
            }
            merged = StringDictionaryBuilder(startingWith: dictionary!)
        }
        var remap = [UInt32?](repeating: nil, count: batchDictionary.count)
        for (row, code) in batchCodes.enumerated() {
            guard valid?[row] ?? true else {
                codes.append(0)
                continue
            }
            if let mapped = remap[Int(code)] {
                codes.append(mapped)
            } else {
                let mapped = batchDictionary.withBytes(of: code) { merged!.code(forBytes: $0) }
                remap[Int(code)] = mapped
                codes.append(mapped)
            }
        }
    }

    public func build() -> Column {
        let validity = hasNull ? Bitmap(valid) : nil
        switch type {
        case .int: return Column(.int(ints), validity: validity)
        case .float: return Column(.float(floats), validity: validity)
        case .bool: return Column(.bool(bools), validity: validity)
        case .date: return Column(.date(dates), validity: validity)
        case .string:
            let dictionary = merged?.build() ?? dictionary ?? .empty
            return Column(.string(codes: codes, dictionary: dictionary), validity: validity)
        }
    }
}

extension Vector {
    /// A whole column as one vector.
    init(whole column: Column) {
        let valid = column.validity.map { bits in (0..<column.count).map { bits[$0] } }
        switch column.values {
        case .int(let a): self.init(.int(a), valid: valid, count: column.count)
        case .float(let a): self.init(.float(a), valid: valid, count: column.count)
        case .bool(let a): self.init(.bool(a), valid: valid, count: column.count)
        case .date(let a): self.init(.date(a), valid: valid, count: column.count)
        case .string(let codes, let dictionary): self.init(.string(codes, dictionary), valid: valid, count: column.count)
        }
    }
}
