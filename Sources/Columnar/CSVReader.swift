/// Reads CSV (RFC 4180) into a ``Table``: a header row, quoted fields with commas, quotes and
/// newlines, CRLF line ends, an optional UTF-8 byte order mark. Empty fields are null; blank
/// lines are skipped.
///
/// Two passes over the bytes and no index of fields in between: the first checks the shape
/// and infers each column's type from every value (int, then float, bool, ISO date, else
/// text; zero-padded numbers such as `007` stay text, because they are codes), the second
/// parses each field straight into typed buffers and dictionary codes. Both run over raw
/// memory (``CSVScanner``); a string is checked for valid UTF-8 once per distinct value.
public struct CSVReader {
    public var separator: UInt8
    /// Columns whose type is given (`load ... with (code: string)`), not inferred.
    public var declaredTypes: [String: DataType]
    /// Hears progress every 65,536 records of each pass, and may throw to stop.
    public var checkpoint: LoadCheckpoint?
    /// Threads the second pass may use (each parses a run of records).
    public var threads = 1

    public init(separator: UInt8 = UInt8(ascii: ","), declaredTypes: [String: DataType] = [:]) {
        self.separator = separator
        self.declaredTypes = declaredTypes
    }

    public func read(_ bytes: [UInt8]) throws -> Table {
        try readWithReport(bytes).table
    }

    /// The table and what was decided about each column.
    public func readWithReport(_ bytes: [UInt8]) throws -> LoadedTable {
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

        // Pass 1: shape and types, noting where every 65,536th record starts.
        var inference = [ColumnInference](repeating: ColumnInference(), count: columnCount)
        var starts = [scanner.position]
        var rows = 0
        while try nextDataRecord(&scanner, &fields, columns: columnCount) != nil {
            rows += 1
            if rows & 0xFFFF == 0 {
                starts.append(scanner.position)
                if let checkpoint { try checkpoint("checking", Double(scanner.position) / Double(bytes.count)) }
            }
            for column in 0..<columnCount {
                let field = fields[column]
                inference[column].observe(scanner.raw(field)) { scanner.location(of: field.start).line }
            }
        }
        let types = names.enumerated().map { declaredTypes[$1] ?? inference[$0].type }

        // Pass 2: values into typed columns, runs of records on several threads.
        let ranges = Parallel.ranges(rows, threads: threads).map { range in
            // Cut at noted record starts (rounded up, the same way at both ends of each cut),
            // so each part knows where its first record begins.
            (range.lowerBound + 0xFFFF) >> 16..<(range.upperBound + 0xFFFF) >> 16
        }
        let columns: [Column]
        if ranges.count < 2 {
            columns = try parse(bytes, from: starts[0], records: rows, types: types, names: names, reportsProgress: true)
                .map { $0.build() }
        } else {
            let parts: [Result<[ColumnBuilder], Error>] = Parallel.map(ranges) { blocks in
                Result {
                    let records = min(rows, blocks.upperBound << 16) - (blocks.lowerBound << 16)
                    return try parse(bytes, from: starts[blocks.lowerBound], records: records, types: types, names: names,
                                     reportsProgress: false)
                }
            }
            // The first failure in file order is the one to report.
            var builders = try parts.map { try $0.get() }
            var joined: [Column] = []
            for column in 0..<columnCount {
                joined.append(ColumnBuilder.concatenate(builders.map { $0[column] }))
                // Let each part's copy of the column go before the next is joined.
                for part in builders.indices { builders[part][column] = ColumnBuilder(types[column]) }
            }
            columns = joined
        }
        let reports = names.enumerated().map { index, name in
            ColumnReport(name: name, type: types[index], declared: declaredTypes[name] != nil,
                         note: declaredTypes[name] == nil ? inference[index].textNote : nil)
        }
        return LoadedTable(table: Table(names: names, columns: columns), columns: reports)
    }

    /// The values of `records` records from `start` into builders, one per column.
    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, records: Int, types: [DataType],
                       names: [String], reportsProgress: Bool) throws -> [ColumnBuilder] {
        var scanner = CSVScanner(bytes, separator: separator, at: start)
        var fields: [CSVFieldSpan] = []
        var scratch: [UInt8] = []
        var builders = types.map { ColumnBuilder($0, capacity: records) }
        let declared = names.map { declaredTypes[$0] != nil }
        var parsed = 0
        while parsed < records, try nextDataRecord(&scanner, &fields, columns: names.count) != nil {
            parsed += 1
            if reportsProgress, parsed & 0xFFFF == 0, let checkpoint {
                try checkpoint("parsing", Double(scanner.position) / Double(bytes.count))
            }
            for column in 0..<names.count {
                try append(fields[column], of: scanner, to: &builders[column], scratch: &scratch,
                           name: names[column], declared: declared[column])
            }
        }
        return builders
    }

    /// Every record as text, the header first, with the line each record starts on; no type
    /// inference. For tools that read CSV sources field by field (the dataset builder).
    public func records(_ bytes: [UInt8]) throws -> [(line: Int, fields: [String])] {
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer, separator: separator)
            var fields: [CSVFieldSpan] = []
            var scratch: [UInt8] = []
            var records: [(line: Int, fields: [String])] = []
            var line = 1
            var lineCountedTo = 0
            while let count = try scanner.nextRecord(into: &fields) {
                if count == 1 && fields[0].start == fields[0].end && !fields[0].quoted { continue }
                // Lines counted forward from the last record, so this stays one pass.
                for index in lineCountedTo..<scanner.recordStart where buffer[index] == UInt8(ascii: "\n") { line += 1 }
                lineCountedTo = scanner.recordStart
                records.append((line, try fields[..<count].map { try text($0, of: scanner, scratch: &scratch) }))
            }
            return records
        }
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
