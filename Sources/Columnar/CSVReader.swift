/// Reads CSV (RFC 4180) into a ``Table``: a header row, quoted fields with commas, quotes and
/// newlines, CRLF line ends, an optional UTF-8 byte order mark. Empty fields are null; blank
/// lines are skipped.
///
/// One pass over the bytes, in batches of records: ``CSVBatchScanner`` finds the fields,
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
        let dataStart = scanner.position
        let everyColumn = Array(names.indices)
        let typed = { (column: Int) in CSVColumnParser(name: names[column], declaredType: self.declaredTypes[names[column]]) }
        // Parts cut at line ends are a guess (a quoted field may hold a line break); a part
        // that does not end where the next began means the guess was wrong, and one part is safe.
        var cuts = cutPoints(bytes, from: dataStart)
        var reading = try parseParts(bytes, cuts: cuts, columns: everyColumn, names: names, make: typed)
        if reading == nil {
            cuts = [dataStart, bytes.count]
            reading = try parseParts(bytes, cuts: cuts, columns: everyColumn, names: names, make: typed)
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
            var again = try parseParts(bytes, cuts: cuts, columns: textColumns, names: names, make: text)
                ?? parseParts(bytes, cuts: [dataStart, bytes.count], columns: textColumns, names: names, make: text)!
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
        for column in everyColumn {
            // Taken out of the parts, so that joining them can grow the first part's values
            // in place instead of copying them.
            var pieces = parts.indices.map { parts[$0][column] }
            for part in parts.indices { parts[part][column] = CSVColumnParser(name: names[column], declaredType: nil) }
            columns.append(CSVColumnParser.concatenate(&pieces, as: types[column]!))
        }
        let reports = names.enumerated().map { index, name in
            let declared = declaredTypes[name] != nil
            return ColumnReport(name: name, type: types[index]!, declared: declared,
                                note: declared ? nil : TextNote.note(for: columns[index]) {
                                    line(ofRow: $0, column: index, in: bytes, from: dataStart, columns: names.count)
                                })
        }
        return LoadedTable(table: Table(names: names, columns: columns), columns: reports)
    }


    /// Where each thread's part of the records begins, then the end: cut just after a line
    /// feed near each even share of the bytes.
    private func cutPoints(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [Int] {
        let parts = max(1, min(threads, (bytes.count - start) / max(1, minimumBytesPerThread)))
        var cuts = [start]
        for part in 1..<max(1, parts) {
            var cut = start + (bytes.count - start) / parts * part
            while cut < bytes.count && bytes[cut - 1] != UInt8(ascii: "\n") { cut += 1 }
            if cut > cuts.last!, cut < bytes.count { cuts.append(cut) }
        }
        cuts.append(bytes.count)
        return cuts
    }

    /// `columns` of the records between each pair of cuts, a part per thread: the parsers of
    /// each part and the first error in the file, if any (the parts up to the one that
    /// failed). Nil when a part did not end exactly at the next cut (the cut was inside a
    /// quoted field).
    private func parseParts(_ bytes: UnsafeBufferPointer<UInt8>, cuts: [Int], columns: [Int], names: [String],
                            make: (Int) -> CSVColumnParser) throws -> (parts: [[CSVColumnParser]], error: DataFileError?)? {
        let fresh = names.indices.map(make)
        if cuts.count == 2 {
            var parsers = fresh
            let (_, error) = try parsePart(bytes, from: cuts[0], to: cuts[1], parsers: &parsers, columns: columns, part: 0, stop: nil)
            return ([parsers], error)
        }
        let stop = LoadStop()
        let results = Parallel.map((0..<cuts.count - 1).map { $0..<$0 + 1 }) { part in
            Result { () throws -> ([CSVColumnParser], Int, DataFileError?) in
                var parsers = fresh
                do {
                    let (end, error) = try parsePart(bytes, from: cuts[part.lowerBound], to: cuts[part.upperBound],
                                                     parsers: &parsers, columns: columns, part: part.lowerBound, stop: stop)
                    if error != nil { stop.stop(after: part.lowerBound) }
                    return (parsers, end, error)
                } catch {
                    stop.stop(after: part.lowerBound - 1)
                    throw error
                }
            }
        }
        var parts: [[CSVColumnParser]] = []
        for (part, result) in results.enumerated() {
            // Each part's errors are real once the part before it ended at its cut.
            let (parsers, end, error) = try result.get()
            parts.append(parsers)
            if let error { return (parts, error) }
            if end != cuts[part + 1] { return nil }
        }
        return (parts, nil)
    }

    /// The records from `start` up to `limit` into `parsers` (only `columns` of them), batch by
    /// batch: where the scan stopped, and the first error in the part. Part 0 reports progress.
    private func parsePart(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to limit: Int,
                           parsers: inout [CSVColumnParser], columns: [Int], part: Int,
                           stop: LoadStop?) throws -> (end: Int, error: DataFileError?) {
        guard let base = bytes.baseAddress else { return (start, nil) }
        var scanner = CSVBatchScanner(bytes, separator: separator, at: start)
        var batch = CSVBatch(columns: parsers.count)
        var batches = 0
        while true {
            let brokenRecord = scanner.fill(&batch, limit: limit, columns: parsers.count)
            if batches == 0, scanner.position < limit {
                // The first batch's bytes per record tell about how many records the part
                // holds; the first part makes room for the whole file, to which the others'
                // records are appended at the end.
                let span = part == 0 ? bytes.count - start : limit - start
                let expected = Int(Double(batch.count) * Double(span) / Double(max(1, scanner.position - start)) * 1.02)
                for column in columns { parsers[column].expectedRows = expected + CSVBatch.capacity }
            }
            // Every column takes the batch, so the error reported is the first in the file.
            var error: DataFileError?
            for column in columns {
                do {
                    try parsers[column].take(batch, column: column, bytes: base, file: bytes)
                } catch let failure as DataFileError {
                    error = error.map { DataFileError.first($0, failure) } ?? failure
                }
            }
            if let error = error ?? brokenRecord { return (scanner.position, error) }
            if batch.count == 0 { return (scanner.position, nil) }
            batches += 1
            if batches & 15 == 0 {
                if let stop, stop.isStopped(before: part) { throw LoadStop.Stopped() }
                if part == 0, let checkpoint {
                    try checkpoint("parsing", Double(scanner.position - start) / Double(max(1, limit - start)))
                }
            }
        }
    }

    /// The line where field `column` of data row `row` starts, found by reading the records
    /// again (only for a message).
    private func line(ofRow row: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, columns: Int) -> Int {
        var scanner = CSVScanner(bytes, separator: separator, at: start)
        var fields: [CSVFieldSpan] = []
        var seen = 0
        while let count = try? nextDataRecord(&scanner, &fields, columns: columns) {
            if seen == row { return scanner.location(of: fields[min(column, count - 1)].start).line }
            seen += 1
        }
        return 0
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
}
