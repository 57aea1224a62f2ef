import Columnar
import Evaluation
import Semantic

/// The aggregates whose per-thread partials merge simply (count, sum, avg, count_distinct
/// by bitmap), over rows split across threads. Float sums add the parts in order, so a
/// given thread count always gives the same result; it may differ from one thread's in the
/// last bits, as in other engines.
enum ParallelAccumulate {
    /// Whether ``run(_:_:_:groupCount:ranges:)`` handles the call (it may still give up on
    /// an int overflow).
    static func handles(_ call: AggregateCall, _ argument: Column?, groupCount: Int) -> Bool {
        switch (call.function, argument?.values) {
        case (.count, _), (.sum, .float), (.avg, .float), (.avg, .int), (.sum, .int): return true
        case (.countDistinct, .string(_, let dictionary)):
            return dictionary.count > 0 && groupCount <= (1 << 26) / dictionary.count
        default: return false
        }
    }

    /// The aggregate's column, one value per group, or nil when it has no form here (the
    /// caller runs it on one thread with ``Accumulate``). `groups` gives each row's group.
    static func run<Groups: SlotSource>(_ call: AggregateCall, _ argument: Column?, _ groups: Groups, groupCount: Int,
                                        ranges: [Range<Int>]) -> Column? {
        let validity = argument?.validity
        let groupOf = groups
        switch (call.function, argument?.values) {
        case (.count, _):
            let counts = merged(ranges, groupCount, Int64(0), +) { range, counts in
                counts.withUnsafeMutableBufferPointer { counts in
                    for row in range where argument == nil || validity?[row] != false { counts[groupOf.slot(row)] += 1 }
                }
            }
            return Column(.int(counts))
        case (.sum, .float(let values)), (.avg, .float(let values)):
            return floatSumOrMean(values, validity, groupOf, groupCount, ranges, mean: call.function == .avg)
        case (.avg, .int(let values)):
            return floatSumOrMean(values.map(Double.init), validity, groupOf, groupCount, ranges, mean: true)
        case (.sum, .int(let values)):
            // 64-bit partials; any overflow (in a part or in the merge) goes back to the
            // one-thread path, which redoes the sums in 128 bits.
            let parts: [(sums: [Int64], overflowed: Bool)] = Parallel.map(ranges) { range in
                var sums = [Int64](repeating: 0, count: groupCount)
                var overflowed = false
                values.withUnsafeBufferPointer { values in
                    sums.withUnsafeMutableBufferPointer { sums in
                        for row in range where validity?[row] != false {
                            let g = groupOf.slot(row)
                            let (total, overflow) = sums[g].addingReportingOverflow(values[row])
                            sums[g] = total
                            overflowed = overflowed || overflow
                        }
                    }
                }
                return (sums, overflowed)
            }
            guard !parts.contains(where: \.overflowed) else { return nil }
            var sums = parts[0].sums
            for part in parts.dropFirst() {
                for group in 0..<groupCount {
                    let (total, overflow) = sums[group].addingReportingOverflow(part.sums[group])
                    if overflow { return nil }
                    sums[group] = total
                }
            }
            return Column(.int(sums), validity: present(validity, groupOf, groupCount, ranges))
        case (.countDistinct, .string(let codes, let dictionary)):
            let width = dictionary.count
            guard width > 0, groupCount <= (1 << 26) / width else { return nil }
            let wordCount = (groupCount * width + 63) / 64
            let parts: [[UInt64]] = Parallel.map(ranges) { range in
                var seen = [UInt64](repeating: 0, count: wordCount)
                codes.withUnsafeBufferPointer { codes in
                    for row in range where validity?[row] != false {
                        let bit = groupOf.slot(row) * width + Int(codes[row])
                        seen[bit >> 6] |= 1 << UInt64(bit & 63)
                    }
                }
                return seen
            }
            var seen = parts[0]
            for part in parts.dropFirst() { for index in 0..<wordCount { seen[index] |= part[index] } }
            var counts = [Int64](repeating: 0, count: groupCount)
            for group in 0..<groupCount {
                var bit = group * width
                let end = bit + width
                while bit < end {
                    let word = seen[bit >> 6] >> UInt64(bit & 63)
                    let take = min(64 - (bit & 63), end - bit)
                    counts[group] += Int64((take == 64 ? word : word & ((1 << UInt64(take)) - 1)).nonzeroBitCount)
                    bit += take
                }
            }
            return Column(.int(counts))
        default:
            return nil
        }
    }

    /// Per-part arrays of one value per group, each filled by `fill` on its own thread,
    /// then combined group by group in part order.
    private static func merged<T>(_ ranges: [Range<Int>], _ groupCount: Int, _ zero: T, _ combine: (T, T) -> T,
                                  _ fill: (Range<Int>, inout [T]) -> Void) -> [T] {
        let parts: [[T]] = Parallel.map(ranges) { range in
            var values = [T](repeating: zero, count: groupCount)
            fill(range, &values)
            return values
        }
        var result = parts[0]
        for part in parts.dropFirst() { for group in 0..<groupCount { result[group] = combine(result[group], part[group]) } }
        return result
    }

    private static func floatSumOrMean<Groups: SlotSource>(_ values: [Double], _ validity: Bitmap?, _ groupOf: Groups,
                                                           _ groupCount: Int, _ ranges: [Range<Int>], mean: Bool) -> Column {
        // Sums, and counts where a mean or nulls need them, in one pass per part.
        let needsCounts = mean || validity != nil
        let parts: [(sums: [Double], counts: [Int64])] = Parallel.map(ranges) { range in
            var sums = [Double](repeating: 0, count: groupCount)
            var counts = [Int64](repeating: 0, count: needsCounts ? groupCount : 0)
            values.withUnsafeBufferPointer { values in
                sums.withUnsafeMutableBufferPointer { sums in
                    counts.withUnsafeMutableBufferPointer { counts in
                        if !needsCounts {
                            for row in range { sums[groupOf.slot(row)] += values[row] }
                            return
                        }
                        for row in range where validity?[row] != false {
                            let g = groupOf.slot(row)
                            sums[g] += values[row]
                            counts[g] += 1
                        }
                    }
                }
            }
            return (sums, counts)
        }
        guard needsCounts else {
            var sums = parts[0].sums
            for part in parts.dropFirst() { for group in 0..<groupCount { sums[group] += part.sums[group] } }
            return Column(.float(sums))  // every group has rows, and no value is null
        }
        var sums = parts[0].sums, counts = parts[0].counts
        for part in parts.dropFirst() {
            for group in 0..<groupCount {
                sums[group] += part.sums[group]
                counts[group] += part.counts[group]
            }
        }
        let result = mean ? (0..<groupCount).map { sums[$0] / Double(counts[$0]) } : sums
        return Column(.float(result), validity: Bitmap(counts.map { $0 > 0 }))
    }

    /// Which groups have a value.
    private static func present<Groups: SlotSource>(_ validity: Bitmap?, _ groupOf: Groups, _ groupCount: Int,
                                                    _ ranges: [Range<Int>]) -> Bitmap {
        // Without nulls, every group has a value: the groups given here all have rows (a
        // keyless summarize over no rows never comes here).
        guard validity != nil else { return Bitmap(count: groupCount, value: true) }
        let seen = merged(ranges, groupCount, false, { $0 || $1 }) { range, present in
            for row in range where validity?[row] != false { present[groupOf.slot(row)] = true }
        }
        return Bitmap(seen)
    }
}
