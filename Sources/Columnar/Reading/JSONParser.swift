/// A byte-level JSON parser (RFC 8259) with line and column for every error.
struct JSONParser {
    let bytes: [UInt8]
    private(set) var position = 0
    private(set) var line = 1
    private var lineStart = 0
    /// Nesting limit, so hostile input cannot exhaust the stack.
    static let maxDepth = 200
    private var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3; lineStart = 3 }
    }

    var column: Int { position - lineStart + 1 }
    var atEnd: Bool { position >= bytes.count }
    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    func error(_ message: String) -> DataFileError {
        DataFileError(line: line, column: column, message: message)
    }

    mutating func skipWhitespace() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\n"):
                position += 1
                line += 1
                lineStart = position
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            default:
                return
            }
        }
    }

    mutating func parseValue() throws -> JSONValue {
        skipWhitespace()
        guard let byte = peek() else { throw error("unexpected end of input: expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try nested { try $0.parseObject() }
        case UInt8(ascii: "["): return try nested { try $0.parseArray() }
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character: expected a value")
        }
    }

    private mutating func nested(_ body: (inout JSONParser) throws -> JSONValue) throws -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
        return try body(&self)
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws -> JSONValue {
        let expected = Array(word.utf8)
        guard bytes.count - position >= expected.count, bytes[position..<position + expected.count].elementsEqual(expected) else {
            throw error("invalid literal: expected \(word)")
        }
        position += expected.count
        return value
    }

    private mutating func parseObject() throws -> JSONValue {
        position += 1
        var fields: [(String, JSONValue)] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { position += 1; return .object(fields) }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a key in double quotes") }
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after the key") }
            position += 1
            fields.append((key, try parseValue()))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            if peek() == UInt8(ascii: "}") { position += 1; return .object(fields) }
            throw error("expected ',' or '}' in the object")
        }
    }

    private mutating func parseArray() throws -> JSONValue {
        position += 1
        var items: [(value: JSONValue, line: Int, column: Int)] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            skipWhitespace()
            let (itemLine, itemColumn) = (line, column)
            items.append((try parseValue(), itemLine, itemColumn))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            if peek() == UInt8(ascii: "]") { position += 1; return .array(items) }
            throw error("expected ',' or ']' in the array")
        }
    }

    private mutating func parseString() throws -> String {
        let (openLine, openColumn) = (line, column)
        position += 1
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw DataFileError(line: openLine, column: openColumn, message: "unterminated string")
            }
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw DataFileError(line: openLine, column: openColumn, message: "invalid UTF-8 in a string")
                }
                return text
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case 0..<0x20:
                throw error("control character in a string: escape it")
            default:
                out.append(byte)
            }
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws {
        guard let byte = peek() else { throw error("unterminated escape") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "u"):
            var value = try hex4()
            if (0xD800..<0xDC00).contains(value) {
                guard peek() == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                    throw error("a high surrogate must be followed by a low one")
                }
                position += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate") }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else { throw error("invalid \\u escape") }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("invalid escape")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard bytes.count - position >= 4 else { throw error("\\u needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
            default: throw error("\\u needs four hex digits")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func parseNumber() throws -> JSONValue {
        let start = position
        var isFloat = false
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"): position += 1
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): isFloat = true; position += 1
            default: break
            }
            if position == start || !(peek().map { "0123456789-+.eE".utf8.contains($0) } ?? false) { break }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if !isFloat, let value = Int64(text) { return .int(value) }
        guard let value = Double(text), value.isFinite, text.first != "+" else {
            position = start
            throw error("invalid number '\(text)'")
        }
        return .float(value)
    }
}
