import Columnar
import Evaluation
import Semantic

extension Accumulators {
    /// min, max, first and last pick one row per slot: each range keeps its own choice, and
    /// the choices merge in range order (first: the earliest range's; last: the latest's;
    /// min and max: the smaller or larger value, the earlier row on a tie).
    func pick<Slots: SlotSource>(_ function: AggregateFunction, _ argument: Column, _ slots: Slots) -> Column {
        if function == .min || function == .max,
           let chosen = extremeRows(of: argument, validity: argument.validity, slots, smallest: function == .min) {
            return argument.gatherOptional(chosen)
        }
        let order = ValueOrder(argument)
        let chosen = chooseRows(slots, validity: argument.validity) { candidate, chosen in
            switch function {
            case .first: return false
            case .last: return true
            case .min: return order.compare(candidate, chosen) < 0
            default: return order.compare(candidate, chosen) > 0
            }
        }
        return argument.gatherOptional(chosen)
    }

    /// arg_min and arg_max: `value` at the row where `key` is smallest or largest, among the
    /// rows where both are present; the earlier row on a tie.
    func pick<Slots: SlotSource>(_ function: AggregateFunction, _ value: Column, by key: Column, _ slots: Slots) -> Column {
        if let chosen = extremeRows(of: key, validity: Self.bothValid(value, key), slots, smallest: function == .argMin) {
            return value.gatherOptional(chosen)
        }
        let order = ValueOrder(key)
        let largest = function == .argMax
        let chosen = chooseRows(slots, validity: Self.bothValid(value, key)) { candidate, chosen in
            let comparison = order.compare(candidate, chosen)
            return largest ? comparison > 0 : comparison < 0
        }
        return value.gatherOptional(chosen)
    }

    /// One row per slot (-1 for none) among the rows `validity` lets through: a row replaces
    /// the slot's choice so far when `better(row, chosen)`. Ranges choose on their own
    /// threads; their choices merge in range order, the later range's only when better.
    private func chooseRows<Slots: SlotSource>(_ slots: Slots, validity: Bitmap?, _ better: (Int, Int) -> Bool) -> [Int32] {
        let parts = perRange(Int32(-1)) { range, chosen in
            for row in range where validity?[row] != false {
                let slot = slots.slot(row)
                if chosen[slot] < 0 || better(row, Int(chosen[slot])) { chosen[slot] = Int32(truncatingIfNeeded: row) }
            }
        }
        return merged(parts) { earlier, later in
            if earlier < 0 { return later }
            if later < 0 { return earlier }
            return better(Int(later), Int(earlier)) ? later : earlier
        }
    }

    /// The row of each slot's smallest (or largest) int or date, the earliest on a tie, or nil
    /// for other types: the values compared straight from their array, where `chooseRows`
    /// asks a general order through a closure and re-reads the chosen row's value each time.
    private func extremeRows<Slots: SlotSource>(of column: Column, validity: Bitmap?, _ slots: Slots,
                                                smallest: Bool) -> [Int32]? {
        switch column.values {
        case .int(let values): return extremeRows(values, validity: validity, slots, smallest: smallest)
        case .date(let values): return extremeRows(values, validity: validity, slots, smallest: smallest)
        default: return nil
        }
    }

    private func extremeRows<T: FixedWidthInteger, Slots: SlotSource>(_ values: [T], validity: Bitmap?, _ slots: Slots,
                                                                      smallest: Bool) -> [Int32] {
        let parts: [(best: [T], chosen: [Int32])] = values.withUnsafeBufferPointer { values in
            Parallel.map(ranges) { range in
                var best = [T](repeating: 0, count: slotCount), chosen = [Int32](repeating: -1, count: slotCount)
                best.withUnsafeMutableBufferPointer { best in
                    chosen.withUnsafeMutableBufferPointer { chosen in
                        // Strictly better only, so the earliest row of a tie stays.
                        for row in range where validity?[row] != false {
                            let slot = slots.slot(row), value = values[row]
                            if chosen[slot] < 0 || (smallest ? value < best[slot] : value > best[slot]) {
                                best[slot] = value
                                chosen[slot] = Int32(truncatingIfNeeded: row)
                            }
                        }
                    }
                }
                return (best, chosen)
            }
        }
        var (best, chosen) = parts[0]
        for part in parts.dropFirst() {
            for slot in 0..<slotCount where part.chosen[slot] >= 0 {
                let value = part.best[slot]
                if chosen[slot] < 0 || (smallest ? value < best[slot] : value > best[slot]) {
                    best[slot] = value
                    chosen[slot] = part.chosen[slot]
                }
            }
        }
        return chosen
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
