import Columnar
import Evaluation
import Semantic

extension Executor {
    /// A windowed `derive`: the input's rows in their order, each with one column per call.
    /// Aggregates are accumulated once per group and read back by each row of the group;
    /// window functions walk the rows sorted by group, then by the order keys (ties in input
    /// order), and write each row's value at its place.
    func window(_ input: Relation, _ window: PhysicalWindow, detail: inout String?) throws -> Relation {
        let keys = try window.partition.map { try evaluator.column($0, over: input) }
        try checkMemory(rows: input.count, bytesPerRow: Grouping.bytesPerRow(keys: keys.count), what: "numbering the groups")
        let grouping = try Grouping(keys: keys, count: input.count, threads: threads) { try evaluator.checkCancelled() }
        let groupOf = keys.isEmpty ? nil : grouping.groupOf
        let groupCount = grouping.representatives.count
        let needsOrder = window.calls.contains { if case .function = $0 { true } else { false } }
        var orderDetail: String?
        // With a row limit the window gives only the first rows of each group.
        var rows = input
        let order: WindowOrder?
        if let limit = window.rowLimit {
            precondition(window.calls.allSatisfy(\.readsOnlyEarlierRows), "a row limit only on functions of earlier rows")
            (rows, order) = try limitedOrder(input, groupOf: groupOf, groupCount: groupCount, window.order, limit: limit,
                                             detail: &orderDetail)
        } else {
            order = needsOrder ? try windowOrder(input, groupOf: groupOf, window.order, detail: &orderDetail) : nil
        }
        let count = rows.count
        var output = rows
        for call in window.calls {
            try evaluator.checkCancelled()
            switch call {
            case .aggregate(let aggregate):
                let arguments = try aggregate.arguments.map { try evaluator.column($0, over: input) }
                let perGroup = try grouping.groupOf.withUnsafeBufferPointer { groups in
                    try Accumulators(arguments: arguments, slotCount: groupCount,
                                     ranges: count == 0 ? [0..<0] : Parallel.ranges(count, threads: threads),
                                     rows: count, span: aggregate.span)
                        .run(aggregate, GroupNumbers(groups: groups)) { try evaluator.checkCancelled() }
                }
                output = output.appending(count == 0 ? perGroup.gather([]) : perGroup.gather(grouping.groupOf))
            case .function(let function, let arguments, let type, let span):
                guard let order else { preconditionFailure("window functions come with an order") }
                let values = try arguments.map { try evaluator.column($0, over: rows) }
                output = output.appending(try WindowComputation(order: order, count: count, span: span)
                    .compute(function, values, type: type, arguments: arguments))
            }
        }
        detail = (keys.isEmpty ? "one group" : "\(groupCount) groups (\(grouping.method))")
            + (orderDetail.map { "; " + $0 } ?? "")
        return output
    }

    /// The rows sorted by group, then by the order keys, and where each group and each run
    /// of rows tied on the order keys starts.
    func windowOrder(_ input: Relation, groupOf: [Int32]?, _ keys: [PlanSortKey],
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

/// Rows in window order, with where each group starts, and (worked out when a function
/// needs them) where each run of rows tied on the order keys starts.
struct WindowOrder {
    /// Row numbers of the input, by group then order keys.
    let rows: [Int32]
    /// The positions of each group in `rows`, in order.
    let groups: [Range<Int>]
    private let keys: [Column]

    init(rows: [Int32], groups: [Range<Int>], keys: [Column]) {
        self.rows = rows
        self.groups = groups
        self.keys = keys
    }

    init(rows: [Int32], groupOf: [Int32]?, keys: [Column]) {
        var groups: [Range<Int>] = []
        if let groupOf {
            rows.withUnsafeBufferPointer { rows in
                groupOf.withUnsafeBufferPointer { groupOf in
                    var start = 0
                    for position in 1..<max(1, rows.count) where groupOf[Int(rows[position])] != groupOf[Int(rows[position - 1])] {
                        groups.append(start..<position)
                        start = position
                    }
                    if !rows.isEmpty { groups.append(start..<rows.count) }
                }
            }
        } else if !rows.isEmpty {
            groups = [0..<rows.count]
        }
        self.init(rows: rows, groups: groups, keys: keys)
    }

    /// For each position: whether its order keys differ from the previous position's, or a
    /// group starts there: where `rank` moves on. Nulls are equal to nulls, NaN to NaN and
    /// -0 to 0, as `sort` ties them.
    func peerStarts() -> [Bool] {
        var starts = [Bool](repeating: false, count: rows.count)
        for group in groups where !group.isEmpty { starts[group.lowerBound] = true }
        for key in keys { Self.markChanges(key, rows, &starts) }
        return starts
    }

    /// Sets `starts` where `key`'s value differs from the previous position's.
    private static func markChanges(_ key: Column, _ rows: [Int32], _ starts: inout [Bool]) {
        let validity = key.validity
        func mark<T>(_ values: [T], _ equal: (T, T) -> Bool) {
            values.withUnsafeBufferPointer { values in
                rows.withUnsafeBufferPointer { rows in
                    for position in 1..<max(1, rows.count) {
                        let a = Int(rows[position]), b = Int(rows[position - 1])
                        if let validity, validity[a] != validity[b] || !validity[a] {
                            if validity[a] != validity[b] { starts[position] = true }
                            continue
                        }
                        if !equal(values[a], values[b]) { starts[position] = true }
                    }
                }
            }
        }
        switch key.values {
        case .int(let values): mark(values, ==)
        case .date(let values): mark(values, ==)
        case .bool(let values): mark(values, ==)
        case .float(let values): mark(values) { $0 == $1 || ($0.isNaN && $1.isNaN) }
        // A dictionary holds each string once, so equal codes are equal strings.
        case .string(let codes, _): mark(codes, ==)
        }
    }
}
