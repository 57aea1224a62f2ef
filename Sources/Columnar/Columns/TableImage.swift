/// A table as bytes that become columns again by copying, not parsing: how the bundled
/// tables are compiled into the program, so that start-up does not parse CSV.
///
/// An image has three parts. `layout` names each column, its type, whether it has nulls and
/// how many dictionary entries it holds. `text` is every string column's dictionary bytes,
/// back to back (valid UTF-8, so it can sit in a string literal). `binary` is, per column in
/// order: the validity words when it has nulls, then its values (Int64, Double, one byte per
/// Bool, Int32 days; a string column's UInt32 codes, then its Int64 dictionary offsets),
/// little-endian, unaligned.
public struct TableImage: Sendable, Equatable {
    /// One column's description.
    public struct ColumnLayout: Sendable, Equatable {
        public var name: String
        public var type: DataType
        public var hasNulls: Bool
        /// Dictionary entries of a string column; 0 for other types.
        public var entries: Int

        public init(name: String, type: DataType, hasNulls: Bool, entries: Int) {
            self.name = name
            self.type = type
            self.hasNulls = hasNulls
            self.entries = entries
        }
    }

    public var rowCount: Int
    public var layout: [ColumnLayout]
    public var text: [UInt8]
    public var binary: [UInt8]

    public init(rowCount: Int, layout: [ColumnLayout], text: [UInt8], binary: [UInt8]) {
        self.rowCount = rowCount
        self.layout = layout
        self.text = text
        self.binary = binary
    }

    /// The image of a table.
    public init(_ table: Table) {
        rowCount = table.rowCount
        layout = []
        text = []
        binary = []
        for (field, column) in zip(table.fields, table.columns) {
            var entries = 0
            if let validity = column.validity { Self.append(validity.words, to: &binary) }
            switch column.values {
            case .int(let values): Self.append(values, to: &binary)
            case .float(let values): Self.append(values, to: &binary)
            case .bool(let values): Self.append(values.map { $0 ? UInt8(1) : 0 }, to: &binary)
            case .date(let values): Self.append(values, to: &binary)
            case .string(let codes, let dictionary):
                entries = dictionary.count
                Self.append(codes, to: &binary)
                Self.append(dictionary.offsets.map { Int64($0) }, to: &binary)
                text += dictionary.bytes
            }
            layout.append(ColumnLayout(name: field.name, type: field.type, hasNulls: column.validity != nil, entries: entries))
        }
    }

    /// The table again. Throws when the parts do not fit together, which means the image was
    /// not made by ``init(_:)`` from this version of the program.
    public func table() throws -> Table {
        guard rowCount >= 0 else { throw ImageReader.Mismatch() }
        var reader = ImageReader(binary: binary, text: text)
        var fields: [Field] = []
        var columns: [Column] = []
        for column in layout {
            let validity = column.hasNulls ? Bitmap(words: try reader.read(UInt64.self, count: rowCount / 64 + (rowCount % 64 == 0 ? 0 : 1)), count: rowCount) : nil
            let values: Column.Values
            switch column.type {
            case .int: values = .int(try reader.read(Int64.self, count: rowCount))
            case .float: values = .float(try reader.read(Double.self, count: rowCount))
            case .bool: values = .bool(try reader.read(UInt8.self, count: rowCount).map { $0 != 0 })
            case .date: values = .date(try reader.read(Int32.self, count: rowCount))
            case .string:
                let codes = try reader.read(UInt32.self, count: rowCount)
                guard column.entries < Int.max else { throw ImageReader.Mismatch() }
                let offsets = try reader.read(Int64.self, count: column.entries + 1).map { Int($0) }
                let bytes = try reader.text(count: offsets.last ?? 0)
                guard offsets.first == 0, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
                      codes.allSatisfy({ Int($0) < max(column.entries, 1) }) else { throw ImageReader.Mismatch() }
                values = .string(codes: codes, dictionary: StringDictionary(bytes: bytes, offsets: offsets))
            }
            fields.append(Field(column.name, column.type))
            columns.append(Column(values, validity: validity))
        }
        guard reader.isAtEnd else { throw ImageReader.Mismatch() }
        return Table(fields: fields, columns: columns)
    }

    private static func append<Element>(_ values: [Element], to binary: inout [UInt8]) {
        values.withUnsafeBytes { binary.append(contentsOf: $0) }
    }
}

/// Reads the parts of an image in order, checking that each read stays inside them.
private struct ImageReader {
    struct Mismatch: Error {}

    let binary: [UInt8]
    let text: [UInt8]
    var binaryOffset = 0
    var textOffset = 0

    var isAtEnd: Bool { binaryOffset == binary.count && textOffset == text.count }

    mutating func read<Element>(_: Element.Type, count: Int) throws -> [Element] {
        let (size, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
        guard count >= 0, !overflow, size <= binary.count - binaryOffset else { throw Mismatch() }
        let values = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            binary.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[binaryOffset..<binaryOffset + size]))
            }
            initialized = count
        }
        binaryOffset += size
        return values
    }

    mutating func text(count: Int) throws -> [UInt8] {
        guard count >= 0, count <= text.count - textOffset else { throw Mismatch() }
        defer { textOffset += count }
        return Array(text[textOffset..<textOffset + count])
    }
}
