/// One CSV column's values, taken a batch of fields at a time, its type decided as the values
/// come.
///
/// An inferred column starts with no type, takes the narrowest type of its first value (int,
/// float, bool, date, else text) and parses every later value as that type; an int column
/// meeting a float becomes float (its ints convert exactly as the text would have parsed).
/// Any other surprise means the column is text after all: it stops and is read again as text
/// (``Kind/needsText``), which a file with consistent columns never pays for. The type reached
/// is the one a look at every value gives (the two-pass reader kept in ColumnarTests checks it).
struct CSVColumnParser {
    enum Kind: Equatable {
        /// No value yet, only nulls.
        case none
        case typed(DataType)
        /// Turned out to be text after values of another type: to be read again as text.
        case needsText
    }

    private(set) var kind: Kind
    let declared: Bool
    let name: String
    /// Rows taken.
    private(set) var count = 0
    /// A quoted empty field met while the type was open: null for most types, but the empty
    /// string in a text column, so a column that ends as text is read again.
    private(set) var sawQuotedEmpty = false
    /// About how many rows the part holds, once a first batch has told: values are reserved
    /// for that many at once, because growing by doubling would leave the freed copies
    /// resident (the allocator keeps freed memory for speed).
    var expectedRows = 0 {
        didSet { reserve() }
    }
    var ints: [Int64] = []
    var floats: [Double] = []
    var bools: [Bool] = []
    var dates: [Int32] = []
    var codes: [UInt32] = []
    var dictionary = StringDictionaryBuilder()
    /// Bit set for a null row; empty until the first null.
    var nullWords: [UInt64] = []
    /// For a text column, where in the input each dictionary entry first appears (for the
    /// line a note names).
    var firstOffsets: [Int] = []
    var scratch: [UInt8] = []

    /// A column of the declared type, or (nil) one whose type is inferred.
    init(name: String, declaredType: DataType?) {
        self.name = name
        declared = declaredType != nil
        kind = declaredType.map { .typed($0) } ?? .none
    }

    /// An inferred column read again as text.
    init(textNamed name: String) {
        self.name = name
        declared = false
        kind = .typed(.string)
    }

    /// Takes field `column` of every record of `batch`.
    mutating func take(_ batch: CSVBatch, column: Int, window: CSVWindow) throws {
        let bytes = window.base
        let records = batch.count
        var record = 0
        let offset = column * CSVBatch.capacity
        try batch.starts.withUnsafeBufferPointer { starts in
            try batch.ends.withUnsafeBufferPointer { ends in
                let flags = batch.hasQuotes ? batch.flags : []
                // Each pass parses from `record` as the current type and returns where it
                // stopped: at the end, or at a value that changes the type.
                while record < records {
                    let fields = Fields(starts: starts.baseAddress! + offset, ends: ends.baseAddress! + offset,
                                        flags: flags, offset: offset, bytes: bytes, window: window)
                    switch kind {
                    case .needsText: return
                    case .none: record = try takeUntyped(fields, from: record, to: records)
                    case .typed(let type):
                        let stop = try parse(fields, as: type, from: record, to: records)
                        if stop < records { try change(at: stop, of: fields, from: type) }
                        record = stop
                    }
                }
            }
        }
        count += records
        if case .needsText = kind { release() }
    }

    /// The fields of one column in a batch.
    struct Fields {
        let starts: UnsafePointer<Int>
        let ends: UnsafePointer<Int>
        let flags: [UInt8]
        let offset: Int
        let bytes: UnsafePointer<UInt8>
        let window: CSVWindow

        @inline(__always) func flag(_ record: Int) -> UInt8 { flags.isEmpty ? 0 : flags[offset + record] }
    }

    /// Nulls until the first value, whose type the column then takes.
    private mutating func takeUntyped(_ fields: Fields, from first: Int, to records: Int) throws -> Int {
        var record = first
        while record < records {
            let start = fields.starts[record], length = fields.ends[record] - start
            if length == 0 {
                if fields.flag(record) != 0 { sawQuotedEmpty = true }
                record += 1
                continue
            }
            let type = Self.narrowestType(fields.bytes + start, length)
            if type == .string && sawQuotedEmpty {
                kind = .needsText
                return records
            }
            // The rows so far are nulls of the new type.
            kind = .typed(type)
            let rows = count + record
            switch type {
            case .int: ints = [Int64](repeating: 0, count: rows)
            case .float: floats = [Double](repeating: 0, count: rows)
            case .bool: bools = [Bool](repeating: false, count: rows)
            case .date: dates = [Int32](repeating: 0, count: rows)
            case .string: codes = [UInt32](repeating: 0, count: rows)
            }
            markNulls(0..<rows)
            reserve()
            return record
        }
        return records
    }

    private mutating func reserve() {
        guard case .typed(let type) = kind else { return }
        switch type {
        case .int:
            ints.reserveCapacity(expectedRows)
            HugePages.request(forCapacityOf: &ints)
        case .float:
            floats.reserveCapacity(expectedRows)
            HugePages.request(forCapacityOf: &floats)
        case .bool:
            bools.reserveCapacity(expectedRows)
        case .date:
            dates.reserveCapacity(expectedRows)
            HugePages.request(forCapacityOf: &dates)
        case .string:
            codes.reserveCapacity(expectedRows)
            HugePages.request(forCapacityOf: &codes)
        }
    }

    /// The narrowest type a value fits, in inference's order: int, float, bool, date, else text.
    static func narrowestType(_ text: UnsafePointer<UInt8>, _ length: Int) -> DataType {
        if FieldParsing.int(text, length) != nil { return .int }
        if FieldParsing.float(text, length, declared: false) != nil { return .float }
        if FieldParsing.bool(text, length) != nil { return .bool }
        if FieldParsing.date(text, length) != nil { return .date }
        return .string
    }

    /// A value the column's type does not take, at `record`: an error for a declared type;
    /// else int widens to float, and anything else makes the column text.
    private mutating func change(at record: Int, of fields: Fields, from type: DataType) throws {
        let start = fields.starts[record], length = fields.ends[record] - start
        if declared {
            let text = UnsafeBufferPointer(start: fields.bytes + start, count: length)
            let (line, column) = fields.window.input.location(of: fields.window.offset + start)
            let message = type == .string
                ? "invalid UTF-8 in column '\(name)'"
                : "'\(String(decoding: text.prefix(40), as: UTF8.self))' in column '\(name)' is not \(type.withArticle)"
            throw DataFileError(line: line, column: column, message: message)
        }
        if type == .string {
            let (line, column) = fields.window.input.location(of: fields.window.offset + start)
            throw DataFileError(line: line, column: column, message: "invalid UTF-8 in column '\(name)'")
        }
        if type == .int, FieldParsing.float(fields.bytes + start, length, declared: false) != nil {
            floats = ints.map { Double($0) }
            ints = []
            kind = .typed(.float)
            reserve()
        } else {
            kind = .needsText
        }
    }

    /// Parses records `first..<records` as `type` into rows `count + record`; returns the
    /// record it stopped at (`records` when all parsed).
    private mutating func parse(_ fields: Fields, as type: DataType, from first: Int, to records: Int) throws -> Int {
        switch type {
        case .int:
            // A declared int accepts zero-padded numbers; inference keeps those as text.
            if declared {
                return fill(\.ints, zero: 0, fields, from: first, to: records) {
                    FieldParsing.int($0, $1) ?? ValueParsing.paddedInt(UnsafeBufferPointer(start: $0, count: $1))
                }
            }
            return fill(\.ints, zero: 0, fields, from: first, to: records) { FieldParsing.int($0, $1) }
        case .float:
            let declared = self.declared
            return fill(\.floats, zero: 0, fields, from: first, to: records) { FieldParsing.float($0, $1, declared: declared) }
        case .bool:
            return fill(\.bools, zero: false, fields, from: first, to: records) { FieldParsing.bool($0, $1) }
        case .date:
            return fill(\.dates, zero: 0, fields, from: first, to: records) { FieldParsing.date($0, $1) }
        case .string:
            return fillText(fields, from: first, to: records)
        }
    }

    /// The shared loop of the typed columns: an empty field is null, anything else must parse.
    @inline(__always)
    private mutating func fill<Value>(_ storage: WritableKeyPath<CSVColumnParser, [Value]>, zero: Value, _ fields: Fields,
                                      from first: Int, to records: Int, _ parse: (UnsafePointer<UInt8>, Int) -> Value?) -> Int {
        // Moved out while filling, so the array stays uniquely referenced and writes in place.
        var values = self[keyPath: storage]
        self[keyPath: storage] = []
        defer { self[keyPath: storage] = values }
        let base = count
        if values.count < base + records {
            values.append(contentsOf: repeatElement(zero, count: base + records - values.count))
        }
        var stopped = records
        var nulls: [Int] = []
        values.withUnsafeMutableBufferPointer { out in
            for record in first..<records {
                let start = fields.starts[record], length = fields.ends[record] - start
                if length == 0 {
                    nulls.append(record)
                    continue
                }
                guard let value = parse(fields.bytes + start, length) else {
                    stopped = record
                    return
                }
                out[base + record] = value
            }
        }
        for record in nulls { markNull(base + record) }
        return stopped
    }
}
