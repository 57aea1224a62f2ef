import Columnar
import Evaluation

extension Accumulators {
    /// count_distinct: when each value is a small number (a dictionary code, a bool, or an int
    /// or date in a narrow range), one bit per (slot, value) says whether the slot has seen it, each
    /// range setting bits in a bitmap of its own, OR-ed together after; otherwise the
    /// (value, slot) pairs are hashed.
    func distinctCounts<Slots: SlotSource>(_ argument: Column, _ slots: Slots,
                                           checkCancelled: () throws -> Void) throws -> [Int64] {
        let fits = { (width: Int) in width > 0 && slotCount <= Self.distinctBitmapLimit / width }
        switch argument.values {
        case .string(let codes, let dictionary) where fits(dictionary.count):
            return codes.withUnsafeBufferPointer { codes in
                bitmapCounts(argument, slots, CodeDigits(codes: codes), width: dictionary.count)
            }
        case .int(let values):
            if let (low, width) = Self.range(values.indices, argument.validity, { values[$0] }), fits(width) {
                return values.withUnsafeBufferPointer { values in
                    bitmapCounts(argument, slots, IntDigits(values: values, low: low), width: width)
                }
            }
        case .bool(let values):
            return values.withUnsafeBufferPointer { values in
                bitmapCounts(argument, slots, BoolDigits(values: values), width: 2)
            }
        case .date(let values):
            if let (low, width) = Self.range(values.indices, argument.validity, { Int64(values[$0]) }), fits(width) {
                return values.withUnsafeBufferPointer { values in
                    bitmapCounts(argument, slots, DateDigits(values: values, low: low), width: width)
                }
            }
        default:
            break
        }
        try checkCancelled()
        var slotColumn = [Int64](repeating: 0, count: rows)
        for row in 0..<rows { slotColumn[row] = Int64(slots.slot(row)) }
        let words = KeyWords([argument, Column(.int(slotColumn))], count: rows)
        var table = GroupTable(capacity: 1024)
        var counts = [Int64](repeating: 0, count: slotCount)
        for row in 0..<rows where !argument.isNull(row) {
            if row % (Evaluator.batchSize * 16) == 0 { try checkCancelled() }
            let before = table.count
            _ = table.group(of: row, in: words)
            if table.count > before { counts[Int(slotColumn[row])] += 1 }
        }
        return counts
    }

    /// The smallest value and how many values the range spans, when that is small.
    private static func range(_ rows: Range<Int>, _ validity: Bitmap?, _ value: (Int) -> Int64) -> (Int64, Int)? {
        var low = Int64.max, high = Int64.min
        for row in rows where validity?[row] != false {
            low = min(low, value(row))
            high = max(high, value(row))
        }
        guard low <= high else { return (0, 1) }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span < Int64(distinctBitmapLimit) else { return nil }
        return (low, Int(span) + 1)
    }

    private func bitmapCounts<Slots: SlotSource, Digits: DigitSource>(_ argument: Column, _ slots: Slots, _ digits: Digits,
                                                                      width: Int) -> [Int64] {
        let validity = argument.validity
        let wordCount = (slotCount * width + 63) / 64
        let parts: [[UInt64]] = Parallel.map(ranges) { range in
            var seen = [UInt64](repeating: 0, count: wordCount)
            seen.withUnsafeMutableBufferPointer { seen in
                for row in range where validity?[row] != false {
                    let bit = slots.slot(row) * width + digits.digit(row)
                    seen[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
            return seen
        }
        var seen = parts[0]
        for part in parts.dropFirst() { for index in 0..<wordCount { seen[index] |= part[index] } }
        var counts = [Int64](repeating: 0, count: slotCount)
        for slot in 0..<slotCount {
            var bit = slot * width
            let end = bit + width
            while bit < end {
                let word = seen[bit >> 6] >> UInt64(bit & 63)
                let take = min(64 - (bit & 63), end - bit)
                counts[slot] += Int64((take == 64 ? word : word & ((1 << UInt64(take)) - 1)).nonzeroBitCount)
                bit += take
            }
        }
        return counts
    }
}

/// A value as a number below the domain's width, for the count_distinct bitmap.
protocol DigitSource {
    func digit(_ row: Int) -> Int
}

struct CodeDigits: DigitSource {
    let codes: UnsafeBufferPointer<UInt32>

    @inline(__always) func digit(_ row: Int) -> Int { Int(codes[row]) }
}

struct IntDigits: DigitSource {
    let values: UnsafeBufferPointer<Int64>
    let low: Int64

    @inline(__always) func digit(_ row: Int) -> Int { Int(truncatingIfNeeded: values[row] &- low) }
}

struct BoolDigits: DigitSource {
    let values: UnsafeBufferPointer<Bool>

    @inline(__always) func digit(_ row: Int) -> Int { values[row] ? 1 : 0 }
}

struct DateDigits: DigitSource {
    let values: UnsafeBufferPointer<Int32>
    let low: Int64

    @inline(__always) func digit(_ row: Int) -> Int { Int(truncatingIfNeeded: Int64(values[row]) &- low) }
}
