import Columnar
import Diagnostics
import Glibc
import Parser
import Semantic
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
}

/// The entry point for running queries: parses source text, checks it against the catalog
/// and runs it, returning results or diagnostics. It prints nothing.
public final class Session {
    public private(set) var catalog: Catalog
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

    /// Threads a query may use (grouping, aggregates and joins split their rows); the
    /// machine's cores unless set.
    public var threads = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    /// What a query may use for join pairs, distinct rows and results (``MemoryLimit``).
    public var memoryLimit = MemoryLimit.default

    /// Turns safe mode on for good.
    public func enterSafeMode() { isSafe = true }

    public init(catalog: Catalog = Catalog(), cancellation: Cancellation = Cancellation()) {
        self.catalog = catalog
        self.cancellation = cancellation
    }

    /// Parses and runs every statement of `source` in order, stopping at the first error.
    /// A statement that fails leaves the catalog as it was.
    public func run(_ source: SourceFile) -> (results: [StatementResult], diagnostics: [Diagnostic]) {
        let parsed = Parser.parse(source)
        if parsed.hasErrors { return ([], parsed.diagnostics) }
        var results: [StatementResult] = []
        for statement in parsed.statements {
            do {
                results.append(try run(statement, in: source))
            } catch let diagnostic as Diagnostic {
                return (results, [diagnostic])
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
        let planner = Planner(catalog: catalog, source: source)
        let executor = Executor(cancellation: cancellation, memoryLimit: memoryLimit, threads: threads)
        switch statement.kind {
        case .pipeline(let pipeline):
            let plan = try planner.plan(pipeline)
            return .table(try executor.run(plan), columnNames: Self.displayNames(plan.schema))
        case .let(let name, let pipeline):
            let plan = try planner.plan(pipeline)
            if case .singleRow = plan.source, plan.steps.count == 1, case .project(let exprs) = plan.steps[0] {
                let value = try executor.evaluator.constant(exprs[0])
                catalog.tables[name.name] = nil
                catalog.values[name.name] = value
            } else {
                let table = try executor.run(plan)
                catalog.values[name.name] = nil
                catalog.tables[name.name] = table
            }
            return .defined(name.name)
        case .load(let path, let pathSpan, let name, let declarations):
            if isSafe {
                throw Diagnostic(code: "E0430", message: "'load' is not allowed in safe mode", span: statement.span,
                                 help: "safe mode (--safe or .safe on) reads only the data given at start")
            }
            var declared: [String: DataType] = [:]
            for declaration in declarations {
                guard let type = DataType(rawValue: declaration.type.name) else {
                    let word = declaration.type.name
                    let alias = Self.typeAliases[word.lowercased()].map { "Amity calls this type '\($0)'" }
                    throw Diagnostic(code: "E0422", message: "unknown type '\(word)'", span: declaration.type.span,
                                     help: alias ?? Suggestions.didYouMean(word, among: DataType.allCases.map(\.rawValue))
                                         ?? "types are int, float, bool, date and string")
                }
                declared[declaration.column.name] = type
            }
            let expanded = FileBytes.expandingHome(path)
            let resolved = expanded.hasPrefix("/") ? expanded : loadFolder.map { "\($0)/\(expanded)" } ?? expanded
            let loaded = try load(resolved, shownAs: path, declared: declared, span: pathSpan)
            catalog.values[name.name] = nil
            catalog.tables[name.name] = loaded.table
            return .loaded(name.name, rows: loaded.table.rowCount, columns: loaded.columns)
        case .command(let name, let arguments):
            return .command(name: name, arguments: arguments)
        }
    }

    /// Adds or replaces a table, as the shell's `.load` and the dataset loader do.
    public func define(table: Table, as name: String) {
        catalog.values[name] = nil
        catalog.tables[name] = table
    }

    /// Sets a `$name` parameter.
    public func setParameter(_ name: String, _ value: Value?) {
        catalog.parameters[name] = value
    }

    /// Type names from SQL and other tools, mapped to Amity's.
    static let typeAliases = [
        "integer": "int", "bigint": "int", "int64": "int", "double": "float", "real": "float", "numeric": "float",
        "decimal": "float", "boolean": "bool", "text": "string", "varchar": "string", "str": "string",
        "timestamp": "date", "datetime": "date",
    ]

    /// Column names to show: a name that appears twice is shown with its qualifier.
    static func displayNames(_ schema: [PlanColumn]) -> [String] {
        var counts: [String: Int] = [:]
        for column in schema { counts[column.name, default: 0] += 1 }
        return schema.map { counts[$0.name]! > 1 ? $0.displayName : $0.name }
    }

    func load(_ file: String, shownAs path: String, declared: [String: DataType], span: Span) throws -> LoadedTable {
        // Ctrl-C stops a load between chunks; a long one says how far it has got.
        var lastReport = MonotonicClock.seconds()
        var reported = false
        defer { if reported { onLoadProgress?(nil) } }
        let checkpoint: LoadCheckpoint = { [cancellation, onLoadProgress] phase, fraction in
            if cancellation.isCancelled { throw CancelledError() }
            guard let onLoadProgress, MonotonicClock.seconds() - lastReport >= 1 else { return }
            lastReport = MonotonicClock.seconds()
            reported = true
            onLoadProgress("loading \(path): \(phase) \(Int(fraction * 100))%")
        }
        do {
            return try DataFileReader.read(path: file, shownAs: path, declaredTypes: declared, checkpoint: checkpoint,
                                           threads: threads).0
        } catch let failure as FileBytes.Failure {
            throw Diagnostic(code: "E0420", message: "cannot load '\(path)': \(failure.reason)", span: span)
        } catch let error as DataFileError {
            // The data file's own place, file:line:col, inside the message about the query.
            throw Diagnostic(code: "E0421", message: "cannot load \(path):\(error.line):\(error.column): \(error.message)",
                             span: span)
        }
    }
}

/// Monotonic seconds, for throttling progress lines.
enum MonotonicClock {
    static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
