import Columnar
import Evaluation

/// The first `n` rows in key order, kept in a bounded max-heap of records per thread. Each
/// thread keeps the best `n` of its own rows and the best `n` of those are the answer.
/// Records carry the row number, so ties go by row number and the parts give what one pass
/// would.
///
/// Once a thread's heap is full, most rows cannot go in: with records of several words, a
/// batch's first words (the key's first 64 bits) are encoded alone and compared with the
/// worst record kept, and only a row that may go in has its whole record encoded.
struct TopHeap: SortRecordUser {
    let encoder: SortKeyEncoder
    /// The key's first 64 bits, without the position (unused when records are one word).
    let firstWords: SortKeyEncoder
    let n: Int
    let count: Int
    let threads: Int
    let cancellation: Cancellation?

    /// The rows in order; throws when cancelled.
    func use<Record: SortRecord>(_ type: Record.Type) throws -> [Int32] {
        let cancellation = self.cancellation
        let parts = Parallel.map(Parallel.ranges(count, threads: threads)) { range -> [Record]? in
            var heap = Heap<Record>(capacity: min(n, range.count))
            let batches = Batches<Record>(encoder: encoder, firstWords: firstWords)
            defer { batches.deallocate() }
            var start = range.lowerBound
            while start < range.upperBound {
                let rows = start..<min(range.upperBound, start + Evaluator.batchSize)
                if !heap.isFull || Record.wordCount == 1 {
                    let records = batches.records(rows)
                    for index in 0..<rows.count { heap.offer(records[index]) }
                } else {
                    // Rows whose first word is above the worst one kept cannot go in.
                    let first = batches.firstWords(rows)
                    for index in 0..<rows.count where first[index] <= heap.worst.word(0) {
                        heap.offer(batches.record(of: rows.lowerBound + index))
                    }
                }
                start = rows.upperBound
                if (start / Evaluator.batchSize) % 64 == 0, cancellation?.isCancelled == true { return nil }
            }
            return heap.records
        }
        var candidates: [Record] = []
        for part in parts {
            guard let part else { throw CancelledError() }
            candidates += part
        }
        candidates.sort(by: Record.before)
        let mask: UInt64 = encoder.positionBits == 64 ? .max : (1 << UInt64(encoder.positionBits)) - 1
        return candidates.prefix(n).map { Int32(truncatingIfNeeded: $0.last & mask) }
    }

    /// Buffers for encoding a batch of rows at a time, or one row.
    private struct Batches<Record: SortRecord> {
        let encoder: SortKeyEncoder
        let firstWords: SortKeyEncoder
        private let words = UnsafeMutablePointer<UInt64>.allocate(capacity: Evaluator.batchSize * Record.wordCount)
        private let encoded = UnsafeMutablePointer<Record>.allocate(capacity: Evaluator.batchSize)

        init(encoder: SortKeyEncoder, firstWords: SortKeyEncoder) {
            self.encoder = encoder
            self.firstWords = firstWords
        }

        func deallocate() {
            words.deallocate()
            encoded.deallocate()
        }

        func records(_ rows: Range<Int>) -> UnsafePointer<Record> {
            encoder.encode(rows, into: words)
            for index in 0..<rows.count {
                (encoded + index).initialize(to: Record(words: words + index &* Record.wordCount))
            }
            return UnsafePointer(encoded)
        }

        func record(of row: Int) -> Record {
            encoder.encode(row..<row + 1, into: words)
            return Record(words: words)
        }

        /// The rows' first 64 key bits, one word per row.
        func firstWords(_ rows: Range<Int>) -> UnsafePointer<UInt64> {
            firstWords.encode(rows, into: words)
            return UnsafePointer(words)
        }
    }
}

/// A bounded max-heap: the root is the worst record kept, the one a better record replaces.
private struct Heap<Record: SortRecord> {
    private(set) var records: [Record] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        records.reserveCapacity(capacity)
    }

    var isFull: Bool { records.count == capacity }

    var worst: Record { records[0] }

    /// Keeps `record` if it is among the best `capacity` seen.
    @inline(__always)
    mutating func offer(_ record: Record) {
        if records.count < capacity {
            records.append(record)
            siftUp(records.count - 1)
        } else if capacity > 0, Record.before(record, records[0]) {
            records[0] = record
            siftDown(0)
        }
    }

    /// Moves the record at `child` up until its parent orders after it (a max-heap: the root
    /// is the worst record kept).
    private mutating func siftUp(_ child: Int) {
        records.withUnsafeMutableBufferPointer { heap in
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
    private mutating func siftDown(_ start: Int) {
        records.withUnsafeMutableBufferPointer { heap in
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
