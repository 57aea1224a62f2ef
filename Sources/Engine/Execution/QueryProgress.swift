import Diagnostics
import Synchronization

/// Where a running query is: the stage of the step running now and the rows that went into
/// it. The executor writes it at each step; a progress line reads it from another thread.
public final class QueryProgress: Sendable {
    public struct Snapshot: Sendable {
        /// The stage as written, in the statement's source; nil before the first step.
        public var stage: Span?
        public var rowsIn: Int
    }

    private let state = Mutex(Snapshot(stage: nil, rowsIn: 0))

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func begin(stage: Span?, rowsIn: Int) {
        state.withLock { $0 = Snapshot(stage: stage, rowsIn: rowsIn) }
    }

    /// Forgets the last query's place, before the next one starts.
    public func reset() { begin(stage: nil, rowsIn: 0) }
}
