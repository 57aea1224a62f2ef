import Columnar
import Diagnostics
import Evaluation
import Semantic

extension Session {
    /// `load "path" as name`: reads the file on the session's threads, Ctrl-C stopping it
    /// between chunks, and keeps the table under the name.
    func load(_ request: LoadRequest) throws -> StatementResult {
        if isSafe {
            throw Diagnostic(code: "E0430", message: "'load' is not allowed in safe mode", span: request.span,
                             help: "safe mode (--safe or .safe on) reads only the data given at start")
        }
        let expanded = FileBytes.expandingHome(request.path)
        let resolved = expanded.hasPrefix("/") ? expanded : loadFolder.map { "\($0)/\(expanded)" } ?? expanded
        let loaded = try read(resolved, shownAs: request.path, declared: request.declaredTypes, span: request.pathSpan)
        define(table: loaded.table, as: request.name)
        return .loaded(request.name, rows: loaded.table.rowCount, columns: loaded.columns)
    }

    private func read(_ file: String, shownAs path: String, declared: [String: DataType], span: Span) throws -> LoadedTable {
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
            // One form for every failed load, 'cannot load PATH: why'; the data file's own
            // place follows as file:line:col, which editors and terminals open.
            throw Diagnostic(code: "E0421", message: "cannot load '\(path)': \(error.message)", span: span,
                             notes: ["at \(path):\(error.line):\(error.column)"])
        }
    }
}
