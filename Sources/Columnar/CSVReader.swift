/// A problem in a data file, with its place (1-based line and column).
public struct DataFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// Reads CSV (RFC 4180) into a ``Table``: a header row, quoted fields with commas, quotes and
/// newlines, CRLF line ends, an optional UTF-8 byte order mark. Empty fields are null.
///
/// Column types are inferred over the whole file: int, then float, bool (`true`/`false`),
/// ISO date (`YYYY-MM-DD`), else string. Zero-padded numbers such as `007` stay strings,
/// because they are codes, not quantities. Fields are parsed from bytes straight into typed
/// buffers and dictionary codes.
public struct CSVReader {
    public var separator: UInt8
    /// Columns whose type is given (`load ... with (code: string)`), not inferred.
    public var declaredTypes: [String: DataType]

    public init(separator: UInt8 = UInt8(ascii: ","), declaredTypes: [String: DataType] = [:]) {
        self.separator = separator
        self.declaredTypes = declaredTypes
    }

    /// A field's place in the input; quoted fields with doubled quotes are unescaped apart.
    private struct FieldRef {
        var start: Int
        var end: Int
        var quoted: Bool
        var hasEscapes: Bool
    }

    public func read(_ bytes: [UInt8]) throws -> Table {
        try readWithReport(bytes).table
    }

    /// The table and what was decided about each column.
    public func readWithReport(_ bytes: [UInt8]) throws -> LoadedTable {
        let (rows, rowLines) = try split(bytes)
        guard let header = rows.first else { return LoadedTable(table: .empty, columns: []) }
        let names = try header.enumerated().map { index, field -> String in
            guard let name = String(validating: unescaped(field, bytes), as: UTF8.self) else {
                throw DataFileError(line: 1, column: index + 1, message: "invalid UTF-8 in the header")
            }
            return name
        }
        for (index, row) in rows.enumerated().dropFirst() where row.count != names.count {
            throw DataFileError(line: rowLines[index], column: 1,
                                message: "row has \(row.count) field\(row.count == 1 ? "" : "s"), the header has \(names.count)")
        }
        if let unknown = declaredTypes.keys.sorted().first(where: { !names.contains($0) }) {
            throw DataFileError(line: 1, column: 1, message: "'with' names '\(unknown)', which is not a column of the file; "
                                + "the columns are: " + names.joined(separator: ", "))
        }
        var columns: [Column] = []
        var reports: [ColumnReport] = []
        for columnIndex in names.indices {
            let fields = rows.dropFirst().map { $0[columnIndex] }
            let (column, note) = try buildColumn(fields, bytes, lines: Array(rowLines.dropFirst()), name: names[columnIndex])
            columns.append(column)
            reports.append(ColumnReport(name: names[columnIndex], type: column.type,
                                        declared: declaredTypes[names[columnIndex]] != nil, note: note))
        }
        return LoadedTable(table: Table(names: names, columns: columns), columns: reports)
    }

    /// Every record as text, the header first, with the line each record starts on; no type
    /// inference. For tools that read CSV sources field by field (the dataset builder).
    public func records(_ bytes: [UInt8]) throws -> [(line: Int, fields: [String])] {
        let (rows, lines) = try split(bytes)
        return try rows.enumerated().map { index, row in
            let fields = try row.enumerated().map { column, field -> String in
                guard let text = String(validating: unescaped(field, bytes), as: UTF8.self) else {
                    throw DataFileError(line: lines[index], column: column + 1, message: "invalid UTF-8")
                }
                return text
            }
            return (lines[index], fields)
        }
    }

    /// Splits the input into records of field positions, each with the line it starts on.
    private func split(_ bytes: [UInt8]) throws -> ([[FieldRef]], [Int]) {
        var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var rows: [[FieldRef]] = []
        var rowLines: [Int] = []
        var line = 1
        while position < bytes.count {
            let rowLine = line
            var fields: [FieldRef] = []
            var atRowEnd = false
            while !atRowEnd {
                var field = FieldRef(start: position, end: position, quoted: false, hasEscapes: false)
                if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                    let openLine = line, openColumn = column(of: position, in: bytes)
                    field.quoted = true
                    position += 1
                    field.start = position
                    while true {
                        guard position < bytes.count else {
                            throw DataFileError(line: openLine, column: openColumn,
                                                message: "unterminated quoted field: no closing '\"'")
                        }
                        let byte = bytes[position]
                        if byte == UInt8(ascii: "\"") {
                            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
                                field.hasEscapes = true
                                position += 2
                                continue
                            }
                            field.end = position
                            position += 1
                            break
                        }
                        if byte == UInt8(ascii: "\n") { line += 1 }
                        position += 1
                    }
                    if position < bytes.count, bytes[position] != separator, bytes[position] != UInt8(ascii: "\n"),
                       bytes[position] != UInt8(ascii: "\r") {
                        throw DataFileError(line: line, column: column(of: position, in: bytes),
                                            message: "unexpected text after a closing quote")
                    }
                } else {
                    while position < bytes.count, bytes[position] != separator, bytes[position] != UInt8(ascii: "\n") {
                        position += 1
                    }
                    field.end = position
                    if field.end > field.start, bytes[field.end - 1] == UInt8(ascii: "\r") { field.end -= 1 }
                }
                fields.append(field)
                if position < bytes.count, bytes[position] == separator {
                    position += 1
                } else {
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\r") { position += 1 }
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
                    line += 1
                    atRowEnd = true
                }
            }
            // A blank line (one empty unquoted field) is skipped.
            if fields.count == 1, !fields[0].quoted, fields[0].start == fields[0].end { continue }
            rows.append(fields)
            rowLines.append(rowLine)
        }
        return (rows, rowLines)
    }

    private func column(of position: Int, in bytes: [UInt8]) -> Int {
        var start = position
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return position - start + 1
    }

    private func unescaped(_ field: FieldRef, _ bytes: [UInt8]) -> [UInt8] {
        let slice = bytes[field.start..<field.end]
        guard field.hasEscapes else { return Array(slice) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var skip = false
        for byte in slice {
            if skip { skip = false; continue }
            out.append(byte)
            if byte == UInt8(ascii: "\"") { skip = true }
        }
        return out
    }

    /// One column, typed as declared or as inferred, with a note when the inference needs
    /// explaining (text that looks mostly numeric, zero-padded codes).
    private func buildColumn(_ fields: [FieldRef], _ bytes: [UInt8], lines: [Int], name: String) throws -> (Column, String?) {
        let declared = declaredTypes[name]
        let type = declared ?? ValueParsing.inferType(fields.lazy.map { bytes[$0.start..<$0.end] })
        let note = declared == nil && type == .string ? textNote(fields, bytes, lines) : nil
        var builder = ColumnBuilder(type, capacity: fields.count)
        for (index, field) in fields.enumerated() {
            let text = bytes[field.start..<field.end]
            // An empty field is null; a quoted empty field ("") is the empty string in a text
            // column and null in any other.
            if text.isEmpty && !(field.quoted && type == .string) {
                builder.appendNull()
                continue
            }
            func invalid() -> DataFileError {
                let shown = String(decoding: text.prefix(40), as: UTF8.self)
                return DataFileError(line: lines[index], column: column(of: field.start, in: bytes),
                                     message: "'\(shown)' in column '\(name)' is not \(type.withArticle)")
            }
            switch type {
            case .int:
                // A declared int accepts zero-padded numbers; inference keeps those as text.
                guard let value = ValueParsing.int(text) ?? (declared != nil ? Int64(String(decoding: text, as: UTF8.self)) : nil)
                else { throw invalid() }
                builder.append(.int(value))
            case .float:
                guard let value = ValueParsing.float(text) ?? (declared != nil ? ValueParsing.decimal(text) : nil)
                else { throw invalid() }
                builder.append(.float(value))
            case .bool:
                guard let value = ValueParsing.bool(text) else { throw invalid() }
                builder.append(.bool(value))
            case .date:
                guard let value = DateFormat.parse(text) else { throw invalid() }
                builder.append(.date(value))
            case .string:
                let value = unescaped(field, bytes)
                guard String(validating: value, as: UTF8.self) != nil else {
                    throw DataFileError(line: lines[index], column: column(of: field.start, in: bytes),
                                        message: "invalid UTF-8 in column '\(name)'")
                }
                builder.appendString(bytes: value)
            }
        }
        return (builder.build(), note)
    }

    /// Why a column that looks numeric stayed text, if it does.
    private func textNote(_ fields: [FieldRef], _ bytes: [UInt8], _ lines: [Int]) -> String? {
        var numeric = 0, total = 0
        var firstText: (line: Int, text: String)?
        var zeroPadded: String?
        for (index, field) in fields.enumerated() where field.end > field.start {
            let text = bytes[field.start..<field.end]
            total += 1
            if ValueParsing.decimal(text) != nil {
                numeric += 1
                if zeroPadded == nil, ValueParsing.int(text) == nil, ValueParsing.float(text) == nil {
                    zeroPadded = String(decoding: text, as: UTF8.self)
                }
            } else if firstText == nil {
                firstText = (lines[index], String(decoding: text.prefix(40), as: UTF8.self))
            }
        }
        guard total > 0, numeric * 2 >= total else { return nil }
        if let firstText {
            return "text: \(numeric) of \(total) values are numbers, but line \(firstText.line) has '\(firstText.text)'"
        }
        if let zeroPadded { return "text: zero-padded codes such as '\(zeroPadded)' keep their zeros" }
        return nil
    }
}

/// A table read from a file, with what was decided about each column.
public struct LoadedTable: Sendable {
    public var table: Table
    public var columns: [ColumnReport]

    public init(table: Table, columns: [ColumnReport]) {
        self.table = table
        self.columns = columns
    }
}

/// A column's type and how it was decided.
public struct ColumnReport: Sendable, Equatable {
    public var name: String
    public var type: DataType
    /// True when `load ... with (...)` gave the type.
    public var declared: Bool
    /// Why the inference surprised, when it might.
    public var note: String?
}

/// Parsing of single values from bytes, shared by the CSV reader and casts.
public enum ValueParsing {
    /// The narrowest type every non-empty value parses as.
    public static func inferType<S: Sequence>(_ values: S) -> DataType where S.Element == ArraySlice<UInt8> {
        var candidates: Set<DataType> = [.int, .float, .bool, .date]
        var sawValue = false
        for value in values where !value.isEmpty {
            sawValue = true
            if candidates.contains(.int), int(value) == nil { candidates.remove(.int) }
            if candidates.contains(.float), float(value) == nil { candidates.remove(.float) }
            if candidates.contains(.bool), bool(value) == nil { candidates.remove(.bool) }
            if candidates.contains(.date), DateFormat.parse(value) == nil { candidates.remove(.date) }
            if candidates.isEmpty { return .string }
        }
        guard sawValue else { return .string }
        for type in [DataType.int, .float, .bool, .date] where candidates.contains(type) { return type }
        return .string
    }

    /// An optional sign and digits, without leading zeros (they mark codes); nil otherwise.
    public static func int<C: Collection>(_ bytes: C) -> Int64? where C.Element == UInt8 {
        var iterator = bytes.makeIterator()
        guard var byte = iterator.next() else { return nil }
        let negative = byte == UInt8(ascii: "-")
        if negative || byte == UInt8(ascii: "+") {
            guard let next = iterator.next() else { return nil }
            byte = next
        }
        guard byte >= 0x30, byte <= 0x39 else { return nil }
        if byte == 0x30, bytes.count > (negative || bytes.first == UInt8(ascii: "+") ? 2 : 1) { return nil }
        var value: Int64 = 0
        var current: UInt8? = byte
        while let digit = current {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = negative
                ? shifted.subtractingReportingOverflow(Int64(digit - 0x30))
                : shifted.addingReportingOverflow(Int64(digit - 0x30))
            if overflow1 || overflow2 { return nil }
            value = added
            current = iterator.next()
        }
        return value
    }

    /// A decimal float (`1.5`, `-2e3`, `.5` not accepted); nil otherwise.
    public static func float<C: Collection>(_ bytes: C) -> Double? where C.Element == UInt8 {
        guard let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || (first >= 0x30 && first <= 0x39)
        else { return nil }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                 UInt8(ascii: "-"), UInt8(ascii: "+"):
                continue
            default:
                return nil
            }
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        if int(bytes) == nil, bytes.count > 1, first == 0x30, bytes.dropFirst().first != UInt8(ascii: ".") { return nil }
        return value
    }

    /// Any decimal number, leading zeros allowed (`007`, `0.5`, `-1e3`); not `nan`, `inf`
    /// or hex. For declared types and casts, where zero padding is not a sign of a code.
    public static func decimal<C: Collection>(_ bytes: C) -> Double? where C.Element == UInt8 {
        guard !bytes.isEmpty, bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ".eE+-".utf8.contains($0) }),
              bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
              let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    public static func bool<C: Collection>(_ bytes: C) -> Bool? where C.Element == UInt8 {
        if bytes.elementsEqual("true".utf8) { return true }
        if bytes.elementsEqual("false".utf8) { return false }
        return nil
    }
}
