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
            if let (low, width) = Self.range(values, argument.validity, threads: ranges.count), fits(width) {
                return values.withUnsafeBufferPointer { values in
                    bitmapCounts(argument, slots, IntDigits(values: values, low: low), width: width)
                }
            }
        case .bool(let values):
            return values.withUnsafeBufferPointer { values in
                bitmapCounts(argument, slots, BoolDigits(values: values), width: 2)
            }
        case .date(let values):
            if let (low, width) = Self.range(values, argument.validity, threads: ranges.count), fits(width) {
                return values.withUnsafeBufferPointer { values in
                    bitmapCounts(argument, slots, DateDigits(values: values, low: low), width: width)
                }
            }
        default:
            break
        }
        try checkCancelled()
        return try pairCounts(argument, slots, checkCancelled: checkCancelled)
    }

    /// count_distinct past the bitmap: the (slot, value) pairs numbered as groups by the
    /// partitioned grouping on every thread, then each pair counted for the slot of its first
    /// row. A pair is one 64-bit word when the values are codes or ints of a range that fits
    /// beside the slot (nulls one digit past the values); else the pair's key words are hashed.
    private func pairCounts<Slots: SlotSource>(_ argument: Column, _ slots: Slots,
                                               checkCancelled: () throws -> Void) throws -> [Int64] {
        let validity = argument.validity
        var digitRange: (low: Int64, width: Int)?
        switch argument.values {
        case .string(_, let dictionary): digitRange = (0, dictionary.count)
        case .int(let values): digitRange = Self.range(values, validity, threads: ranges.count, limit: 1 << 40)
        case .date(let values): digitRange = Self.range(values, validity, threads: ranges.count, limit: 1 << 40)
        default: digitRange = nil
        }
        let grouping: PartitionedGrouping
        if let (low, width) = digitRange, !slotCount.multipliedReportingOverflow(by: width + 1).overflow {
            let pairs: [UInt64]
            switch argument.values {
            case .string(let codes, _):
                pairs = codes.withUnsafeBufferPointer { pairKeys(slots, CodeDigits(codes: $0), validity, width: width) }
            case .int(let values):
                pairs = values.withUnsafeBufferPointer { pairKeys(slots, IntDigits(values: $0, low: low), validity, width: width) }
            case .date(let values):
                pairs = values.withUnsafeBufferPointer { pairKeys(slots, DateDigits(values: $0, low: low), validity, width: width) }
            default:
                preconditionFailure("digits of codes, ints and dates only")
            }
            grouping = try pairs.withUnsafeBufferPointer { pairs in
                try PartitionedGrouping(WholeKeyWords(keys: pairs), count: rows, threads: ranges.count,
                                        checkCancelled: checkCancelled)
            }
        } else {
            let slotColumn = (0..<rows).map { Int64(slots.slot($0)) }
            grouping = try PartitionedGrouping(HashedKeyWords(words: KeyWords([argument, Column(.int(slotColumn))], count: rows)),
                                               count: rows, threads: ranges.count, checkCancelled: checkCancelled)
        }
        var counts = [Int64](repeating: 0, count: slotCount)
        for first in grouping.representatives where validity?[Int(first)] != false {
            counts[slots.slot(Int(first))] += 1
        }
        return counts
    }

    /// Each row's slot and value digit as one word: slot × (width + 1) + digit, null the
    /// digit `width`.
    private func pairKeys<Slots: SlotSource, Digits: DigitSource>(_ slots: Slots, _ digits: Digits, _ validity: Bitmap?,
                                                                  width: Int) -> [UInt64] {
        let radix = UInt64(width + 1), nullDigit = UInt64(width)
        return [UInt64](unsafeUninitializedCapacity: rows) { pairs, initialized in
            Parallel.run(ranges) { _, range in
                if let validity {
                    for row in range {
                        let digit = validity[row] ? UInt64(truncatingIfNeeded: digits.digit(row)) : nullDigit
                        pairs[row] = UInt64(slots.slot(row)) &* radix &+ digit
                    }
                } else {
                    for row in range { pairs[row] = UInt64(slots.slot(row)) &* radix &+ UInt64(truncatingIfNeeded: digits.digit(row)) }
                }
            }
            initialized = rows
        }
    }

    /// The smallest value and how many values the range spans, when that is under `limit`.
    private static func range<T: FixedWidthInteger>(_ values: [T], _ validity: Bitmap?, threads: Int,
                                                    limit: Int = distinctBitmapLimit) -> (Int64, Int)? {
        guard let (low, high) = ValueRange.extremes(values, validity, threads: threads) else { return (0, 1) }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span < Int64(limit) else { return nil }
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
