import Columnar
import Evaluation
import Semantic

/// Orders rows by materialised key columns: multi-key, `desc` per key, nulls last in either
/// direction, and stable (ties keep their input order).
///
/// The first key is also encoded as one `UInt64` per row whose unsigned order is the key's
/// order (direction included), so most comparisons are one integer compare. The largest
/// word marks a null and may also be a real value: those pairs, and ties, take the full
/// comparison.
struct RowOrder {
    let keys: [Column]
    let descending: [Bool]
    /// The first key as order-preserving words.
    let primary: [UInt64]

    init(keys: [Column], descending: [Bool], threads: Int = 1) {
        self.keys = keys
        self.descending = descending
        primary = keys.first.map { PrimaryKey($0, descending: descending[0], threads: threads).words } ?? []
    }

    /// True when row `a` goes before row `b`.
    func before(_ a: Int32, _ b: Int32) -> Bool {
        if !primary.isEmpty {
            let x = primary[Int(a)], y = primary[Int(b)]
            if x != y && x != .max && y != .max { return x < y }
        }
        return fullyBefore(a, b)
    }

    private func fullyBefore(_ a: Int32, _ b: Int32) -> Bool {
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

/// One key column read as words whose unsigned order is the key's order (direction
/// included): ints and dates with the sign bit flipped, floats by the IEEE trick (-0 as 0,
/// NaN above infinity), strings by the rank of their dictionary entry; null is the largest
/// word, which a real value may share (``RowOrder`` then compares in full).
struct PrimaryKey {
    let words: [UInt64]

    init(_ column: Column, descending: Bool, threads: Int = 1) {
        let flip: UInt64 = descending ? .max : 0
        let sign: UInt64 = 1 << 63
        let validity = column.validity
        // One pass, one array, each thread writing its own rows: the switch is outside the loops.
        func make<T>(_ values: [T], _ encode: (T) -> UInt64) -> [UInt64] {
            values.withUnsafeBufferPointer { values in
                [UInt64](unsafeUninitializedCapacity: values.count) { words, initialized in
                    let base = words.baseAddress
                    Parallel.run(Parallel.ranges(values.count, threads: threads)) { _, range in
                        for row in range {
                            (base! + row).initialize(to: validity?[row] == false ? .max : encode(values[row]) ^ flip)
                        }
                    }
                    initialized = values.count
                }
            }
        }
        switch column.values {
        case .int(let v): words = make(v) { UInt64(bitPattern: $0) ^ sign }
        case .date(let v): words = make(v) { UInt64(bitPattern: Int64($0)) ^ sign }
        case .bool(let v): words = make(v) { $0 ? 1 : 0 }
        case .float(let v):
            words = make(v) { value in
                if value.isNaN { return UInt64.max - 1 }
                let bits = (value == 0 ? 0.0 : value).bitPattern
                return bits & sign != 0 ? ~bits : bits | sign
            }
        case .string(let codes, let dictionary):
            var byBytes = Array(0..<UInt32(dictionary.count))
            byBytes.sort { Evaluator.compareBytes(dictionary.bytes(of: $0), dictionary.bytes(of: $1)) < 0 }
            var rank = [UInt64](repeating: 0, count: dictionary.count)
            for (position, code) in byBytes.enumerated() { rank[Int(code)] = UInt64(position) }
            words = make(codes) { rank[Int($0)] }
        }
    }
}

extension Executor {
    func sort(_ input: Relation, _ keys: [PlanSortKey], detail: inout String?) throws -> Relation {
        let order = try rowOrder(input, keys)
        var rows = (0..<Int32(input.count)).map { $0 }
        rows.sort(by: order.before)
        return input.selecting(rows)
    }

    /// The first `n` rows in key order, with a bounded heap rather than a full sort: each
    /// thread keeps the best `n` of its own rows, and the best `n` of those are the answer
    /// (ties go by row number, so the parts give what one pass would).
    func top(_ input: Relation, _ n: Int, _ keys: [PlanSortKey], detail: inout String?) throws -> Relation {
        guard n > 0 else { return input.selecting([]) }
        let order = try rowOrder(input, keys)
        let ranges = Parallel.ranges(input.count, threads: threads)
        if ranges.count < 2 { return input.selecting(try best(n, of: 0..<input.count, order)) }
        let parts = Parallel.map(ranges) { range in Result { try self.best(n, of: range, order) } }
        var candidates: [Int32] = []
        for part in parts { candidates += try part.get() }
        candidates.sort(by: order.before)
        return input.selecting(Array(candidates.prefix(n)))
    }

    /// The best `n` of `rows`, in order.
    private func best(_ n: Int, of rows: Range<Int>, _ order: RowOrder) throws -> [Int32] {
        // A max-heap of the best n rows: its root is the worst row kept.
        var heap: [Int32] = []
        heap.reserveCapacity(min(n, rows.count))
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
        let primary = order.primary
        for row in Int32(rows.lowerBound)..<Int32(rows.upperBound) {
            if row % Int32(Evaluator.batchSize * 16) == 0 { try evaluator.checkCancelled() }
            // Once the heap is full, a row whose first key is above the worst kept row's
            // cannot go in; that settles most rows with one compare.
            if heap.count == n, !primary.isEmpty {
                let worst = primary[Int(heap[0])]
                if worst != .max && primary[Int(row)] > worst { continue }
            }
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
        return heap
    }

    private func rowOrder(_ input: Relation, _ keys: [PlanSortKey]) throws -> RowOrder {
        let columns = try keys.map { try evaluator.column($0.expr, over: input) }
        return RowOrder(keys: columns, descending: keys.map(\.descending), threads: threads)
    }
}
