/// Where the fields of a run of records lie, column by column: what the scanner hands the
/// column parsers, so each column is parsed in one tight loop of its own type.
struct CSVBatch {
    /// Records a batch holds: enough to amortise the per-column work, few enough that the
    /// positions stay in the core's cache.
    static let capacity = 4096

    let columns: Int
    /// Records filled.
    var count = 0
    /// Field `record` of `column` is `starts[column * capacity + record]..<ends[...]`, quotes
    /// and a trailing carriage return left out.
    var starts: [Int]
    var ends: [Int]
    /// Per field, as `starts`: 1 when quoted, 2 more when it holds doubled quotes. Only
    /// meaningful when ``hasQuotes``; files without quotes never touch it.
    var flags: [UInt8]
    var hasQuotes = false

    static let quoted: UInt8 = 1
    static let escaped: UInt8 = 2

    init(columns: Int) {
        self.columns = columns
        starts = [Int](repeating: 0, count: columns * Self.capacity)
        ends = starts
        flags = []
    }

    mutating func reset() {
        count = 0
        if hasQuotes {
            flags.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            hasQuotes = false
        }
    }

    mutating func markQuoted(column: Int, record: Int, escaped: Bool) {
        if flags.isEmpty { flags = [UInt8](repeating: 0, count: columns * Self.capacity) }
        hasQuotes = true
        flags[column * Self.capacity + record] = Self.quoted | (escaped ? Self.escaped : 0)
    }
}

/// Splits CSV bytes into records batch by batch, finding separators and line ends 64 bytes
/// at a time (a bit mask per block, then one step per field), so the loop costs about one
/// branch per field rather than one per byte.
///
/// The rules are ``CSVScanner``'s (RFC 4180, CRLF or LF, a trailing carriage return dropped
/// from unquoted fields, blank lines skipped when there are several columns); that scanner
/// stays the reference and finds line numbers for messages.
struct CSVBatchScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    let separator: UInt8
    /// The window ends where the input does; otherwise a record running to its end is
    /// unfinished and waits for the next window.
    let isFinal: Bool
    /// Where the window starts in the input, and the input, for the places in messages.
    private let windowOffset: Int
    private let input: CSVInput
    private(set) var position: Int
    private var recordStart = 0
    /// The block the mask describes, and its separators and line ends not yet consumed.
    private var blockStart = 0
    private var mask: UInt64 = 0
    private let separatorPattern: UInt64
    private static let newlinePattern: UInt64 = 0x0A0A_0A0A_0A0A_0A0A

    init(_ window: CSVWindow, separator: UInt8, at position: Int) {
        base = window.base
        count = window.count
        isFinal = window.isFinal
        windowOffset = window.offset
        input = window.input
        self.separator = separator
        self.position = position
        separatorPattern = UInt64(separator) &* 0x0101_0101_0101_0101
        blockStart = position
        mask = blockMask(at: position)
    }

    /// Why ``fill(_:limit:columns:)`` stopped before a full batch or the limit.
    enum Stop {
        case none
        /// The window ends inside a record (or just before the next one): slide it on.
        case needsMore
        /// A record with the wrong number of fields or broken quoting.
        case broken(DataFileError)
    }

    private struct Unfinished: Error {}

    /// Fills `batch` with the records that start before `limit` (relative to the window), up
    /// to a batch's capacity. A broken record ends the batch early, so the records before it
    /// are still parsed (an error among them comes first); so does the end of a window.
    mutating func fill(_ batch: inout CSVBatch, limit: Int, columns: Int) -> Stop {
        do {
            try fillRecords(&batch, limit: limit, columns: columns)
            return !isFinal && position >= count && position < limit ? .needsMore : .none
        } catch let error as DataFileError {
            return .broken(error)
        } catch {
            position = recordStart
            return .needsMore
        }
    }

    private mutating func fillRecords(_ batch: inout CSVBatch, limit: Int, columns: Int) throws {
        batch.reset()
        let capacity = CSVBatch.capacity
        var record = 0
        var starts = batch.starts, ends = batch.ends
        batch.starts = []
        batch.ends = []
        defer {
            batch.starts = starts
            batch.ends = ends
            batch.count = record
        }
        try starts.withUnsafeMutableBufferPointer { starts in
            try ends.withUnsafeMutableBufferPointer { ends in
                while record < capacity, position < min(limit, count) {
                    recordStart = position
                    var column = 0
                    var blank = false
                    var atRecordEnd = false
                    while !atRecordEnd {
                        var start = position, end: Int
                        var quoted = false, escaped = false
                        if position < count, base[position] == UInt8(ascii: "\"") {
                            (start, end, escaped) = try readQuoted()
                            quoted = true
                            atRecordEnd = try stepPastQuoted()
                        } else {
                            let terminator = nextTerminator()
                            end = terminator
                            if end > start, base[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                            position = min(terminator + 1, count)
                            atRecordEnd = terminator == count || base[terminator] != separator
                        }
                        if column < columns {
                            let slot = column * capacity + record
                            starts[slot] = start
                            ends[slot] = end
                            if quoted { batch.markQuoted(column: column, record: record, escaped: escaped) }
                        }
                        column += 1
                        blank = column == 1 && atRecordEnd && !quoted && start == end
                    }
                    // A record that runs to the end of a window may go on in the next.
                    if !isFinal, position >= count, base[count - 1] != UInt8(ascii: "\n") { throw Unfinished() }
                    if blank && columns > 1 { continue }
                    guard column == columns else { throw fieldCountError(recordStart, fields: column, columns: columns) }
                    record += 1
                }
            }
        }
    }

    /// The position of the next separator or line feed at or after `position`, or the end.
    @inline(__always)
    private mutating func nextTerminator() -> Int {
        while true {
            if mask != 0 {
                let found = blockStart + mask.trailingZeroBitCount
                mask &= mask &- 1
                if found >= position { return found }
                continue
            }
            blockStart += 64
            if blockStart >= count { return count }
            mask = blockMask(at: blockStart)
        }
    }

    /// Bit `i` set when byte `start + i` is the separator or a line feed.
    private func blockMask(at start: Int) -> UInt64 {
        guard start + 64 <= count else {
            var bits: UInt64 = 0
            var index = start
            while index < count {
                let byte = base[index]
                if byte == separator || byte == UInt8(ascii: "\n") { bits |= 1 << UInt64(index - start) }
                index += 1
            }
            return bits
        }
        let raw = UnsafeRawPointer(base + start)
        var bits: UInt64 = 0
        for word in 0..<8 {
            let value = raw.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)
            // One bit per byte (bit 0 of each byte), then folded into the low byte: shifts
            // rather than a multiply, which vectorises badly without 64-bit SIMD multiplies.
            var hits = (Self.zeroBytes(value ^ separatorPattern) | Self.zeroBytes(value ^ Self.newlinePattern)) >> 7
            hits |= hits >> 7
            hits |= hits >> 14
            hits |= hits >> 28
            bits |= (hits & 0xFF) << UInt64(word * 8)
        }
        return bits
    }

    /// 0x80 in every byte of `value` that is zero, 0 elsewhere (exact, no false hits).
    @inline(__always)
    private static func zeroBytes(_ value: UInt64) -> UInt64 {
        let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
        return ~(((value & low) &+ low) | value | low)
    }

    /// A quoted field from the opening quote at `position`: its text without the quotes,
    /// and whether it holds doubled quotes. Leaves `position` after the closing quote.
    private mutating func readQuoted() throws -> (start: Int, end: Int, escaped: Bool) {
        let quote = UInt8(ascii: "\"")
        let opening = position
        var index = position + 1
        var escaped = false
        while true {
            guard index < count else {
                if !isFinal { throw Unfinished() }
                throw error(at: opening, "unterminated quoted field: no closing '\"'")
            }
            if base[index] == quote {
                if index + 1 < count, base[index + 1] == quote {
                    escaped = true
                    index += 2
                    continue
                }
                position = index + 1
                return (opening + 1, index, escaped)
            }
            index += 1
        }
    }

    /// After a closing quote: a separator (another field follows), a line end, or the end of
    /// the input; true when the record ended. The block mask restarts past the field.
    private mutating func stepPastQuoted() throws -> Bool {
        defer {
            blockStart = position
            mask = blockMask(at: position)
        }
        guard position < count else { return true }
        switch base[position] {
        case separator:
            position += 1
            return false
        case UInt8(ascii: "\r"):
            position += 1
            if position < count, base[position] == UInt8(ascii: "\n") { position += 1 }
            return true
        case UInt8(ascii: "\n"):
            position += 1
            return true
        default:
            throw error(at: position, "unexpected text after a closing quote")
        }
    }

    private func error(at offset: Int, _ message: String) -> DataFileError {
        let (line, column) = input.location(of: windowOffset + offset)
        return DataFileError(line: line, column: column, message: message)
    }

    private func fieldCountError(_ recordStart: Int, fields: Int, columns: Int) -> DataFileError {
        // Count every field of the record for the message, past the ones the batch keeps.
        var reference = CSVScanner(UnsafeBufferPointer(start: base, count: count), separator: separator, at: recordStart)
        var spans: [CSVFieldSpan] = []
        let total = ((try? reference.nextRecord(into: &spans)) ?? nil) ?? fields
        let line = input.location(of: windowOffset + recordStart).line
        return DataFileError(line: line, column: 1,
                             message: "row has \(total) field\(total == 1 ? "" : "s"), the header has \(columns)")
    }
}
