import Columnar
import Evaluation
import Semantic

/// `sort` and `top`: multi-key, `desc` per key, nulls last in either direction, stable (ties
/// keep their input order, which for `top` is row number).
///
/// Both read the keys as normalized keys (``SortKeyLayout``): every key of a row packed into
/// one run of bits whose unsigned order is the rows' order, so rows compare as a word or a
/// few, whatever the keys. `sort` radix-sorts records of those bits and the row's position
/// (``RadixSorter``); `top` keeps the best records in a bounded heap (``TopHeap``).
extension Executor {
    /// The widest record: keys wider than this, with the position, sort in stages.
    private static var widestRecord: Int { 4 }

    func sort(_ input: Relation, _ keys: [PlanSortKey], detail: inout String?) throws -> Relation {
        input.selecting(try sortedRows(input, keys, detail: &detail))
    }

    /// The first `n` rows in key order. A heap suits an `n` that is small beside the rows;
    /// otherwise the whole input is sorted and cut.
    func top(_ input: Relation, _ n: Int, _ keys: [PlanSortKey], detail: inout String?) throws -> Relation {
        guard n > 0 else { return input.selecting([]) }
        let count = input.count
        if n < count && (n <= 64 || n <= count / 32) {
            let columns = try keyColumns(input, keys)
            let layout = try SortKeyLayout(columns: columns, descending: keys.map(\.descending), measured: false,
                                           threads: threads, cancellation: cancellation)
            let positionBits = Self.positionBits(count)
            let words = (layout.keyBits + positionBits + 63) / 64
            if words <= Self.widestRecord {
                let encoder = SortKeyEncoder(layout, bits: 0..<layout.keyBits, words: words, positionBits: positionBits)
                let firstWords = SortKeyEncoder(layout, bits: 0..<min(64, layout.keyBits), words: 1, positionBits: 0)
                let heap = TopHeap(encoder: encoder, firstWords: firstWords, n: n, count: count, threads: threads,
                                   cancellation: cancellation)
                let rows = try heap.run(words: words)
                detail = "bounded heap of \(n) rows, \(Self.keys(keys.count)) in \(Self.words(words)) per row"
                return input.selecting(rows)
            }
        }
        var sortDetail: String?
        let rows = try sortedRows(input, keys, detail: &sortDetail)
        detail = (sortDetail.map { $0 + ", " } ?? "") + "then the first \(n)"
        return input.selecting(Array(rows.prefix(n)))
    }

    /// The input's row numbers in key order.
    func sortedRows(_ input: Relation, _ keys: [PlanSortKey], detail: inout String?) throws -> [Int32] {
        let count = input.count
        let identity = { (0..<Int32(count)).map { $0 } }
        guard count > 1, !keys.isEmpty else { return identity() }
        let columns = try keyColumns(input, keys)
        let layout = try SortKeyLayout(columns: columns, descending: keys.map(\.descending), measured: true,
                                       threads: threads, cancellation: cancellation)
        try evaluator.checkCancelled()
        guard layout.keyBits > 0 else {
            detail = "no sort needed: every row has the same \(keys.count == 1 ? "key" : "keys")"
            return identity()
        }
        let positionBits = Self.positionBits(count)
        let words = min(Self.widestRecord, (layout.keyBits + positionBits + 63) / 64)
        // The records and the scratch they move to, and the row numbers.
        try checkMemory(rows: count, bytesPerRow: 16 * words + 8, what: "the sort")
        // Each stage sorts by the most key bits a record holds beside the positions, least
        // significant first; each keeps the order the one before left between equal slices.
        let sliceBits = Self.widestRecord * 64 - positionBits
        var upper = layout.keyBits
        var rows: [Int32]?
        var stages = 0
        while upper > 0 {
            let lower = max(0, upper - sliceBits)
            // After the first stage the rows come in the order found so far, and so do the keys.
            let stageLayout = rows.map { order in layout.reading(columns.map { $0.gather(order, missing: false, threads: threads) }) }
            let encoder = SortKeyEncoder(stageLayout ?? layout, bits: lower..<upper, words: words, positionBits: positionBits)
            let stage = KeySort(encoder: encoder, keyBits: upper - lower, count: count, threads: threads,
                                cancellation: cancellation, rows: rows, checkpoint: evaluator.checkCancelled)
            rows = try stage.run(words: words)
            upper = lower
            stages += 1
        }
        detail = "radix sort, \(Self.keys(keys.count)) in \(Self.words(words)) per row"
            + (stages > 1 ? ", \(stages) stages" : "")
        return rows ?? identity()
    }

    /// The keys' values, one column per key, checked for the memory their strings' ranking
    /// takes (records of two words for each dictionary entry, twice, and the order).
    private func keyColumns(_ input: Relation, _ keys: [PlanSortKey]) throws -> [Column] {
        let columns = try keys.map { try evaluator.column($0.expr, over: input) }
        try evaluator.checkCancelled()
        let entries = columns.map { column -> Int in
            if case .string(_, let dictionary) = column.values { return dictionary.count }
            return 0
        }
        try checkMemory(rows: entries.max() ?? 0, bytesPerRow: 40, what: "ranking a sort key's strings")
        return columns
    }

    /// The bits of a position below `count`.
    private static func positionBits(_ count: Int) -> Int { max(1, Int.bitWidth - (count - 1).leadingZeroBitCount) }

    private static func keys(_ count: Int) -> String { count == 1 ? "1 key" : "\(count) keys" }

    private static func words(_ count: Int) -> String { count == 1 ? "1 word" : "\(count) words" }
}
