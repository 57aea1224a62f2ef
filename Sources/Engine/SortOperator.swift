import Columnar
import Semantic

/// Orders rows by materialised key columns: multi-key, `desc` per key, nulls last in either
/// direction, and stable (ties keep their input order).
struct RowOrder {
    let keys: [Column]
    let descending: [Bool]

    /// True when row `a` goes before row `b`.
    func before(_ a: Int32, _ b: Int32) -> Bool {
        for (index, column) in keys.enumerated() {
            let order = compare(column, Int(a), Int(b))
            if order != 0 { return descending[index] && order != 2 && order != -2 ? order > 0 : order < 0 }
        }
        return a < b
    }

    /// -1, 0, 1 by value; ±2 when exactly one side is null (nulls last, whatever the direction).
    private func compare(_ column: Column, _ a: Int, _ b: Int) -> Int {
        let aNull = column.isNull(a), bNull = column.isNull(b)
        if aNull || bNull { return aNull == bNull ? 0 : (aNull ? 2 : -2) }
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch column.values {
        case .int(let v): return order(v[a], v[b])
        case .float(let v):
            // NaN sorts after every number.
            if v[a].isNaN || v[b].isNaN { return v[a].isNaN == v[b].isNaN ? 0 : (v[a].isNaN ? 1 : -1) }
            return order(v[a], v[b])
        case .bool(let v): return order(v[a] ? 1 : 0, v[b] ? 1 : 0)
        case .date(let v): return order(v[a], v[b])
        case .string(let codes, let dictionary):
            if codes[a] == codes[b] { return 0 }
            return Evaluator.compareBytes(dictionary.bytes(of: codes[a]), dictionary.bytes(of: codes[b]))
        }
    }
}

extension Executor {
    func sort(_ input: Relation, _ keys: [PlanSortKey]) throws -> Relation {
        let order = try rowOrder(input, keys)
        var rows = (0..<Int32(input.count)).map { $0 }
        rows.sort(by: order.before)
        return input.selecting(rows)
    }

    /// The first `n` rows in key order, with a bounded heap rather than a full sort.
    func top(_ input: Relation, _ n: Int, _ keys: [PlanSortKey]) throws -> Relation {
        guard n > 0 else { return input.selecting([]) }
        let order = try rowOrder(input, keys)
        // A max-heap of the best n rows: its root is the worst row kept.
        var heap: [Int32] = []
        heap.reserveCapacity(min(n, input.count))
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var worst = parent
                if left < heap.count, order.before(heap[worst], heap[left]) { worst = left }
                if right < heap.count, order.before(heap[worst], heap[right]) { worst = right }
                if worst == parent { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
        for row in 0..<Int32(input.count) {
            if heap.count < n {
                heap.append(row)
                var child = heap.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard order.before(heap[parent], heap[child]) else { break }
                    heap.swapAt(parent, child)
                    child = parent
                }
            } else if order.before(row, heap[0]) {
                heap[0] = row
                siftDown(0)
            }
        }
        heap.sort(by: order.before)
        return input.selecting(heap)
    }

    private func rowOrder(_ input: Relation, _ keys: [PlanSortKey]) throws -> RowOrder {
        let columns = try keys.map { try evaluator.column($0.expr, over: input) }
        return RowOrder(keys: columns, descending: keys.map(\.descending))
    }
}
