import Columnar
import Evaluation
import Semantic

extension Executor {
    /// A heap per group pays off while the rows kept are not most of the rows read; past
    /// this share of them the whole input is sorted and each group cut. (1M rows in 100,000
    /// groups: the first 2 of each by heaps in 27 ms against 118 ms by the sort; the first 5,
    /// half the rows, 52 ms against 65.)
    private static var heapShare: Int { 2 }

    /// The first `limit` rows of each group in window order: the input's rows kept (in input
    /// order) and their window order. Each group's best rows come from a bounded heap per
    /// group (``GroupTops``) when the kept rows are few and the keys fit four words; else from
    /// the full window order, each group cut to its first rows.
    func limitedOrder(_ input: Relation, groupOf: [Int32]?, groupCount: Int, _ keys: [PlanSortKey], limit: Int,
                      detail: inout String?) throws -> (Relation, WindowOrder) {
        let count = input.count
        guard count > 0, limit > 0 else {
            let none = input.selecting([])
            return (none, WindowOrder(rows: [], groups: [], keys: try keys.map { try evaluator.column($0.expr, over: none) }))
        }
        var offsets = [0]
        offsets.reserveCapacity(groupCount + 1)
        for size in Self.groupSizes(groupOf, groupCount: groupCount, count: count, threads: threads) {
            offsets.append(offsets[offsets.count - 1] + min(size, limit))
        }
        let kept = offsets[offsets.count - 1]
        var chosen: (rows: [Int32], groups: [Range<Int>])?
        if kept <= count / Self.heapShare {
            let columns = try keys.map { try evaluator.column($0.expr, over: input) }
            let layout = try SortKeyLayout(columns: columns, descending: keys.map(\.descending), measured: true,
                                           threads: threads, cancellation: cancellation)
            let positionBits = max(1, Int.bitWidth - (count - 1).leadingZeroBitCount)
            let words = (layout.keyBits + positionBits + 63) / 64
            if words <= 4 {
                try checkMemory(rows: kept, bytesPerRow: 8 * words + 8, what: "the rows kept per group")
                let encoder = SortKeyEncoder(layout, bits: 0..<layout.keyBits, words: words, positionBits: positionBits)
                chosen = try GroupTops(encoder: encoder, groupOf: groupOf, offsets: offsets, count: count,
                                       threads: threads, cancellation: cancellation).run(words: words)
                detail = "bounded heap" + (groupOf == nil ? "" : " per group") + " of \(limit) rows, "
                    + (words == 1 ? "1 word" : "\(words) words") + " per row"
            }
        }
        if chosen == nil {
            let full = try windowOrder(input, groupOf: groupOf, keys, detail: &detail)
            var rows: [Int32] = [], groups: [Range<Int>] = []
            rows.reserveCapacity(kept)
            for group in full.groups {
                let first = rows.count
                rows += full.rows[group.prefix(limit)]
                if rows.count > first { groups.append(first..<rows.count) }
            }
            chosen = (rows, groups)
            detail = (detail.map { $0 + ", " } ?? "") + "then the first \(limit)" + (groupOf == nil ? "" : " of each group")
        }
        guard let (orderRows, groups) = chosen else { preconditionFailure("one of the two ways chose the rows") }
        try evaluator.checkCancelled()
        // The kept rows in input order, and each one's place among them for the window order.
        var marks = RowMarks(rows: count)
        for row in orderRows { marks.insert(Int(row)) }
        let ranked = marks.ranked()
        let keptRows = ranked.rows(threads: threads)
        let places = orderRows.map { ranked.rank(Int($0)) }
        let output = input.selecting(keptRows)
        let keyColumns = try keys.map { try evaluator.column($0.expr, over: output) }
        return (output, WindowOrder(rows: places, groups: groups, keys: keyColumns))
    }

    /// How many rows each group has, counted on every thread.
    private static func groupSizes(_ groupOf: [Int32]?, groupCount: Int, count: Int, threads: Int) -> [Int] {
        guard let groupOf else { return [count] }
        let parts: [[Int]] = groupOf.withUnsafeBufferPointer { groupOf in
            Parallel.map(Parallel.ranges(count, threads: threads)) { range in
                var sizes = [Int](repeating: 0, count: groupCount)
                sizes.withUnsafeMutableBufferPointer { sizes in
                    for row in range { sizes[Int(groupOf[row])] &+= 1 }
                }
                return sizes
            }
        }
        guard var sizes = parts.first else { return [Int](repeating: 0, count: groupCount) }
        for part in parts.dropFirst() {
            for group in 0..<groupCount { sizes[group] &+= part[group] }
        }
        return sizes
    }
}
