import Diagnostics
import Synchronization

/// Errors found while running: overflow, division by zero, failed casts. They carry the span
/// of the expression that failed, like any diagnostic.
public enum RuntimeError {
    public static func make(_ code: String, _ message: String, _ span: Span, help: String? = nil) -> Diagnostic {
        Diagnostic(code: code, message: message, span: span, help: help)
    }
}

/// A flag the shell sets on Ctrl-C; operators check it between batches and stop.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }
    public func reset() { flag.store(false, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// Thrown when a query stops because it was cancelled.
public struct CancelledError: Error, Sendable {
    public init() {}
}
