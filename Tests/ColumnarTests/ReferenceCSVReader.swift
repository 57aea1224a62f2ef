@testable import Columnar

// The CSV reader as it was before the one-pass loader: two passes (shape and types from
// every value, then parsing), value by value. Kept as the oracle the loader is checked
// against (CSVLoaderPropertyTests): simple enough to trust, too slow to ship.

struct ReferenceCSVReader {
    var separator: UInt8
    /// Columns whose type is given (`load ... with (code: string)`), not inferred.
    var declaredTypes: [String: DataType]

    init(separator: UInt8 = UInt8(ascii: ","), declaredTypes: [String: DataType] = [:]) {
        self.separator = separator
        self.declaredTypes = declaredTypes
    }

    func read(_ bytes: [UInt8]) throws -> Table {
        try readWithReport(bytes).table
    }

    /// The table and what was decided about each column.
    func readWithReport(_ bytes: [UInt8]) throws -> LoadedTable {
        try bytes.withUnsafeBufferPointer { try read($0) }
    }

    private func read(_ bytes: UnsafeBufferPointer<UInt8>) throws -> LoadedTable {
        var scanner = CSVScanner(bytes, separator: separator)
        var fields: [CSVFieldSpan] = []
        var scratch: [UInt8] = []
        let names = try header(&scanner, &fields, &scratch)
        guard !names.isEmpty else { return LoadedTable(table: .empty, columns: []) }
        if let unknown = declaredTypes.keys.sorted().first(where: { !names.contains($0) }) {
            throw DataFileError(line: 1, column: 1, message: "'with' names '\(unknown)', which is not a column of the file; "
                                + "the columns are: " + names.joined(separator: ", "))
        }
        let columnCount = names.count

        // Pass 1: shape and types. A broken record stops it; the records before it are still
        // parsed, so that the error reported is the first in the file.
        var inference = [ReferenceInference](repeating: ReferenceInference(), count: columnCount)
        let start = scanner.position
        var rows = 0
        var shapeError: Error?
        while true {
            do {
                guard try nextDataRecord(&scanner, &fields, columns: columnCount) != nil else { break }
            } catch {
                shapeError = error
                break
            }
            rows += 1
            for column in 0..<columnCount {
                let field = fields[column]
                // A note shows a value as it is, doubled quotes made single.
                scanner.withUnescaped(field, scratch: &scratch) { text in
                    inference[column].observe(text) { scanner.location(of: field.start).line }
                }
            }
        }
        let types = names.enumerated().map { declaredTypes[$1] ?? inference[$0].type }

        // Pass 2: values into typed columns.
        var scanner2 = CSVScanner(bytes, separator: separator, at: start)
        var builders = types.map { ColumnBuilder($0, capacity: rows) }
        let declared = names.map { declaredTypes[$0] != nil }
        var parsed = 0
        while parsed < rows, try nextDataRecord(&scanner2, &fields, columns: names.count) != nil {
            parsed += 1
            for column in 0..<names.count {
                try append(fields[column], of: scanner2, to: &builders[column], scratch: &scratch,
                           name: names[column], declared: declared[column])
            }
        }
        if let shapeError { throw shapeError }
        let columns = builders.map { $0.build() }
        let reports = names.enumerated().map { index, name in
            ColumnReport(name: name, type: types[index], declared: declaredTypes[name] != nil,
                         note: declaredTypes[name] == nil ? inference[index].textNote : nil)
        }
        return LoadedTable(table: Table(names: names, columns: columns), columns: reports)
    }

    private func header(_ scanner: inout CSVScanner, _ fields: inout [CSVFieldSpan], _ scratch: inout [UInt8]) throws -> [String] {
        while let count = try scanner.nextRecord(into: &fields) {
            if count == 1 && fields[0].start == fields[0].end && !fields[0].quoted { continue }  // blank lines first
            return try fields[..<count].map { try text($0, of: scanner, scratch: &scratch) }
        }
        return []
    }

    /// The next record that is not a blank line, checked to have as many fields as the
    /// header. A blank line is a null value when there is one column.
    private func nextDataRecord(_ scanner: inout CSVScanner, _ fields: inout [CSVFieldSpan], columns: Int) throws -> Int? {
        while let count = try scanner.nextRecord(into: &fields) {
            if count == 1 && columns > 1 && fields[0].start == fields[0].end && !fields[0].quoted { continue }
            guard count == columns else {
                let line = scanner.location(of: scanner.recordStart).line
                throw DataFileError(line: line, column: 1,
                                    message: "row has \(count) field\(count == 1 ? "" : "s"), the header has \(columns)")
            }
            return count
        }
        return nil
    }

    private func text(_ field: CSVFieldSpan, of scanner: CSVScanner, scratch: inout [UInt8]) throws -> String {
        try scanner.withUnescaped(field, scratch: &scratch) { bytes in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let (line, column) = scanner.location(of: field.start)
                throw DataFileError(line: line, column: column, message: "invalid UTF-8")
            }
            return text
        }
    }

    /// One value into its column: null when empty (a quoted empty field is the empty string
    /// in a text column), else parsed as the column's type.
    private func append(_ field: CSVFieldSpan, of scanner: CSVScanner, to builder: inout ColumnBuilder,
                        scratch: inout [UInt8], name: String, declared: Bool) throws {
        let type = builder.type
        let text = scanner.raw(field)
        if text.isEmpty && !(field.quoted && type == .string) {
            builder.appendNull()
            return
        }
        func invalid(_ message: String? = nil) -> DataFileError {
            let (line, column) = scanner.location(of: field.start)
            return DataFileError(line: line, column: column, message: message
                ?? "'\(String(decoding: text.prefix(40), as: UTF8.self))' in column '\(name)' is not \(type.withArticle)")
        }
        switch type {
        case .int:
            // A declared int accepts zero-padded numbers; inference keeps those as text.
            guard let value = ValueParsing.int(text) ?? (declared ? ValueParsing.paddedInt(text) : nil) else { throw invalid() }
            builder.appendInt(value)
        case .float:
            guard let value = declared ? ValueParsing.decimal(text) : ValueParsing.float(text) else { throw invalid() }
            builder.appendFloat(value)
        case .bool:
            guard let value = ValueParsing.bool(text) else { throw invalid() }
            builder.appendBool(value)
        case .date:
            guard let value = DateFormat.parse(text) else { throw invalid() }
            builder.appendDate(value)
        case .string:
            let appended = scanner.withUnescaped(field, scratch: &scratch) { builder.appendString(validating: $0) }
            guard appended else { throw invalid("invalid UTF-8 in column '\(name)'") }
        }
    }
}

/// What one pass over a column's values learns: the narrowest type every value fits, and
/// enough to explain a text column that looks numeric.
struct ReferenceInference {
    // Plain flags, not a Set: this runs for every field of a file.
    private var maybeInt = true, maybeFloat = true, maybeBool = true, maybeDate = true
    private var sawValue = false
    private var total = 0
    private var numeric = 0
    private var firstText: (line: Int, text: String)?
    private var zeroPadded: String?

    /// Takes one value into account; `line` is asked for only when the value is the first
    /// text in a numeric-looking column, since finding a line costs a scan.
    mutating func observe(_ text: UnsafeBufferPointer<UInt8>, line: () -> Int) {
        guard !text.isEmpty else { return }
        sawValue = true
        total += 1
        if maybeInt, ValueParsing.int(text) == nil { maybeInt = false }
        // Every int is a float too; only look when the int test failed.
        if maybeFloat, !maybeInt, ValueParsing.float(text) == nil { maybeFloat = false }
        if maybeBool, ValueParsing.bool(text) == nil { maybeBool = false }
        if maybeDate, DateFormat.parse(text) == nil { maybeDate = false }
        if ValueParsing.looksDecimal(text) {
            numeric += 1
            if zeroPadded == nil, text.count > 1, text.first == 0x30, text.dropFirst().first != UInt8(ascii: ".") {
                zeroPadded = String(decoding: text.prefix(40), as: UTF8.self)
            }
        } else if firstText == nil {
            firstText = (line(), String(decoding: text.prefix(40), as: UTF8.self))
        }
    }

    var type: DataType {
        guard sawValue else { return .string }
        if maybeInt { return .int }
        if maybeFloat { return .float }
        if maybeBool { return .bool }
        if maybeDate { return .date }
        return .string
    }

    /// Why the column stayed text, when it looks mostly numeric.
    var textNote: String? {
        guard type == .string, total > 0, numeric * 2 >= total else { return nil }
        if let firstText {
            return "text: \(numeric) of \(total) values are numbers, but line \(firstText.line) has '\(firstText.text)'"
        }
        if let zeroPadded { return "text: zero-padded codes such as '\(zeroPadded)' keep their zeros" }
        return nil
    }
}
