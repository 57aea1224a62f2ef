import Columnar

/// The smallest and largest value of an int or date column, on every thread: what decides
/// whether a key or a count_distinct argument can index an array directly.
enum ValueRange {
    /// The extremes of the non-null values; nil when there are none.
    static func extremes<T: FixedWidthInteger>(_ values: [T], _ validity: Bitmap?, threads: Int) -> (low: Int64, high: Int64)? {
        let parts: [(low: T, high: T)?] = values.withUnsafeBufferPointer { values in
            Parallel.map(Parallel.ranges(values.count, threads: threads)) { range in
                validity.map { extremes(values, range, $0) } ?? extremes(values, range)
            }
        }
        let found = parts.compactMap { $0 }
        guard let low = found.map(\.low).min(), let high = found.map(\.high).max() else { return nil }
        return (Int64(low), Int64(high))
    }

    /// The smallest and largest value in `range`, in a loop the compiler vectorizes.
    private static func extremes<T: FixedWidthInteger>(_ values: UnsafeBufferPointer<T>, _ range: Range<Int>) -> (low: T, high: T)? {
        guard !range.isEmpty else { return nil }
        var low = T.max, high = T.min
        for row in range {
            low = Swift.min(low, values[row])
            high = Swift.max(high, values[row])
        }
        return (low, high)
    }

    /// The same over the rows that are not null.
    private static func extremes<T: FixedWidthInteger>(_ values: UnsafeBufferPointer<T>, _ range: Range<Int>,
                                                       _ validity: Bitmap) -> (low: T, high: T)? {
        var low = T.max, high = T.min, any = false
        for row in range where validity[row] {
            low = Swift.min(low, values[row])
            high = Swift.max(high, values[row])
            any = true
        }
        return any ? (low, high) : nil
    }
}
