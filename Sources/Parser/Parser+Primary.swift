import Diagnostics
import Syntax

extension Parser {
    /// primary ::= literal | column | PARAMETER | call | list | "(" pipeline ")"
    mutating func parsePrimary() throws -> Expr {
        let token = current
        switch token.kind {
        case .integer, .float, .string, .date, .keyword(.true), .keyword(.false), .keyword(.null):
            return try parseLiteral()
        case .parameter(let name):
            advance()
            return Expr(.parameter(name), span: token.span)
        case .identifier:
            if peek().isSymbol(.leftParen) { return try parseCall() }
            let column = try parseColumn("a name")
            return Expr(.name(column), span: column.span)
        case .symbol(.leftBracket):
            return try parseList()
        case .symbol(.leftParen):
            return try parseParenthesized()
        case .invalid:
            // Already reported by the lexer; stand in for the value and go on.
            advance()
            return Expr(.error, span: token.span)
        case .symbol(.star):
            throw fail("'*' is not a value here", at: token.span, code: "E0210",
                       help: "count rows with count(); a pipeline keeps every column unless you 'select' some")
        case .keyword(let keyword) where token.startsLine && (keyword == .and || keyword == .or):
            throw fail("a statement cannot start with '\(keyword.rawValue)'", at: token.span, code: "E0214",
                       help: "to continue the condition, end the previous line with '\(keyword.rawValue)'")
        case .keyword(let keyword):
            throw fail("'\(keyword.rawValue)' is a reserved word, not a value", at: token.span, code: "E0204",
                       help: "write `\(keyword.rawValue)` in backticks to use it as a column name")
        default:
            let after = position == 0 || previous.kind == .newline || previous.isSymbol(.semicolon)
                ? "" : " after \(previous.displayName)"
            throw fail("expected an expression\(after), found \(token.displayName)", at: token.span)
        }
    }

    /// literal ::= INTEGER | FLOAT | STRING | DATE | "true" | "false" | "null"
    mutating func parseLiteral() throws -> Expr {
        let token = consume()
        switch token.kind {
        case .integer(let digits): return Expr(.integer(try integerValue(digits, span: token.span)), span: token.span)
        case .float(let value): return Expr(.float(value), span: token.span)
        case .string(let value): return Expr(.string(value), span: token.span)
        case .date(let days): return Expr(.date(days), span: token.span)
        case .keyword(.true): return Expr(.bool(true), span: token.span)
        case .keyword(.false): return Expr(.bool(false), span: token.span)
        default: return Expr(.null, span: token.span)
        }
    }

    /// call ::= name "(" ( expression ( "," expression )* ","? )? ")"
    mutating func parseCall() throws -> Expr {
        let name = try parseName("a function name")
        let open = current
        advance()
        try enterNesting(at: open)
        defer { leaveNesting() }
        if current.isSymbol(.star), peek().isSymbol(.rightParen) {
            throw fail("'\(name.name)(*)' is SQL", at: name.span.merged(with: peek().span), code: "E0210",
                       help: "write \(name.name)() to count rows")
        }
        let arguments = try parseBracketed(open: open, close: .rightParen, what: "an argument")
        let span = name.span.merged(with: previous.span)
        return try node(.call(name, arguments), span: span, children: arguments.max { $0.height < $1.height } ?? Expr(.null, span: span, height: 0))
    }

    /// list ::= "[" ( expression ( "," expression )* ","? )? "]"
    mutating func parseList() throws -> Expr {
        let open = consume()
        try enterNesting(at: open)
        defer { leaveNesting() }
        let items = try parseBracketed(open: open, close: .rightBracket, what: "a list item")
        let span = open.span.merged(with: previous.span)
        return try node(.list(items), span: span, children: items.max { $0.height < $1.height } ?? Expr(.null, span: span, height: 0))
    }

    /// Comma-separated expressions up to the closing bracket, which is consumed.
    private mutating func parseBracketed(open: Token, close: Symbol, what: String) throws -> [Expr] {
        var items: [Expr] = []
        while !current.isSymbol(close) {
            items.append(try parseExpression())
            if accept(.comma) { continue }
            if !current.isSymbol(close) { throw unclosed(open, close: close, expected: "',' or '\(close.rawValue)'") }
        }
        advance()
        return items
    }

    /// "(" pipeline ")": a grouped expression or, with stages, a nested pipeline.
    mutating func parseParenthesized() throws -> Expr {
        let open = consume()
        try enterNesting(at: open)
        defer { leaveNesting() }
        let inner = try parsePipeline()
        guard accept(.rightParen) else { throw unclosed(open, close: .rightParen, expected: "')'") }
        if inner.stages.isEmpty { return inner.head }
        let span = open.span.merged(with: previous.span)
        return try node(.pipeline(inner), span: span, children: inner.head)
    }

    /// "expected ')' to close the '(' on line 2", pointing at both places.
    private mutating func unclosed(_ open: Token, close: Symbol, expected: String) -> ParseAbort {
        let line = source.lineIndex(of: open.span.start) + 1
        let opener = close == .rightParen ? "(" : "["
        var abort = fail("expected \(expected) to close the '\(opener)' on line \(line), found \(current.displayName)",
                         at: current.span, code: "E0202",
                         labels: [Label(span: open.span, message: "'\(opener)' opened here")])
        abort.resumeAtLineStart = (current.startsLine || current.kind == .newline) && !atEnd
        return abort
    }
}
