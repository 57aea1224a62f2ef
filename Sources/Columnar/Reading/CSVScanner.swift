/// Where one field of a record lies in the file: its bytes without surrounding quotes.
struct CSVFieldSpan {
    var start: Int
    var end: Int
    var quoted: Bool
    /// A quoted field holding doubled quotes, which unescaping turns into one.
    var hasEscapes: Bool

    static let empty = CSVFieldSpan(start: 0, end: 0, quoted: false, hasEscapes: false)
}

/// Splits CSV bytes into records (RFC 4180: quoted fields may hold separators, doubled quotes
/// and line breaks; CRLF or LF ends a record).
///
/// It runs over raw memory and keeps no line count: loading is a tight loop over bytes, and
/// the rare error message finds its line and column afterwards with ``location(of:)``.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let separator: UInt8
    private(set) var position: Int
    /// Where the record last returned by ``nextRecord(into:)`` starts.
    private(set) var recordStart = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) {
        self.bytes = bytes
        self.separator = separator
        position = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// A scanner starting at a record boundary found earlier.
    init(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, at position: Int) {
        self.init(bytes, separator: separator)
        self.position = position
    }

    /// Reads the next record into `fields` (grown when a record has more fields than it
    /// holds) and returns its field count, or nil at the end of the input. A blank line is
    /// one empty unquoted field.
    mutating func nextRecord(into fields: inout [CSVFieldSpan]) throws -> Int? {
        guard position < bytes.count else { return nil }
        recordStart = position
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var count = 0
        while true {
            var field = CSVFieldSpan(start: position, end: position, quoted: false, hasEscapes: false)
            if position < bytes.count, bytes[position] == quote {
                try readQuoted(&field)
            } else {
                var end = position
                while end < bytes.count {
                    let byte = bytes[end]
                    if byte == separator || byte == newline { break }
                    end += 1
                }
                position = end
                if end > field.start, bytes[end - 1] == carriageReturn { end -= 1 }
                field.end = end
            }
            if count == fields.count { fields.append(field) } else { fields[count] = field }
            count += 1
            // After a separator a field follows, even at the end of the input (`a,b,` has three).
            if position < bytes.count, bytes[position] == separator {
                position += 1
                continue
            }
            if position < bytes.count, bytes[position] == carriageReturn { position += 1 }
            if position < bytes.count, bytes[position] == newline { position += 1 }
            return count
        }
    }

    private mutating func readQuoted(_ field: inout CSVFieldSpan) throws {
        let quote = UInt8(ascii: "\"")
        let opening = position
        position += 1
        field.quoted = true
        field.start = position
        while true {
            guard position < bytes.count else {
                let (line, column) = location(of: opening)
                throw DataFileError(line: line, column: column, message: "unterminated quoted field: no closing '\"'")
            }
            if bytes[position] == quote {
                if position + 1 < bytes.count, bytes[position + 1] == quote {
                    field.hasEscapes = true
                    position += 2
                    continue
                }
                field.end = position
                position += 1
                break
            }
            position += 1
        }
        if position < bytes.count, bytes[position] != separator, bytes[position] != UInt8(ascii: "\n"),
           bytes[position] != UInt8(ascii: "\r") {
            let (line, column) = location(of: position)
            throw DataFileError(line: line, column: column, message: "unexpected text after a closing quote")
        }
    }

    /// The 1-based line and byte column of an offset, counted from the start of the input.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// A field's raw bytes (doubled quotes still doubled).
    func raw(_ field: CSVFieldSpan) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
    }

    /// Calls `body` with a field's text, doubled quotes made single (in `scratch` when the
    /// field must be rewritten).
    func withUnescaped<Result>(_ field: CSVFieldSpan, scratch: inout [UInt8],
                               _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let slice = raw(field)
        guard field.hasEscapes else { return try body(slice) }
        scratch.removeAll(keepingCapacity: true)
        var skip = false
        for byte in slice {
            if skip { skip = false; continue }
            scratch.append(byte)
            if byte == UInt8(ascii: "\"") { skip = true }
        }
        return try scratch.withUnsafeBufferPointer(body)
    }
}
