import Columnar
import Evaluation
import Semantic

extension Executor {
    /// A windowed `derive`: the input's rows in their order, each with one column per call.
    /// Aggregates are accumulated once per group and read back by each row of the group;
    /// window functions walk the rows sorted by group, then by the order keys (ties in input
    /// order), and write each row's value at its place.
    func window(_ input: Relation, _ window: PhysicalWindow, detail: inout String?) throws -> Relation {
        let count = input.count
        let keys = try window.partition.map { try evaluator.column($0, over: input) }
        let grouping = try Grouping(keys: keys, count: count, threads: threads) { try evaluator.checkCancelled() }
        let groupCount = grouping.representatives.count
        let needsOrder = window.calls.contains { if case .function = $0 { true } else { false } }
        var sortDetail: String?
        let order = needsOrder
            ? try windowOrder(input, groupOf: keys.isEmpty ? nil : grouping.groupOf, window.order, detail: &sortDetail) : nil
        var output = input
        for call in window.calls {
            try evaluator.checkCancelled()
            switch call {
            case .aggregate(let aggregate):
                let argument = try aggregate.argument.map { try evaluator.column($0, over: input) }
                let perGroup = try grouping.groupOf.withUnsafeBufferPointer { groups in
                    try Accumulators(argument: argument, slotCount: groupCount,
                                     ranges: count == 0 ? [0..<0] : Parallel.ranges(count, threads: threads),
                                     rows: count, span: aggregate.span)
                        .run(aggregate, GroupNumbers(groups: groups)) { try evaluator.checkCancelled() }
                }
                output = output.appending(count == 0 ? perGroup.gather([]) : perGroup.gather(grouping.groupOf))
            case .function(let function, let arguments, let type, let span):
                guard let order else { preconditionFailure("window functions come with an order") }
                let values = try arguments.map { try evaluator.column($0, over: input) }
                output = output.appending(try WindowComputation(order: order, count: count, span: span)
                    .compute(function, values, type: type, arguments: arguments))
            }
        }
        detail = (keys.isEmpty ? "one group" : "\(groupCount) groups (\(grouping.method))")
            + (sortDetail.map { "; " + $0 } ?? "")
        return output
    }

    /// The rows sorted by group, then by the order keys, and where each group and each run
    /// of rows tied on the order keys starts.
    private func windowOrder(_ input: Relation, groupOf: [Int32]?, _ keys: [PlanSortKey],
                             detail: inout String?) throws -> WindowOrder {
        let keyColumns = try keys.map { try evaluator.column($0.expr, over: input) }
        var columns = keyColumns
        var sortKeys = keys.indices.map { PlanSortKey(expr: .column($0, keys[$0].expr.type), descending: keys[$0].descending) }
        if let groupOf {
            columns.insert(Column(.int(groupOf.map(Int64.init))), at: 0)
            sortKeys = [PlanSortKey(expr: .column(0, .int), descending: false)]
                + sortKeys.map { PlanSortKey(expr: $0.expr.remapped { $0 + 1 }, descending: $0.descending) }
        }
        let rows = try sortedRows(Relation(columns: columns, count: input.count), sortKeys, detail: &detail)
        try evaluator.checkCancelled()
        return WindowOrder(rows: rows, groupOf: groupOf, keys: keyColumns)
    }
}

/// Rows in window order, with the starts of groups and of runs of ties.
struct WindowOrder {
    /// Row numbers of the input, by group then order keys.
    let rows: [Int32]
    /// For each position of `rows`: whether a new group starts there.
    let groupStarts: [Bool]
    /// For each position: whether its order keys differ from the previous position's (or a
    /// group starts there): where rank moves on.
    let peerStarts: [Bool]

    init(rows: [Int32], groupOf: [Int32]?, keys: [Column]) {
        self.rows = rows
        let orders = keys.map(ValueOrder.init)
        var groupStarts = [Bool](repeating: false, count: rows.count)
        var peerStarts = [Bool](repeating: false, count: rows.count)
        for position in rows.indices {
            let row = Int(rows[position])
            guard position > 0 else {
                groupStarts[0] = true
                peerStarts[0] = true
                continue
            }
            let previous = Int(rows[position - 1])
            if let groupOf, groupOf[row] != groupOf[previous] {
                groupStarts[position] = true
                peerStarts[position] = true
                continue
            }
            peerStarts[position] = zip(keys, orders).contains { key, order in
                let a = key.isNull(row), b = key.isNull(previous)
                return a || b ? a != b : order.compare(row, previous) != 0
            }
        }
        self.groupStarts = groupStarts
        self.peerStarts = peerStarts
    }

    /// The positions of each group in `rows`, in order.
    var groups: [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for position in rows.indices where position > 0 && groupStarts[position] {
            ranges.append(start..<position)
            start = position
        }
        if !rows.isEmpty { ranges.append(start..<rows.count) }
        return ranges
    }
}
