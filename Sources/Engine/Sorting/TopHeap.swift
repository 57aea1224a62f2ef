import Columnar
import Evaluation

/// The first `n` rows in key order, kept in a bounded max-heap of records per thread: a row
/// whose record is above the worst one kept costs one comparison (of its first word, mostly)
/// and no move. Each thread keeps the best `n` of its own rows and the best `n` of those are
/// the answer. Records carry the row number, so ties go by row number and the parts give
/// what one pass would.
struct TopHeap: SortRecordUser {
    let encoder: SortKeyEncoder
    let n: Int
    let count: Int
    let threads: Int
    let cancellation: Cancellation?

    /// The rows in order; nil when cancelled.
    func use<Record: SortRecord>(_ type: Record.Type) throws -> [Int32]? {
        let words = Record.wordCount, n = self.n
        let encoder = self.encoder, cancellation = self.cancellation
        let parts = Parallel.map(Parallel.ranges(count, threads: threads)) { range -> [Record]? in
            let batch = UnsafeMutablePointer<UInt64>.allocate(capacity: Evaluator.batchSize * words)
            defer { batch.deallocate() }
            var heap: [Record] = []
            heap.reserveCapacity(min(n, range.count))
            var start = range.lowerBound
            while start < range.upperBound {
                let end = min(range.upperBound, start + Evaluator.batchSize)
                encoder.encode(start..<end, into: batch)
                for index in 0..<end - start {
                    let record = Record(words: batch + index &* words)
                    if heap.count < n {
                        heap.append(record)
                        Self.siftUp(&heap, heap.count - 1)
                    } else if Record.before(record, heap[0]) {
                        heap[0] = record
                        Self.siftDown(&heap, 0)
                    }
                }
                start = end
                if (start / Evaluator.batchSize) % 64 == 0, cancellation?.isCancelled == true { return nil }
            }
            return heap
        }
        var candidates: [Record] = []
        for part in parts {
            guard let part else { return nil }
            candidates += part
        }
        candidates.sort(by: Record.before)
        let mask: UInt64 = encoder.positionBits == 64 ? .max : (1 << UInt64(encoder.positionBits)) - 1
        return candidates.prefix(n).map { Int32(truncatingIfNeeded: $0.last & mask) }
    }

    /// Moves the record at `child` up until its parent orders after it (a max-heap: the root
    /// is the worst record kept).
    private static func siftUp<Record: SortRecord>(_ heap: inout [Record], _ child: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            var child = child
            let record = heap[child]
            while child > 0 {
                let parent = (child - 1) / 2
                guard Record.before(heap[parent], record) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = record
        }
    }

    /// Moves the record at `start` down below any child that orders after it.
    private static func siftDown<Record: SortRecord>(_ heap: inout [Record], _ start: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            var parent = start
            let record = heap[parent]
            let count = heap.count
            while true {
                let left = 2 * parent + 1
                if left >= count { break }
                var worst = left
                if left + 1 < count, Record.before(heap[left], heap[left + 1]) { worst = left + 1 }
                guard Record.before(record, heap[worst]) else { break }
                heap[parent] = heap[worst]
                parent = worst
            }
            heap[parent] = record
        }
    }
}
