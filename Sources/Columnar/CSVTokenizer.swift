/// One field of a CSV record: where its bytes are and where it starts in the file.
struct CSVField {
    /// The field's bytes, without surrounding quotes.
    var start: Int
    var end: Int
    var quoted: Bool
    /// True when a quoted field holds doubled quotes, which unescaping turns into one.
    var hasEscapes: Bool
    var line: Int
    var column: Int
    /// True for the last field of its record.
    var endsRecord: Bool
}

/// Splits CSV bytes into fields one at a time (RFC 4180: quoted fields may hold separators,
/// doubled quotes and line breaks; CRLF or LF ends a record), keeping line and column for
/// messages. It stores nothing, so a file is read in passes without a field index in memory.
struct CSVTokenizer {
    let bytes: [UInt8]
    let separator: UInt8
    private var position: Int
    private var line = 1
    private var lineStart: Int
    /// After a separator a field follows, even at the end of the input (`a,b,` has three).
    private var fieldFollows = false

    init(_ bytes: [UInt8], separator: UInt8) {
        self.bytes = bytes
        self.separator = separator
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        lineStart = position
    }

    mutating func next() throws -> CSVField? {
        guard position < bytes.count || fieldFollows else { return nil }
        fieldFollows = false
        var field = CSVField(start: position, end: position, quoted: false, hasEscapes: false,
                             line: line, column: position - lineStart + 1, endsRecord: false)
        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
            try readQuoted(&field)
        } else {
            while position < bytes.count, bytes[position] != separator, bytes[position] != UInt8(ascii: "\n") {
                position += 1
            }
            field.end = position
            if field.end > field.start, bytes[field.end - 1] == UInt8(ascii: "\r") { field.end -= 1 }
        }
        if position < bytes.count, bytes[position] == separator {
            position += 1
            fieldFollows = true
        } else {
            if position < bytes.count, bytes[position] == UInt8(ascii: "\r") { position += 1 }
            if position < bytes.count, bytes[position] == UInt8(ascii: "\n") { newLine(at: position) }
            field.endsRecord = true
        }
        return field
    }

    private mutating func readQuoted(_ field: inout CSVField) throws {
        let (openLine, openColumn) = (line, position - lineStart + 1)
        position += 1
        field.quoted = true
        field.start = position
        while true {
            guard position < bytes.count else {
                throw DataFileError(line: openLine, column: openColumn, message: "unterminated quoted field: no closing '\"'")
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
            if byte == UInt8(ascii: "\n") {
                newLine(at: position)
            } else {
                position += 1
            }
        }
        if position < bytes.count, bytes[position] != separator, bytes[position] != UInt8(ascii: "\n"),
           bytes[position] != UInt8(ascii: "\r") {
            throw DataFileError(line: line, column: position - lineStart + 1, message: "unexpected text after a closing quote")
        }
    }

    private mutating func newLine(at index: Int) {
        position = index + 1
        line += 1
        lineStart = position
    }

    /// A field's text with doubled quotes made single.
    func unescaped(_ field: CSVField) -> ArraySlice<UInt8> { Self.unescaped(field, in: bytes) }

    static func unescaped(_ field: CSVField, in bytes: [UInt8]) -> ArraySlice<UInt8> {
        let slice = bytes[field.start..<field.end]
        guard field.hasEscapes else { return slice }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var skip = false
        for byte in slice {
            if skip { skip = false; continue }
            out.append(byte)
            if byte == UInt8(ascii: "\"") { skip = true }
        }
        return out[...]
    }
}
