import Columnar
import Diagnostics
import Evaluation
import Glibc

/// Writes one result, a chunk of bytes at a time, to wherever it goes.
typealias ResultProducer = ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void

extension ShellSession {
    /// Writes a result table where `.output` and `.once` say, streamed in chunks.
    func emit(_ table: Table, columnNames: [String], span: Span) throws {
        var formatter = formatter
        let threads = engine.threads
        // Colours and the terminal's width are for the terminal: a file gets neither.
        if onceFile ?? outputFile != nil {
            formatter.useColor = false
            formatter.maxWidth = nil
        }
        try emit(span: span) { sink in try formatter.write(table, columnNames: columnNames, threads: threads, to: sink) }
    }

    /// Writes a finished text (an explanation) where results go.
    func emit(_ text: String, span: Span) throws {
        try emit(span: span) { sink in
            var text = text
            try text.withUTF8 { try sink($0) }
        }
    }

    /// Writes a result where `.output` and `.once` say. When the file cannot take it (a
    /// full disk, a missing folder) the whole result is shown here instead, and the statement
    /// fails so a script stops with a non-zero exit. Ctrl-C stops the writing between chunks.
    private func emit(span: Span, _ produce: ResultProducer) throws {
        guard let file = onceFile ?? outputFile else {
            try toStandardOutput(produce)
            return
        }
        onceFile = nil
        if let problem = try ResultFile.append(to: FileBytes.expandingHome(file), cancellation: engine.cancellation, produce) {
            try toStandardOutput(produce)
            throw Diagnostic(code: "E0505", message: "cannot write the result to '\(file)': \(problem); it is shown above instead",
                             span: span, help: outputFile == file ? ".output with no file sends results to the screen again" : nil)
        }
    }

    /// A broken standard output is not this statement's error: the program says so when it
    /// ends (a full disk, a closed pipe), and the rest of this result is not made.
    private func toStandardOutput(_ produce: ResultProducer) throws {
        let cancellation = engine.cancellation
        do {
            try produce { chunk in
                if cancellation.isCancelled { throw CancelledError() }
                if let writeResult {
                    if !writeResult(chunk) { throw StandardOutputBroken() }
                } else {
                    writeMessage(String(decoding: chunk, as: UTF8.self))
                }
            }
        } catch is StandardOutputBroken {
            return
        }
        // Ctrl-C during the last chunk's write may have cut it short.
        if cancellation.isCancelled { throw CancelledError() }
    }

    private struct StandardOutputBroken: Error {}
}

/// A result appended to a file a chunk at a time, with `write(2)` (no second buffer).
enum ResultFile {
    private struct WriteFailed: Error {
        var reason: String
    }

    /// Writes all of `bytes` to `descriptor`, however many calls it takes; the reason when it
    /// cannot.
    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> String? {
        var rest = bytes
        while !rest.isEmpty {
            let written = Glibc.write(descriptor, rest.baseAddress, rest.count)
            if written < 0 && errno == EINTR { continue }
            // A write that takes nothing without an error would loop forever: a failure too.
            if written <= 0 { return String(cString: strerror(written < 0 ? errno : EIO)) }
            rest = UnsafeBufferPointer(rebasing: rest[written...])
        }
        return nil
    }

    /// Appends what `produce` makes to `path`, creating the file; the reason when that fails
    /// (a full disk included). A cancellation between chunks is thrown.
    static func append(to path: String, cancellation: Cancellation, _ produce: ResultProducer) throws -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        do {
            try produce { chunk in
                if cancellation.isCancelled { throw CancelledError() }
                if let reason = writeAll(chunk, to: descriptor) { throw WriteFailed(reason: reason) }
            }
        } catch let failure as WriteFailed {
            close(descriptor)
            return failure.reason
        } catch {
            close(descriptor)
            throw error
        }
        // Some file systems report a failed write only when the file is closed.
        return close(descriptor) == 0 ? nil : String(cString: strerror(errno))
    }
}
