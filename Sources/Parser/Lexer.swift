import Diagnostics
import Syntax

/// Turns source bytes into tokens.
///
/// The lexer works on raw bytes, never on `String` per character: input may be invalid
/// UTF-8 or many megabytes long. Every problem becomes a diagnostic and lexing goes on, so
/// the parser sees the whole input. Whether a line break separates statements is decided
/// as the first token of the next line is added (see ``NewlineFilter``).
public struct Lexer {
    private let source: SourceFile
    private let bytes: [UInt8]
    private var index = 0
    private var tokens: [Token] = []
    private var diagnostics: [Diagnostic] = []
    /// Open brackets, innermost last, so that newlines inside them can be ignored.
    private var openBrackets: [Token] = []
    private var atLineStart = true

    public init(source: SourceFile, startingAt offset: Int = 0) {
        self.source = source
        self.bytes = source.bytes
        self.index = offset
    }

    /// Lexes the source from `offset` (the start of a line) to its end, with no brackets
    /// open. The last token is always `.endOfInput`.
    public static func tokenize(_ source: SourceFile, startingAt offset: Int = 0) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source: source, startingAt: offset)
        lexer.run()
        return (lexer.tokens, lexer.diagnostics)
    }

    private mutating func run() {
        // Editors on Windows start files with a byte order mark; it is not part of the query.
        if index == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while true {
            skipSpaceAndComments()
            // At the error limit the parser stops anyway; lexing the rest would be wasted.
            guard index < bytes.count, diagnostics.count < Parser.maxErrors else { break }
            let start = index
            let byte = bytes[index]
            if atLineStart, byte == UInt8(ascii: "."), openBrackets.isEmpty, index + 1 < bytes.count, isASCIILetter(bytes[index + 1]) {
                lexDotCommand()
                continue
            }
            let kind = lexToken(byte)
            add(kind, from: start)
        }
        tokens.append(Token(kind: .endOfInput, span: .point(bytes.count), startsLine: atLineStart))
    }

    private mutating func add(_ kind: TokenKind, from start: Int) {
        let token = Token(kind: kind, span: Span(start: start, end: index), startsLine: atLineStart)
        if atLineStart, let last = tokens.last,
           NewlineFilter.separates(previous: last, next: token, depth: openBrackets.count) {
            tokens.append(Token(kind: .newline, span: .point(last.span.end)))
        }
        atLineStart = false
        switch kind {
        case .symbol(.leftParen), .symbol(.leftBracket):
            openBrackets.append(token)
        case .symbol(.rightParen), .symbol(.rightBracket):
            if !openBrackets.isEmpty { openBrackets.removeLast() }
        default:
            break
        }
        tokens.append(token)
    }

    private mutating func skipSpaceAndComments() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                atLineStart = true
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            default:
                return
            }
        }
    }

    // MARK: - Tokens

    private mutating func lexToken(_ byte: UInt8) -> TokenKind {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return lexNumber()
        case UInt8(ascii: "\""):
            return lexString(quote: byte)
        case UInt8(ascii: "'"):
            let start = index
            let kind = lexString(quote: byte)
            guard case .string = kind else { return kind }
            report("E0109", "strings are written in double quotes", Span(start: start, end: index),
                   help: "write \(TreeDump.quote(stringValue(kind))) instead")
            return kind
        case UInt8(ascii: "`"):
            return lexQuotedIdentifier()
        case UInt8(ascii: "@"):
            return lexDate()
        case UInt8(ascii: "$"):
            return lexParameter()
        default:
            if isIdentifierStart(at: index) { return lexIdentifier() }
            return lexSymbol(byte)
        }
    }

    private func stringValue(_ kind: TokenKind) -> String {
        if case .string(let value) = kind { return value }
        return ""
    }

    private mutating func lexSymbol(_ byte: UInt8) -> TokenKind {
        let start = index
        let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0
        func take(_ count: Int, _ kind: TokenKind) -> TokenKind {
            index += count
            return kind
        }
        switch (byte, next) {
        case (UInt8(ascii: "="), UInt8(ascii: "=")): return take(2, .symbol(.equal))
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): return take(2, .symbol(.notEqual))
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): return take(2, .symbol(.lessEqual))
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): return take(2, .symbol(.greaterEqual))
        case (UInt8(ascii: "/"), UInt8(ascii: "/")): return take(2, .symbol(.slashSlash))
        case (UInt8(ascii: "?"), UInt8(ascii: "?")): return take(2, .symbol(.questionQuestion))
        case (UInt8(ascii: "."), UInt8(ascii: ".")): return take(2, .symbol(.dotDot))
        case (UInt8(ascii: "<"), UInt8(ascii: ">")):
            index += 2
            report("E0110", "'<>' is not an operator", Span(start: start, end: index), help: "use '!=' for 'not equal'")
            return .symbol(.notEqual)
        case (UInt8(ascii: "&"), UInt8(ascii: "&")):
            index += 2
            report("E0110", "'&&' is not an operator", Span(start: start, end: index), help: "use 'and'")
            return .keyword(.and)
        case (UInt8(ascii: "!"), _):
            index += 1
            report("E0110", "'!' is not an operator", Span(start: start, end: index), help: "use 'not' to negate a condition")
            return .keyword(.not)
        default:
            break
        }
        if let symbol = Self.singleByteSymbol(byte) {
            index += 1
            return .symbol(symbol)
        }
        return lexUnexpected()
    }

    /// Symbols of one byte, by a switch rather than building a `String` per token.
    private static func singleByteSymbol(_ byte: UInt8) -> Symbol? {
        switch byte {
        case UInt8(ascii: "|"): return .pipe
        case UInt8(ascii: ","): return .comma
        case UInt8(ascii: ";"): return .semicolon
        case UInt8(ascii: "("): return .leftParen
        case UInt8(ascii: ")"): return .rightParen
        case UInt8(ascii: "["): return .leftBracket
        case UInt8(ascii: "]"): return .rightBracket
        case UInt8(ascii: "."): return .dot
        case UInt8(ascii: "="): return .assign
        case UInt8(ascii: "<"): return .less
        case UInt8(ascii: ">"): return .greater
        case UInt8(ascii: "+"): return .plus
        case UInt8(ascii: "-"): return .minus
        case UInt8(ascii: "*"): return .star
        case UInt8(ascii: "/"): return .slash
        case UInt8(ascii: "%"): return .percent
        case UInt8(ascii: ":"): return .colon
        default: return nil
        }
    }

    /// Consumes a run of bytes that start no token, reporting it once.
    private mutating func lexUnexpected() -> TokenKind {
        let start = index
        if bytes[index] == 0 {
            while index < bytes.count, bytes[index] == 0 { index += 1 }
            report("E0101", "unexpected NUL byte in the query", Span(start: start, end: index))
        } else if let (scalar, length) = UTF8Decoding.decode(bytes, at: index) {
            index += length
            if scalar == "\u{201C}" { return lexCurlyQuotedString(from: start) }
            let shown = Self.isVisible(scalar) ? "'\(Character(scalar))'" : Self.codePoint(scalar)
            let ascii = Self.fullWidthEquivalents[scalar].map { "write the ASCII '\($0)' instead" }
            report("E0101", "unexpected character \(shown)", Span(start: start, end: index), help: ascii)
        } else {
            while index < bytes.count, UTF8Decoding.decode(bytes, at: index) == nil { index += 1 }
            let hex = bytes[start..<min(index, start + 4)].map { "0x" + String($0, radix: 16, uppercase: true) }
            report("E0102", "invalid UTF-8 (bytes \(hex.joined(separator: " "))\(index - start > 4 ? " ..." : ""))",
                   Span(start: start, end: index), help: "queries must be UTF-8 text")
        }
        return .invalid
    }

    /// Whether a scalar can be shown in quotes in a message; others are named by code point.
    static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate,
             .privateUse, .unassigned, .nonspacingMark, .enclosingMark:
            return false
        default:
            return true
        }
    }

    /// `U+00A0`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Punctuation from Chinese and Japanese input methods that looks like ours.
    private static let fullWidthEquivalents: [Unicode.Scalar: String] = [
        "\u{201C}": "\"", "\u{201D}": "\"", "\u{FF02}": "\"", "\u{FF0C}": ",", "\u{3001}": ",",
        "\u{FF08}": "(", "\u{FF09}": ")", "\u{FF3B}": "[", "\u{FF3D}": "]", "\u{FF5C}": "|",
        "\u{FF1D}": "=", "\u{FF1B}": ";", "\u{FF0E}": ".", "\u{3002}": ".", "\u{FF1E}": ">", "\u{FF1C}": "<",
    ]

    /// “上海”, as Chinese input methods type it: read as a string, with an error, so the rest
    /// of the line is still understood.
    private mutating func lexCurlyQuotedString(from start: Int) -> TokenKind {
        let contentStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
            if let (scalar, length) = UTF8Decoding.decode(bytes, at: index), scalar == "\u{201D}" {
                let content = String(decoding: bytes[contentStart..<index], as: UTF8.self)
                index += length
                report("E0109", "strings are written in ASCII double quotes", Span(start: start, end: index),
                       help: "write \(TreeDump.quote(content)) instead")
                return .string(content)
            }
            index += 1
        }
        index = contentStart
        report("E0101", "unexpected character '“'", Span(start: start, end: index), help: "write the ASCII '\"' instead")
        return .invalid
    }

    // MARK: - Names

    private func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private func isIdentifierStart(at position: Int) -> Bool {
        let byte = bytes[position]
        if byte < 0x80 { return isASCIILetter(byte) || byte == UInt8(ascii: "_") }
        guard let (scalar, _) = UTF8Decoding.decode(bytes, at: position) else { return false }
        return scalar.properties.isXIDStart
    }

    /// The length of an identifier-continuing scalar at `position`, or 0.
    private func identifierContinueLength(at position: Int) -> Int {
        guard position < bytes.count else { return 0 }
        let byte = bytes[position]
        if byte < 0x80 {
            return isASCIILetter(byte) || byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39) ? 1 : 0
        }
        guard let (scalar, length) = UTF8Decoding.decode(bytes, at: position) else { return 0 }
        return scalar.properties.isXIDContinue ? length : 0
    }

    private mutating func lexIdentifier() -> TokenKind {
        let start = index
        index += UTF8Decoding.sequenceLength(bytes, at: index)
        while case let length = identifierContinueLength(at: index), length > 0 { index += length }
        let name = String(decoding: bytes[start..<index], as: UTF8.self)
        // Keywords are 2 to 5 ASCII letters; skip the lookup for every other name.
        if index - start <= 5, index - start >= 2, let keyword = Keyword(rawValue: name) { return .keyword(keyword) }
        return .identifier(name, quoted: false)
    }

    /// `` `any name` ``; a doubled backtick stands for one.
    private mutating func lexQuotedIdentifier() -> TokenKind {
        let start = index
        index += 1
        var name: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
            if bytes[index] == UInt8(ascii: "`") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "`") {
                    name.append(bytes[index])
                    index += 2
                    continue
                }
                index += 1
                guard !name.isEmpty else {
                    report("E0111", "a quoted name cannot be empty", Span(start: start, end: index))
                    return .invalid
                }
                guard let text = validUTF8(name, at: start) else { return .invalid }
                return .identifier(text, quoted: true)
            }
            name.append(bytes[index])
            index += 1
        }
        report("E0112", "unterminated quoted name: no closing '`' on this line",
               Span(start: start, end: start + 1))
        return .invalid
    }

    private mutating func lexParameter() -> TokenKind {
        let start = index
        index += 1
        guard index < bytes.count, isIdentifierStart(at: index) else {
            report("E0113", "expected a parameter name after '$'", Span(start: start, end: index),
                   help: "parameters are a '$' and a name, like $year")
            return .invalid
        }
        index += UTF8Decoding.sequenceLength(bytes, at: index)
        while case let length = identifierContinueLength(at: index), length > 0 { index += length }
        return .parameter(String(decoding: bytes[start + 1..<index], as: UTF8.self))
    }

    private mutating func lexDotCommand() {
        let start = index
        index += 1
        while index < bytes.count, identifierContinueLength(at: index) == 1 || bytes[index] == UInt8(ascii: "-") {
            index += 1
        }
        let name = String(decoding: bytes[start + 1..<index], as: UTF8.self)
        let argumentStart = index
        var inQuotes = false
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            // A comment needs a space before it so that `file#1.csv` stays one argument.
            if byte == UInt8(ascii: "#"), !inQuotes, end > argumentStart,
               bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { break }
            end += 1
        }
        let arguments = String(decoding: bytes[argumentStart..<end], as: UTF8.self)
            .trimmingWhitespace()
        index = end
        add(.dotCommand(name: name, arguments: arguments), from: start)
        tokens[tokens.count - 1].span = Span(start: start, end: end)
    }

    mutating func validUTF8(_ text: [UInt8], at start: Int) -> String? {
        if let valid = String(validating: text, as: UTF8.self) { return valid }
        report("E0102", "invalid UTF-8 in a quoted name", Span(start: start, end: index),
               help: "queries must be UTF-8 text")
        return nil
    }

    mutating func report(_ code: String, _ message: String, _ span: Span, help: String? = nil,
                         labels: [Label] = []) {
        // Past the parser's error limit nobody will see more; keep lexing, stop collecting.
        guard diagnostics.count < Parser.maxErrors else { return }
        diagnostics.append(Diagnostic(code: code, message: message, span: span, labels: labels, help: help))
    }

    // The literal lexers live in Lexer+Literals.swift.
    mutating func advance(_ count: Int = 1) { index += count }
    var position: Int { index }
    func peekByte(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }
    func byteSlice(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[range] }
    func scalarLength(at position: Int) -> Int { UTF8Decoding.sequenceLength(bytes, at: position) }
    func isIdentifierContinue(at position: Int) -> Bool { identifierContinueLength(at: position) > 0 }
    func lineNumber(of offset: Int) -> Int { source.lineIndex(of: offset) + 1 }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
