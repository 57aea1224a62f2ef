import Columnar
import Evaluation
import Semantic

extension Executor {
    /// Keys whose slot indexes an array directly, and aggregates that ``ParallelAccumulate``
    /// handles: the slot is the group while accumulating (no group number per row is
    /// stored), on every thread at once; then the slots that occur become groups in order of
    /// first appearance. The keys are one string column, or small keys combined by
    /// ``KeyDigits``. Returns the key columns then the aggregates' columns; nil when the
    /// query has another shape, or a sum overflowed 64 bits (the general path decides).
    /// `keyColumns` keeps the keys' values once computed, for the general path.
    func summarizeBySlot(_ input: Relation, keys: [BoundExpr], calls: [AggregateCall], arguments: [Column?],
                         keyColumns evaluated: inout [Column]?) throws -> [Column]? {
        let count = input.count
        guard count > 0, !keys.isEmpty, handled(calls, arguments, slotCount: 1) else { return nil }
        let ranges = Parallel.ranges(count, threads: threads)
        if let (base, selection) = selectedStringKey(input, keys) {
            guard case .string(let codes, let dictionary) = base.values,
                  handled(calls, arguments, slotCount: dictionary.count + 1) else { return nil }
            let perSlot = codes.withUnsafeBufferPointer { codes in
                selection.rows.withUnsafeBufferPointer { rows in
                    let slots = SelectedCodeSlots(rows: rows, codes: codes, validity: base.validity, nullSlot: dictionary.count)
                    return Self.accumulate(slots, slotCount: dictionary.count + 1, calls, arguments, ranges)
                }
            }
            guard let perSlot else { return nil }
            let physical = perSlot.firstRows.map { selection.rows[Int($0)] }
            return [selection.hasMissing ? base.gatherOptional(physical) : base.gather(physical)] + perSlot.columns
        }
        let keyColumns = try keys.map { try evaluator.column($0, over: input) }
        evaluated = keyColumns
        try evaluator.checkCancelled()
        let perSlot: (firstRows: [Int32], columns: [Column])?
        if keyColumns.count == 1, case .string(let codes, let dictionary) = keyColumns[0].values {
            guard handled(calls, arguments, slotCount: dictionary.count + 1) else { return nil }
            perSlot = codes.withUnsafeBufferPointer { codes in
                let slots = CodeSlots(codes: codes, validity: keyColumns[0].validity, nullSlot: dictionary.count)
                return Self.accumulate(slots, slotCount: dictionary.count + 1, calls, arguments, ranges)
            }
        } else {
            // Per-thread arrays have one entry per combination: only when there are not
            // many more of them than rows.
            guard let digits = KeyDigits(keyColumns, threads: threads),
                  digits.combinations <= min(Grouping.directLimit, max(1 << 16, count / 4)),
                  handled(calls, arguments, slotCount: digits.combinations) else { return nil }
            let combined = digits.slots(count: count, threads: threads, as: Int32.self)
            try evaluator.checkCancelled()
            perSlot = combined.withUnsafeBufferPointer { combined in
                Self.accumulate(CombinedSlots(slots: combined), slotCount: digits.combinations, calls, arguments, ranges)
            }
        }
        guard let perSlot else { return nil }
        return keyColumns.map { $0.gather(perSlot.firstRows) } + perSlot.columns
    }

    private func handled(_ calls: [AggregateCall], _ arguments: [Column?], slotCount: Int) -> Bool {
        zip(calls, arguments).allSatisfy { ParallelAccumulate.handles($0, $1, groupCount: slotCount) }
    }

    /// One string key read through a selection (after a join, say) whose column is small
    /// enough to stay in the cache: its codes are read in place rather than gathered into a
    /// copy first.
    private func selectedStringKey(_ input: Relation, _ keys: [BoundExpr]) -> (Column, Selection)? {
        guard keys.count == 1, case .column(let index) = keys[0].kind, let selection = input.selections[index],
              case .string = input.columns[index].values, input.columns[index].count <= 1 << 20 else { return nil }
        return (input.columns[index], selection)
    }

    /// The first row of each slot that occurs, in row order, and each aggregate's column
    /// with one value per such slot, in that order.
    private static func accumulate<Slots: SlotSource>(_ slots: Slots, slotCount: Int, _ calls: [AggregateCall],
                                                      _ arguments: [Column?], _ ranges: [Range<Int>])
        -> (firstRows: [Int32], columns: [Column])? {
        // The first row of each slot, and, when count() will need them, the rows of each
        // slot in the same pass.
        let countsRows = zip(calls, arguments).contains { $0.function == .count && $1?.validity == nil }
        let parts: [(first: [Int32], rows: [Int64])] = Parallel.map(ranges) { range in
            var first = [Int32](repeating: -1, count: slotCount)
            var rows = [Int64](repeating: 0, count: countsRows ? slotCount : 0)
            first.withUnsafeMutableBufferPointer { first in
                rows.withUnsafeMutableBufferPointer { rows in
                    if !countsRows {
                        for row in range where first[slots.slot(row)] < 0 { first[slots.slot(row)] = Int32(row) }
                        return
                    }
                    for row in range {
                        let slot = slots.slot(row)
                        if first[slot] < 0 { first[slot] = Int32(row) }
                        rows[slot] &+= 1
                    }
                }
            }
            return (first, rows)
        }
        var firstRow = parts[0].first, rowCount = parts[0].rows
        for part in parts.dropFirst() {
            for slot in 0..<slotCount {
                if firstRow[slot] < 0 { firstRow[slot] = part.first[slot] }
                if countsRows { rowCount[slot] &+= part.rows[slot] }
            }
        }
        var columns: [Column] = []
        for (call, argument) in zip(calls, arguments) {
            if call.function == .count && argument?.validity == nil {
                columns.append(Column(.int(rowCount)))
                continue
            }
            guard let column = ParallelAccumulate.run(call, argument, slots, groupCount: slotCount, ranges: ranges)
            else { return nil }
            columns.append(column)
        }
        // Only slots that occur are kept, so every group has rows.
        let order = (0..<Int32(slotCount)).filter { firstRow[Int($0)] >= 0 }.sorted { firstRow[Int($0)] < firstRow[Int($1)] }
        return (order.map { firstRow[Int($0)] }, columns.map { $0.gather(order) })
    }
}

/// One string key read through a selection: the code of the selected row, or one past the
/// last code for null (a null value, or no row at all on the right of a left join).
struct SelectedCodeSlots: SlotSource {
    let rows: UnsafeBufferPointer<Int32>
    let codes: UnsafeBufferPointer<UInt32>
    let validity: Bitmap?
    let nullSlot: Int

    @inline(__always) func slot(_ row: Int) -> Int {
        let physical = Int(rows[row])
        return physical < 0 || validity?[physical] == false ? nullSlot : Int(codes[physical])
    }
}
