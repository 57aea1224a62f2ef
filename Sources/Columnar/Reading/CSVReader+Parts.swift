extension CSVReader {
    /// Where each thread's part of the records begins, then the end: cut just after a line
    /// feed near each even share of the bytes.
    func cutPoints(_ input: CSVInput, from start: Int) throws -> [Int] {
        let parts = max(1, min(threads, (input.size - start) / max(1, minimumBytesPerThread)))
        var cuts = [start]
        for part in 1..<max(1, parts) {
            let cut = try lineStart(in: input, atOrAfter: start + (input.size - start) / parts * part)
            if cut > cuts.last!, cut < input.size { cuts.append(cut) }
        }
        cuts.append(input.size)
        return cuts
    }

    /// The first offset at or after `offset` that follows a line feed (or the end).
    private func lineStart(in input: CSVInput, atOrAfter offset: Int) throws -> Int {
        let chunk = 1 << 16
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
        defer { scratch.deallocate() }
        var position = offset - 1
        while position < input.size {
            let got = try input.read(into: scratch.baseAddress!, count: chunk, at: position)
            if got == 0 { break }
            if let index = scratch[..<got].firstIndex(of: UInt8(ascii: "\n")) { return position + index + 1 }
            position += got
        }
        return input.size
    }

    /// `columns` of the records between each pair of cuts, a part per thread: the parsers of
    /// each part and the first error in the file, if any (the parts up to the one that
    /// failed). Nil when a part did not end exactly at the next cut (the cut was inside a
    /// quoted field).
    func parseParts(_ input: CSVInput, cuts: [Int], columns: [Int], names: [String],
                    make: (Int) -> CSVColumnParser) throws -> (parts: [[CSVColumnParser]], error: DataFileError?)? {
        let fresh = names.indices.map(make)
        if cuts.count == 2 {
            var parsers = fresh
            let (_, error) = try parsePart(input, from: cuts[0], to: cuts[1], parsers: &parsers, columns: columns, part: 0, stop: nil)
            return ([parsers], error)
        }
        let stop = LoadStop()
        let results = Parallel.map((0..<cuts.count - 1).map { $0..<$0 + 1 }) { part in
            Result { () throws -> ([CSVColumnParser], Int, DataFileError?) in
                var parsers = fresh
                do {
                    let (end, error) = try parsePart(input, from: cuts[part.lowerBound], to: cuts[part.upperBound],
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
    /// batch, through a window that slides along the input: where the scan stopped, and the
    /// first error in the part. Part 0 reports progress.
    private func parsePart(_ input: CSVInput, from start: Int, to limit: Int, parsers: inout [CSVColumnParser],
                           columns: [Int], part: Int, stop: LoadStop?) throws -> (end: Int, error: DataFileError?) {
        let window = try CSVWindow(input, at: start, capacity: windowBytes)
        var scanner = CSVBatchScanner(window, separator: separator, at: 0)
        var batch = CSVBatch(columns: parsers.count)
        var batches = 0
        while true {
            let ending = scanner.fill(&batch, limit: limit - window.offset, columns: parsers.count)
            if batches == 0, batch.count > 0, window.offset + scanner.position < limit {
                // The first batch's bytes per record tell about how many records the part
                // holds; the first part makes room for the whole file, to which the others'
                // records are appended at the end.
                let span = part == 0 ? input.size - start : limit - start
                let read = max(1, window.offset + scanner.position - start)
                let expected = Int(Double(batch.count) * Double(span) / Double(read) * 1.02)
                for column in columns { parsers[column].expectedRows = expected + CSVBatch.capacity }
            }
            // Every column takes the batch, so the error reported is the first in the file.
            var error: DataFileError?
            for column in columns {
                do {
                    try parsers[column].take(batch, column: column, window: window)
                } catch let failure as DataFileError {
                    error = error.map { DataFileError.first($0, failure) } ?? failure
                }
            }
            if let error { return (window.offset + scanner.position, error) }
            switch ending {
            case .broken(let error): return (window.offset + scanner.position, error)
            case .needsMore:
                try window.advance(keepingFrom: scanner.position)
                scanner = CSVBatchScanner(window, separator: separator, at: 0)
            case .none:
                if batch.count == 0 { return (window.offset + scanner.position, nil) }
            }
            batches += 1
            if batches & 15 == 0 {
                if let stop, stop.isStopped(before: part) { throw LoadStop.Stopped() }
                if part == 0, let checkpoint {
                    try checkpoint("parsing", Double(window.offset + scanner.position - start) / Double(max(1, limit - start)))
                }
            }
        }
    }
}
