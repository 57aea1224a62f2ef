import Dispatch
import Synchronization

/// Row ranges run on several threads at once, for work that splits by rows into per-thread
/// partial results merged afterwards (loading, grouping, aggregates, joins).
public enum Parallel {
    /// Fewer rows than this per thread are not worth a thread.
    public static let minimumRowsPerThread = 1 << 17

    /// `0..<count` cut into at most `threads` ranges of at least the minimum size.
    public static func ranges(_ count: Int, threads: Int) -> [Range<Int>] {
        let parts = max(1, min(threads, count / minimumRowsPerThread))
        let size = (count + parts - 1) / max(1, parts)
        return (0..<parts).map { part in part * size..<min(count, (part + 1) * size) }.filter { !$0.isEmpty }
    }

    /// Contiguous runs of buckets (slots, partitions), one per part, holding about equal
    /// numbers of items: `starts[bucket]` is where a bucket's items begin, the last entry
    /// their end. For work split by buckets rather than by rows.
    public static func balanced(_ starts: [Int], parts: Int) -> [Range<Int>] {
        let buckets = starts.count - 1, total = starts[buckets]
        guard parts > 1, total > 0 else { return [0..<buckets] }
        var result: [Range<Int>] = []
        var lower = 0
        for index in 1..<parts {
            var upper = lower
            while upper < buckets && starts[upper] < total * index / parts { upper += 1 }
            result.append(lower..<upper)
            lower = upper
        }
        result.append(lower..<buckets)
        return result.filter { !$0.isEmpty }
    }

    /// Runs `body(part, range)` for each range, at once when there are several. Each part
    /// must write only its own results.
    public static func run(_ ranges: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
        widest.max(ranges.count)
        if ranges.count <= 1 {
            if let only = ranges.first { body(0, only) }
            return
        }
        // The parts write disjoint results, which the compiler cannot see: the closure is
        // passed on as if it were Sendable.
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: ranges.count) { part in work(part, ranges[part]) }
        }
    }

    /// The most parts any `run` has split work into since the last ``resetWidest()``: how many
    /// threads a step of `explain analyze` used.
    public static var widestSinceReset: Int { widest.value }

    public static func resetWidest() { widest.reset() }

    private static let widest = WidestCount()

    /// One result per part, each computed on its own thread.
    public static func map<Result>(_ ranges: [Range<Int>], _ body: (Range<Int>) -> Result) -> [Result] {
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: ranges.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        run(ranges) { part, range in results[part] = body(range) }
        return results.map { $0! }
    }
}

/// A maximum that threads may raise at once.
private final class WidestCount: Sendable {
    private let count = Atomic<Int>(1)

    var value: Int { count.load(ordering: .relaxed) }

    func reset() { count.store(1, ordering: .relaxed) }

    func max(_ candidate: Int) {
        var current = count.load(ordering: .relaxed)
        while candidate > current {
            let (exchanged, original) = count.compareExchange(expected: current, desired: candidate, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }
}
