import Columnar
import Evaluation

extension WindowComputation {
    /// running_sum, running_avg (no `length`) and rolling_sum, rolling_avg (the `length` rows
    /// ending at each row): nulls skipped, null where the rows have no value. Int sums are
    /// kept in 128 bits and must fit in 64 at each row; a float window is summed afresh each
    /// time it has moved its whole length, so the errors of sliding do not pile up.
    func sums(_ column: Column, over length: Int?, mean: Bool, type: DataType) throws -> Column {
        let isInt: Bool
        let ints: [Int64], floats: [Double]
        switch column.values {
        case .int(let values): (isInt, ints, floats) = (true, values, [])
        case .float(let values): (isInt, ints, floats) = (false, [], values)
        default: preconditionFailure("a numeric window sum")
        }
        let validity = column.validity
        var intOut = [Int64](repeating: 0, count: isInt && !mean ? count : 0)
        var floatOut = [Double](repeating: 0, count: isInt && !mean ? 0 : count)
        var present = [Bool](repeating: false, count: count)
        for group in order.groups {
            var wide: Int128 = 0, total = 0.0, seen = 0
            for position in group {
                let row = Int(order.rows[position])
                if validity?[row] != false {
                    if isInt { wide += Int128(ints[row]) } else { total += floats[row] }
                    seen += 1
                }
                if let length, position - length >= group.lowerBound {
                    let leaving = Int(order.rows[position - length])
                    if validity?[leaving] != false {
                        if isInt { wide -= Int128(ints[leaving]) } else { total -= floats[leaving] }
                        seen -= 1
                    }
                    if !isInt, (position - group.lowerBound) % length == 0 {
                        total = (position - length + 1...position).reduce(0.0) { sum, index in
                            let row = Int(order.rows[index])
                            return validity?[row] == false ? sum : sum + floats[row]
                        }
                    }
                }
                present[row] = seen > 0
                guard seen > 0 else { continue }
                if mean {
                    floatOut[row] = (isInt ? Double(wide) : total) / Double(seen)
                } else if isInt {
                    guard let value = Int64(exactly: wide) else {
                        throw RuntimeError.make("E0401", "integer overflow in a running total", span,
                                                help: "the total does not fit in a 64-bit integer; sum float(x) instead")
                    }
                    intOut[row] = value
                } else {
                    floatOut[row] = total
                }
            }
        }
        let validityOut = Bitmap(present)
        return isInt && !mean ? Column(.int(intOut), validity: validityOut) : Column(.float(floatOut), validity: validityOut)
    }
}

extension Column {
    /// This column where `mask` is false, `other`'s value (same type) where it is true.
    func replacing(where mask: [Bool], with other: Column) -> Column {
        precondition(other.count == count && other.type == type, "a column of the same type and length")
        var builder = ColumnAccumulator(type, capacity: count)
        var start = 0
        // Runs of one source at a time, so whole slices are copied, not values one by one.
        while start < count {
            var end = start + 1
            while end < count && mask[end] == mask[start] { end += 1 }
            let rows = (Int32(start)..<Int32(end)).map { $0 }
            builder.append((mask[start] ? other : self).gather(rows))
            start = end
        }
        return builder.build()
    }
}
