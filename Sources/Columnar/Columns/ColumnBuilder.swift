/// Builds a column of one type value by value; nulls are tracked in a validity bitmap that
/// exists only once a null has been seen.
///
/// The typed appends (`appendInt` and so on) are what loaders use on their hot path; the
/// `Value` one is for tests and results of modest size.
public struct ColumnBuilder {
    public let type: DataType
    private var ints: [Int64] = []
    private var floats: [Double] = []
    private var bools: [Bool] = []
    private var dates: [Int32] = []
    private var codes: [UInt32] = []
    private var dictionary = StringDictionaryBuilder()
    /// Validity words, kept only after the first null (until then every row is valid).
    private var validWords: [UInt64] = []
    private var sawNull = false
    public private(set) var count = 0

    public init(_ type: DataType, capacity: Int = 0) {
        self.type = type
        switch type {
        case .int: ints.reserveCapacity(capacity)
        case .float: floats.reserveCapacity(capacity)
        case .bool: bools.reserveCapacity(capacity)
        case .date: dates.reserveCapacity(capacity)
        case .string: codes.reserveCapacity(capacity)
        }
    }

    /// Appends a value, which must be null or of the builder's type (ints widen to float).
    public mutating func append(_ value: Value) {
        switch (type, value) {
        case (_, .null): appendNull()
        case (.int, .int(let v)): appendInt(v)
        case (.float, .float(let v)): appendFloat(v)
        case (.float, .int(let v)): appendFloat(Double(v))
        case (.bool, .bool(let v)): appendBool(v)
        case (.date, .date(let v)): appendDate(v)
        case (.string, .string(let v)):
            codes.append(dictionary.code(for: v))
            markValid()
        default: preconditionFailure("a \(value.type.map { "\($0)" } ?? "null") value in a \(type) column")
        }
    }

    public mutating func appendInt(_ value: Int64) {
        ints.append(value)
        markValid()
    }

    public mutating func appendFloat(_ value: Double) {
        floats.append(value)
        markValid()
    }

    public mutating func appendBool(_ value: Bool) {
        bools.append(value)
        markValid()
    }

    public mutating func appendDate(_ days: Int32) {
        dates.append(days)
        markValid()
    }

    public mutating func appendNull() {
        switch type {
        case .int: ints.append(0)
        case .float: floats.append(0)
        case .bool: bools.append(false)
        case .date: dates.append(0)
        case .string: codes.append(0)
        }
        if !sawNull {
            sawNull = true
            validWords = [UInt64](repeating: ~0, count: count / 64)
            if count % 64 != 0 { validWords.append((1 << UInt64(count % 64)) - 1) }
        }
        if count % 64 == 0 { validWords.append(0) }
        count += 1
    }

    /// Appends a string given as UTF-8 bytes, without making a `String`.
    public mutating func appendString<C: Collection>(bytes: C) where C.Element == UInt8 {
        precondition(type == .string)
        codes.append(dictionary.code(for: bytes))
        markValid()
    }

    /// Appends a string from raw bytes; false (and nothing appended) when it is a string
    /// not seen before and not valid UTF-8. Each distinct string is checked once.
    public mutating func appendString(validating bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let code = dictionary.code(forValidating: bytes) else { return false }
        codes.append(code)
        markValid()
        return true
    }

    @inline(__always)
    private mutating func markValid() {
        if sawNull {
            if count % 64 == 0 { validWords.append(0) }
            validWords[count >> 6] |= 1 << UInt64(count & 63)
        }
        count += 1
    }

    public func build() -> Column {
        let validity = sawNull ? Bitmap(words: validWords, count: count) : nil
        switch type {
        case .int: return Column(.int(ints), validity: validity)
        case .float: return Column(.float(floats), validity: validity)
        case .bool: return Column(.bool(bools), validity: validity)
        case .date: return Column(.date(dates), validity: validity)
        case .string: return Column(.string(codes: codes, dictionary: dictionary.build()), validity: validity)
        }
    }
}
