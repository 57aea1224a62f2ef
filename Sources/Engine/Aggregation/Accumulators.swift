import Columnar
import Diagnostics
import Evaluation
import Semantic

/// Every aggregate function, accumulated into one value per slot over a ``SlotSource``: the
/// one place that aggregates. Each range of rows (one per thread) fills partial arrays of its
/// own, merged in range order, so a float result is the same for a given thread count (and
/// may differ from one thread's in the last bits, as in other engines). A slot with no value
/// gives null (0 for counts).
struct Accumulators {
    /// The call's arguments, one value per input row: none for `count()`, two for `covar`.
    let arguments: [Column]
    let slotCount: Int
    /// At least one range; `0..<0` for no rows.
    let ranges: [Range<Int>]
    /// The rows in all ranges.
    let rows: Int
    /// The aggregate's call, for errors (an int sum that overflows).
    let span: Span

    /// The most bits a count_distinct bitmap may have (8 MB): past that, values are hashed.
    static let distinctBitmapLimit = 1 << 26

    var argument: Column? { arguments.first }

    func run<Slots: SlotSource>(_ call: AggregateCall, _ slots: Slots, checkCancelled: () throws -> Void) throws -> Column {
        guard let argument else { return Column(.int(counts(slots, validity: nil))) }
        switch call.function {
        case .count: return Column(.int(counts(slots, validity: argument.validity)))
        case .countIf: return Column(.int(trueCounts(argument, slots)))
        case .countDistinct: return Column(.int(try distinctCounts(argument, slots, checkCancelled: checkCancelled)))
        case .sum: return try sum(argument, slots)
        case .avg: return mean(argument, slots)
        case .stddev, .variance: return spread(argument, slots, squared: call.function == .variance)
        case .covar, .corr: return comoment(arguments[0], arguments[1], slots, correlation: call.function == .corr)
        case .min, .max, .first, .last: return pick(call.function, argument, slots)
        case .argMin, .argMax: return pick(call.function, arguments[0], by: arguments[1], slots)
        case .median: return try quantile(argument, slots, fraction: 0.5, midpointMean: true, checkCancelled: checkCancelled)
        case .quantile: return try quantile(argument, slots, fraction: call.fraction, checkCancelled: checkCancelled)
        case .mode: return try mode(argument, slots, checkCancelled: checkCancelled)
        case .collect: return collect(argument, slots, separator: call.separator)
        }
    }

    /// Partial arrays of `slotCount` values, one per range, each filled on its own thread by
    /// `fill`, in range order.
    func perRange<T>(_ zero: T, _ fill: (Range<Int>, UnsafeMutableBufferPointer<T>) -> Void) -> [[T]] {
        Parallel.map(ranges) { range in
            var values = [T](repeating: zero, count: slotCount)
            values.withUnsafeMutableBufferPointer { fill(range, $0) }
            return values
        }
    }

    /// The partials combined slot by slot, in range order.
    func merged<T>(_ parts: [[T]], _ combine: (T, T) -> T) -> [T] {
        var result = parts[0]
        for part in parts.dropFirst() {
            for slot in 0..<slotCount { result[slot] = combine(result[slot], part[slot]) }
        }
        return result
    }

    /// Rows per slot; with a validity, only the rows that have a value.
    func counts<Slots: SlotSource>(_ slots: Slots, validity: Bitmap?) -> [Int64] {
        merged(perRange(Int64(0)) { range, counts in
            if let validity {
                for row in range where validity[row] { counts[slots.slot(row)] &+= 1 }
            } else {
                for row in range { counts[slots.slot(row)] &+= 1 }
            }
        }, &+)
    }

    /// count_if: rows per slot where the condition is true (not false, not null).
    func trueCounts<Slots: SlotSource>(_ condition: Column, _ slots: Slots) -> [Int64] {
        guard case .bool(let truth) = condition.values else { preconditionFailure("count_if of a \(condition.type)") }
        let validity = condition.validity
        return merged(truth.withUnsafeBufferPointer { truth in
            perRange(Int64(0)) { range, counts in
                for row in range where truth[row] && validity?[row] != false { counts[slots.slot(row)] &+= 1 }
            }
        }, &+)
    }

    /// Rows valid in both columns: the pairs a two-argument aggregate reads.
    static func bothValid(_ a: Column, _ b: Column) -> Bitmap? {
        guard let x = a.validity else { return b.validity }
        guard let y = b.validity else { return x }
        return Bitmap(words: zip(x.words, y.words).map { $0 & $1 }, count: x.count)
    }

    /// Which slots have a value. Without nulls every slot given rows has one: a slot with no
    /// rows at all is dropped by the caller, except the one group of a keyless summarize over
    /// no rows.
    func present<Slots: SlotSource>(_ slots: Slots, validity: Bitmap?) -> Bitmap {
        guard let validity else { return Bitmap(count: slotCount, value: rows > 0) }
        return Bitmap(merged(perRange(false) { range, present in
            for row in range where validity[row] { present[slots.slot(row)] = true }
        }) { $0 || $1 })
    }

    /// The argument's values as doubles (ints widened), for the float aggregates.
    static func doubles(_ column: Column) -> [Double] {
        switch column.values {
        case .int(let a): return a.map(Double.init)
        case .float(let a): return a
        default: preconditionFailure("a numeric aggregate of a \(column.type)")
        }
    }
}
