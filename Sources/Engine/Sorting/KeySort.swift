import Columnar
import Evaluation

/// One radix sort of rows by a slice of their normalized keys: the records are encoded on
/// every thread, noting the range of their first words on the way (which the first pass of
/// the sort would otherwise read them again for), then sorted by ``RadixSorter``.
struct KeySort: SortRecordUser {
    let encoder: SortKeyEncoder
    /// How many bits of the key the records hold (from the top of word 0).
    let keyBits: Int
    let count: Int
    let threads: Int
    let cancellation: Cancellation?
    /// The row at each position, when the rows come in some order other than their own.
    let rows: [Int32]?

    /// Called on the calling thread between the phases: looks at the cancellation flag and
    /// samples memory for `explain analyze`, the records being the sort's biggest allocation.
    let checkpoint: () throws -> Void

    /// The rows in order; throws when cancelled.
    func use<Record: SortRecord>(_ type: Record.Type) throws -> [Int32] {
        let records = UnsafeMutablePointer<Record>.allocate(capacity: count)
        defer { records.deallocate() }
        let scratch = UnsafeMutablePointer<Record>.allocate(capacity: count)
        defer { scratch.deallocate() }
        let firstWords = encode(into: records)
        try checkpoint()
        guard let firstWords else { throw CancelledError() }
        let sorter = RadixSorter<Record>(keyBits: keyBits, positionBits: encoder.positionBits, threads: threads,
                                         cancellation: cancellation)
        var finished = false
        let sorted = [Int32](unsafeUninitializedCapacity: count) { output, initialized in
            let base = output.baseAddress!
            if let rows {
                finished = rows.withUnsafeBufferPointer {
                    sorter.sort(records, scratch: scratch, count: count, firstWords: firstWords, output: base,
                                rows: $0.baseAddress)
                }
            } else {
                finished = sorter.sort(records, scratch: scratch, count: count, firstWords: firstWords, output: base,
                                       rows: nil)
            }
            // Int32 needs no initialising: a cancelled sort's output is dropped unread.
            initialized = count
        }
        try checkpoint()
        guard finished else { throw CancelledError() }
        return sorted
    }

    /// Encodes every row's record into `records`, split across threads, and returns the
    /// smallest and largest first words (nil when cancelled).
    private func encode<Record: SortRecord>(into records: UnsafeMutablePointer<Record>) -> (low: UInt64, high: UInt64)? {
        let words = Record.wordCount
        let encoder = self.encoder, cancellation = self.cancellation
        let parts = Parallel.map(Parallel.ranges(count, threads: threads)) { range -> (low: UInt64, high: UInt64)? in
            let batch = UnsafeMutablePointer<UInt64>.allocate(capacity: Evaluator.batchSize * words)
            defer { batch.deallocate() }
            var low = UInt64.max, high = UInt64.min
            var start = range.lowerBound
            while start < range.upperBound {
                let end = min(range.upperBound, start + Evaluator.batchSize)
                encoder.encode(start..<end, into: batch)
                for index in 0..<end - start {
                    let record = Record(words: batch + index &* words)
                    let first = record.word(0)
                    low = min(low, first)
                    high = max(high, first)
                    (records + start + index).initialize(to: record)
                }
                start = end
                if (start / Evaluator.batchSize) % 64 == 0, cancellation?.isCancelled == true { return nil }
            }
            return (low, high)
        }
        var low = UInt64.max, high = UInt64.min
        for part in parts {
            guard let part else { return nil }
            low = min(low, part.low)
            high = max(high, part.high)
        }
        return (low, high)
    }
}
