/// Reads CSV (RFC 4180) into a ``Table``: a header row, quoted fields with commas, quotes and
/// newlines, CRLF line ends, an optional UTF-8 byte order mark. Empty fields are null; blank
/// lines are skipped.
///
/// One pass over the bytes, in batches of records (a file is read through a window of a few
/// megabytes that slides along it, never whole): ``CSVBatchScanner`` finds the fields,
/// then each column's ``CSVColumnParser`` parses its fields of the batch in one loop of its
/// type. Types are inferred from every value (int, then float, bool, ISO date, else text;
/// zero-padded numbers such as `007` stay text, because they are codes): a column takes the
/// type of its first value and widens as it must; a column that turns out to be text after
/// other values is read again as text. A string is checked for valid UTF-8 once per distinct
/// value. With several threads, each reads a run of records cut at a line end, and a cut
/// that fell inside a quoted field is noticed and the file read on one thread.
public struct CSVReader {
    public var separator: UInt8
    /// Columns whose type is given (`load ... with (code: string)`), not inferred.
    public var declaredTypes: [String: DataType]
    /// Hears progress every 65,536 records, and may throw to stop.
    public var checkpoint: LoadCheckpoint?
    /// Threads the load may use, each parsing a run of records.
    public var threads = 1
    /// Below this many bytes a part is not worth a thread (tests lower it to cut small files).
    var minimumBytesPerThread = 1 << 22
    /// Bytes of a file read at a time (tests lower it to cut records at window ends).
    var windowBytes = CSVWindow.fileWindow

    public init(separator: UInt8 = UInt8(ascii: ","), declaredTypes: [String: DataType] = [:]) {
        self.separator = separator
        self.declaredTypes = declaredTypes
    }

    public func read(_ bytes: [UInt8]) throws -> Table {
        try readWithReport(bytes).table
    }

    /// The table and what was decided about each column.
    public func readWithReport(_ bytes: [UInt8]) throws -> LoadedTable {
        try bytes.withUnsafeBufferPointer { try read(CSVInput(memory: $0)) }
    }

    /// A regular file read a window at a time, never whole. Throws ``FileBytes/Failure`` when
    /// the file cannot be read, ``DataFileError`` when its contents are wrong.
    public func readWithReport(descriptor: Int32, size: Int) throws -> LoadedTable {
        try read(CSVInput(descriptor: descriptor, size: size))
    }

    private func read(_ input: CSVInput) throws -> LoadedTable {
        let (names, dataStart) = try header(of: input)
        guard !names.isEmpty else { return LoadedTable(table: .empty, columns: []) }
        if let unknown = declaredTypes.keys.sorted().first(where: { !names.contains($0) }) {
            throw DataFileError(line: 1, column: 1, message: "'with' names '\(unknown)', which is not a column of the file; "
                                + "the columns are: " + names.joined(separator: ", "))
        }
        let everyColumn = Array(names.indices)
        let typed = { (column: Int) in CSVColumnParser(name: names[column], declaredType: self.declaredTypes[names[column]]) }
        // Parts cut at line ends are a guess (a quoted field may hold a line break); a part
        // that does not end where the next began means the guess was wrong, and one part is safe.
        var cuts = try cutPoints(input, from: dataStart)
        var reading = try parseParts(input, cuts: cuts, columns: everyColumn, names: names, make: typed)
        if reading == nil {
            cuts = [dataStart, input.size]
            reading = try parseParts(input, cuts: cuts, columns: everyColumn, names: names, make: typed)
        }
        guard var (parts, error) = reading else { preconditionFailure("one part always ends at the end") }
        // Only `parts` may hold the values, so that joining the parts grows them in place.
        reading = nil

        // Columns that turned out to be text after values of another type are read again as
        // text (which may find invalid UTF-8 before the error that stopped the first reading).
        var types = everyColumn.map { column in CSVColumnParser.combinedType(parts.map { $0[column] }) }
        let textColumns = everyColumn.filter { types[$0] == nil }
        if !textColumns.isEmpty {
            let text = { (column: Int) in CSVColumnParser(textNamed: names[column]) }
            var again = try parseParts(input, cuts: cuts, columns: textColumns, names: names, make: text)
                ?? parseParts(input, cuts: [dataStart, input.size], columns: textColumns, names: names, make: text)!
            if let later = again.error {
                error = error.map { DataFileError.first($0, later) } ?? later
            } else if error == nil {
                for column in textColumns {
                    for part in parts.indices {
                        parts[part][column] = again.parts[part][column]
                        again.parts[part][column] = text(column)
                    }
                }
            }
            for column in textColumns { types[column] = .string }
        }
        if let error { throw error }
        var columns: [Column] = []
        var reports: [ColumnReport] = []
        for (index, name) in names.enumerated() {
            // Taken out of the parts, so that joining them can grow the first part's values
            // in place instead of copying them.
            var pieces = parts.indices.map { parts[$0][index] }
            for part in parts.indices { parts[part][index] = CSVColumnParser(name: name, declaredType: nil) }
            let (column, firstOffsets) = CSVColumnParser.concatenate(&pieces, as: types[index]!)
            columns.append(column)
            let declared = declaredTypes[name] != nil
            let note = declared ? nil : TextNote.note(for: column, firstOffsets: firstOffsets) { input.location(of: $0).line }
            reports.append(ColumnReport(name: name, type: types[index]!, declared: declared, note: note))
        }
        return LoadedTable(table: Table(names: names, columns: columns), columns: reports)
    }

    /// The column names and where the records after them start. The window grows until it
    /// holds the whole header record.
    private func header(of input: CSVInput) throws -> (names: [String], dataStart: Int) {
        let window = try CSVWindow(input, at: 0, capacity: windowBytes)
        while true {
            var scanner = CSVScanner(UnsafeBufferPointer(start: window.base, count: window.count), separator: separator)
            var fields: [CSVFieldSpan] = []
            var scratch: [UInt8] = []
            do {
                let names = try header(&scanner, &fields, &scratch)
                if window.isFinal || scanner.position < window.count { return (names, scanner.position) }
            } catch let error as DataFileError where window.isFinal {
                throw error
            } catch is DataFileError {}
            try window.advance(keepingFrom: 0)
        }
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

    private func text(_ field: CSVFieldSpan, of scanner: CSVScanner, scratch: inout [UInt8]) throws -> String {
        try scanner.withUnescaped(field, scratch: &scratch) { bytes in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let (line, column) = scanner.location(of: field.start)
                throw DataFileError(line: line, column: column, message: "invalid UTF-8")
            }
            return text
        }
    }
}
