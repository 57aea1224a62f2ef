import Charts
import Columnar
import Diagnostics
import Driver
import Engine
import Evaluation
import Glibc
import Parser
import Syntax

/// Where a piece of output goes.
public enum OutputStream: Sendable {
    case standardOutput, standardError
}

/// The shell's core: runs statements and dot commands against an engine session, keeps the
/// settings they change (format, timer, row limit, output file), names the last result `_`,
/// and writes through a sink, so the REPL, scripts, pipes and tests all share it.
public final class ShellSession {
    public let engine: Session
    public var formatter: ResultFormatter
    public var renderer: DiagnosticRenderer
    public var timer = false
    /// Where the progress line of a long statement goes (standard error at a terminal); nil
    /// for none, as in scripts and pipes.
    public var progressSink: (@Sendable (String) -> Void)?
    /// The terminal's size when results go to a terminal, read as each chart is drawn; nil
    /// when they do not (a pipe, a file), where `chart` passes its rows on instead.
    public var chartScreen: (() -> ChartScreen)?
    /// The world's borders `chart map` draws on. The program gives the ones compiled into it
    /// (BundledData, which the shell does not import: the fuzz build could not build its
    /// plugin's tool).
    public var worldOutline: (() throws -> WorldOutline)?
    /// Whether `load` reports the columns it read (the REPL does; scripts stay quiet).
    public var reportsLoads = false
    /// Results go to this file instead of standard output (`.output FILE`).
    var outputFile: String?
    /// The next result only goes to this file (`.once FILE`).
    var onceFile: String?
    /// Set by `.quit`.
    public private(set) var quitRequested = false
    /// Lines of earlier entries, for `.history`; the REPL fills it.
    public var history: [String] = []
    private let write: (OutputStream, String) -> Void
    /// Results bound for standard output, as bytes a chunk at a time (at most about 1 MB, each
    /// ending at a row's end); returns false once standard output has failed, and the rest of
    /// that result is not made. Without it results go through `write` as text.
    public var writeResult: ((UnsafeBufferPointer<UInt8>) -> Bool)?
    private var readDepth = 0

    public init(engine: Session, formatter: ResultFormatter, renderer: DiagnosticRenderer = DiagnosticRenderer(),
                write: @escaping (OutputStream, String) -> Void) {
        self.engine = engine
        self.formatter = formatter
        self.renderer = renderer
        self.write = write
    }

    /// Runs every statement of `source`; false if one failed (it is reported). Stops at the
    /// first failure unless `keepGoing`. A failed statement changes nothing.
    @discardableResult
    public func run(_ source: SourceFile, keepGoing: Bool = false) -> Bool {
        // A Ctrl-C pressed at the prompt must not cancel the next query.
        if readDepth == 0 { engine.cancellation.reset() }
        let parsed = Parser.parse(source)
        if !parsed.diagnostics.isEmpty { write(.standardError, renderer.render(parsed.diagnostics, in: source)) }
        if parsed.hasErrors { return false }
        var succeeded = true
        for statement in parsed.statements where !quitRequested {
            if !succeeded && !keepGoing { break }
            do {
                try run(statement, in: source)
            } catch let diagnostic as Diagnostic {
                write(.standardError, renderer.render(diagnostic, in: source))
                succeeded = false
            } catch is CancelledError {
                engine.cancellation.reset()
                write(.standardError, "cancelled\n")
                succeeded = false
            } catch {
                write(.standardError, "error: \(error)\n")
                succeeded = false
            }
        }
        return succeeded
    }

    private func run(_ statement: Statement, in source: SourceFile) throws {
        if case .command(let name, let arguments) = statement.kind {
            try command(name, arguments, span: statement.span, in: source)
            return
        }
        let start = MonotonicClock.seconds()
        // A progress line while a long statement runs, at a terminal only (`progressSink`).
        var line: ProgressLine?
        if let progressSink {
            let progress = engine.progress ?? QueryProgress()
            progress.reset()
            engine.progress = progress
            line = ProgressLine(progress: progress, source: source, cancellation: engine.cancellation, write: progressSink)
        }
        let result: StatementResult
        do {
            result = try engine.run(statement, in: source)
            line?.stop()
        } catch {
            line?.stop()
            throw error
        }
        // The time of the query, not of printing it; shown after the result, where the eye
        // lands when it is done.
        let elapsed = Self.milliseconds(since: start)
        defer { if timer { write(.standardError, "time: \(elapsed) ms\n") } }
        switch result {
        case .table(let table, let names):
            engine.define(table: table, as: "_")
            try emit(table, columnNames: names, span: statement.span)
        case .loaded(let name, let rows, let columns):
            if reportsLoads { write(.standardError, LoadReport.text(name, rows: rows, columns: columns) + "\n") }
        case .explanation(let text):
            try emit(text + "\n", span: statement.span)
        case .chart(let table, let names, let request):
            engine.define(table: table, as: "_")
            try chart(table, columnNames: names, request, span: statement.span)
        case .defined, .command:
            break
        }
    }

    func setOutput(_ file: String?, once: Bool) {
        if once { onceFile = file } else { outputFile = file }
    }

    func writeMessage(_ text: String) { write(.standardOutput, text) }

    /// A note for the user, not a result: on standard error.
    func writeNote(_ text: String) { write(.standardError, text) }

    func requestQuit() { quitRequested = true }

    /// Runs a script file for `.read`; nested reads are limited so a file reading itself stops.
    func read(_ path: String, span: Span) throws {
        guard readDepth < 16 else {
            throw Diagnostic(code: "E0503", message: ".read nested more than 16 deep (does a file read itself?)", span: span)
        }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(FileBytes.expandingHome(path))
        } catch let failure as FileBytes.Failure {
            throw Diagnostic(code: "E0502", message: "cannot read '\(path)': \(failure.reason)", span: span)
        }
        readDepth += 1
        defer { readDepth -= 1 }
        if !run(SourceFile(name: path, bytes: bytes)) {
            throw Diagnostic(code: "E0504", message: "'\(path)' stopped at an error (shown above)", span: span)
        }
    }

    static func milliseconds(since start: Double) -> String {
        let nanoseconds = (MonotonicClock.seconds() - start) * 1e9
        return String(Double(Int(nanoseconds / 1e4)) / 100)
    }
}
