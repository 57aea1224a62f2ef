import Columnar
import Diagnostics
import Engine
import Evaluation
import Glibc
import Optimizer
import Parser
import Semantic
import SQLCompiler
import SQLBackend
import Syntax

/// What one statement produced.
public enum StatementResult: Sendable {
    /// A query's result, with the column names to show (qualified where a join left two
    /// columns of one name).
    case table(Table, columnNames: [String])
    /// `let name = ...` bound a table or a value.
    case defined(String)
    /// `load "path" as name` read a table; what was decided about each column.
    case loaded(String, rows: Int, columns: [ColumnReport])
    /// A dot command, for the shell to carry out.
    case command(name: String, arguments: String)
    /// `explain`: the plan as text.
    case explanation(String)
    /// A query that ends in `chart`: its result, and what to draw of it (the shell draws it
    /// at a terminal, writes it to the file asked for, or passes the rows on elsewhere).
    case chart(Table, columnNames: [String], ChartRequest)
}

/// The entry point for running queries: text in, results or diagnostics out, through the
/// stages in order (parse, bind, optimize, execute). It holds the tables and settings and
/// prints nothing.
public final class Session {
    /// The tables by name: bundled, loaded and `let`.
    public private(set) var tables: [String: Table] = [:]
    public private(set) var values: [String: Value] = [:]
    public private(set) var parameters: [String: Value] = [:]
    /// Set by the shell on Ctrl-C; the running query stops at its next batch.
    public let cancellation: Cancellation
    /// The folder relative `load` paths start from; nil for the working directory.
    public var loadFolder: String?
    /// Safe mode, for running someone else's script: no `load`, and (in the shell) no file
    /// reads or writes. Once on it stays on until the process ends.
    public private(set) var isSafe = false
    /// Hears how a long `load` is going (a line to show, at most about once a second), and
    /// nil when it has finished; the shell shows it on a terminal.
    public var onLoadProgress: ((String?) -> Void)?
    /// Threads a query may use; the machine's cores unless set.
    public var threads = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    /// What a query may use for join pairs, distinct rows and results (``MemoryLimit``).
    public var memoryLimit = MemoryLimit.default
    /// Whether plans are optimized (`--no-optimize` and `.optimize off` run them as written).
    public var optimizes = true
    /// Optimizer passes switched off by name (`.optimize off NAME`).
    public var disabledPasses: Set<String> = []
    /// Set when `--dump-plan` asks for each query's plan instead of its result.
    public var explainsQueries = false
    /// Every aggregate hashes its keys, the plainest way (for tests that compare the others
    /// with it).
    public var forcesHashedGroups = false
    /// What `sample` draws its random rows from: the same seed, data and query give the same
    /// rows. Chosen at random for each session (so each run samples afresh) unless set, by
    /// `--seed` or `.seed`; `.seed` alone shows it, to repeat a run.
    public var seed = UInt64.random(in: 1...999_999_999)
    /// Where the running query is, for the shell's progress line; nil when none is shown.
    public var progress: QueryProgress?
    /// What the optimizer did to the last plan it saw (the tests check it rejected nothing).
    public private(set) var lastOptimization = OptimizationReport()

    /// The server queries run on, when connected (`Session+Server`).
    public internal(set) var server: ServerConnection?
    /// The server's tables and views, while connected.
    public internal(set) var serverTables: [String: ServerTable] = [:]
    /// How the server maps letters' case as Amity does: by ICU's root collation where it has
    /// one (PostgreSQL built with ICU), else only ASCII under "C".
    var serverCaseMapping = SQLCompiler.CaseMapping.icu
    /// How long a statement may run on the server before the server stops it; nil for no
    /// limit. The shell sets it around Tab's look-ups of values, which must come back quickly.
    public var serverTimeoutMilliseconds: Int?

    /// What the binder sees: the tables' schemas (the server's while connected), the values
    /// and the parameters.
    public var catalog: Catalog {
        let schemas = server == nil ? tables.mapValues(\.fields) : serverTables.mapValues(\.fields)
        return Catalog(tables: schemas, values: values, parameters: parameters)
    }

    /// Turns safe mode on for good.
    public func enterSafeMode() { isSafe = true }

    public init(tables: [String: Table] = [:], cancellation: Cancellation = Cancellation()) {
        self.tables = tables
        self.cancellation = cancellation
    }

    /// Parses and runs every statement of `source` in order, stopping at the first error.
    /// A statement that fails leaves the tables as they were.
    public func run(_ source: SourceFile) -> (results: [StatementResult], diagnostics: [Diagnostic]) {
        let parsed = Parser.parse(source)
        if parsed.hasErrors { return ([], parsed.diagnostics) }
        var results: [StatementResult] = []
        for statement in parsed.statements {
            do {
                results.append(try run(statement, in: source))
            } catch let diagnostic as Diagnostic {
                return (results, [diagnostic])
            } catch let error as SessionError {
                return (results, [Diagnostic(code: "E0711", message: error.message, span: statement.span)])
            } catch is CancelledError {
                cancellation.reset()
                return (results, [Diagnostic(code: "E0499", message: "cancelled", span: statement.span)])
            } catch {
                return (results, [Diagnostic(code: "E0498", message: "\(error)", span: statement.span)])
            }
        }
        return (results, [])
    }

    /// Runs text under a display name; for tests and `-c`.
    public func run(_ text: String, name: String = "<input>") -> (results: [StatementResult], diagnostics: [Diagnostic]) {
        run(SourceFile(name: name, text: text))
    }

    /// Runs one parsed statement.
    public func run(_ statement: Statement, in source: SourceFile) throws -> StatementResult {
        let planned: BoundStatement
        do {
            planned = try plan(statement, in: source)
        } catch let diagnostic as Diagnostic {
            throw inMemoryHint(diagnostic)
        }
        switch planned {
        case .query(let plan):
            if explainsQueries { return .explanation(try explain(plan, analyze: false, source: source)) }
            let (table, schema) = try execute(plan)
            return .table(table, columnNames: Self.displayNames(schema))
        case .chart(let plan, let request):
            if let file = request.file, isSafe {
                throw Diagnostic(code: "E0431", message: "writing a chart to a file is not allowed in safe mode", span: file.span,
                                 help: "safe mode (--safe or .safe on) writes no files; leave 'to' out to draw it here")
            }
            if explainsQueries { return .explanation(try explain(plan, analyze: false, source: source)) }
            let (table, schema) = try execute(plan)
            return .chart(table, columnNames: Self.displayNames(schema), request)
        case .letTable(let name, let plan):
            if let server {
                try defineOnServer(name, plan, server: server)
                return .defined(name)
            }
            define(table: try execute(plan).table, as: name)
            return .defined(name)
        case .letValue(let name, let plan):
            let table = try execute(plan).table
            tables[name] = nil
            values[name] = table.columns[0][0]
            return .defined(name)
        case .load(let request):
            return try load(request)
        case .explain(let plan, .sql):
            return .explanation(try compiledSQL(plan))
        case .explain(let plan, let mode):
            if let server { return .explanation(try explainOnServer(plan, analyze: mode == .analyze, server: server)) }
            return .explanation(try explain(plan, analyze: mode == .analyze, source: source))
        case .command(let name, let arguments):
            return .command(name: name, arguments: arguments)
        }
    }

    /// Adds or replaces a table, as `let`, `load`, the shell's `.load` and the dataset loader do.
    public func define(table: Table, as name: String) {
        values[name] = nil
        tables[name] = table
    }

    /// Sets a `$name` parameter, or removes it.
    public func setParameter(_ name: String, _ value: Value?) {
        parameters[name] = value
    }

    /// The plan as it will run: optimized unless that is switched off.
    func optimized(_ plan: LogicalPlan) -> (LogicalPlan, OptimizationReport) {
        guard optimizes else { return (plan, OptimizationReport()) }
        let (optimized, report) = Optimizer.optimize(plan, disabled: disabledPasses)
        lastOptimization = report
        return (optimized, report)
    }

    private func executor() -> QueryExecutor {
        QueryExecutor(tables: tables, cancellation: cancellation,
                      options: ExecutionOptions(threads: threads, memoryLimit: memoryLimit, forcesHashedGroups: forcesHashedGroups,
                                                seed: seed, progress: progress))
    }

    func execute(_ plan: LogicalPlan) throws -> (table: Table, schema: [PlanColumn]) {
        if let server { return (try executeOnServer(plan, server: server), plan.schema) }
        let (optimized, _) = optimized(plan)
        return (try executor().run(optimized), optimized.schema)
    }

    /// `explain`: the optimized plan beside the stages it came from; with `analyze`, run and
    /// measured.
    private func explain(_ plan: LogicalPlan, analyze: Bool, source: SourceFile) throws -> String {
        let start = MonotonicClock.seconds()
        let (optimized, report) = optimized(plan)
        let executor = executor()
        var profile: PlanProfile
        var rows: Int?
        if analyze {
            let (table, measured) = try executor.profile(optimized)
            profile = measured
            rows = table.rowCount
        } else {
            profile = try executor.describe(optimized)
        }
        let renderer = ExplainRenderer(source: source, tableWidths: tables.mapValues(\.fields.count))
        return renderer.render(written: plan, optimized: optimized, profile: profile, report: report,
                               optimizes: optimizes, result: rows.map { ($0, MonotonicClock.seconds() - start) })
    }

    /// Column names to show: a name that appears twice is shown with its qualifier.
    static func displayNames(_ schema: [PlanColumn]) -> [String] {
        var counts: [String: Int] = [:]
        for column in schema { counts[column.name, default: 0] += 1 }
        return schema.map { counts[$0.name]! > 1 ? $0.displayName : $0.name }
    }
}
