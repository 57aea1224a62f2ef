import Columnar
import Diagnostics
import Evaluation
import Semantic

/// One window function over rows in window order: each group's positions walked in turn,
/// each row's value written at its own place, so the column comes out in input order.
struct WindowComputation {
    let order: WindowOrder
    let count: Int
    /// The call, for errors (a running int sum that overflows).
    let span: Span
    /// Where runs of tied rows start, for the ranks (``WindowOrder/peerStarts()``).
    var peerStarts: [Bool] = []

    func compute(_ function: WindowFunction, _ values: [Column], type: DataType, arguments: [BoundExpr]) throws -> Column {
        switch function {
        case .rowNumber: return ints { group, _ in (0..<group.count).map { Int64($0 + 1) } }
        // `withPeers` works the ties out over all rows: once, never per group.
        case .rank, .denseRank:
            let withPeers = withPeers, dense = function == .denseRank
            return withPeers.ints { group, _ in withPeers.ranks(group, dense: dense) }
        case .percentRank:
            let withPeers = withPeers
            return floats { group in
                let ranks = withPeers.ranks(group, dense: false)
                return ranks.map { group.count > 1 ? Double($0 - 1) / Double(group.count - 1) : 0 }
            }
        case .ntile:
            let buckets = Int(Self.constant(arguments[0]))
            return ints { group, _ in (0..<group.count).map { Int64(Self.bucket($0, of: group.count, into: buckets)) } }
        case .lag, .lead:
            let offset = arguments.count > 1 ? Int(Self.constant(arguments[1])) : 1
            return shifted(values[0], by: function == .lag ? -offset : offset, default: values.count > 2 ? values[2] : nil)
        case .runningCount:
            let validity = values.first?.validity
            let hasArgument = !values.isEmpty
            return ints { group, rows in
                var seen: Int64 = 0
                return group.map { position in
                    if !hasArgument || validity?[Int(rows[position])] != false { seen += 1 }
                    return seen
                }
            }
        case .runningSum, .runningAvg, .rollingSum, .rollingAvg:
            let length = function == .rollingSum || function == .rollingAvg ? Int(Self.constant(arguments[1])) : nil
            return try sums(values[0], over: length, mean: function == .runningAvg || function == .rollingAvg, type: type)
        case .runningMin, .runningMax:
            return extremes(values[0], largest: function == .runningMax)
        }
    }

    /// This computation with the runs of ties worked out, for the ranks.
    private var withPeers: WindowComputation {
        var copy = self
        copy.peerStarts = order.peerStarts()
        return copy
    }

    /// The whole number a constant argument holds (the binder checked it).
    static func constant(_ expr: BoundExpr) -> Int64 {
        if case .constant(.int(let value)) = expr.kind { return value }
        preconditionFailure("a constant whole number")
    }

    /// NTILE's bucket for the row at `position` of a group of `size` rows: buckets differ by
    /// at most one row, the larger first.
    static func bucket(_ position: Int, of size: Int, into buckets: Int) -> Int {
        let small = size / buckets, large = size % buckets
        if small == 0 { return position + 1 }
        let inLarge = large * (small + 1)
        return position < inLarge ? position / (small + 1) + 1 : large + (position - inLarge) / small + 1
    }

    /// Rank within a group: positions count from 1, a run of ties takes its first position
    /// (dense: the number of runs so far).
    private func ranks(_ group: Range<Int>, dense: Bool) -> [Int64] {
        var rank: Int64 = 0, runs: Int64 = 0
        return group.map { position in
            if peerStarts[position] {
                runs += 1
                rank = Int64(position - group.lowerBound + 1)
            }
            return dense ? runs : rank
        }
    }

    /// An int column from each group's values in window order.
    private func ints(_ values: (Range<Int>, [Int32]) -> [Int64]) -> Column {
        var out = [Int64](repeating: 0, count: count)
        for group in order.groups {
            for (position, value) in zip(group, values(group, order.rows)) { out[Int(order.rows[position])] = value }
        }
        return Column(.int(out))
    }

    private func floats(_ values: (Range<Int>) -> [Double]) -> Column {
        var out = [Double](repeating: 0, count: count)
        for group in order.groups {
            for (position, value) in zip(group, values(group)) { out[Int(order.rows[position])] = value }
        }
        return Column(.float(out))
    }

    /// lag and lead: the value `offset` positions away in the row's group, else the default
    /// (or null).
    private func shifted(_ column: Column, by offset: Int, default fallback: Column?) -> Column {
        var source = [Int32](repeating: -1, count: count)
        for group in order.groups {
            for position in group {
                let other = position + offset
                if group.contains(other) { source[Int(order.rows[position])] = order.rows[other] }
            }
        }
        let shifted = column.gatherOptional(source)
        guard let fallback else { return shifted }
        return shifted.replacing(where: source.map { $0 < 0 }, with: fallback)
    }

    /// running_min and running_max: the row holding the extreme so far in each group.
    private func extremes(_ column: Column, largest: Bool) -> Column {
        let values = ValueOrder(column)
        var chosen = [Int32](repeating: -1, count: count)
        for group in order.groups {
            var best: Int32 = -1
            for position in group {
                let row = order.rows[position]
                if !column.isNull(Int(row)) {
                    let comparison = best < 0 ? 0 : values.compare(Int(row), Int(best))
                    if best < 0 || (largest ? comparison > 0 : comparison < 0) { best = row }
                }
                chosen[Int(row)] = best
            }
        }
        return column.gatherOptional(chosen)
    }
}
