import Columnar
import Evaluation

extension WindowComputation {
    /// running_sum, running_avg (no `length`) and rolling_sum, rolling_avg (the `length` rows
    /// ending at each row): nulls skipped, null where the rows have no value. Int sums are
    /// kept in 128 bits and must fit in 64 at each row. A float window slides as a
    /// ``SlidingFloatSum`` (a large value that passes through leaves the small ones' digits
    /// intact) and is summed afresh each time it has moved its whole length.
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
            var sliding = SlidingFloatSum()
            for position in group {
                let row = Int(order.rows[position])
                if validity?[row] != false {
                    if isInt { wide += Int128(ints[row]) } else if length == nil { total += floats[row] } else { sliding.add(floats[row]) }
                    seen += 1
                }
                if let length, position - length >= group.lowerBound {
                    let leaving = Int(order.rows[position - length])
                    if validity?[leaving] != false {
                        if isInt { wide -= Int128(ints[leaving]) } else { sliding.remove(floats[leaving]) }
                        seen -= 1
                    }
                    if !isInt, (position - group.lowerBound) % length == 0 {
                        sliding = SlidingFloatSum()
                        for index in position - length + 1...position where validity?[Int(order.rows[index])] != false {
                            sliding.add(floats[Int(order.rows[index])])
                        }
                    }
                }
                if length != nil, !isInt { total = sliding.total }
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

/// A float total that values enter and leave. Finite values are added with Neumaier's
/// compensation: with plain adding, a large value that enters takes the digits of the small
/// ones beside it, and they stay lost after it leaves (0.3 + 1e15 + 0.4 - 1e15 is 0.625).
/// Infinities and NaNs are counted apart, so that one leaving leaves no NaN behind.
struct SlidingFloatSum {
    private var sum = 0.0, compensation = 0.0
    private var infinities = 0, negativeInfinities = 0, nans = 0

    mutating func add(_ value: Double) { change(value, by: 1) }
    mutating func remove(_ value: Double) { change(value, by: -1) }

    private mutating func change(_ value: Double, by step: Int) {
        if value.isNaN {
            nans += step
        } else if value.isInfinite {
            if value > 0 { infinities += step } else { negativeInfinities += step }
        } else {
            let addend = step > 0 ? value : -value, next = sum + addend
            // The low digits the rounded `next` lost; past the float range there are none.
            if next.isFinite {
                compensation += abs(sum) >= abs(addend) ? (sum - next) + addend : (addend - next) + sum
            }
            sum = next
        }
    }

    var total: Double {
        if nans > 0 || (infinities > 0 && negativeInfinities > 0) { return .nan }
        if infinities > 0 { return .infinity }
        if negativeInfinities > 0 { return -.infinity }
        return sum + compensation
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
