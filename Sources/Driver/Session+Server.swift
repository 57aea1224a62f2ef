import Columnar
import Diagnostics
import Evaluation
import Semantic
import SQLBackend
import SQLCompiler

/// A PostgreSQL server as the place queries run (`--engine`, `.connect`): the server's tables
/// and views become the catalog, each pipeline is compiled to one statement and only its
/// result comes back. `let` makes a temporary view; `.push` uploads an in-memory table.
/// In-memory tables stay as they were, for `.push` and for after `.disconnect`.
extension Session {
    /// Connects to `url` and takes the server's tables as the catalog; a line to show.
    public func connect(_ url: String) throws -> String {
        if isSafe { throw SessionError.refused("'.connect' is refused in safe mode") }
        let address: ServerAddress
        do {
            address = try ServerAddress(url: url)
        } catch let invalid as ServerAddress.Invalid {
            throw SessionError.refused(invalid.reason)
        }
        let connection = try serverCall { try ServerConnection.connect(address) }
        disconnect()
        server = connection
        try refreshServerTables()
        let icu = try serverCall {
            try connection.query("SELECT count(*) FROM pg_collation WHERE collname = '\(SQLCompiler.CaseMapping.icuCollation)'",
                                 names: ["n"], types: [.int])
        }
        serverCaseMapping = icu.rowCount == 1 && icu.row(0)[0] != .int(0) ? .icu : .asciiOnly
        let skipped = serverTables.values.reduce(0) { $0 + $1.skipped.count }
        return "connected to \(address): \(serverTables.count) table\(serverTables.count == 1 ? "" : "s")"
            + (skipped > 0 ? " (\(skipped) column\(skipped == 1 ? "" : "s") of types Amity does not have left out; .schema shows them)" : "")
    }

    /// Back to the in-memory tables.
    public func disconnect() {
        server?.close()
        server = nil
        serverTables = [:]
    }

    /// Uploads an in-memory table to the server as `name`; a line to show.
    public func push(_ table: String, as name: String?, progress: (Int) -> Void = { _ in }) throws -> String {
        if isSafe { throw SessionError.refused("'.push' is refused in safe mode") }
        guard let server else { throw SessionError.refused("not connected: '.connect postgres://USER@HOST:PORT/DB' first") }
        guard let data = tables[table] else {
            let known = tables.keys.sorted()
            throw SessionError.refused("no in-memory table '\(table)'"
                                       + (Suggestions.didYouMean(table, among: known).map { "; \($0)" } ?? "; the tables are: " + known.joined(separator: ", ")))
        }
        let target = name ?? table
        try serverCall { try server.push(data, as: target, isCancelled: { [cancellation] in cancellation.isCancelled }, progress: progress) }
        try refreshServerTables()
        return "pushed \(table) to \(server.address) as \(target): \(data.rowCount) rows"
    }

    func refreshServerTables() throws {
        guard let server else { return }
        let tables = try serverCall { try server.tables(isCancelled: { [cancellation] in cancellation.isCancelled }) }
        serverTables = Dictionary(tables.map { ($0.name, $0) }) { first, _ in first }
    }

    /// Runs a plan on the server: its rows, typed as the plan says.
    func executeOnServer(_ plan: LogicalPlan, server: ServerConnection) throws -> Table {
        let compiled = try compile(plan)
        do {
            if let limit = serverTimeoutMilliseconds {
                try server.execute("SET statement_timeout = \(max(1, limit))")
            }
            defer { if serverTimeoutMilliseconds != nil { try? server.execute("SET statement_timeout = 0") } }
            return try server.query(compiled.text, names: plan.schema.map(\.name), types: plan.schema.map(\.type),
                                    isCancelled: { [cancellation] in cancellation.isCancelled })
        } catch let error as ServerError {
            throw diagnostic(error, compiled: compiled, plan: plan)
        }
    }

    /// `let name = pipeline` on the server: a temporary view that keeps the rows' order.
    func defineOnServer(_ name: String, _ plan: LogicalPlan, server: ServerConnection) throws {
        let compiled = try compile(plan, keepingRowOrder: true)
        let statement = "CREATE OR REPLACE TEMP VIEW \(SQLText.identifier(name)) AS\n" + compiled.text.dropLast()
        do {
            try server.execute("DROP VIEW IF EXISTS pg_temp.\(SQLText.identifier(name))")
            try server.execute(statement, isCancelled: { [cancellation] in cancellation.isCancelled })
        } catch let error as ServerError {
            throw diagnostic(error, compiled: compiled, plan: plan)
        }
        try refreshServerTables()
    }

    /// `explain` while connected: the SQL, then the server's own plan for it (with
    /// `analyze`, run, with times).
    func explainOnServer(_ plan: LogicalPlan, analyze: Bool, server: ServerConnection) throws -> String {
        let compiled = try compile(plan)
        let options = analyze ? "(ANALYZE, COSTS OFF, TIMING ON)" : "(COSTS OFF)"
        do {
            let lines = try server.query("EXPLAIN \(options) " + compiled.text, names: ["plan"], types: [.string],
                                         isCancelled: { [cancellation] in cancellation.isCancelled })
            let text = (0..<lines.rowCount).map { "\(lines.columns[0][$0])" }.joined(separator: "\n")
            return compiled.text + "\n\nPostgreSQL's plan:\n" + text
        } catch let error as ServerError {
            throw diagnostic(error, compiled: compiled, plan: plan)
        }
    }

    /// The server's tables that have no `amity_row`: their rows have no order.
    var unorderedServerTables: Set<String> { Set(serverTables.values.filter { !$0.keepsRowOrder }.map(\.name)) }

    /// An unknown table while connected that is one of the in-memory tables: the way to it.
    func inMemoryHint(_ diagnostic: Diagnostic) -> Diagnostic {
        guard server != nil, diagnostic.code == "E0305", let quoted = diagnostic.message.split(separator: "'").dropFirst().first,
              tables[String(quoted)] != nil else { return diagnostic }
        var hinted = diagnostic
        hinted.notes.append("'\(quoted)' is an in-memory table; queries run on the server while connected: "
                            + "'.push \(quoted)' uploads it, '.disconnect' goes back to memory")
        return hinted
    }

    /// A server's error at the stage its SQL came from, with the server's words and the SQL.
    private func diagnostic(_ error: ServerError, compiled: CompiledSQL, plan: LogicalPlan) -> Error {
        switch error.kind {
        case .cancelled: return CancelledError()
        case .connectionLost:
            let address = server.map { "\($0.address)" } ?? "the server"
            disconnect()
            return SessionError.refused("the connection to \(address) was lost; the in-memory tables are back (.connect to go on)")
        default:
            let span = error.position.flatMap(compiled.stage(atCharacter:)) ?? plan.steps.last?.span ?? plan.sourceSpan
            var notes = ["the SQL sent was:\n" + compiled.text]
            if let state = error.sqlState { notes.insert("SQLSTATE \(state)", at: 0) }
            // The errors Amity has words of its own for are said the same way as in memory.
            switch (error.sqlState, error.message) {
            case ("22003", let text) where text.hasPrefix("bigint out of range") || text.hasPrefix("integer out of range"):
                return Diagnostic(code: "E0401", message: "integer overflow", span: span,
                                  notes: ["the server says: \(text)"] + notes,
                                  help: "the result does not fit in a 64-bit integer; use float(...) for large values")
            case ("22P02", let text) where SQLFailure.parse(text) != nil:
                // An error the compiled SQL raised itself, in Amity's words.
                guard let (code, message) = SQLFailure.parse(text) else { break }
                let help = ["E0700": "this part runs in memory only; run the query without --engine, or rewrite it",
                            "E0401": "the result does not fit in a 64-bit integer; use float(...) for large values",
                            "E0402": "guard the divisor, e.g. if(d == 0, null, n // d), or use '/' for a float result",
                            "E0403": "dates run from 0000-01-01 to 9999-12-31", "E0411": "dates are written YYYY-MM-DD"]
                return Diagnostic(code: code, message: message, span: span, notes: notes, help: help[code])
            case ("21000", let text):
                return Diagnostic(code: "E0314", message: "a pipeline used as a value gave more than one row; it must give one",
                                  span: span, notes: ["the server says: \(text)"] + notes,
                                  help: "summarize it, or keep one row with take 1")
            case ("22012", let text):
                return Diagnostic(code: "E0402", message: "integer division by zero", span: span,
                                  notes: ["the server says: \(text)"] + notes,
                                  help: "guard the divisor, e.g. if(d == 0, null, n // d), or use '/' for a float result")
            default: break
            }
            return Diagnostic(code: "E0710", message: "the server rejected the query: \(error.message)", span: span,
                              notes: notes, help: error.hint)
        }
    }

    /// Runs a server call, turning its failures into messages at the statement.
    private func serverCall<Result>(_ work: () throws -> Result) throws -> Result {
        do {
            return try work()
        } catch let error as ServerError where error.kind == .cancelled {
            throw CancelledError()
        } catch let error as ServerError {
            throw SessionError.refused(error.message)
        }
    }
}

/// A request the session refuses, or a server failure outside a query: a message for the
/// user, shown at the statement that asked.
public struct SessionError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    static func refused(_ message: String) -> SessionError { SessionError(message: message) }
}
