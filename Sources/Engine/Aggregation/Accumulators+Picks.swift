import Columnar
import Evaluation
import Semantic

extension Accumulators {
    /// min, max, first and last pick one row per slot: each range keeps its own choice, and
    /// the choices merge in range order (first: the earliest range's; last: the latest's;
    /// min and max: the smaller or larger value, the earlier row on a tie).
    func pick<Slots: SlotSource>(_ function: AggregateFunction, _ argument: Column, _ slots: Slots) -> Column {
        let order = ValueOrder(argument)
        let validity = argument.validity
        // Is the row at `a` to be chosen over the row chosen so far, `b`?
        func better(_ a: Int32, _ b: Int32) -> Bool {
            switch function {
            case .first: return false
            case .last: return true
            case .min: return order.compare(Int(a), Int(b)) < 0
            default: return order.compare(Int(a), Int(b)) > 0
            }
        }
        let parts = perRange(Int32(-1)) { range, chosen in
            for row in range where validity?[row] != false {
                let slot = slots.slot(row), candidate = Int32(truncatingIfNeeded: row)
                if chosen[slot] < 0 || better(candidate, chosen[slot]) { chosen[slot] = candidate }
            }
        }
        let chosen = merged(parts) { earlier, later in
            if earlier < 0 { return later }
            if later < 0 { return earlier }
            return better(later, earlier) ? later : earlier
        }
        return argument.gatherOptional(chosen)
    }

    /// median: each slot's values gathered once (a counting sort of the rows by slot), then
    /// each slot's run sorted; the mean of the two middle values for an even count.
    func median<Slots: SlotSource>(_ argument: Column, _ slots: Slots, checkCancelled: () throws -> Void) throws -> Column {
        let validity = argument.validity
        let values = Self.doubles(argument)
        let counts = counts(slots, validity: validity)
        var starts = [Int](repeating: 0, count: slotCount + 1)
        for slot in 0..<slotCount { starts[slot + 1] = starts[slot] + Int(counts[slot]) }
        var grouped = [Double](repeating: 0, count: starts[slotCount])
        var next = starts
        for row in 0..<rows where validity?[row] != false {
            let slot = slots.slot(row)
            grouped[next[slot]] = values[row]
            next[slot] += 1
        }
        try checkCancelled()
        var result = [Double](repeating: 0, count: slotCount)
        for slot in 0..<slotCount where counts[slot] > 0 {
            grouped[starts[slot]..<starts[slot + 1]].sort()
            let middle = starts[slot] + Int(counts[slot]) / 2
            result[slot] = counts[slot] % 2 == 1 ? grouped[middle] : (grouped[middle - 1] + grouped[middle]) / 2
        }
        return Column(.float(result), validity: Bitmap(counts.map { $0 > 0 }))
    }

    /// collect: the values as text, in row order, joined by the separator.
    func collect<Slots: SlotSource>(_ argument: Column, _ slots: Slots, separator: String) -> Column {
        var parts = [[String]](repeating: [], count: slotCount)
        for row in 0..<rows where !argument.isNull(row) { parts[slots.slot(row)].append(argument[row].description) }
        var builder = ColumnBuilder(.string, capacity: slotCount)
        for group in parts { builder.append(group.isEmpty ? .null : .string(group.joined(separator: separator))) }
        return builder.build()
    }
}

/// The order of one column's non-null values, as `sort` orders them: NaN above every number,
/// strings by their bytes (through each dictionary entry's rank, worked out once).
struct ValueOrder {
    private let column: Column
    private let ranks: [Int]

    init(_ column: Column) {
        self.column = column
        guard case .string(_, let dictionary) = column.values else {
            ranks = []
            return
        }
        var byBytes = Array(0..<UInt32(dictionary.count))
        byBytes.sort { Evaluator.compareBytes(dictionary.bytes(of: $0), dictionary.bytes(of: $1)) < 0 }
        var ranks = [Int](repeating: 0, count: dictionary.count)
        for (position, code) in byBytes.enumerated() { ranks[Int(code)] = position }
        self.ranks = ranks
    }

    /// -1, 0 or 1 as row `a`'s value is below, equal to or above row `b`'s.
    func compare(_ a: Int, _ b: Int) -> Int {
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch column.values {
        case .int(let v): return order(v[a], v[b])
        case .date(let v): return order(v[a], v[b])
        case .bool(let v): return order(v[a] ? 1 : 0, v[b] ? 1 : 0)
        case .float(let v):
            if v[a].isNaN || v[b].isNaN { return v[a].isNaN == v[b].isNaN ? 0 : (v[a].isNaN ? 1 : -1) }
            return order(v[a], v[b])
        case .string(let codes, _): return order(ranks[Int(codes[a])], ranks[Int(codes[b])])
        }
    }
}
