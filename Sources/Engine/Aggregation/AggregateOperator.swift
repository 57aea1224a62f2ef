import Columnar
import Diagnostics
import Evaluation
import Semantic

extension Executor {
    /// `summarize ... by ...`: the keys, then each aggregate, one row per group in order of
    /// first appearance; without keys, one row even for empty input (count() is 0, sum(x) is
    /// null).
    func aggregate(_ input: Relation, keys: [BoundExpr], calls: [AggregateCall], detail: inout String?) throws -> Relation {
        // `count` and `summarize count()` count rows without reading a column.
        if keys.isEmpty, calls.allSatisfy({ $0.function == .count && $0.argument == nil }) {
            return Relation(columns: calls.map { _ in Column(.int([Int64(input.count)])) }, count: 1)
        }
        let arguments = try calls.map { call in try call.argument.map { try evaluator.column($0, over: input) } }
        var evaluated: [Column]?
        if let columns = try summarizeBySlot(input, keys: keys, calls: calls, arguments: arguments, keyColumns: &evaluated) {
            return Relation(columns: columns, count: columns[0].count)
        }
        let keyColumns = try evaluated ?? keys.map { try evaluator.column($0, over: input) }
        let grouping = try Grouping(keys: keyColumns, count: input.count, threads: threads) { try evaluator.checkCancelled() }
        let ranges = Parallel.ranges(input.count, threads: threads)
        let groupOf = grouping.groupOf
        let representatives = grouping.representatives
        let groupCount = representatives.count
        var columns = keyColumns.map { $0.gather(representatives) }
        for (call, argument) in zip(calls, arguments) {
            try evaluator.checkCancelled()
            let parallel = ranges.count < 2 ? nil : groupOf.withUnsafeBufferPointer { groups in
                ParallelAccumulate.run(call, argument, GroupNumbers(groups: groups), groupCount: groupCount, ranges: ranges)
            }
            if let column = parallel {
                columns.append(column)
            } else {
                columns.append(try Accumulate.run(call, argument, groupOf, groupCount: groupCount))
            }
        }
        return Relation(columns: columns, count: groupCount)
    }
}

/// The accumulators of each aggregate function, over group numbers computed beforehand.
enum Accumulate {
    static func run(_ call: AggregateCall, _ argument: Column?, _ groupOf: [Int32], groupCount: Int) throws -> Column {
        let rows = groupOf.count
        guard let argument else {
            // count(): rows per group.
            var counts = [Int64](repeating: 0, count: groupCount)
            for group in groupOf { counts[Int(group)] += 1 }
            return Column(.int(counts))
        }
        func valid(_ row: Int) -> Bool { !argument.isNull(row) }
        switch call.function {
        case .count:
            var counts = [Int64](repeating: 0, count: groupCount)
            for row in 0..<rows where valid(row) { counts[Int(groupOf[row])] += 1 }
            return Column(.int(counts))
        case .countDistinct:
            if let counts = distinctCountsByBitmap(argument, groupOf, groupCount: groupCount) { return Column(.int(counts)) }
            var table = GroupTable(capacity: 1024)
            let words = KeyWords([argument, Column(.int(groupOf.map(Int64.init)))], count: rows)
            var counts = [Int64](repeating: 0, count: groupCount)
            for row in 0..<rows where valid(row) {
                let before = table.count
                _ = table.group(of: row, in: words)
                if table.count > before { counts[Int(groupOf[row])] += 1 }
            }
            return Column(.int(counts))
        case .sum:
            return try sum(argument, groupOf, groupCount: groupCount, span: call.span)
        case .avg:
            var n = [Int64](repeating: 0, count: groupCount)
            var sums = [Double](repeating: 0, count: groupCount)
            let values = doubles(argument)
            for row in 0..<rows where valid(row) {
                let g = Int(groupOf[row])
                n[g] += 1
                sums[g] += values[row]
            }
            // The mean as sum / count, as SQL engines compute it.
            return Column(.float((0..<groupCount).map { sums[$0] / Double(n[$0]) }), validity: Bitmap(n.map { $0 > 0 }))
        case .stddev:
            var n = [Double](repeating: 0, count: groupCount)
            var mean = [Double](repeating: 0, count: groupCount)
            var m2 = [Double](repeating: 0, count: groupCount)
            let values = doubles(argument)
            for row in 0..<rows where valid(row) {
                // Welford's update: stable for large and close values.
                let g = Int(groupOf[row])
                n[g] += 1
                let delta = values[row] - mean[g]
                mean[g] += delta / n[g]
                m2[g] += delta * (values[row] - mean[g])
            }
            let result = (0..<groupCount).map { n[$0] > 1 ? (m2[$0] / (n[$0] - 1)).squareRoot() : 0 }
            return Column(.float(result), validity: Bitmap((0..<groupCount).map { n[$0] > 1 }))
        case .median:
            var values = [[Double]](repeating: [], count: groupCount)
            let all = doubles(argument)
            for row in 0..<rows where valid(row) { values[Int(groupOf[row])].append(all[row]) }
            let result = values.map { group -> Double in
                let sorted = group.sorted()
                guard !sorted.isEmpty else { return 0 }
                let middle = sorted.count / 2
                return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            }
            return Column(.float(result), validity: Bitmap(values.map { !$0.isEmpty }))
        case .min, .max, .first, .last:
            var chosen = [Int32](repeating: -1, count: groupCount)
            // Values compare as sort keys do: NaN above every number, -0 equal to 0, strings by bytes.
            let isMinOrMax = call.function == .min || call.function == .max
            let words = isMinOrMax ? OrderWord.words(argument) : []
            let isMax = call.function == .max
            for row in 0..<rows where valid(row) {
                let g = Int(groupOf[row])
                switch call.function {
                case .first: if chosen[g] < 0 { chosen[g] = Int32(row) }
                case .last: chosen[g] = Int32(row)
                default:
                    let kept = Int(chosen[g])
                    if kept < 0 || (isMax ? words[row] > words[kept] : words[row] < words[kept]) { chosen[g] = Int32(row) }
                }
            }
            return argument.gatherOptional(chosen)
        case .collect:
            var parts = [[String]](repeating: [], count: groupCount)
            for row in 0..<rows where valid(row) { parts[Int(groupOf[row])].append(argument[row].description) }
            var builder = ColumnBuilder(.string, capacity: groupCount)
            for group in parts { builder.append(group.isEmpty ? .null : .string(group.joined(separator: call.separator))) }
            return builder.build()
        }
    }

    /// count_distinct when each value is a small number: a dictionary code, or an int in a
    /// narrow range. One bit per (group, value) says whether the group has seen it, which
    /// needs no hashing; nil when that bitmap would be too big (over 8 MB).
    private static func distinctCountsByBitmap(_ argument: Column, _ groupOf: [Int32], groupCount: Int) -> [Int64]? {
        let slots: [Int]
        let width: Int
        switch argument.values {
        case .string(let codes, let dictionary):
            width = dictionary.count
            guard width > 0, groupCount <= (1 << 26) / width else { return nil }
            slots = codes.map { Int($0) }
        case .int(let values):
            var low = Int64.max, high = Int64.min
            for row in values.indices where !argument.isNull(row) {
                low = min(low, values[row])
                high = max(high, values[row])
            }
            guard low <= high else { return [Int64](repeating: 0, count: groupCount) }
            let (range, overflow) = high.subtractingReportingOverflow(low)
            guard !overflow, range < 1 << 26 else { return nil }
            width = Int(range) + 1
            guard groupCount <= (1 << 26) / width else { return nil }
            slots = values.map { Int($0 &- low) }
        default:
            return nil
        }
        var seen = [UInt64](repeating: 0, count: (groupCount * width + 63) / 64)
        var counts = [Int64](repeating: 0, count: groupCount)
        for row in slots.indices where !argument.isNull(row) {
            let group = Int(groupOf[row])
            let bit = group * width + slots[row]
            let mask: UInt64 = 1 << UInt64(bit & 63)
            if seen[bit >> 6] & mask == 0 {
                seen[bit >> 6] |= mask
                counts[group] += 1
            }
        }
        return counts
    }

    private static func doubles(_ column: Column) -> [Double] {
        switch column.values {
        case .int(let a): return a.map(Double.init)
        case .float(let a): return a
        default: preconditionFailure("a numeric aggregate of a \(column.type)")
        }
    }

    private static func sum(_ argument: Column, _ groupOf: [Int32], groupCount: Int, span: Span) throws -> Column {
        let validity = argument.validity
        // Without nulls every group has a value, except the one group of a keyless
        // summarize over no rows.
        var present = [Bool](repeating: validity == nil && !groupOf.isEmpty, count: groupCount)
        switch argument.values {
        case .int(let values):
            // 64-bit running totals, noting any overflow; only then 128-bit ones, since only
            // the final total must fit, whatever the row order.
            var overflowed = false
            var sums = accumulate(values, validity, groupOf, groupCount, present: &present) { sum, value in
                let (total, overflow) = sum.addingReportingOverflow(value)
                sum = total
                overflowed = overflowed || overflow
            }
            if overflowed { sums = try wideSums(values, validity, groupOf, groupCount: groupCount, span: span) }
            return Column(.int(sums), validity: Bitmap(present))
        case .float(let values):
            let sums = accumulate(values, validity, groupOf, groupCount, present: &present) { $0 += $1 }
            return Column(.float(sums), validity: Bitmap(present))
        default:
            preconditionFailure("sum of a \(argument.type)")
        }
    }

    /// Adds each non-null row's value into its group's total with `add`, marking in
    /// `present` the groups that saw a value (when there are nulls to skip).
    private static func accumulate<T: Numeric>(_ values: [T], _ validity: Bitmap?, _ groupOf: [Int32], _ groupCount: Int,
                                               present: inout [Bool], _ add: (inout T, T) -> Void) -> [T] {
        var totals = [T](repeating: 0, count: groupCount)
        values.withUnsafeBufferPointer { values in
            groupOf.withUnsafeBufferPointer { groupOf in
                totals.withUnsafeMutableBufferPointer { totals in
                    for row in 0..<values.count {
                        if let validity {
                            guard validity[row] else { continue }
                            present[Int(groupOf[row])] = true
                        }
                        add(&totals[Int(groupOf[row])], values[row])
                    }
                }
            }
        }
        return totals
    }

    /// Int sums with 128-bit totals, for when a 64-bit running total overflowed.
    private static func wideSums(_ values: [Int64], _ validity: Bitmap?, _ groupOf: [Int32], groupCount: Int,
                                 span: Span) throws -> [Int64] {
        var sums = [Int128](repeating: 0, count: groupCount)
        for row in 0..<values.count where validity?[row] != false {
            sums[Int(groupOf[row])] &+= Int128(values[row])
        }
        return try sums.map { sum in
            guard let total = Int64(exactly: sum) else {
                throw RuntimeError.make("E0401", "integer overflow in sum", span,
                                        help: "the total does not fit in a 64-bit integer; sum(float(x)) gives an approximate total")
            }
            return total
        }
    }
}

extension Column {
    /// The rows at `indices`, with null where an index is -1 (a row with no match).
    func gatherOptional(_ indices: [Int32]) -> Column {
        let present = indices.map { $0 >= 0 && !isNull(Int($0)) }
        let safe = indices.map { max(0, $0) }
        guard count > 0 else { return Column.nulls(type, count: indices.count) }
        let gathered = gather(safe)
        return Column(gathered.values, validity: Bitmap(present))
    }
}
