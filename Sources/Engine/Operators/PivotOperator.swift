import Columnar
import Evaluation

extension Executor {
    /// The pivot step: the input's rows grouped by the keys, in order of first appearance
    /// (one group without keys, even for no rows), then each cell column gathers its result
    /// at the row of its value in each group, null where a group has none. The work is one
    /// pass over the rows plus one gather per cell, however many values there are.
    func pivot(_ input: Relation, _ pivot: PhysicalPivot, detail: inout String?) throws -> Relation {
        let count = input.count
        let keyColumns = try pivot.keys.map { try evaluator.column($0, over: input) }
        try checkMemory(rows: count, bytesPerRow: Grouping.bytesPerRow(keys: keyColumns.count), what: "numbering the groups")
        let grouping = try Grouping(keys: keyColumns, count: count, threads: threads, hashing: forcesHashedGroups) {
            try evaluator.checkCancelled()
        }
        let groups = grouping.representatives.count
        detail = pivot.keys.isEmpty ? "one group" : "by group number: \(grouping.method) (\(groups) groups)"
        try checkMemory(rows: groups, bytesPerRow: 4 * pivot.values.count + 8 * pivot.cells.count, what: "the pivot")
        let positions = valuePositions(try evaluator.column(pivot.column, over: input), pivot.values)
        // The row of each value in each group, at value * groups + group; -1 for none.
        var rowAt = [Int32](repeating: -1, count: pivot.values.count * groups)
        for start in stride(from: 0, to: count, by: 1 << 20) {
            try evaluator.checkCancelled()
            for row in start..<min(count, start + 1 << 20) where positions[row] >= 0 {
                let slot = Int(positions[row]) * groups + Int(grouping.groupOf[row])
                if rowAt[slot] < 0 { rowAt[slot] = Int32(truncatingIfNeeded: row) }
            }
        }
        var columns = keyColumns.map { $0.gather(grouping.representatives) }
        var results: [Int: Column] = [:]
        for cell in pivot.cells {
            try evaluator.checkCancelled()
            if results[cell.result] == nil { results[cell.result] = try evaluator.column(pivot.results[cell.result], over: input) }
            let start = cell.value * groups
            columns.append(results[cell.result]!.gatherOptional(Array(rowAt[start..<start + groups])))
        }
        return Relation(columns: columns, count: groups)
    }

    /// Each row's position among `values`, or -1 for null and for a value not listed. Strings
    /// compare by their bytes, as `==` does (not by Unicode equivalence), and are looked up
    /// once per dictionary entry.
    private func valuePositions(_ column: Column, _ values: [Value]) -> [Int32] {
        var positions = [Int32](repeating: -1, count: column.count)
        func fill<Key: Hashable>(_ keys: [Key], _ key: (Value) -> Key?) {
            var wanted: [Key: Int32] = [:]
            for (position, value) in values.enumerated() {
                if let found = key(value), wanted[found] == nil { wanted[found] = Int32(position) }
            }
            for row in keys.indices where !column.isNull(row) { positions[row] = wanted[keys[row]] ?? -1 }
        }
        switch column.values {
        case .string(let codes, let dictionary):
            var wanted: [[UInt8]: Int32] = [:]
            for (position, value) in values.enumerated() {
                if case .string(let text) = value, wanted[Array(text.utf8)] == nil { wanted[Array(text.utf8)] = Int32(position) }
            }
            let byCode = (0..<dictionary.count).map { wanted[Array(dictionary.bytes(of: UInt32($0)))] ?? -1 }
            for row in codes.indices where !column.isNull(row) { positions[row] = byCode[Int(codes[row])] }
        case .int(let ints): fill(ints) { if case .int(let v) = $0 { v } else { nil } }
        case .date(let days): fill(days) { if case .date(let v) = $0 { v } else { nil } }
        case .bool(let bools): fill(bools) { if case .bool(let v) = $0 { v } else { nil } }
        case .float(let floats): fill(floats) { if case .float(let v) = $0 { v } else { nil } }
        }
        return positions
    }
}
