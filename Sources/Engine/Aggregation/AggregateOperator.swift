import Columnar
import Diagnostics
import Evaluation
import Semantic

extension Executor {
    /// `summarize ... by ...`: the keys, then each aggregate, one row per group in order of
    /// first appearance; without keys, one row even for empty input (count() is 0, sum(x) is
    /// null). The strategy is chosen once (``AggregationStrategy``); the aggregates then run
    /// the same accumulators whichever it is.
    func aggregate(_ input: Relation, keys: [BoundExpr], calls: [AggregateCall], detail: inout String?) throws -> Relation {
        // `count` and `summarize count()` count rows without reading a column.
        if keys.isEmpty, calls.allSatisfy({ $0.function == .count && $0.arguments.isEmpty }) {
            detail = "rows counted"
            return Relation(columns: calls.map { _ in Column(.int([Int64(input.count)])) }, count: 1)
        }
        let count = input.count
        let arguments = try calls.map { call in try call.arguments.map { try evaluator.column($0, over: input) } }
        var keyColumns: [Column] = []
        var strategy = forcesHashedGroups ? nil : AggregationStrategy.selectedStringKey(input, keys, count: count)
        if strategy == nil {
            keyColumns = try keys.map { try evaluator.column($0, over: input) }
            strategy = try AggregationStrategy.choose(
                keys: keyColumns, count: count, threads: threads, forceHashing: forcesHashedGroups,
                checkMemory: { try checkMemory(rows: $0, bytesPerRow: $1, what: "numbering the groups") },
                checkCancelled: { try evaluator.checkCancelled() })
        }
        guard let strategy else { preconditionFailure("a strategy is always chosen") }
        let work = AggregationWork(calls: calls, arguments: arguments, ranges: Parallel.ranges(count, threads: threads),
                                   count: count, executor: self)
        detail = strategy.detail
        if calls.contains(where: { work.accumulatesByWindow($0, slotCount: strategy.slotCount) }) {
            detail! += "; aggregates split by slot across \(work.ranges.count) threads"
        }
        switch strategy {
        case .bySlot(.none, _):
            return Relation(columns: try work.accumulate(SingleSlot(), slotCount: 1), count: 1)
        case .bySlot(.code(let key), let slotCount):
            guard case .string(let codes, let dictionary) = key.values else { preconditionFailure("a string key") }
            let (firstRows, columns) = try codes.withUnsafeBufferPointer { codes in
                guard let validity = key.validity else { return try work.bySlot(PlainCodeSlots(codes: codes), slotCount: slotCount) }
                return try work.bySlot(CodeSlots(codes: codes, validity: validity, nullSlot: dictionary.count), slotCount: slotCount)
            }
            return Relation(columns: [key.gather(firstRows)] + columns, count: firstRows.count)
        case .bySlot(.selectedCode(let base, let selection), let slotCount):
            guard case .string(let codes, let dictionary) = base.values else { preconditionFailure("a string key") }
            let (firstRows, columns) = try codes.withUnsafeBufferPointer { codes in
                try selection.rows.withUnsafeBufferPointer { rows in
                    if base.validity == nil && !selection.hasMissing {
                        return try work.bySlot(PlainSelectedCodeSlots(rows: rows, codes: codes), slotCount: slotCount)
                    }
                    return try work.bySlot(SelectedCodeSlots(rows: rows, codes: codes, validity: base.validity,
                                                             nullSlot: dictionary.count), slotCount: slotCount)
                }
            }
            let physical = firstRows.map { selection.rows[Int($0)] }
            let key = selection.hasMissing ? base.gatherOptional(physical) : base.gather(physical)
            return Relation(columns: [key] + columns, count: firstRows.count)
        case .bySlot(.combined(let slots), let slotCount):
            let (firstRows, columns) = try slots.withUnsafeBufferPointer { slots in
                try work.bySlot(CombinedSlots(slots: slots), slotCount: slotCount)
            }
            return Relation(columns: keyColumns.map { $0.gather(firstRows, threads: threads) } + columns, count: firstRows.count)
        case .byGroupNumber(let grouping):
            let groupCount = grouping.representatives.count
            let columns = try grouping.groupOf.withUnsafeBufferPointer { groups in
                try work.accumulate(GroupNumbers(groups: groups), slotCount: groupCount)
            }
            return Relation(columns: keyColumns.map { $0.gather(grouping.representatives, threads: threads) } + columns, count: groupCount)
        }
    }
}

/// The aggregates of one `summarize` and the rows they read, run over a slot source.
struct AggregationWork {
    let calls: [AggregateCall]
    /// Each call's arguments, evaluated over the input rows.
    let arguments: [[Column]]
    /// The input's rows split across threads.
    let ranges: [Range<Int>]
    let count: Int
    let executor: Executor

    /// Each aggregate's column, one value per slot.
    func accumulate<Slots: SlotSource>(_ slots: Slots, slotCount: Int, rowCounts: [Int64]? = nil) throws -> [Column] {
        var columns: [Column] = []
        // median and quantile of one column gather its values by slot once.
        var gatheredColumns: [Int: Accumulators.SlotValues] = [:]
        for (call, argument) in zip(calls, arguments) {
            try executor.evaluator.checkCancelled()
            try executor.checkMemory(rows: slotCount, bytesPerRow: 16 * max(1, ranges.count), what: "the aggregate")
            if call.function == .count, argument.isEmpty, let rowCounts {
                columns.append(Column(.int(rowCounts)))
                continue
            }
            if accumulatesByWindow(call, slotCount: slotCount) {
                columns.append(try accumulateByWindow(call, argument, slots, slotCount: slotCount))
                continue
            }
            let accumulator = Accumulators(arguments: argument, slotCount: slotCount, ranges: ranges.isEmpty ? [0..<0] : ranges,
                                           rows: count, span: call.span)
            if call.function == .median || call.function == .quantile, case .column(let index) = call.arguments[0].kind {
                var values = gatheredColumns.removeValue(forKey: index) ?? accumulator.gathered(argument[0], slots)
                columns.append(accumulator.quantile(of: &values, fraction: call.function == .median ? 0.5 : call.fraction,
                                                    midpointMean: call.function == .median))
                gatheredColumns[index] = values
                continue
            }
            columns.append(try accumulator.run(call, slots) { try executor.evaluator.checkCancelled() })
        }
        return columns
    }

    /// The aggregates by slot, then only the slots that occur, in order of their first rows:
    /// those rows, and each aggregate's column in that order.
    func bySlot<Slots: SlotSource>(_ slots: Slots, slotCount: Int) throws -> (firstRows: [Int32], columns: [Column]) {
        // The first row of each slot, and, when count() will need them, the rows of each
        // slot in the same pass.
        let countsRows = zip(calls, arguments).contains { $0.function == .count && $1.isEmpty }
        let parts: [(first: [Int32], rows: [Int64])] = Parallel.map(ranges) { range in
            var first = [Int32](repeating: -1, count: slotCount)
            var rows = [Int64](repeating: 0, count: countsRows ? slotCount : 0)
            first.withUnsafeMutableBufferPointer { first in
                rows.withUnsafeMutableBufferPointer { rows in
                    Self.firstRows(range, slots, first: first, rows: countsRows ? rows : nil)
                }
            }
            return (first, rows)
        }
        var firstRow = parts.first?.first ?? [Int32](repeating: -1, count: slotCount)
        var rowCount = parts.first?.rows ?? []
        for part in parts.dropFirst() {
            for slot in 0..<slotCount {
                if firstRow[slot] < 0 { firstRow[slot] = part.first[slot] }
                if countsRows { rowCount[slot] &+= part.rows[slot] }
            }
        }
        let columns = try accumulate(slots, slotCount: slotCount, rowCounts: countsRows ? rowCount : nil)
        // Only slots that occur are kept, so every group has rows.
        let order = (0..<Int32(slotCount)).filter { firstRow[Int($0)] >= 0 }.sorted { firstRow[Int($0)] < firstRow[Int($1)] }
        return (order.map { firstRow[Int($0)] }, columns.map { $0.gather(order) })
    }

    /// The first row of each slot in `range`, and the rows per slot when `rows` is given.
    private static func firstRows<Slots: SlotSource>(_ range: Range<Int>, _ slots: Slots, first: UnsafeMutableBufferPointer<Int32>,
                                                     rows: UnsafeMutableBufferPointer<Int64>?) {
        guard let rows else {
            for row in range where first[slots.slot(row)] < 0 { first[slots.slot(row)] = Int32(truncatingIfNeeded: row) }
            return
        }
        for row in range {
            let slot = slots.slot(row)
            if first[slot] < 0 { first[slot] = Int32(truncatingIfNeeded: row) }
            rows[slot] &+= 1
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
