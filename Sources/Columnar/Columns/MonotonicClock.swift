import Glibc

/// Seconds of a clock that only goes forward, for timing and throttling: every layer that
/// measures time (explain analyze, the optimizer's passes, the progress line, the server's
/// cancel deadline) reads this one.
public enum MonotonicClock {
    public static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
