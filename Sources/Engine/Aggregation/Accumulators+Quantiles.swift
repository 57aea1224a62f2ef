import Columnar
import Evaluation

/// The aggregates that need each slot's values together: median, quantile and mode.
extension Accumulators {
    /// median and quantile: each slot's values gathered once (a counting sort of the rows by
    /// slot), then in each slot's run the one or two values a sort would put at the wanted places
    /// (``orderStatistics(_:_:)``; as `sort` orders numbers, NaN above all). The value
    /// a fraction p of the way from the smallest to the largest, interpolated linearly
    /// between the two values around position (n - 1) * p, as DuckDB's quantile_cont. With
    /// `midpointMean` (median) an even count gives the mean of the two middle values.
    func quantile<Slots: SlotSource>(_ argument: Column, _ slots: Slots, fraction: Double, midpointMean: Bool = false,
                                     checkCancelled: () throws -> Void) throws -> Column {
        var values = gathered(argument, slots)
        try checkCancelled()
        return quantile(of: &values, fraction: fraction, midpointMean: midpointMean)
    }

    /// The same from values already gathered by slot (``gathered(_:_:)``), which it reorders
    /// within each slot's run: the aggregates of one `summarize` that read one column gather
    /// it once.
    func quantile(of values: inout SlotValues, fraction: Double, midpointMean: Bool) -> Column {
        let starts = values.starts
        var result = [Double](repeating: 0, count: slotCount)
        var valid = [Bool](repeating: false, count: slotCount)
        values.values.withUnsafeMutableBufferPointer { grouped in
            result.withUnsafeMutableBufferPointer { result in
                valid.withUnsafeMutableBufferPointer { valid in
                    // Each thread selects in whole slots holding about equal numbers of values.
                    Parallel.run(Parallel.balanced(starts, parts: ranges.count)) { _, slotRange in
                        for slot in slotRange where starts[slot + 1] > starts[slot] {
                            let values = UnsafeMutableBufferPointer(rebasing: grouped[starts[slot]..<starts[slot + 1]])
                            valid[slot] = true
                            result[slot] = Self.quantile(of: values, fraction: fraction, midpointMean: midpointMean)
                        }
                    }
                }
            }
        }
        return Column(.float(result), validity: Bitmap(valid))
    }

    /// The quantile of one slot's values (reordered in place).
    private static func quantile(of values: UnsafeMutableBufferPointer<Double>, fraction: Double,
                                 midpointMean: Bool) -> Double {
        let n = values.count
        if midpointMean {
            let middle = n / 2
            if n % 2 == 1 { return orderStatistics(values, middle).low }
            let (low, high) = orderStatistics(values, middle - 1)
            return mean(low, high)
        }
        let position = Double(n - 1) * fraction
        let below = Int(position.rounded(.down))
        let (low, high) = orderStatistics(values, below)
        return position == Double(below) ? low : between(low, high, position - Double(below))
    }

    /// The mean of two values, finite where their sum overflows.
    static func mean(_ a: Double, _ b: Double) -> Double {
        let sum = a + b
        return sum.isFinite || !a.isFinite || !b.isFinite ? sum / 2 : a / 2 + b / 2
    }

    /// The value a fraction `t` (0 < t < 1) of the way from `low` to `high`: exact at equal
    /// ends (two infinities of one sign too), and finite where `high - low` overflows
    /// (halfway from -1e308 to 1e308 is 0, not infinity).
    static func between(_ low: Double, _ high: Double, _ t: Double) -> Double {
        if low == high { return low }
        let step = high - low
        return step.isFinite ? low + step * t : low * (1 - t) + high * t
    }

    /// The non-null values of each slot, back to back: one slot's run, then the next.
    struct SlotValues {
        var values: [Double]
        /// Where each slot's run starts; `starts[slotCount]` is the end.
        let starts: [Int]
    }

    /// The argument's non-null values (as doubles) gathered by slot, each run in row order.
    func gathered<Slots: SlotSource>(_ argument: Column, _ slots: Slots) -> SlotValues {
        let values = Self.doubles(argument), validity = argument.validity
        // Each range's count per slot; a range writes its values of a slot after the earlier
        // ranges' values of that slot, so every slot's run is in row order.
        let partCounts = perRange(Int64(0)) { range, counts in
            if let validity {
                for row in range where validity[row] { counts[slots.slot(row)] &+= 1 }
            } else {
                for row in range { counts[slots.slot(row)] &+= 1 }
            }
        }
        var starts = [Int](repeating: 0, count: slotCount + 1)
        var cursors = [[Int]](repeating: [Int](repeating: 0, count: slotCount), count: partCounts.count)
        var total = 0
        for slot in 0..<slotCount {
            starts[slot] = total
            for part in partCounts.indices {
                cursors[part][slot] = total
                total += Int(partCounts[part][slot])
            }
        }
        starts[slotCount] = total
        let grouped = [Double](unsafeUninitializedCapacity: total) { grouped, initialized in
            values.withUnsafeBufferPointer { values in
                let base = grouped.baseAddress
                Parallel.run(ranges) { part, range in
                    var cursor = cursors[part]
                    cursor.withUnsafeMutableBufferPointer { next in
                        @inline(__always) func place(_ row: Int) {
                            let slot = slots.slot(row)
                            (base! + next[slot]).initialize(to: values[row])
                            next[slot] &+= 1
                        }
                        if let validity {
                            for row in range where validity[row] { place(row) }
                        } else {
                            for row in range { place(row) }
                        }
                    }
                }
            }
            initialized = total
        }
        return SlotValues(values: grouped, starts: starts)
    }

    /// The values a sort (ascending, NaN above all) would put at `index` and at `index + 1`
    /// (the same value again at the end), found by a selection among the numbers once the
    /// NaNs are moved to the end, since `<` does not order them.
    static func orderStatistics(_ values: UnsafeMutableBufferPointer<Double>, _ index: Int) -> (low: Double, high: Double) {
        var end = values.count
        var position = 0
        while position < end {
            if values[position].isNaN {
                end -= 1
                values.swapAt(position, end)
            } else {
                position += 1
            }
        }
        if index >= end { return (.nan, .nan) }
        let numbers = UnsafeMutableBufferPointer(rebasing: values[0..<end])
        QuickSelect.select(numbers, index)
        let low = numbers[index]
        if index + 1 >= values.count { return (low, low) }
        return (low, index + 1 < end ? QuickSelect.smallest(numbers, from: index + 1) : .nan)
    }

    /// mode: the most frequent value of each slot; on a tie, the value whose first row comes
    /// first. Values count as `summarize ... by` groups them (-0 and 0 are one value, all
    /// NaNs one): the (value, slot) pairs are hashed, numbered in order of first appearance,
    /// and counted.
    func mode<Slots: SlotSource>(_ argument: Column, _ slots: Slots, checkCancelled: () throws -> Void) throws -> Column {
        if case .string(let codes, let dictionary) = argument.values, rows < Int(Int32.max),
           case (let cells, false) = slotCount.multipliedReportingOverflow(by: Swift.max(1, dictionary.count)),
           cells <= Swift.max(1 << 20, rows) {
            return try modeOfCodes(argument, codes, width: Swift.max(1, dictionary.count), slots, checkCancelled: checkCancelled)
        }
        var slotOfRow = [Int64](repeating: 0, count: rows)
        for row in 0..<rows { slotOfRow[row] = Int64(slots.slot(row)) }
        let words = KeyWords([argument, Column(.int(slotOfRow))], count: rows)
        var table = GroupTable(capacity: 1024)
        var frequency: [Int64] = []
        for row in 0..<rows where !argument.isNull(row) {
            if row % (Evaluator.batchSize * 16) == 0 { try checkCancelled() }
            let group = Int(table.group(of: row, in: words))
            if group == frequency.count { frequency.append(0) }
            frequency[group] += 1
        }
        var chosen = [Int32](repeating: -1, count: slotCount)
        var most = [Int64](repeating: 0, count: slotCount)
        // Groups come in order of their first rows, so only a strictly larger count replaces.
        for (group, row) in table.representatives.enumerated() {
            let slot = Int(slotOfRow[Int(row)])
            if frequency[group] > most[slot] {
                most[slot] = frequency[group]
                chosen[slot] = row
            }
        }
        return argument.gatherOptional(chosen)
    }

    /// mode of a string column with few (slot, code) pairs: a count per pair in one table
    /// instead of hashing every row, then a second pass in row order that takes, in each slot,
    /// the first row whose code has the slot's largest count (the same tie rule as hashing).
    private func modeOfCodes<Slots: SlotSource>(_ argument: Column, _ codes: [UInt32], width: Int, _ slots: Slots,
                                                checkCancelled: () throws -> Void) throws -> Column {
        let validity = argument.validity
        var counts = [Int32](repeating: 0, count: slotCount * width)
        counts.withUnsafeMutableBufferPointer { counts in
            codes.withUnsafeBufferPointer { codes in
                if let validity {
                    for row in 0..<rows where validity[row] { counts[slots.slot(row) * width + Int(codes[row])] += 1 }
                } else {
                    for row in 0..<rows { counts[slots.slot(row) * width + Int(codes[row])] += 1 }
                }
            }
        }
        try checkCancelled()
        var most = [Int32](repeating: 0, count: slotCount)
        for slot in 0..<slotCount {
            most[slot] = counts[(slot * width)..<(slot * width + width)].max() ?? 0
        }
        var chosen = [Int32](repeating: -1, count: slotCount)
        var open = most.lazy.filter { $0 > 0 }.count
        for row in 0..<rows where open > 0 && validity?[row] != false {
            let slot = slots.slot(row)
            if chosen[slot] < 0, counts[slot * width + Int(codes[row])] == most[slot] {
                chosen[slot] = Int32(row)
                open -= 1
            }
        }
        return argument.gatherOptional(chosen)
    }
}
