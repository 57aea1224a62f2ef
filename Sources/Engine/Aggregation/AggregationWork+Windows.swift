import Columnar
import Semantic

/// The slots of one window of a large slot space: those in `low..<low + width` become
/// `0..<width`, every other one `width`, a slot whose values are thrown away.
struct WindowedSlots<Base: SlotSource>: SlotSource {
    let base: Base
    let low: Int
    let width: Int

    @inline(__always) func slot(_ row: Int) -> Int {
        let slot = base.slot(row) &- low
        return UInt(bitPattern: slot) < UInt(width) ? slot : width
    }
}

extension AggregationWork {
    /// Slots from which an aggregate splits its slots rather than its rows across threads.
    /// Below it, each thread's partial array of every slot stays in the cache and merging
    /// them is cheap; above it, each thread would fill and page in an array as large as the
    /// result, and the merge would run on one thread.
    static let windowedSlotThreshold = 1 << 18

    /// Whether `call` is one that splits its slots across threads at this size: the ones that
    /// keep a fixed record per slot. (The thrown-away slot gets a record too; for an aggregate
    /// that gathers or hashes every value, it would redo the work of the other windows.)
    func accumulatesByWindow(_ call: AggregateCall, slotCount: Int) -> Bool {
        guard ranges.count > 1, slotCount >= Self.windowedSlotThreshold else { return false }
        switch call.function {
        case .count, .countIf, .sum, .avg, .min, .max, .first, .last, .argMin, .argMax,
             .stddev, .variance, .covar, .corr:
            return true
        case .countDistinct, .median, .quantile, .mode, .collect:
            return false
        }
    }

    /// One aggregate with its slots split into one window per thread: each thread reads every
    /// row and keeps those of its window, in row order, so the result is the same as one
    /// thread's, and no slot is merged.
    func accumulateByWindow<Slots: SlotSource>(_ call: AggregateCall, _ argument: [Column], _ slots: Slots,
                                               slotCount: Int) throws -> Column {
        let windows = Parallel.ranges(slotCount, threads: ranges.count)
        let parts: [Result<Column, Error>] = Parallel.map(windows) { window in
            Result {
                let accumulator = Accumulators(arguments: argument, slotCount: window.count + 1,
                                               ranges: [0..<count], rows: count, span: call.span)
                // These aggregates never stop to check for Ctrl-C, which is checked between them.
                return try accumulator.run(call, WindowedSlots(base: slots, low: window.lowerBound, width: window.count)) {}
            }
        }
        let columns = try parts.map { try $0.get() }
        guard let column = Column.concatenating(zip(columns, windows).map { ($0, $1.count) }) else {
            preconditionFailure("the windows of one aggregate give columns of one type and dictionary")
        }
        return column
    }
}
