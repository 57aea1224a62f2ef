import Columnar
import Evaluation

extension Accumulators {
    /// sum: ints in 64-bit partials, noting any overflow; only then again in 128 bits, since
    /// only the final total must fit, whatever the row order. Floats add in range order.
    func sum<Slots: SlotSource>(_ argument: Column, _ slots: Slots) throws -> Column {
        let validity = argument.validity
        switch argument.values {
        case .int(let values):
            let parts: [(sums: [Int64], overflowed: Bool)] = values.withUnsafeBufferPointer { values in
                Parallel.map(ranges) { range in
                    var sums = [Int64](repeating: 0, count: slotCount)
                    let overflowed = sums.withUnsafeMutableBufferPointer { sums in
                        Self.addInts(range, values, validity, slots, into: sums)
                    }
                    return (sums, overflowed)
                }
            }
            var sums = parts[0].sums
            var overflowed = parts.contains { $0.overflowed }
            for part in parts.dropFirst() where !overflowed {
                for slot in 0..<slotCount {
                    let (total, overflow) = sums[slot].addingReportingOverflow(part.sums[slot])
                    sums[slot] = total
                    overflowed = overflowed || overflow
                }
            }
            if overflowed { sums = try wideSums(values, validity, slots) }
            return Column(.int(sums), validity: present(slots, validity: validity))
        case .float(let values):
            let sums = merged(values.withUnsafeBufferPointer { values in
                perRange(0.0) { range, sums in Self.addFloats(range, values, validity, slots, into: sums) }
            }, +)
            return Column(.float(sums), validity: present(slots, validity: validity))
        default:
            preconditionFailure("sum of a \(argument.type)")
        }
    }

    /// avg: the sum over the count, as SQL engines compute it; null for no values. Sums and
    /// counts in one pass over the rows; ints summed exactly (64 bits; as floats only when a
    /// total overflows), floats in range order.
    func mean<Slots: SlotSource>(_ argument: Column, _ slots: Slots) -> Column {
        let validity = argument.validity
        let means: [Double], n: [Int64]
        if case .int(let values) = argument.values, let exact = exactIntSums(values, validity, slots) {
            n = exact.counts
            means = (0..<slotCount).map { Double(exact.sums[$0]) / Double(n[$0]) }
        } else {
            let values = Self.doubles(argument)
            let parts: [(sums: [Double], counts: [Int64])] = values.withUnsafeBufferPointer { values in
                Parallel.map(ranges) { range in
                    var sums = [Double](repeating: 0, count: slotCount), counts = [Int64](repeating: 0, count: slotCount)
                    sums.withUnsafeMutableBufferPointer { sums in
                        counts.withUnsafeMutableBufferPointer { counts in
                            Self.addFloats(range, values, validity, slots, into: sums, counting: counts)
                        }
                    }
                    return (sums, counts)
                }
            }
            let sums = merged(parts.map(\.sums), +)
            n = merged(parts.map(\.counts), &+)
            means = (0..<slotCount).map { sums[$0] / Double(n[$0]) }
        }
        return Column(.float(means), validity: Bitmap(n.map { $0 > 0 }))
    }

    /// Each slot's int total and count, or nil when a total overflows 64 bits.
    private func exactIntSums<Slots: SlotSource>(_ values: [Int64], _ validity: Bitmap?,
                                                 _ slots: Slots) -> (sums: [Int64], counts: [Int64])? {
        let parts: [(sums: [Int64], counts: [Int64], overflowed: Bool)] = values.withUnsafeBufferPointer { values in
            Parallel.map(ranges) { range in
                var sums = [Int64](repeating: 0, count: slotCount), counts = [Int64](repeating: 0, count: slotCount)
                let overflowed = sums.withUnsafeMutableBufferPointer { sums in
                    counts.withUnsafeMutableBufferPointer { counts in
                        Self.addInts(range, values, validity, slots, into: sums, counting: counts)
                    }
                }
                return (sums, counts, overflowed)
            }
        }
        if parts.contains(where: \.overflowed) { return nil }
        var sums = parts[0].sums
        for part in parts.dropFirst() {
            for slot in 0..<slotCount {
                let (total, overflow) = sums[slot].addingReportingOverflow(part.sums[slot])
                if overflow { return nil }
                sums[slot] = total
            }
        }
        return (sums, merged(parts.map(\.counts), &+))
    }

    /// Adds one range's ints into their slots (and counts them, when `counts` is given); true
    /// when a running total overflowed.
    private static func addInts<Slots: SlotSource>(_ range: Range<Int>, _ values: UnsafeBufferPointer<Int64>, _ validity: Bitmap?,
                                                   _ slots: Slots, into sums: UnsafeMutableBufferPointer<Int64>,
                                                   counting counts: UnsafeMutableBufferPointer<Int64>? = nil) -> Bool {
        var overflowed = false
        for row in range where validity?[row] != false {
            let slot = slots.slot(row)
            let (total, overflow) = sums[slot].addingReportingOverflow(values[row])
            sums[slot] = total
            overflowed = overflowed || overflow
            if let counts { counts[slot] &+= 1 }
        }
        return overflowed
    }

    private static func addFloats<Slots: SlotSource>(_ range: Range<Int>, _ values: UnsafeBufferPointer<Double>, _ validity: Bitmap?,
                                                     _ slots: Slots, into sums: UnsafeMutableBufferPointer<Double>) {
        if let validity {
            for row in range where validity[row] { sums[slots.slot(row)] += values[row] }
        } else {
            for row in range { sums[slots.slot(row)] += values[row] }
        }
    }

    /// Adds one range's floats into their slots and counts them.
    private static func addFloats<Slots: SlotSource>(_ range: Range<Int>, _ values: UnsafeBufferPointer<Double>, _ validity: Bitmap?,
                                                     _ slots: Slots, into sums: UnsafeMutableBufferPointer<Double>,
                                                     counting counts: UnsafeMutableBufferPointer<Int64>) {
        if let validity {
            for row in range where validity[row] {
                let slot = slots.slot(row)
                sums[slot] += values[row]
                counts[slot] &+= 1
            }
        } else {
            for row in range {
                let slot = slots.slot(row)
                sums[slot] += values[row]
                counts[slot] &+= 1
            }
        }
    }

    /// Int sums with 128-bit totals, for when a 64-bit running total overflowed.
    private func wideSums<Slots: SlotSource>(_ values: [Int64], _ validity: Bitmap?, _ slots: Slots) throws -> [Int64] {
        var sums = [Int128](repeating: 0, count: slotCount)
        for row in 0..<rows where validity?[row] != false {
            sums[slots.slot(row)] &+= Int128(values[row])
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
