import Diagnostics
import Syntax

extension Parser {
    /// pipeline ::= expression ( "|" stage )*
    mutating func parsePipeline() throws -> Pipeline {
        let head = try parseExpression()
        var stages: [Stage] = []
        var end = head.span
        while current.isSymbol(.pipe) {
            let pipe = consume()
            let depth = bracketDepth
            do {
                let stage = try parseStage(after: pipe)
                stages.append(stage)
                end = stage.span
            } catch let abort as ParseAbort where abort.resumeAtLineStart {
                throw abort
            } catch {
                // Recover at the next `|` so later stages are still checked.
                skipStage(depth: depth)
                end = previous.span
            }
        }
        if stages.isEmpty, case .pipeline(let inner) = head.kind { return inner }
        return Pipeline(head: head, stages: stages, span: head.span.merged(with: end))
    }

    /// Alternative names people bring from SQL, dplyr or pandas, mapped to our stage.
    private static let stageAliases: [String: String] = [
        "filter": "where", "order": "sort", "orderby": "sort", "arrange": "sort", "limit": "take", "offset": "skip",
        "head": "take", "group": "summarize ... by", "groupby": "summarize ... by", "aggregate": "summarize",
        "mutate": "derive", "extend": "derive", "project": "select", "unique": "distinct",
        "uniq": "distinct", "having": "where", "cross": "join cross",
    ]

    /// stage ::= where_stage | select_stage | derive_stage | drop_stage | rename_stage | sort_stage | take_stage | skip_stage | sample_stage | top_stage | distinct_stage | summarize_stage | count_stage | join_stage | union_stage | pivot_stage | unpivot_stage | chart_stage
    mutating func parseStage(after pipe: Token) throws -> Stage {
        if current.isSymbol(.pipe), current.span.start == pipe.span.end {
            let span = pipe.span.merged(with: current.span)
            advance()
            throw fail("'||' is not an operator", at: span, code: "E0110",
                       help: "use 'or' to combine conditions, '+' to join strings")
        }
        guard case .identifier(let word, false) = current.kind else {
            throw fail(expected: "a stage after '|'",
                       help: atEnd ? nil : "stages are: " + Stage.keywords.joined(separator: ", "))
        }
        let keyword = Identifier(word, span: current.span)
        guard Stage.keywords.contains(word) else {
            var help = Suggestions.didYouMean(word, among: Stage.keywords)
            if let alias = Self.stageAliases[word.lowercased()] {
                help = "Amity's stage for this is '\(alias)'"
            }
            throw fail("unknown stage '\(word)'", at: current.span, code: "E0205",
                       help: help ?? "stages are: " + Stage.keywords.joined(separator: ", "))
        }
        advance()
        let kind = try parseStageBody(word)
        return Stage(kind, keyword: keyword, span: keyword.span.merged(with: previous.span))
    }

    private mutating func parseStageBody(_ word: String) throws -> Stage.Kind {
        switch word {
        case "where": return try parseWhereStage()
        case "select": return try parseSelectStage()
        case "derive": return try parseDeriveStage()
        case "drop": return try parseDropStage()
        case "rename": return try parseRenameStage()
        case "sort": return try parseSortStage()
        case "take": return try parseTakeStage()
        case "skip": return try parseSkipStage()
        case "sample": return try parseSampleStage()
        case "top": return try parseTopStage()
        case "distinct": return try parseDistinctStage()
        case "summarize": return try parseSummarizeStage()
        case "count": return parseCountStage()
        case "join": return try parseJoinStage()
        case "pivot": return try parsePivotStage()
        case "unpivot": return try parseUnpivotStage()
        case "chart": return try parseChartStage()
        default: return try parseUnionStage()
        }
    }

    /// select_stage ::= "select" named_list
    mutating func parseSelectStage() throws -> Stage.Kind {
        .select(try parseNamedList())
    }

    /// sort_stage ::= "sort" sort_keys
    mutating func parseSortStage() throws -> Stage.Kind {
        if current.isWord("by"), case .identifier = peek().kind {
            throw fail("'sort' takes its keys directly, without 'by'", at: current.span, code: "E0212",
                       help: "write: sort name, year desc")
        }
        return .sort(try parseSortKeys())
    }

    /// take_stage ::= "take" expression
    mutating func parseTakeStage() throws -> Stage.Kind {
        .take(try parseExpression())
    }

    /// skip_stage ::= "skip" expression
    mutating func parseSkipStage() throws -> Stage.Kind {
        .skip(try parseExpression())
    }

    /// sample_stage ::= "sample" expression "percent"?
    mutating func parseSampleStage() throws -> Stage.Kind {
        // `sample 10%`: '%' is the remainder operator, which would take what follows as its
        // right side, even from the next line (a line break after an operator continues).
        switch (current.kind, peek().kind) {
        case (.integer, .symbol(.percent)), (.float, .symbol(.percent)), (.parameter, .symbol(.percent)):
            let after = peek(2)
            let ends: [TokenKind] = [.endOfInput, .newline, .symbol(.pipe), .symbol(.rightParen), .symbol(.semicolon)]
            if after.startsLine || ends.contains(after.kind) {
                throw fail("'%' is the remainder operator, not a percent sign", at: peek().span, code: "E0215",
                           help: "write: sample \(source.text(of: current.span)) percent")
            }
        default:
            break
        }
        let size = try parseExpression()
        return .sample(size, percent: acceptWord("percent"))
    }

    /// count_stage ::= "count"
    func parseCountStage() -> Stage.Kind {
        .count
    }

    /// union_stage ::= "union" source
    mutating func parseUnionStage() throws -> Stage.Kind {
        .union(try parseSource("union"))
    }

    /// where_stage ::= "where" expression
    mutating func parseWhereStage() throws -> Stage.Kind {
        .where(try parseExpression())
    }

    /// derive_stage ::= "derive" named_list ( "by" partition_keys )? ( "sort" sort_keys )?
    mutating func parseDeriveStage() throws -> Stage.Kind {
        let items = try parseNamedList()
        let by = acceptWord("by") ? try parsePartitionKeys() : []
        let sortKeys = acceptWord("sort") ? try parseSortKeys(inDerive: true) : []
        return .derive(items, by: by, sort: sortKeys)
    }

    /// partition_keys ::= expression ( "," expression )*
    mutating func parsePartitionKeys() throws -> [Expr] {
        var keys = [try parseExpression()]
        while accept(.comma) {
            // `derive a = sum(x) by k, b = ...`: an item after the keys, not a key.
            if case .identifier = current.kind, peek().isSymbol(.assign) {
                throw fail("'by' and 'sort' come after the last item of 'derive'", at: current.span,
                           help: "write every item first: derive a = sum(x), b = a * 2 by k sort y")
            }
            keys.append(try parseExpression())
        }
        return keys
    }

    /// drop_stage ::= "drop" column_list
    mutating func parseDropStage() throws -> Stage.Kind {
        .drop(try parseColumnList("a column name after 'drop'"))
    }

    /// rename_stage ::= "rename" renaming ( "," renaming )*
    mutating func parseRenameStage() throws -> Stage.Kind {
        var pairs = [try parseRenaming()]
        while accept(.comma) { pairs.append(try parseRenaming()) }
        return .rename(pairs)
    }

    /// renaming ::= name "=" column
    mutating func parseRenaming() throws -> Renaming {
        let newName = try parseName("a new column name", help: "write: rename partner = name")
        guard accept(.assign) else {
            throw fail(expected: "'=' after '\(newName.name)'", help: "write: rename new_name = old_name")
        }
        return Renaming(newName: newName, oldName: try parseColumn("the column to rename"))
    }

    /// top_stage ::= "top" expression "by" sort_keys
    mutating func parseTopStage() throws -> Stage.Kind {
        if current.isWord("by") {
            throw fail(expected: "the number of rows after 'top'", help: "write: top 10 by total desc")
        }
        let count = try parseExpression()
        guard acceptWord("by") else {
            throw fail(expected: "'by' after the number of rows", help: "write: top 10 by total desc")
        }
        return .top(count, by: try parseSortKeys())
    }

    /// distinct_stage ::= "distinct" named_list?
    mutating func parseDistinctStage() throws -> Stage.Kind {
        if atStatementEnd || current.isSymbol(.pipe) || current.isSymbol(.rightParen) { return .distinct([]) }
        return .distinct(try parseNamedList())
    }

    /// summarize_stage ::= "summarize" named_list ( "by" named_list )?
    mutating func parseSummarizeStage() throws -> Stage.Kind {
        if current.isWord("by") {
            throw fail("expected an aggregate before 'by'", at: current.span, code: "E0212",
                       help: "write: summarize n = count() by country")
        }
        let aggregates = try parseNamedList()
        guard acceptWord("by") else { return .summarize(aggregates, by: []) }
        return .summarize(aggregates, by: try parseNamedList())
    }

    /// join_stage ::= "join" ( "cross" source ( "as" name )? | join_kind? source ( "as" name )? "on" expression )
    mutating func parseJoinStage() throws -> Stage.Kind {
        if current.isWord("cross") {
            if Self.startsSource(peek()) {
                advance()
                return try parseCrossJoin()
            }
            // Not a table called cross either, which `as` or `on` would follow.
            if !peek().isWord("as") && !peek().isWord("on") {
                advance()
                throw fail(expected: "a table or a (pipeline) after 'join cross'",
                           help: "write: join cross cities, or join cross (cities | take 3)")
            }
        }
        if case .identifier(let word, false) = current.kind, ["right", "outer", "full"].contains(word),
           case .identifier = peek().kind {
            throw fail("'\(word)' joins are not supported", at: current.span, code: "E0213",
                       help: "the kinds are inner, left, semi, anti and cross; for a right join, swap the sides and use left")
        }
        let kind = parseJoinKind() ?? .inner
        let source = try parseSource("join")
        var alias: Identifier?
        if acceptWord("as") {
            if current.isWord("on") { throw fail(expected: "an alias after 'as'", help: "write: join cities as c on ...") }
            alias = try parseName("an alias after 'as'")
        }
        guard acceptWord("on") else {
            throw fail(expected: "'on' and a join condition", help: "write: join cities on partner_id == city_id")
        }
        return .join(kind, source: source, alias: alias, on: try parseExpression())
    }

    /// The rest of `join cross SOURCE [as ALIAS]`, after `cross`.
    private mutating func parseCrossJoin() throws -> Stage.Kind {
        let source = try parseSource("join cross")
        var alias: Identifier?
        if acceptWord("as") {
            if current.isWord("on") { throw fail(expected: "an alias after 'as'", help: "write: join cross cities as c") }
            alias = try parseName("an alias after 'as'")
        }
        if current.isWord("on") {
            throw fail("a cross join has no 'on': it pairs every row with every row", at: current.span, code: "E0216",
                       help: "for the pairs that match, drop 'cross': join T on ...; to keep some pairs, add | where ...")
        }
        return .crossJoin(source: source, alias: alias)
    }

    /// join_kind ::= "inner" | "left" | "semi" | "anti"
    mutating func parseJoinKind() -> JoinKind? {
        guard case .identifier(let word, false) = current.kind, let kind = JoinKind(rawValue: word),
              Self.startsSource(peek()) else { return nil }
        advance()
        return kind
    }

    /// Whether a join's source may start at `token`: a word other than `as` and `on`, or a
    /// bracket. A join kind is one only before a source, so a table called `left` or `cross`
    /// can still be joined.
    static func startsSource(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier("as", false), .identifier("on", false): return false
        case .identifier, .symbol(.leftParen): return true
        default: return false
        }
    }

    /// source ::= name | "(" pipeline ")"
    mutating func parseSource(_ stage: String) throws -> Pipeline {
        if current.isSymbol(.leftParen) {
            let expr = try parsePrimary()
            if case .pipeline(let pipeline) = expr.kind { return pipeline }
            return Pipeline(head: expr, stages: [], span: expr.span)
        }
        if current.isWord("on") {
            throw fail(expected: "a table name or a parenthesised pipeline after '\(stage)'")
        }
        let name = try parseName("a table name or a parenthesised pipeline after '\(stage)'")
        let head = Expr(.name(QualifiedName(name: name)), span: name.span)
        return Pipeline(head: head, stages: [], span: name.span)
    }

    /// named_list ::= named_expression ( "," named_expression )*
    mutating func parseNamedList() throws -> [NamedExpr] {
        var items = [try parseNamedExpression()]
        while accept(.comma) { items.append(try parseNamedExpression()) }
        return items
    }

    /// named_expression ::= name "=" expression | expression ( "as" name )?
    mutating func parseNamedExpression() throws -> NamedExpr {
        if case .identifier(let name, let quoted) = current.kind, peek().isSymbol(.assign) {
            let token = consume()
            advance()
            return NamedExpr(name: Identifier(name, span: token.span, quoted: quoted), expr: try parseExpression())
        }
        let expr = try parseExpression()
        if acceptWord("as") {
            return NamedExpr(name: try parseName("a column name after 'as'"), expr: expr)
        }
        return NamedExpr(name: nil, expr: expr)
    }

    /// sort_keys ::= sort_key ( "," sort_key )*
    mutating func parseSortKeys(inDerive: Bool = false) throws -> [SortKey] {
        var keys = [try parseSortKey()]
        while accept(.comma) {
            if inDerive, case .identifier = current.kind, peek().isSymbol(.assign) {
                throw fail("'by' and 'sort' come after the last item of 'derive'", at: current.span,
                           help: "write every item first: derive a = sum(x), b = a * 2 by k sort y")
            }
            keys.append(try parseSortKey())
        }
        return keys
    }

    /// sort_key ::= expression ( "asc" | "desc" )?
    mutating func parseSortKey() throws -> SortKey {
        let expr = try parseExpression()
        if acceptWord("desc") { return SortKey(expr: expr, descending: true) }
        _ = acceptWord("asc")
        return SortKey(expr: expr, descending: false)
    }

    /// column_list ::= column ( "," column )*
    mutating func parseColumnList(_ what: String) throws -> [QualifiedName] {
        var names = [try parseColumn(what)]
        while accept(.comma) { names.append(try parseColumn("a column name after ','")) }
        return names
    }

    /// column ::= name ( "." name )?
    mutating func parseColumn(_ what: String) throws -> QualifiedName {
        let first = try parseName(what)
        guard accept(.dot) else { return QualifiedName(name: first) }
        return QualifiedName(qualifier: first, name: try parseName("a column name after '\(first.name).'"))
    }
}
