import CAllocatorStats
import Glibc

/// The most memory allocated since the gauge was last reset, above what was allocated then:
/// the peak memory of one step of `explain analyze`. It is read at each step's start and end
/// and at the evaluator's checkpoints (about once per batch), at most once a millisecond,
/// so a short-lived peak between checkpoints can be missed.
public final class MemoryGauge {
    private var base = 0
    private var peak = 0
    private var lastSample = 0.0

    public init() {}

    /// Starts a new measurement from the memory allocated now.
    public func reset() {
        base = Int(amity_allocated_bytes())
        peak = base
        lastSample = Self.now()
    }

    /// Reads the allocator unless it was read less than a millisecond ago.
    public func sample() {
        let now = Self.now()
        guard now - lastSample >= 0.001 else { return }
        lastSample = now
        peak = max(peak, Int(amity_allocated_bytes()))
    }

    /// Bytes above the base at the highest reading, taking one more reading now.
    public func peakAbove() -> Int {
        peak = max(peak, Int(amity_allocated_bytes()))
        return max(0, peak - base)
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
