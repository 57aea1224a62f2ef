/// Builds a column of one type value by value; nulls are tracked in a validity bitmap.
///
/// For loaders, tests and results of modest size; kernels fill typed arrays directly.
public struct ColumnBuilder {
    public let type: DataType
    private var ints: [Int64] = []
    private var floats: [Double] = []
    private var bools: [Bool] = []
    private var dates: [Int32] = []
    private var codes: [UInt32] = []
    private var dictionary = StringDictionaryBuilder()
    private var valid: [Bool] = []

    public init(_ type: DataType, capacity: Int = 0) {
        self.type = type
        valid.reserveCapacity(capacity)
    }

    public var count: Int { valid.count }

    /// Appends a value, which must be null or of the builder's type (ints widen to float).
    public mutating func append(_ value: Value) {
        switch (type, value) {
        case (_, .null): appendNull()
        case (.int, .int(let v)): ints.append(v); valid.append(true)
        case (.float, .float(let v)): floats.append(v); valid.append(true)
        case (.float, .int(let v)): floats.append(Double(v)); valid.append(true)
        case (.bool, .bool(let v)): bools.append(v); valid.append(true)
        case (.date, .date(let v)): dates.append(v); valid.append(true)
        case (.string, .string(let v)): codes.append(dictionary.code(for: v)); valid.append(true)
        default: preconditionFailure("a \(value.type.map { "\($0)" } ?? "null") value in a \(type) column")
        }
    }

    public mutating func appendNull() {
        switch type {
        case .int: ints.append(0)
        case .float: floats.append(0)
        case .bool: bools.append(false)
        case .date: dates.append(0)
        case .string: codes.append(0)
        }
        valid.append(false)
    }

    /// Appends a string given as UTF-8 bytes, without making a `String`.
    public mutating func appendString<C: Collection>(bytes: C) where C.Element == UInt8 {
        precondition(type == .string)
        codes.append(dictionary.code(for: bytes))
        valid.append(true)
    }

    public func build() -> Column {
        let validity = valid.contains(false) ? Bitmap(valid) : nil
        switch type {
        case .int: return Column(.int(ints), validity: validity)
        case .float: return Column(.float(floats), validity: validity)
        case .bool: return Column(.bool(bools), validity: validity)
        case .date: return Column(.date(dates), validity: validity)
        case .string: return Column(.string(codes: codes, dictionary: dictionary.build()), validity: validity)
        }
    }
}
