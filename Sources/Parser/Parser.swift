import Diagnostics
import Syntax

/// What parsing a source gives: the statements that parsed and every problem found.
public struct ParseResult: Sendable {
    public var statements: [Statement]
    public var diagnostics: [Diagnostic]

    /// Whether a line break after the input would continue its last statement (a bracket is
    /// open, or the last token needs something after it: `|`, `,`, an operator, `and`).
    public var inputGoesOn = false

    /// True when every problem is "the input stopped too early" and the next line would go on
    /// with it (an open bracket, a trailing `|`): the REPL then asks for another line instead
    /// of reporting an error. A line ending with a stage word (`aid | where`) is not: the next
    /// line would start a new statement, so the error is shown at once.
    public var isIncomplete: Bool {
        inputGoesOn && !diagnostics.isEmpty && diagnostics.allSatisfy(\.isIncompleteInput)
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Raised inside the parser after a diagnostic was recorded, to unwind to the enclosing stage
/// or statement, which then skips ahead and goes on.
struct ParseAbort: Error {
    /// Set when the error was found at the first token of a line inside an unclosed bracket:
    /// the statement most likely ended on the line before, so parsing resumes right there.
    var resumeAtLineStart = false
}

/// A hand-written recursive-descent parser for the language in `Grammar/amity.ebnf`.
///
/// Each parse function starts with the grammar rule it implements, quoted from the grammar
/// file (a test checks they agree). After an error the parser skips to the next `|` or
/// statement, so one run reports all the independent errors of a script, up to
/// ``maxErrors``.
public struct Parser {
    /// How deeply brackets, calls and nested pipelines may nest.
    public static let maxNesting = 100
    /// How tall an expression tree may grow (long operator chains count too).
    public static let maxTreeHeight = 10_000
    /// Parsing stops after this many errors.
    public static let maxErrors = 20

    let source: SourceFile
    var tokens: [Token]
    var position = 0
    var diagnostics: [Diagnostic]
    /// Brackets consumed and not yet closed, for recovery.
    var bracketDepth = 0
    /// Current nesting of brackets, calls and pipelines, against ``maxNesting``.
    var nesting = 0
    var statementHadError = false
    /// Set when parsing gave up after ``maxErrors`` errors with input left.
    var stoppedAtErrorLimit = false

    init(source: SourceFile) {
        self.source = source
        let (tokens, diagnostics) = Lexer.tokenize(source)
        self.tokens = tokens
        self.diagnostics = diagnostics
        if diagnostics.count >= Self.maxErrors { stopAtErrorLimit() }
    }

    /// Parses a whole script or REPL entry.
    public static func parse(_ source: SourceFile) -> ParseResult {
        var parser = Parser(source: source)
        let statements = parser.parseScript()
        var diagnostics = parser.diagnostics
        diagnostics.sort { $0.span.start < $1.span.start }
        if diagnostics.count > maxErrors || parser.stoppedAtErrorLimit {
            diagnostics = Array(diagnostics.prefix(maxErrors))
            diagnostics[diagnostics.count - 1].notes.append(
                "stopped after \(maxErrors) errors; the rest of the input was not checked")
        }
        var result = ParseResult(statements: statements, diagnostics: diagnostics)
        var depth = 0
        for token in parser.tokens {
            if token.isSymbol(.leftParen) || token.isSymbol(.leftBracket) { depth += 1 }
            if token.isSymbol(.rightParen) || token.isSymbol(.rightBracket) { depth = max(0, depth - 1) }
        }
        let last = parser.tokens.last { $0.kind != .endOfInput && $0.kind != .newline }
        result.inputGoesOn = depth > 0 || last.map(NewlineFilter.needsMore) == true
        return result
    }

    /// Convenience for tests and `-c`: parses text under a display name.
    public static func parse(_ text: String, name: String = "<input>") -> ParseResult {
        parse(SourceFile(name: name, text: text))
    }

    // MARK: - Token cursor

    // Borrowed rather than copied: the parser looks at the current token many times.
    var current: Token { _read { yield tokens[position] } }
    var previous: Token { _read { yield tokens[max(0, position - 1)] } }

    func peek(_ offset: Int = 1) -> Token {
        tokens[min(position + offset, tokens.count - 1)]
    }

    var atEnd: Bool { current.kind == .endOfInput }

    /// True at a token that ends a statement: a separating newline, `;` or end of input.
    var atStatementEnd: Bool {
        switch current.kind {
        case .newline, .endOfInput, .symbol(.semicolon): return true
        default: return false
        }
    }

    /// Moves past the current token and returns it.
    mutating func consume() -> Token {
        let token = current
        advance()
        return token
    }

    /// Moves past the current token.
    mutating func advance() {
        switch tokens[position].kind {
        case .symbol(.leftParen), .symbol(.leftBracket): bracketDepth += 1
        case .symbol(.rightParen), .symbol(.rightBracket): bracketDepth = max(0, bracketDepth - 1)
        default: break
        }
        if position < tokens.count - 1 { position += 1 }
    }

    mutating func accept(_ symbol: Symbol) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func acceptWord(_ word: String) -> Bool {
        guard current.isWord(word) else { return false }
        advance()
        return true
    }

    mutating func expect(_ symbol: Symbol, _ what: String) throws {
        guard accept(symbol) else { throw fail(expected: what) }
    }

    // MARK: - Errors

    /// Records "expected X, found Y" at the current token and returns the abort to throw.
    mutating func fail(expected what: String, help: String? = nil, labels: [Label] = []) -> ParseAbort {
        fail("expected \(what), found \(current.displayName)", at: current.span, help: help, labels: labels)
    }

    /// Records a diagnostic and returns the abort to throw. Tokens the lexer already reported
    /// and errors at end of input after an earlier error in the same statement are not
    /// reported again, so one mistake gives one message.
    mutating func fail(_ message: String, at span: Span, code: String = "E0201", help: String? = nil,
                       labels: [Label] = []) -> ParseAbort {
        if current.kind == .invalid && span == current.span { return ParseAbort() }
        if position > 0 && previous.kind == .invalid && span == current.span { return ParseAbort() }
        if atEnd && statementHadError { return ParseAbort() }
        let incomplete = atEnd && span == current.span
        diagnostics.append(Diagnostic(code: code, message: message, span: span, labels: labels,
                                      help: help, isIncompleteInput: incomplete))
        statementHadError = true
        if diagnostics.count >= Self.maxErrors { stopAtErrorLimit() }
        return ParseAbort()
    }

    /// Gives up: moving to the end of input ends every loop at once, however long the input.
    mutating func stopAtErrorLimit() {
        if position < tokens.count - 1 { stoppedAtErrorLimit = true }
        position = tokens.count - 1
    }

    /// Counts one level of nesting; deep nesting is an error, never a stack overflow.
    mutating func enterNesting(at token: Token) throws {
        nesting += 1
        if nesting > Self.maxNesting {
            throw fail("nesting too deep: more than \(Self.maxNesting) levels of brackets, calls or pipelines",
                       at: token.span, code: "E0220", help: "split the query with 'let'")
        }
    }

    mutating func leaveNesting() { nesting -= 1 }

    /// Builds a node whose children are already built, enforcing ``maxTreeHeight``.
    mutating func node(_ kind: Expr.Kind, span: Span, children: Expr...) throws -> Expr {
        let height = 1 + (children.map(\.height).max() ?? 0)
        if height > Self.maxTreeHeight {
            throw fail("expression too deeply nested: more than \(Self.maxTreeHeight) levels", at: span,
                       code: "E0220", help: "split the query with 'let'")
        }
        return Expr(kind, span: span, height: height)
    }

    // MARK: - Recovery

    /// Skips to the end of the stage that failed: the next `|`, statement end or the closing
    /// bracket of the pipeline the stage belongs to.
    mutating func skipStage(depth: Int) {
        while !atEnd, current.kind != .newline {
            if bracketDepth <= depth {
                switch current.kind {
                case .symbol(.pipe), .symbol(.semicolon), .symbol(.rightParen), .symbol(.rightBracket): return
                default: break
                }
            }
            advance()
        }
    }

    /// Skips to the end of the current statement.
    mutating func skipStatement() {
        while !atStatementEnd { advance() }
    }
}
