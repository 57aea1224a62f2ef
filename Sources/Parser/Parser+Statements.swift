import Diagnostics
import Syntax

extension Parser {
    /// script ::= separator* ( statement ( separator+ statement )* separator* )?
    mutating func parseScript() -> [Statement] {
        var statements: [Statement] = []
        while true {
            skipSeparators()
            if atEnd { break }
            statementHadError = false
            bracketDepth = 0
            nesting = 0
            let start = position
            do {
                let statement = try parseStatement()
                if !atStatementEnd { throw unexpectedAfterStatement(statement) }
                // A statement with an error inside (recovered at a stage) is reported, never kept.
                if !statementHadError { statements.append(statement) }
            } catch let abort as ParseAbort where abort.resumeAtLineStart {
                // Resume at the current token: it starts a line and probably a statement.
                // The lexer thought the bracket was still open, so lex the rest again.
                if current.kind == .newline { advance() }
                relex(from: position)
                // A line starting with `|` belonged to the broken statement: skip it too.
                if current.isSymbol(.pipe) { skipStatement() }
            } catch {
                skipStatement()
            }
            if position == start { advance() }  // never loop without progress
        }
        return statements
    }

    /// separator ::= NEWLINE | ";"
    mutating func skipSeparators() {
        while current.kind == .newline || current.isSymbol(.semicolon) { advance() }
    }

    /// Replaces the tokens from `index` on with a fresh lexing that starts with no bracket
    /// open. Its diagnostics were already reported by the first pass.
    mutating func relex(from index: Int) {
        let rest = Lexer.tokenize(source, startingAt: tokens[index].span.start).tokens
        tokens.replaceSubrange(index..., with: rest)
        tokens[index].startsLine = true
    }

    /// statement ::= let_statement | load_statement | explain_statement | DOT_COMMAND | pipeline
    mutating func parseStatement() throws -> Statement {
        let token = current
        if token.isWord("explain"), startsPipeline(peek()) { return try parseExplainStatement() }
        switch token.kind {
        case .keyword(.let):
            return try parseLetStatement()
        case .keyword(.load):
            return try parseLoadStatement()
        case .dotCommand(let name, let arguments):
            advance()
            return Statement(.command(name: name, arguments: arguments), span: token.span)
        default:
            let pipeline = try parsePipeline()
            return Statement(.pipeline(pipeline), span: pipeline.span)
        }
    }

    /// let_statement ::= "let" name "=" pipeline
    mutating func parseLetStatement() throws -> Statement {
        let start = consume().span
        let name = try parseName("a name after 'let'", help: "write: let japan = cities | where country == \"Japan\"")
        if current.isSymbol(.equal) {
            throw fail("expected '=' after 'let \(name.name)', found '=='", at: current.span,
                       help: "'let' takes a single '='")
        }
        try expect(.assign, "'=' after 'let \(name.name)'")
        let value = try parsePipeline()
        return Statement(.let(name, value), span: start.merged(with: value.span))
    }

    /// explain_statement ::= "explain" ( "analyze" | "sql" )? pipeline
    mutating func parseExplainStatement() throws -> Statement {
        let start = consume().span
        var mode = ExplainMode.plan
        for candidate in [ExplainMode.analyze, .sql] where current.isWord(candidate.rawValue) && startsPipeline(peek()) {
            mode = candidate
            advance()
            break
        }
        let pipeline = try parsePipeline()
        return Statement(.explain(pipeline, mode: mode), span: start.merged(with: pipeline.span))
    }

    /// Whether `token` can begin the pipeline after `explain` (and `analyze`): a name or a
    /// bracket. After anything else, `explain` is a table's name, as in `explain | take 3`.
    func startsPipeline(_ token: Token) -> Bool {
        if case .identifier = token.kind { return true }
        return token.kind == .symbol(.leftParen)
    }

    /// load_statement ::= "load" STRING "as" name ( "with" "(" column_type ( "," column_type )* ")" )?
    mutating func parseLoadStatement() throws -> Statement {
        let start = consume().span
        guard case .string(let path) = current.kind else {
            throw fail(expected: "a quoted file path after 'load'", help: "write: load \"extra/partners.csv\" as partners")
        }
        let pathSpan = consume().span
        guard acceptWord("as") else {
            throw fail(expected: "'as' and a table name after the path", help: "write: load \"\(path)\" as partners")
        }
        let name = try parseName("a table name after 'as'")
        var types: [ColumnTypeDeclaration] = []
        if acceptWord("with") {
            let open = current
            guard accept(.leftParen) else {
                throw fail(expected: "'(' after 'with'", help: "write: load \"\(path)\" as \(name.name) with (code: string)")
            }
            repeat {
                types.append(try parseColumnType())
            } while accept(.comma)
            guard accept(.rightParen) else {
                throw fail("expected ',' or ')' to close the '(' of 'with', found \(current.displayName)", at: current.span,
                           code: "E0202", labels: [Label(span: open.span, message: "'(' opened here")])
            }
        }
        return Statement(.load(path: path, pathSpan: pathSpan, as: name, types: types), span: start.merged(with: previous.span))
    }

    /// column_type ::= name ":" name
    mutating func parseColumnType() throws -> ColumnTypeDeclaration {
        let column = try parseName("a column name", help: "write: with (code: string, year: int)")
        guard accept(.colon) else {
            throw fail(expected: "':' and a type after '\(column.name)'", help: "types are int, float, bool, date and string")
        }
        let type = try parseName("a type after ':'", help: "types are int, float, bool, date and string")
        return ColumnTypeDeclaration(column: column, type: type)
    }

    /// What went wrong when a statement is followed by something other than a separator.
    mutating func unexpectedAfterStatement(_ statement: Statement) -> ParseAbort {
        if current.isSymbol(.pipe) {
            switch statement.kind {
            case .load(_, _, let name, _):
                return fail("a 'load' statement ends after the table name", at: current.span, code: "E0211",
                            help: "query the table in a statement of its own: \(name.name) | ...")
            case .command(let name, _):
                return fail("a dot command takes the whole line; '.\(name)' cannot start a pipeline", at: current.span,
                            code: "E0211")
            default:
                break
            }
        }
        if current.isSymbol(.rightParen) || current.isSymbol(.rightBracket) {
            return fail("unmatched \(current.displayName)", at: current.span, code: "E0203")
        }
        if case .identifier(let word, false) = current.kind, Stage.keywords.contains(word) {
            return fail(expected: "'|' before '\(word)'", help: "stages are joined with '|': cities | \(word) ...")
        }
        if case .identifier(let word, false) = current.kind, let keyword = Keyword(rawValue: word.lowercased()) {
            return fail(expected: "'|' or the end of the statement",
                        help: "keywords are written in lower case: '\(keyword.rawValue)'")
        }
        return fail(expected: "'|' or the end of the statement")
    }

    /// name ::= IDENTIFIER | QUOTED_IDENTIFIER
    mutating func parseName(_ what: String, help: String? = nil) throws -> Identifier {
        switch current.kind {
        case .identifier(let name, let quoted):
            let token = consume()
            return Identifier(name, span: token.span, quoted: quoted)
        case .keyword(let keyword):
            throw fail("'\(keyword.rawValue)' is a reserved word and cannot be used as a name", at: current.span,
                       code: "E0204", help: "write `\(keyword.rawValue)` in backticks to use it as a name")
        default:
            throw fail(expected: what, help: help)
        }
    }
}
