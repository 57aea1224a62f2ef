import Columnar
import Diagnostics
import Evaluation

extension Executor {
    /// Pairs written between looks at Ctrl-C: a few milliseconds of work.
    private static let crossJoinChunk = 1 << 22

    /// `join cross`: every left row with every right row, in the left side's order, then the
    /// right side's within one left row. The number of pairs is checked against the memory
    /// limit before any is made; only row numbers are written, and the columns read later are
    /// gathered when read.
    func crossJoin(_ left: Relation, _ right: Relation) throws -> Relation {
        let pairs = try crossJoinSize(left.count, right.count, bytesPerPair: Self.bytesPerPair(left, right))
        if left.columns.isEmpty && right.columns.isEmpty {
            // Nothing is read after it but the number of rows (a count): no pairs to write.
            return Relation(columns: [], count: pairs)
        }
        if right.count == 1 {
            // Each left row once, in order: only the right side needs a selection.
            return Relation.joined(left, rows: nil, right, rows: [Int32](repeating: 0, count: left.count), missing: false,
                                   threads: threads)
        }
        let width = right.count
        var rightRows: [Int32] = []
        let leftRows = try [Int32](unsafeUninitializedCapacity: pairs) { leftRows, leftInitialized in
            rightRows = try [Int32](unsafeUninitializedCapacity: pairs) { rightRows, rightInitialized in
                for chunk in stride(from: 0, to: pairs, by: Self.crossJoinChunk) {
                    try evaluator.checkCancelled()
                    let end = min(pairs, chunk + Self.crossJoinChunk)
                    let ranges = Parallel.ranges(end - chunk, threads: threads).map { chunk + $0.lowerBound..<chunk + $0.upperBound }
                    Parallel.run(ranges) { _, range in
                        // Pair p is left row p / width with right row p % width.
                        var leftRow = range.lowerBound / width, rightRow = range.lowerBound % width
                        for pair in range {
                            leftRows[pair] = Int32(truncatingIfNeeded: leftRow)
                            rightRows[pair] = Int32(truncatingIfNeeded: rightRow)
                            rightRow += 1
                            if rightRow == width {
                                rightRow = 0
                                leftRow += 1
                            }
                        }
                    }
                }
                rightInitialized = pairs
            }
            leftInitialized = pairs
        }
        return Relation.joined(left, rows: leftRows, right, rows: rightRows, missing: false, threads: threads)
    }

    /// The bytes one pair holds: its left and right row numbers, and one more row number for
    /// each distinct selection of either side's columns, which `Relation.joined` composes
    /// with them.
    private static func bytesPerPair(_ left: Relation, _ right: Relation) -> Int {
        var seen: [UnsafeRawPointer?] = []
        for selection in left.selections + right.selections {
            guard let selection else { continue }
            let key = selection.rows.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            if key == nil || !seen.contains(key) { seen.append(key) }
        }
        return 4 * (2 + seen.count)
    }

    /// The number of pairs, or an error at the stage when they would go over the memory limit
    /// or over the rows a relation may have (row numbers are Int32). Sizes are multiplied with
    /// overflow reported, so no product of counts can trap.
    private func crossJoinSize(_ leftCount: Int, _ rightCount: Int, bytesPerPair: Int) throws -> Int {
        let span = stageSpan ?? Span(start: 0, end: 0)
        let (pairs, overflow) = leftCount.multipliedReportingOverflow(by: rightCount)
        let (bytes, bytesOverflow) = pairs.multipliedReportingOverflow(by: bytesPerPair)
        if overflow || bytesOverflow || bytes > memoryLimit {
            let size = overflow || bytesOverflow ? "more than \(MemoryLimit.describe(.max))" : MemoryLimit.describe(bytes)
            throw RuntimeError.make(
                "E0450", "the cross join needs \(leftCount) × \(rightCount) = \(overflow ? "too many" : String(pairs)) rows "
                    + "(\(size)), over the memory limit of \(MemoryLimit.describe(memoryLimit))",
                span, help: "filter or take fewer rows on either side first, or raise the limit with --memory-limit")
        }
        guard pairs <= Int(Int32.max) else {
            throw RuntimeError.make("E0451", "the cross join would give \(leftCount) × \(rightCount) = \(pairs) rows, "
                                        + "more than the \(Int32.max) a result may have", span,
                                    help: "filter or take fewer rows on either side first")
        }
        return pairs
    }
}
