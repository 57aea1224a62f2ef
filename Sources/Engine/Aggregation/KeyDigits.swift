import Columnar
import Evaluation

/// Grouping keys that are all small numbers (a dictionary code, a bool, an int or date in a
/// narrow range, with one more value for null), combined per row into one integer by mixed
/// radix: the first key is the most significant digit.
struct KeyDigits {
    private let keys: [Column]
    private let radices: [Int]
    private let lows: [Int64]
    /// How many distinct combined values there can be (null included).
    let combinations: Int

    /// Rows combined per key before the next key: the block of slots stays in the cache
    /// while every key passes over it, instead of a pass over all rows per key.
    private static let blockSize = 4096

    /// Nil when a key is not a small number or the combinations overflow an Int.
    init?(_ keys: [Column], threads: Int) {
        var radices: [Int] = []
        var lows: [Int64] = []
        var combinations = 1
        for key in keys {
            guard let (low, radix) = Self.range(of: key, threads: threads) else { return nil }
            let (product, overflow) = combinations.multipliedReportingOverflow(by: radix)
            if overflow { return nil }
            combinations = product
            lows.append(low)
            radices.append(radix)
        }
        self.keys = keys
        self.radices = radices
        self.lows = lows
        self.combinations = combinations
    }

    /// Each row's combined keys, the rows split across threads. `Slot` must hold
    /// ``combinations`` - 1.
    func slots<Slot: FixedWidthInteger>(count: Int, threads: Int, as: Slot.Type = Slot.self) -> [Slot] {
        precondition(UInt64(combinations - 1) <= UInt64(Slot.max))
        return [Slot](unsafeUninitializedCapacity: count) { slots, initialized in
            Parallel.run(Parallel.ranges(count, threads: threads)) { _, range in
                for start in stride(from: range.lowerBound, to: range.upperBound, by: Self.blockSize) {
                    fill(start..<min(start + Self.blockSize, range.upperBound), slots)
                }
            }
            initialized = count
        }
    }

    private func fill<Slot: FixedWidthInteger>(_ block: Range<Int>, _ slots: UnsafeMutableBufferPointer<Slot>) {
        for (index, key) in keys.enumerated() {
            let radix = Slot(radices[index]), low = lows[index], nullDigit = Slot(radices[index] - 1)
            let validity = key.validity
            let first = index == 0
            // Inlined per key type, so each loop is a plain load and multiply-add.
            @inline(__always) func combine(_ digit: (Int) -> Slot) {
                switch (first, validity) {
                case (true, nil): for row in block { slots[row] = digit(row) }
                case (false, nil): for row in block { slots[row] = slots[row] &* radix &+ digit(row) }
                case (_, let validity?):
                    for row in block {
                        let value = validity[row] ? digit(row) : nullDigit
                        slots[row] = first ? value : slots[row] &* radix &+ value
                    }
                }
            }
            switch key.values {
            case .string(let codes, _):
                codes.withUnsafeBufferPointer { codes in combine { Slot(truncatingIfNeeded: codes[$0]) } }
            case .bool(let values):
                values.withUnsafeBufferPointer { values in combine { values[$0] ? 1 : 0 } }
            case .int(let values):
                values.withUnsafeBufferPointer { values in combine { Slot(truncatingIfNeeded: values[$0] &- low) } }
            case .date(let values):
                values.withUnsafeBufferPointer { values in combine { Slot(truncatingIfNeeded: Int64(values[$0]) &- low) } }
            case .float:
                preconditionFailure("a float key has no digits")
            }
        }
    }

    /// The smallest value and the number of digits a key needs (its values, then null);
    /// nil for floats and for ints spread wider than 2^24.
    private static func range(of key: Column, threads: Int) -> (low: Int64, radix: Int)? {
        switch key.values {
        case .string(_, let dictionary): return (0, dictionary.count + 1)
        case .bool: return (0, 3)
        case .float: return nil
        case .int(let values): return narrowRange(values, key.validity, threads: threads)
        case .date(let values): return narrowRange(values, key.validity, threads: threads)
        }
    }

    private static func narrowRange<T: FixedWidthInteger>(_ values: [T], _ validity: Bitmap?,
                                                           threads: Int) -> (low: Int64, radix: Int)? {
        // No rows, or only nulls: one digit, for null.
        guard let (low, high) = ValueRange.extremes(values, validity, threads: threads) else { return (0, 1) }
        let (width, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, width < 1 << 24 else { return nil }
        return (low, Int(width) + 2)
    }
}
