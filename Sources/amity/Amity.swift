import ArgumentParser
import BundledData
import Charts
import Columnar
import Diagnostics
import Driver
import Engine
import Glibc
import Parser
import Shell
import Syntax

/// The `amity` command line: runs scripts, `-c` queries and piped input, or opens the
/// interactive shell.
@main
struct Amity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amity",
        abstract: "An analytics shell for the international relations of Chinese provinces and cities.",
        discussion: """
            With a terminal and no arguments, opens the interactive shell. With files, runs them as \
            scripts; with -c, runs one query; with piped input, reads queries from stdin.
            Exit codes: 0 success, 1 an error in a query, 2 a usage or file error.
            """,
        version: "0.1.0"
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run one query (repeatable).", valueName: "query"))
    var commands: [String] = []

    @Option(name: .customLong("engine"), help: ArgumentHelp("Run queries on a PostgreSQL server instead of in memory (password from PGPASSWORD or ~/.pgpass).", valueName: "postgres://USER@HOST:PORT/DB"))
    var engineURL: String?

    @Flag(name: .customLong("emit-sql"), help: "Print the PostgreSQL statement each pipeline compiles to, without running it.")
    var emitSQL = false

    @Flag(help: "Only check the syntax of the input; needs no data. Exits 1 if there are errors.")
    var check = false

    @Flag(name: .customLong("dump-ast"), help: "Print the syntax tree of each statement.")
    var dumpAST = false

    @Flag(name: .customLong("dump-plan"), help: "Print the plan of each query (as explain does) instead of its result; let and load still run.")
    var dumpPlan = false

    @Flag(name: .customLong("no-optimize"), help: "Run plans as written, without the optimizer (.optimize off at the prompt).")
    var noOptimize = false

    @Option(help: ArgumentHelp("Load every CSV file in a folder as a table named after the file, instead of the bundled tables.", valueName: "dir"))
    var data: String?

    @Flag(name: .customLong("no-data"), help: "Start with no tables at all.")
    var noData = false

    @Option(help: ArgumentHelp("Set a parameter used as $name in queries (repeatable).", valueName: "name=value"))
    var param: [String] = []

    @Flag(help: "Print how long each statement took to standard error.")
    var time = false

    @Option(help: ArgumentHelp("Output format: table, csv, tsv, json, ndjson, markdown or line. Default: table on a terminal, csv otherwise.", valueName: "format"))
    var format: String?

    @Flag(name: .customLong("keep-going"), help: "Run every statement even after one fails (the exit code still says it failed).")
    var keepGoing = false

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp("Memory a query may use for joins, distinct and results before it stops with an error, e.g. 2GB or 500MB (default: half the machine's memory).", valueName: "size"))
    var memoryLimit: String?

    @Option(help: ArgumentHelp("Threads a query may use (default: the machine's cores).", valueName: "n"))
    var threads: Int?

    @Option(help: ArgumentHelp("The seed sample draws from: the same seed, data and query give the same rows (default: a random seed per run; .seed shows it).", valueName: "n"))
    var seed: UInt64?

    @Flag(help: "Safe mode for scripts from someone else: no load, no .read/.load, no .output/.once (no files read or written beyond the scripts and data given here).")
    var safe = false

    @Argument(help: ArgumentHelp("Scripts to run.", valueName: "file.q"))
    var files: [String] = []

    /// argument-parser exits 64 on bad usage; Amity promises 2, like other Unix tools.
    /// Everything runs on a thread with a large stack (``LargeStack``): a chain of thousands
    /// of terms is a tall tree, and each stage walks it recursively.
    static func main() {
        LargeStack.run(runCommandLine)
    }

    private static func runCommandLine() {
        AllocatorTuning.keepFreedMemory()
        // Runs that never read the bundled tables do not decode them. The flags are looked
        // for by hand, before argument-parser has read them, which is the point of starting
        // early; a flag spelt otherwise only costs the decoding it would have saved.
        let skips: Set = ["--data", "--no-data", "--check", "--dump-ast", "--help", "-h", "--version"]
        if !CommandLine.arguments.dropFirst().contains(where: { skips.contains($0) || $0.hasPrefix("--data=") }) {
            BundledDatasets.startDecoding()
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Glibc.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .success {  // --help, --version
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            FileHandleOutput.standardError.write("amity: " + fullMessage(for: error) + "\n")
            Glibc.exit(2)
        }
    }

    func validate() throws {
        if data != nil && noData { throw ValidationError("--data and --no-data cannot be used together") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads needs a number from 1 to 256") }
        if let memoryLimit, MemoryLimit.parse(memoryLimit) == nil {
            throw ValidationError("--memory-limit needs a size such as 2GB or 500MB, got '\(memoryLimit)'")
        }
        if let format, OutputFormat(rawValue: format) == nil {
            throw ValidationError("unknown format '\(format)'; use one of: "
                                  + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    /// The formatter for standard output: a terminal gets the table view, sized to it and
    /// in colour unless NO_COLOR is set; a pipe gets CSV and every row.
    private var formatter: ResultFormatter {
        let terminal = isatty(STDOUT_FILENO) == 1
        let chosen = format.flatMap(OutputFormat.init(rawValue:)) ?? (terminal ? .table : .csv)
        return ResultFormatter(format: chosen, maxRows: terminal ? 40 : .max,
                               maxWidth: terminal ? Terminal.columns : nil,
                               useColor: terminal && getenv("NO_COLOR") == nil)
    }

    func run() throws {
        let renderer = DiagnosticRenderer(useColor: Terminal.colorsOnStandardError)
        var sources: [SourceFile] = []
        for path in files {
            do {
                sources.append(SourceFile(name: path, bytes: try FileBytes.read(path)))
            } catch let failure as FileBytes.Failure {
                FileHandleOutput.standardError.write("amity: cannot read '\(path)': \(failure.reason)\n")
                throw ExitCode(2)
            }
        }
        sources += commands.map { SourceFile(name: "<command line>", text: $0) }

        if sources.isEmpty {
            if isatty(STDIN_FILENO) == 1 && !check && !dumpAST {
                Interrupts.install()
                InteractiveShell(shell: try makeShell(renderer: renderer)).run()
                return
            }
            sources.append(SourceFile(name: "<stdin>", bytes: (try? FileBytes.readStandardInput()) ?? []))
        }
        if check || dumpAST {
            try checkOnly(sources, renderer: renderer)
            return
        }
        if emitSQL {
            try printSQL(sources, renderer: renderer)
            return
        }
        let shell = try makeShell(renderer: renderer)
        var failed = false
        for source in sources where !shell.quitRequested {
            if !shell.run(source, keepGoing: keepGoing) {
                failed = true
                if !keepGoing { break }
            }
        }
        if let reason = FileHandleOutput.standardOutputFailure {
            FileHandleOutput.standardError.write("amity: cannot write results to standard output: \(reason)\n")
            throw ExitCode(1)
        }
        if failed { throw ExitCode(1) }
    }

    /// `--emit-sql`: each pipeline's SQL on standard output, errors on standard error.
    private func printSQL(_ sources: [SourceFile], renderer: DiagnosticRenderer) throws {
        let session = try makeSession()
        var failed = false
        for source in sources {
            let (statements, diagnostics) = session.emitSQL(source)
            for statement in statements { FileHandleOutput.standardOutput.write(statement + "\n") }
            FileHandleOutput.standardError.write(renderer.render(diagnostics, in: source))
            failed = failed || !diagnostics.isEmpty
        }
        if failed { throw ExitCode(1) }
    }

    /// `--check` and `--dump-ast`: syntax only, no data needed.
    private func checkOnly(_ sources: [SourceFile], renderer: DiagnosticRenderer) throws {
        var failed = false
        for source in sources {
            let result = Parser.parse(source)
            FileHandleOutput.standardError.write(renderer.render(result.diagnostics, in: source))
            failed = failed || result.hasErrors
            if dumpAST && !result.statements.isEmpty {
                print(TreeDump.dump(result.statements))
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// The shell over a session, writing results to standard output and messages to
    /// standard error.
    private func makeShell(renderer: DiagnosticRenderer) throws -> ShellSession {
        let shell = ShellSession(engine: try makeSession(), formatter: formatter, renderer: renderer) { stream, text in
            (stream == .standardOutput ? FileHandleOutput.standardOutput : FileHandleOutput.standardError).write(text)
        }
        // Results stream to standard output in chunks; Ctrl-C (at the prompt's shell) stops them.
        shell.writeResult = { chunk in FileHandleOutput.standardOutput.write(chunk) { interrupt.isCancelled } }
        shell.timer = time
        // Charts are drawn at a terminal, sized to it as each is drawn.
        if isatty(STDOUT_FILENO) == 1 { shell.chartScreen = { ChartScreen(columns: Terminal.columns, rows: Terminal.rows) } }
        shell.worldOutline = { WorldOutline(rings: try BundledDatasets.worldOutline()) }
        return shell
    }

    /// A session over the bundled tables (or those of `--data`, or none with `--no-data`)
    /// and the `--param` values.
    private func makeSession() throws -> Session {
        let session = Session(cancellation: interrupt)
        if let limit = memoryLimit.flatMap(MemoryLimit.parse) { session.memoryLimit = limit }
        if let threads { session.threads = threads }
        if let seed { session.seed = seed }
        if isatty(STDERR_FILENO) == 1 {
            // A long load shows how far it has got on one line, erased when it ends.
            session.onLoadProgress = { line in
                FileHandleOutput.standardError.write("\r\u{1B}[K" + (line.map { $0 + " (Ctrl-C stops it)" } ?? ""))
            }
        }
        if let data {
            do {
                for (name, table) in try DataFolder.load(data, threads: session.threads) { session.define(table: table, as: name) }
            } catch let failure as DataFolder.Failure {
                FileHandleOutput.standardError.write("amity: \(failure.message)\n")
                throw ExitCode(2)
            }
        } else if !noData {
            do {
                for (name, table) in try BundledDatasets.tables() { session.define(table: table, as: name) }
            } catch {
                FileHandleOutput.standardError.write("amity: the bundled tables do not load: \(error)\n")
                throw ExitCode(2)
            }
        }
        for assignment in param {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                FileHandleOutput.standardError.write("amity: --param needs name=value, got '\(assignment)'\n")
                throw ExitCode(2)
            }
            let name = String(assignment[..<equals])
            session.setParameter(name, ParameterValue.parse(String(assignment[assignment.index(after: equals)...])))
        }
        if let engineURL {
            do {
                _ = try session.connect(engineURL)
            } catch let error as SessionError {
                FileHandleOutput.standardError.write("amity: --engine: \(error.message)\n")
                throw ExitCode(2)
            }
        }
        session.optimizes = !noOptimize
        session.explainsQueries = dumpPlan
        if safe { session.enterSafeMode() }  // after the data given at start is in
        return session
    }
}
