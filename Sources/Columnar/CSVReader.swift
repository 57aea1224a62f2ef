/// Reads CSV (RFC 4180) into a ``Table``: a header row, quoted fields with commas, quotes and
/// newlines, CRLF line ends, an optional UTF-8 byte order mark. Empty fields are null; blank
/// lines are skipped.
///
/// Two passes over the bytes and no index of fields in between: the first checks the shape
/// and infers each column's type from every value (int, then float, bool, ISO date, else
/// text; zero-padded numbers such as `007` stay text, because they are codes), the second
/// parses each field straight into typed buffers and dictionary codes.
public struct CSVReader {
    public var separator: UInt8
    /// Columns whose type is given (`load ... with (code: string)`), not inferred.
    public var declaredTypes: [String: DataType]

    public init(separator: UInt8 = UInt8(ascii: ","), declaredTypes: [String: DataType] = [:]) {
        self.separator = separator
        self.declaredTypes = declaredTypes
    }

    public func read(_ bytes: [UInt8]) throws -> Table {
        try readWithReport(bytes).table
    }

    /// The table and what was decided about each column.
    public func readWithReport(_ bytes: [UInt8]) throws -> LoadedTable {
        var tokenizer = CSVTokenizer(bytes, separator: separator)
        let names = try header(&tokenizer)
        guard !names.isEmpty else { return LoadedTable(table: .empty, columns: []) }
        if let unknown = declaredTypes.keys.sorted().first(where: { !names.contains($0) }) {
            throw DataFileError(line: 1, column: 1, message: "'with' names '\(unknown)', which is not a column of the file; "
                                + "the columns are: " + names.joined(separator: ", "))
        }

        // Pass 1: shape and types.
        var inference = [ColumnInference](repeating: ColumnInference(), count: names.count)
        let bodyStart = tokenizer
        var rows = 0
        try forEachRecord(&tokenizer, columns: names.count) { column, field, text in
            if column == 0 { rows += 1 }
            inference[column].observe(text, line: field.line)
        }
        let types = names.enumerated().map { declaredTypes[$1] ?? inference[$0].type }

        // Pass 2: values into typed columns.
        var builders = types.map { ColumnBuilder($0, capacity: rows) }
        tokenizer = bodyStart
        try forEachRecord(&tokenizer, columns: names.count) { column, field, text in
            try append(text, field, bytes, to: &builders[column], name: names[column],
                       declared: declaredTypes[names[column]] != nil)
        }
        let columns = builders.map { $0.build() }
        let reports = names.enumerated().map { index, name in
            ColumnReport(name: name, type: types[index], declared: declaredTypes[name] != nil,
                         note: declaredTypes[name] == nil ? inference[index].textNote : nil)
        }
        return LoadedTable(table: Table(names: names, columns: columns), columns: reports)
    }

    /// Every record as text, the header first, with the line each record starts on; no type
    /// inference. For tools that read CSV sources field by field (the dataset builder).
    public func records(_ bytes: [UInt8]) throws -> [(line: Int, fields: [String])] {
        var tokenizer = CSVTokenizer(bytes, separator: separator)
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var line = 1
        while let field = try tokenizer.next() {
            if fields.isEmpty { line = field.line }
            fields.append(try text(tokenizer.unescaped(field), field))
            if field.endsRecord {
                if !(fields.count == 1 && fields[0].isEmpty && !field.quoted) { records.append((line, fields)) }
                fields = []
            }
        }
        return records
    }

    private func header(_ tokenizer: inout CSVTokenizer) throws -> [String] {
        var names: [String] = []
        while let field = try tokenizer.next() {
            names.append(try text(tokenizer.unescaped(field), field))
            if field.endsRecord {
                if names == [""] && !field.quoted { names = []; continue }  // blank lines before the header
                return names
            }
        }
        return names
    }

    /// Calls `body` with each field of each data record and its column; checks that every
    /// record has as many fields as the header; skips blank lines.
    private func forEachRecord(_ tokenizer: inout CSVTokenizer, columns: Int,
                               _ body: (Int, CSVField, ArraySlice<UInt8>) throws -> Void) throws {
        var column = 0
        var recordLine = 0
        var pending: [(CSVField, ArraySlice<UInt8>)] = []
        while let field = try tokenizer.next() {
            if column == 0 { recordLine = field.line }
            let text = tokenizer.bytes[field.start..<field.end]
            if column == 0 && field.endsRecord && text.isEmpty && !field.quoted && columns > 1 { continue }
            // The first field waits until we know the record is not a blank line.
            if column < columns { pending.append((field, text)) }
            column += 1
            if field.endsRecord {
                guard column == columns else {
                    throw DataFileError(line: recordLine, column: 1,
                                        message: "row has \(column) field\(column == 1 ? "" : "s"), the header has \(columns)")
                }
                for (index, (pendingField, pendingText)) in pending.enumerated() { try body(index, pendingField, pendingText) }
                pending.removeAll(keepingCapacity: true)
                column = 0
            }
        }
    }

    private func text(_ bytes: ArraySlice<UInt8>, _ field: CSVField) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DataFileError(line: field.line, column: field.column, message: "invalid UTF-8")
        }
        return text
    }

    /// One value into its column: null when empty (a quoted empty field is the empty string
    /// in a text column), else parsed as the column's type.
    private func append(_ text: ArraySlice<UInt8>, _ field: CSVField, _ bytes: [UInt8],
                        to builder: inout ColumnBuilder, name: String, declared: Bool) throws {
        let type = builder.type
        if text.isEmpty && !(field.quoted && type == .string) {
            builder.appendNull()
            return
        }
        func invalid() -> DataFileError {
            DataFileError(line: field.line, column: field.column,
                          message: "'\(String(decoding: text.prefix(40), as: UTF8.self))' in column '\(name)' is not \(type.withArticle)")
        }
        switch type {
        case .int:
            // A declared int accepts zero-padded numbers; inference keeps those as text.
            guard let value = ValueParsing.int(text) ?? (declared ? ValueParsing.paddedInt(text) : nil) else { throw invalid() }
            builder.append(.int(value))
        case .float:
            guard let value = declared ? ValueParsing.decimal(text) : ValueParsing.float(text) else { throw invalid() }
            builder.append(.float(value))
        case .bool:
            guard let value = ValueParsing.bool(text) else { throw invalid() }
            builder.append(.bool(value))
        case .date:
            guard let value = DateFormat.parse(text) else { throw invalid() }
            builder.append(.date(value))
        case .string:
            let value = CSVTokenizer.unescaped(field, in: bytes)
            guard String(validating: value, as: UTF8.self) != nil else {
                throw DataFileError(line: field.line, column: field.column, message: "invalid UTF-8 in column '\(name)'")
            }
            builder.appendString(bytes: value)
        }
    }
}
