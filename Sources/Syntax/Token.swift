import Diagnostics

/// The kinds of token the lexer produces.
public enum TokenKind: Equatable, Sendable {
    /// A plain or backtick-quoted name. Stage names, `by`, `on`, `as`, `asc` and `desc` are
    /// names too: they are keywords only where the grammar expects them, so columns may be
    /// called `count` or `desc`.
    case identifier(String, quoted: Bool)
    /// An integer literal's decimal digits, separators removed. The parser converts it, so
    /// that `-9223372036854775808` (whose magnitude alone overflows) can still be written.
    case integer(digits: String)
    case float(Double)
    case string(String)
    /// `@YYYY-MM-DD` as days since 1970-01-01.
    case date(Int32)
    /// `$name`
    case parameter(String)
    /// A whole line starting with `.`, such as `.mode csv`: name without the dot, then the rest.
    case dotCommand(name: String, arguments: String)
    case keyword(Keyword)
    case symbol(Symbol)
    /// A statement separator: a newline that ends a statement.
    case newline
    case endOfInput
    /// Bytes the lexer could not make sense of (already reported).
    case invalid
}

/// Words reserved everywhere; a column with one of these names needs backticks.
public enum Keyword: String, CaseIterable, Sendable {
    case and, or, not, `in`, `is`, null, `true`, `false`, `let`, load
}

/// Punctuation and operators.
public enum Symbol: String, CaseIterable, Sendable {
    case pipe = "|"
    case comma = ","
    case semicolon = ";"
    case leftParen = "("
    case rightParen = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case dot = "."
    case dotDot = ".."
    case assign = "="
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case slashSlash = "//"
    case percent = "%"
    case questionQuestion = "??"
    case colon = ":"
}

/// One token with the bytes it came from.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var span: Span
    /// True when a newline (or the start of input) precedes this token, whether or not the
    /// newline was a separator. The parser uses it for "a line starting with `|`".
    public var startsLine: Bool

    public init(kind: TokenKind, span: Span, startsLine: Bool = false) {
        self.kind = kind
        self.span = span
        self.startsLine = startsLine
    }

    /// How the token is named in messages: `'where'`, `'|'`, `end of input`, `a string`.
    public var displayName: String {
        switch kind {
        case .identifier(let name, let quoted): return quoted ? "'`\(name)`'" : "'\(name)'"
        case .integer, .float: return "a number"
        case .string: return "a string"
        case .date: return "a date"
        case .parameter(let name): return "'$\(name)'"
        case .dotCommand(let name, _): return "'.\(name)'"
        case .keyword(let keyword): return "'\(keyword.rawValue)'"
        case .symbol(let symbol): return "'\(symbol.rawValue)'"
        case .newline: return "end of line"
        case .endOfInput: return "end of input"
        case .invalid: return "invalid input"
        }
    }

    /// The name if this is an unquoted identifier equal to `word`: contextual keywords.
    public func isWord(_ word: String) -> Bool {
        if case .identifier(let name, false) = kind { return name == word }
        return false
    }

    // Pattern matches rather than `==` on `TokenKind`, which would build and compare whole
    // enum values (with their strings) on the parser's hottest path.
    public func isSymbol(_ symbol: Symbol) -> Bool {
        if case .symbol(let own) = kind { return own == symbol }
        return false
    }

    public func isKeyword(_ keyword: Keyword) -> Bool {
        if case .keyword(let own) = kind { return own == keyword }
        return false
    }
}
