import Columnar
import Evaluation

/// The first rows of each group in key order, for a window with a row limit: one bounded
/// max-heap per group, side by side in one buffer, each as large as the group's share of
/// the limit. A row whose record orders after its group's worst kept record is dropped with
/// one comparison, so the cost is a pass over the rows, not a sort of them.
///
/// Each thread keeps heaps of its own over its range of rows; the second thread's kept
/// records are then offered to the first's. Records carry the row's position, so ties keep
/// input order, as the sort would, and the rows kept are the same for any thread count.
struct GroupTops: SortRecordUser {
    let encoder: SortKeyEncoder
    /// Each row's group (nil: one group).
    let groupOf: [Int32]?
    /// Where each group's heap starts in the buffer; the last entry is the buffer's size.
    let offsets: [Int]
    let count: Int
    let threads: Int
    let cancellation: Cancellation?

    /// One thread's heaps: records of every group side by side, and how many each holds.
    private struct Heaps<Record: SortRecord> {
        let records: UnsafeMutablePointer<Record>
        var filled: [Int]
        var cancelled = false
    }

    /// The kept rows (input row numbers), group by group, each group's in key order, and
    /// where each group's rows are.
    func use<Record: SortRecord>(_ type: Record.Type) throws -> (rows: [Int32], groups: [Range<Int>]) {
        let groupCount = offsets.count - 1
        let parts: [Heaps<Record>] = Parallel.map(Parallel.ranges(count, threads: threads)) { range in
            var heaps = Heaps(records: UnsafeMutablePointer<Record>.allocate(capacity: max(1, offsets[groupCount])),
                              filled: [Int](repeating: 0, count: groupCount))
            heaps.cancelled = !fill(&heaps, range)
            return heaps
        }
        defer { for part in parts { part.records.deallocate() } }
        if parts.contains(where: \.cancelled) { throw CancelledError() }
        guard var heaps = parts.first else { return ([], []) }
        for part in parts.dropFirst() {
            for group in 0..<groupCount {
                let heap = heaps.records + offsets[group], capacity = offsets[group &+ 1] &- offsets[group]
                for index in 0..<part.filled[group] {
                    Self.offer(part.records[offsets[group] &+ index], heap, capacity: capacity, filled: &heaps.filled[group])
                }
            }
        }
        let mask: UInt64 = encoder.positionBits == 64 ? .max : (1 << UInt64(encoder.positionBits)) - 1
        var kept: [Int32] = []
        kept.reserveCapacity(offsets[groupCount])
        var groups: [Range<Int>] = []
        groups.reserveCapacity(groupCount)
        for group in 0..<groupCount where heaps.filled[group] > 0 {
            var heap = UnsafeMutableBufferPointer(start: heaps.records + offsets[group], count: heaps.filled[group])
            heap.sort(by: Record.before)
            let first = kept.count
            for record in heap { kept.append(Int32(truncatingIfNeeded: record.last & mask)) }
            groups.append(first..<kept.count)
        }
        return (kept, groups)
    }

    /// Offers the rows of `range` to `heaps`; false when stopped by Ctrl-C.
    private func fill<Record: SortRecord>(_ heaps: inout Heaps<Record>, _ range: Range<Int>) -> Bool {
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: Evaluator.batchSize * Record.wordCount)
        defer { words.deallocate() }
        let records = heaps.records
        return offsets.withUnsafeBufferPointer { offsets in
            heaps.filled.withUnsafeMutableBufferPointer { filled in
                var start = range.lowerBound
                while start < range.upperBound {
                    let rows = start..<min(range.upperBound, start + Evaluator.batchSize)
                    encoder.encode(rows, into: words)
                    if let groupOf {
                        groupOf.withUnsafeBufferPointer { groupOf in
                            for index in 0..<rows.count {
                                let group = Int(groupOf[rows.lowerBound &+ index])
                                Self.offer(Record(words: words + index &* Record.wordCount), records + offsets[group],
                                           capacity: offsets[group &+ 1] &- offsets[group], filled: &filled[group])
                            }
                        }
                    } else {
                        for index in 0..<rows.count {
                            Self.offer(Record(words: words + index &* Record.wordCount), records,
                                       capacity: offsets[1], filled: &filled[0])
                        }
                    }
                    start = rows.upperBound
                    if ((start - range.lowerBound) / Evaluator.batchSize) % 64 == 0, cancellation?.isCancelled == true {
                        return false
                    }
                }
                return true
            }
        }
    }

    /// Keeps `record` in the max-heap at `heap` (root: the worst record kept) if it is among
    /// the best `capacity` of its group so far.
    @inline(__always)
    private static func offer<Record: SortRecord>(_ record: Record, _ heap: UnsafeMutablePointer<Record>,
                                                  capacity: Int, filled: inout Int) {
        if filled < capacity {
            var child = filled
            (heap + child).initialize(to: record)
            filled &+= 1
            while child > 0 {
                let parent = (child &- 1) / 2
                guard Record.before(heap[parent], record) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = record
        } else if capacity > 0, Record.before(record, heap[0]) {
            var parent = 0
            while true {
                let left = 2 &* parent &+ 1
                if left >= capacity { break }
                var worst = left
                if left &+ 1 < capacity, Record.before(heap[left], heap[left &+ 1]) { worst = left &+ 1 }
                guard Record.before(record, heap[worst]) else { break }
                heap[parent] = heap[worst]
                parent = worst
            }
            heap[parent] = record
        }
    }
}
