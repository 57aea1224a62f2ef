import Columnar
import Diagnostics
import Syntax

extension Lexer {
    /// integer := digit ( digit | "_" digit )* ; float adds a fraction and/or an exponent.
    mutating func lexNumber() -> TokenKind {
        let start = position
        var text: [UInt8] = []
        var isFloat = false
        var malformed: String?

        func digits(_ lexer: inout Lexer, into text: inout [UInt8]) -> String? {
            var problem: String?
            var last: UInt8 = 0
            while let byte = lexer.peekByte(), (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_") {
                if byte == UInt8(ascii: "_") {
                    if last == UInt8(ascii: "_") { problem = "'_' separators must stand between digits" }
                } else {
                    text.append(byte)
                }
                last = byte
                lexer.advance()
            }
            if last == UInt8(ascii: "_") { problem = "'_' separators must stand between digits" }
            return problem
        }

        malformed = digits(&self, into: &text)
        // A fraction needs a digit after the dot, so `1..5` stays a range.
        if peekByte() == UInt8(ascii: "."), let next = peekByte(1), next >= 0x30 && next <= 0x39 {
            isFloat = true
            text.append(UInt8(ascii: "."))
            advance()
            malformed = digits(&self, into: &text) ?? malformed
        }
        if let e = peekByte(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var offset = 1
            if let sign = peekByte(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { offset = 2 }
            if let digit = peekByte(offset), digit >= 0x30 && digit <= 0x39 {
                isFloat = true
                text.append(UInt8(ascii: "e"))
                if offset == 2, let sign = peekByte(1) { text.append(sign) }
                advance(offset)
                malformed = digits(&self, into: &text) ?? malformed
            }
        }
        // `5x`, `0x1F`, `1e`: letters glued to a number make the whole word invalid.
        if isIdentifierContinue(at: position) {
            while isIdentifierContinue(at: position) { advance(scalarLength(at: position)) }
            let word = String(decoding: byteSlice(start..<position), as: UTF8.self)
            report("E0103", "invalid number '\(word)'", Span(start: start, end: position),
                   help: "numbers are written like 42, 1_000, 3.14 or 1e6")
            return .invalid
        }
        let span = Span(start: start, end: position)
        if let malformed {
            report("E0103", "invalid number '\(String(decoding: byteSlice(start..<position), as: UTF8.self))': \(malformed)", span)
            return .invalid
        }
        let literal = String(decoding: text, as: UTF8.self)
        guard isFloat else { return .integer(digits: literal) }
        guard let value = Double(literal), value.isFinite else {
            report("E0104", "float literal '\(String(decoding: byteSlice(start..<position), as: UTF8.self))' is out of range",
                   span, help: "the largest float is about 1.8e308")
            return .invalid
        }
        return .float(value)
    }

    /// string := '"' ( char | escape )* '"' ; escapes: \" \\ \n \t \u{hex}
    mutating func lexString(quote: UInt8) -> TokenKind {
        let start = position
        advance()
        var value: [UInt8] = []
        var valid = true
        while let byte = peekByte(), byte != UInt8(ascii: "\n") {
            if byte == quote {
                advance()
                guard valid, let text = String(validating: value, as: UTF8.self) else {
                    if valid {
                        report("E0102", "invalid UTF-8 in a string literal", Span(start: start, end: position),
                               help: "queries must be UTF-8 text")
                    }
                    return .invalid
                }
                return .string(text)
            }
            if byte == UInt8(ascii: "\\") {
                if let scalar = lexEscape() {
                    value.append(contentsOf: Array(String(Character(scalar)).utf8))
                } else {
                    valid = false
                }
                continue
            }
            value.append(byte)
            advance()
        }
        report("E0105", "unterminated string: the string opened on line \(lineNumber(of: start)) has no closing "
               + (quote == UInt8(ascii: "\"") ? "'\"'" : "quote"),
               Span(start: start, end: start + 1), help: "strings end on the line they start; write \\n for a line break")
        return .invalid
    }

    /// One escape after a backslash; nil (and a diagnostic) when it is not valid.
    private mutating func lexEscape() -> Unicode.Scalar? {
        let start = position
        advance()
        guard let byte = peekByte(), byte != UInt8(ascii: "\n") else {
            report("E0106", "a backslash must be followed by an escape", Span(start: start, end: position),
                   help: "valid escapes are \\\" \\\\ \\n \\t \\u{...}")
            return nil
        }
        advance()
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "'"): return "'"
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return lexUnicodeEscape(start: start)
        default:
            advance(scalarLength(at: position - 1) - 1)
            let shown = String(decoding: byteSlice(start..<position), as: UTF8.self)
            report("E0106", "unknown escape '\(shown)'", Span(start: start, end: position),
                   help: "valid escapes are \\\" \\\\ \\n \\t \\u{...}; write \\\\ for a backslash")
            return nil
        }
    }

    /// `\u{1F600}`: one to six hex digits naming a Unicode scalar.
    private mutating func lexUnicodeEscape(start: Int) -> Unicode.Scalar? {
        guard peekByte() == UInt8(ascii: "{") else {
            report("E0106", "expected '{' after \\u", Span(start: start, end: position), help: "write \\u{4E2D} for 中")
            return nil
        }
        advance()
        var value: UInt32 = 0
        var count = 0
        while let byte = peekByte(), let digit = hexValue(byte) {
            if count < 8 { value = value << 4 | digit }
            count += 1
            advance()
        }
        guard peekByte() == UInt8(ascii: "}") else {
            report("E0106", "unterminated \\u{...} escape", Span(start: start, end: position), help: "write \\u{4E2D} for 中")
            return nil
        }
        advance()
        guard count <= 6 else {
            report("E0106", "'\(String(decoding: byteSlice(start..<position), as: UTF8.self))' has more than 6 hex digits",
                   Span(start: start, end: position), help: "write \\u{41} for A")
            return nil
        }
        guard count >= 1, let scalar = Unicode.Scalar(value), value != 0 else {
            report("E0106", "'\(String(decoding: byteSlice(start..<position), as: UTF8.self))' is not a valid Unicode scalar",
                   Span(start: start, end: position), help: "use 1 to 6 hex digits, not a surrogate or NUL")
            return nil
        }
        return scalar
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - 0x61 + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - 0x41 + 10)
        default: return nil
        }
    }

    /// date := "@" digit{4} "-" digit{2} "-" digit{2}
    mutating func lexDate() -> TokenKind {
        let start = position
        advance()
        while let byte = peekByte(), (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || isIdentifierContinue(at: position) {
            advance(scalarLength(at: position))
        }
        let span = Span(start: start, end: position)
        let text = String(decoding: byteSlice(start + 1..<position), as: UTF8.self)
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }) else {
            report("E0107", text.isEmpty ? "expected a date after '@'" : "invalid date '@\(text)'", span,
                   help: "dates are written @YYYY-MM-DD, like @2020-01-31")
            return .invalid
        }
        guard (1...12).contains(month) else {
            report("E0107", "invalid date '@\(text)': there is no month \(parts[1])", span)
            return .invalid
        }
        let monthDays = DateFormat.daysInMonth(year: year, month: month)
        guard (1...monthDays).contains(day) else {
            report("E0107", "invalid date '@\(text)': \(Self.monthNames[month - 1]) \(year) has \(monthDays) days", span)
            return .invalid
        }
        return .date(DateFormat.days(year: year, month: month, day: day))
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
