import Columnar
import Diagnostics
import Driver
import Engine
import Parser
import Semantic
import Syntax

/// What Tab offers at the cursor, from the context: stages after `|`, tables at the start
/// and after `join`/`union`, the columns flowing into the stage being written (and
/// functions), both sides' columns in a join's `on`, dot commands at the start of a line,
/// file names inside `load "` and after the dot commands that take a file, and inside a
/// string after `==` the values of the column it is compared with.
public enum Completer {
    public static func complete(_ text: String, shell: ShellSession) -> (typed: String, candidates: [String]) {
        let catalog = shell.engine.catalog
        let tables = catalog.tables.keys.filter { $0 != "_" }.sorted()
        // A dot command being typed.
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? text
        if line.hasPrefix("."), !line.contains(" ") {
            return (line, DotCommand.allCases.map { "." + $0.rawValue }.filter { $0.hasPrefix(line) })
        }
        if let (typed, candidates) = dotCommandArgument(line, tables: tables) {
            return (typed, candidates.filter { $0.hasPrefix(typed) })
        }
        if let typed = dotCommandPath(line) {
            return (typed, PathCompletion.candidates(for: typed, quoted: typed.hasPrefix("\"")))
        }
        // Inside a string: a file after `load`, else values of the compared column.
        if let quote = text.lastIndex(of: "\""), text.filter({ $0 == "\"" }).count % 2 == 1,
           lastWord(String(text[..<quote])) == "load" {
            let typed = String(text[quote...])
            return (typed, PathCompletion.candidates(for: typed, quoted: true))
        }
        if let (typed, column, pipeline) = openString(text) {
            let values = stringValues(of: column, after: pipeline, shell: shell)
            return (typed, values.map { "\"" + $0 + "\"" }.filter { $0.hasPrefix(typed) }.sorted())
        }
        let word = String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        let before = String(text.dropLast(word.count))
        let previous = lastWord(before)
        var candidates: [String]
        switch previous {
        case nil, "let", ";":
            candidates = tables + catalog.values.keys.sorted() + ["let", "load", "explain"]
        case "explain":
            candidates = tables + ["analyze"]
        case "analyze":
            candidates = tables
        case "|":
            candidates = Stage.keywords
        case "join", "union", "inner", "left", "semi", "anti", "cross":
            candidates = tables + (previous == "join" ? ["inner", "left", "semi", "anti", "cross"] : [])
        case "chart":
            candidates = ChartClause.kinds
        default:
            if let join = joinCondition(before, shell: shell) {
                candidates = join
            } else {
                candidates = clauses(after: before) + columns(flowingInto: before, shell: shell) + FunctionRegistry.names
                    + catalog.values.keys.sorted()
            }
        }
        var seen = Set<String>()
        candidates = candidates.filter { seen.insert($0).inserted }
        let exact = candidates.filter { $0.hasPrefix(word) }
        return (word, exact.isEmpty ? candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) } : exact)
    }

    /// The word typed after a dot command that takes a name, and the names it takes: tables
    /// after `.schema`, formats after `.mode`, on or off after `.headers` and `.timer`.
    private static func dotCommandArgument(_ line: String, tables: [String]) -> (String, [String])? {
        let parts = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, let typed = parts.last else { return nil }
        switch parts[0] {
        case ".schema": return (typed, tables)
        case ".mode" where parts.count == 2: return (typed, OutputFormat.allCases.map(\.rawValue))
        case ".headers" where parts.count == 2, ".timer" where parts.count == 2: return (typed, ["on", "off"])
        case ".numbers" where parts.count == 2: return (typed, ["grouped", "raw"])
        default: return nil
        }
    }

    /// The path typed after `.read`, `.load`, `.output` or `.once`, when the cursor is in it.
    private static func dotCommandPath(_ line: String) -> String? {
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, [".read", ".load", ".output", ".once"].contains(String(parts[0])) else { return nil }
        return String(parts[1])
    }

    /// In `... | join [kind] TABLE [as ALIAS] on ...`: the left side's columns, the joined
    /// table's as `ALIAS.column`, and after `ALIAS.` the joined table's bare names.
    private static func joinCondition(_ before: String, shell: ShellSession) -> [String]? {
        guard let pipe = before.lastIndex(of: "|") else { return nil }
        let words = before[before.index(after: pipe)...].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            .map(String.init)
        guard words.first == "join", let on = words.firstIndex(of: "on") else { return nil }
        var header = Array(words[1..<on])
        if header.count > 1, ["inner", "left", "semi", "anti"].contains(header[0]) { header.removeFirst() }
        // The catalog: the server's tables while connected.
        guard let tableName = header.first, let right = shell.engine.catalog.tables[tableName] else { return nil }
        let qualifier = header.count == 3 && header[1] == "as" ? header[2] : tableName
        let rightNames = right.map(\.name)
        if before.hasSuffix(qualifier + ".") { return rightNames }
        let leftNames = plan(String(before[..<pipe]), shell: shell)?.schema.map(\.name) ?? []
        return leftNames + rightNames.map { qualifier + "." + $0 } + FunctionRegistry.names
    }

    /// The words that may continue the stage being written (`by` and `sort` after a derive's
    /// item, `using` after a pivot's column, ...), offered first once a value is complete:
    /// after a word, a number, `)`, `]` or a string, and a space.
    static func clauses(after text: String) -> [String] {
        guard let last = text.last, last == " " || last == "\t" else { return [] }
        let trimmed = text.trimmingSpaces()
        guard let end = trimmed.last, end.isLetter || end.isNumber || end == "_" || end == ")" || end == "]" || end == "\"" || end == "`",
              let previous = lastWord(trimmed), !expectsValue.contains(previous) else { return [] }
        let stageText = trimmed.split(separator: "|", omittingEmptySubsequences: false).last ?? Substring(trimmed)
        guard let stage = stageText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first,
              stageText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count > 1 else { return [] }
        switch stage {
        case "derive": return ["by", "sort"]
        case "summarize": return ["by"]
        case "sort": return ["asc", "desc"]
        case "top": return ["by", "asc", "desc"]
        case "pivot": return ["in", "using", "by"]
        case "unpivot": return ["into"]
        case "join": return ["on", "as"]
        case "sample": return ["percent"]
        case "chart":
            let words = stageText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            return words.count > 2 ? ChartClause.options(of: String(words[1])) : []
        default: return []
        }
    }

    /// Tokens after which a value, not a clause, comes next.
    private static let expectsValue: Set<String> = [
        "by", "sort", "using", "into", "on", "as", "in", "and", "or", "not", "is", "=", "==", "!=", "<", ">", "<=", ">=",
        "+", "-", "*", "/", "//", "%", ",", "(", "[", "|", "top", "pivot", "unpivot", "derive", "summarize", "join",
        "select", "where", "take", "skip", "sample", "cross", "inner", "left", "semi", "anti",
        "chart", "label", "bins", "title", "to",
    ]

    /// The last token before the word: a symbol, a word, or nil at the start of a statement.
    private static func lastWord(_ text: String) -> String? {
        let trimmed = text.reversed().drop { $0 == " " || $0 == "\t" }
        guard let last = trimmed.first else { return nil }
        if last == "\n" { return lastWord(String(trimmed.dropFirst().reversed())) }
        if last == "|" || last == ";" { return String(last) }
        let word = String(trimmed.prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        return word.isEmpty ? String(last) : word
    }

    /// The columns of the pipeline before the stage being written, planned but not run.
    private static func columns(flowingInto text: String, shell: ShellSession) -> [String] {
        guard let pipeEnd = text.lastIndex(of: "|") else { return [] }
        guard let plan = plan(String(text[..<pipeEnd]), shell: shell) else { return [] }
        return plan.schema.map(\.name)
    }

    private static func plan(_ text: String, shell: ShellSession) -> LogicalPlan? {
        let source = SourceFile(name: "<completion>", text: text)
        let parsed = Parser.parse(source)
        guard !parsed.hasErrors, let statement = parsed.statements.last else { return nil }
        let pipeline: Pipeline
        switch statement.kind {
        case .pipeline(let p): pipeline = p
        case .let(_, let p): pipeline = p
        case .explain(let p, _): pipeline = p
        default: return nil
        }
        // Through the session, which finds the values of a pivot without a list.
        return try? shell.engine.plan(pipeline, in: source)
    }

    /// `... where country == "Ja`: the typed text from the quote, the column before the
    /// comparison, and the pipeline before the stage.
    private static func openString(_ text: String) -> (String, String, String)? {
        let quotes = text.filter { $0 == "\"" }.count
        guard quotes % 2 == 1, let quote = text.lastIndex(of: "\"") else { return nil }
        let typed = String(text[quote...])
        var before = String(text[..<quote]).trimmingSpaces()
        for op in ["==", "!=", "in [", "in[", ","] where before.hasSuffix(op) {
            before = String(before.dropLast(op.count)).trimmingSpaces()
            break
        }
        let column = String(before.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        guard !column.isEmpty, let pipe = before.lastIndex(of: "|") else { return nil }
        return (typed, column, String(before[..<pipe]))
    }

    /// The distinct strings of a column of the pipeline's result, when it runs quickly.
    private static func stringValues(of column: String, after pipeline: String, shell: ShellSession) -> [String] {
        guard let plan = plan(pipeline, shell: shell), plan.schema.contains(where: { $0.name == column && $0.type == .string })
        else { return [] }
        // Inside `explain [analyze] ...`, the values come from the pipeline itself.
        var words = pipeline.split(separator: " ", omittingEmptySubsequences: false)
        while let first = words.first, words.count > 1, first.isEmpty || first == "explain" || first == "analyze" {
            words.removeFirst()
        }
        let query = words.joined(separator: " ")
        // On a server, a look-up that takes long is stopped there: Tab must answer at once.
        shell.engine.serverTimeoutMilliseconds = 500
        defer { shell.engine.serverTimeoutMilliseconds = nil }
        let (results, _) = shell.engine.run(query + " | distinct " + column + " | take 5000", name: "<completion>")
        guard case .table(let table, _)? = results.last, let values = table.columns.first else { return [] }
        return (0..<values.count).compactMap { if case .string(let s) = values[$0] { return s } else { return nil } }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
