import Columnar
import CAllocatorStats
import Glibc
import Synchronization

/// The most memory allocated since the gauge was last reset, above what was allocated then:
/// the peak memory of one step of `explain analyze`. It is read at each step's start and end
/// and at the evaluator's checkpoints (about once per batch), at most once a millisecond,
/// so a short-lived peak between checkpoints can be missed. Operators call checkpoints from
/// several threads at once, so the readings are kept under a lock.
public final class MemoryGauge: Sendable {
    private struct Readings {
        var base = 0
        var peak = 0
        var lastSample = 0.0
    }

    private let readings = Mutex(Readings())

    public init() {}

    /// Starts a new measurement from the memory allocated now.
    public func reset() {
        let now = MonotonicClock.seconds(), allocated = Int(amity_allocated_bytes())
        readings.withLock { $0 = Readings(base: allocated, peak: allocated, lastSample: now) }
    }

    /// Reads the allocator unless it was read less than a millisecond ago.
    public func sample() {
        let now = MonotonicClock.seconds()
        let due = readings.withLock { readings in
            guard now - readings.lastSample >= 0.001 else { return false }
            readings.lastSample = now
            return true
        }
        guard due else { return }
        let allocated = Int(amity_allocated_bytes())
        readings.withLock { $0.peak = max($0.peak, allocated) }
    }

    /// Bytes above the base at the highest reading, taking one more reading now.
    public func peakAbove() -> Int {
        let allocated = Int(amity_allocated_bytes())
        return readings.withLock { readings in
            readings.peak = max(readings.peak, allocated)
            return max(0, readings.peak - readings.base)
        }
    }

}
