import Columnar
import Evaluation

/// Sorts records (``SortRecord``) by their key bits with a most-significant-digit-first
/// radix sort, and writes the rows in order.
///
/// Each pass first finds the smallest and largest of the next 64 key bits in its bucket:
/// the bits they share are the same for every record and are skipped, and the digit is as
/// wide as keeps the span of its values within about one counter per record. So a key's
/// low-entropy bits (a float's exponent, the top of a narrow range) go by in the same pass as
/// the bits after them rather than costing passes of their own.
///
/// The first pass over the whole input is split across threads (per-thread histograms, prefix
/// sums, each thread moving its own rows to disjoint places) and leaves buckets that fit in
/// cache; the buckets are then shared out between threads, and each thread finishes its own
/// (``BucketSorter``). Most significant first keeps the data out of cache for one pass, where
/// least significant first would stream it through memory once per digit.
///
/// Every pass is stable, and records never tie (their positions differ), so the insertion
/// sorts that finish small buckets keep the stable order too.
struct RadixSorter<Record: SortRecord> {
    /// How many bits of the records are key; after them come padding and the position.
    let keyBits: Int
    let positionBits: Int
    let threads: Int
    let cancellation: Cancellation?

    /// The widest histogram: wider digits would spread one pass's writes over too many pages.
    static var maximumDigitValues: Int { 4096 }
    /// Buckets of more records are split with ``split(_:_:bounds:into:)``, which looks at the
    /// cancellation flag inside its passes; one thread finishes a smaller one in a few ms.
    static var largestBucket: Int { 1 << 20 }

    /// A run of records, all equal in their key bits before `bit`, in one of the two buffers.
    struct Bucket {
        var start: Int
        var count: Int
        var bit: Int
        var inScratch: Bool
    }

    /// Sorts `records[0..<count]`, using `scratch` (as large) as the other buffer, and writes
    /// each record's row to `output` in order: its position, read through `rows` when given.
    /// `firstWords` are the smallest and largest first words, when the caller knows them.
    /// False when cancelled, with `output` unfinished.
    func sort(_ records: UnsafeMutablePointer<Record>, scratch: UnsafeMutablePointer<Record>, count: Int,
              firstWords: (low: UInt64, high: UInt64)?, output: UnsafeMutablePointer<Int32>,
              rows: UnsafePointer<Int32>?) -> Bool {
        let buffers = Buffers(main: records, scratch: scratch, output: output, rows: rows,
                              positionMask: positionBits == 64 ? .max : (1 << UInt64(positionBits)) - 1)
        let whole = Bucket(start: 0, count: count, bit: 0, inScratch: false)
        if !needsSplit(count, of: count) {
            var worker = BucketSorter(sorter: self, buffers: buffers)
            return worker.finish([whole])
        }
        var buckets: [Bucket] = []
        guard split(whole, buffers, bounds: firstWords, into: &buckets) else { return false }
        // Contiguous groups of buckets of about equal rows, one group per thread.
        var groups: [Range<Int>] = []
        var groupStart = 0, rowsSoFar = 0
        for (index, bucket) in buckets.enumerated() {
            rowsSoFar += bucket.count
            if rowsSoFar * threads >= count * (groups.count + 1) || index == buckets.count - 1 {
                groups.append(groupStart..<index + 1)
                groupStart = index + 1
            }
        }
        let finished = Parallel.map(groups) { group in
            var worker = BucketSorter(sorter: self, buffers: buffers)
            return worker.finish(Array(buckets[group]))
        }
        return finished.allSatisfy { $0 }
    }

    /// One pass over `bucket` split across threads, whose buckets go to `buckets`; a bucket
    /// still too big for one thread's share is split the same way again. `bounds` are the
    /// smallest and largest 64 key bits at the bucket's bit, when known.
    private func split(_ bucket: Bucket, _ buffers: Buffers, bounds known: (low: UInt64, high: UInt64)?,
                       into buckets: inout [Bucket]) -> Bool {
        var bit = bucket.bit
        var known = known
        let ranges = Parallel.ranges(bucket.count, threads: threads).map {
            bucket.start + $0.lowerBound..<bucket.start + $0.upperBound
        }
        let source = bucket.inScratch ? buffers.scratch : buffers.main
        let target = bucket.inScratch ? buffers.main : buffers.scratch
        var digit: Digit?
        while bit < keyBits {
            let bounds = known ?? Self.bounds(source, ranges, at: bit)
            known = nil
            if cancellation?.isCancelled == true { return false }
            digit = Digit(bit: &bit, bounds: bounds, count: bucket.count, keyBits: keyBits)
            if digit != nil { break }
        }
        guard let digit else {
            buckets.append(Bucket(start: bucket.start, count: bucket.count, bit: bit, inScratch: bucket.inScratch))
            return true
        }
        let counts = Parallel.map(ranges) { range in digit.histogram(source, range) }
        if cancellation?.isCancelled == true { return false }
        // Each thread's first place per digit: the digits before it, then the same digit's
        // rows in the threads before it.
        var places = counts
        var place = bucket.start
        var totals = [Int](repeating: 0, count: digit.values)
        for value in 0..<digit.values {
            for part in counts.indices {
                places[part][value] = place
                place += counts[part][value]
                totals[value] += counts[part][value]
            }
        }
        let cancellation = self.cancellation
        // One job per part: the part's index picks its places.
        let stopped = Parallel.map(ranges.indices.map { $0..<$0 + 1 }) { job -> Bool in
            var next = places[job.lowerBound]
            return next.withUnsafeMutableBufferPointer { next in
                digit.scatter(source, target, ranges[job.lowerBound], next.baseAddress!, cancellation)
            }
        }
        if stopped.contains(true) { return false }
        var start = bucket.start
        for total in totals where total > 0 {
            let child = Bucket(start: start, count: total, bit: bit + digit.bits, inScratch: !bucket.inScratch)
            start += total
            if needsSplit(total, of: bucket.count) {
                guard split(child, buffers, bounds: nil, into: &buckets) else { return false }
            } else {
                buckets.append(child)
            }
        }
        return true
    }

    /// True when a bucket of `count` records, part of `parent`, is split by ``split(_:_:bounds:into:)``
    /// rather than finished by one thread: when it is big, or too big a share of its parent for
    /// the threads to share the work out evenly.
    private func needsSplit(_ count: Int, of parent: Int) -> Bool {
        count > Self.largestBucket
            || threads > 1 && count >= 2 * Parallel.minimumRowsPerThread && count * 2 * threads > parent
    }

    /// The smallest and largest 64 key bits at `bit` in `ranges`, read on a thread each.
    private static func bounds(_ records: UnsafeMutablePointer<Record>, _ ranges: [Range<Int>],
                               at bit: Int) -> (low: UInt64, high: UInt64) {
        let parts = Parallel.map(ranges) { range in Digit.bounds(records, range, at: bit) }
        return (parts.map(\.low).min()!, parts.map(\.high).max()!)
    }

    /// The two record buffers, the output, and how a record's position becomes a row.
    struct Buffers {
        let main: UnsafeMutablePointer<Record>
        let scratch: UnsafeMutablePointer<Record>
        let output: UnsafeMutablePointer<Int32>
        let rows: UnsafePointer<Int32>?
        let positionMask: UInt64

        @inline(__always)
        func emit(_ record: Record, at index: Int) {
            let position = Int(truncatingIfNeeded: record.last & positionMask)
            output[index] = rows.map { $0[position] } ?? Int32(truncatingIfNeeded: position)
        }
    }

    /// `bits` key bits from key bit `bit`, less `base`: a counter index.
    struct Digit {
        let bit: Int
        let bits: Int
        let base: UInt64
        /// How many counters: the span of the digit's values.
        let values: Int

        /// The digit for records whose next 64 key bits from `bit` lie within `bounds`,
        /// `count` of them: the bits the bounds share are skipped (advancing `bit`), and the
        /// digit is the widest whose values span at most about one counter per record. Nil
        /// when there is nothing to sort on at this `bit`: `bit` then points past the bits
        /// looked at.
        init?(bit: inout Int, bounds: (low: UInt64, high: UInt64), count: Int, keyBits: Int) {
            let shared = (bounds.low ^ bounds.high).leadingZeroBitCount
            bit += shared
            guard shared < 64, bit < keyBits else { return nil }
            let low = bounds.low << UInt64(shared), high = bounds.high << UInt64(shared)
            let limit = UInt64(max(16, min(count, RadixSorter.maximumDigitValues)))
            var bits = 1
            while bits < 64 - shared && bit + bits < keyBits {
                let wider = UInt64(64 - bits - 1)
                if (high >> wider) - (low >> wider) + 1 > limit { break }
                bits += 1
            }
            self.bit = bit
            self.bits = bits
            base = low >> UInt64(64 - bits)
            values = Int(high >> UInt64(64 - bits) - base) + 1
        }

        @inline(__always)
        func of(_ record: Record) -> Int {
            Int(truncatingIfNeeded: record.window(bit) &>> UInt64(64 - bits) &- base)
        }

        /// The smallest and largest 64 key bits at `bit` in `range`.
        static func bounds(_ records: UnsafeMutablePointer<Record>, _ range: Range<Int>,
                           at bit: Int) -> (low: UInt64, high: UInt64) {
            var low = UInt64.max, high = UInt64.min
            for index in range {
                let window = records[index].window(bit)
                low = min(low, window)
                high = max(high, window)
            }
            return (low, high)
        }

        func histogram(_ records: UnsafeMutablePointer<Record>, _ range: Range<Int>) -> [Int] {
            var counts = [Int](repeating: 0, count: values)
            counts.withUnsafeMutableBufferPointer { counts in
                for index in range { counts[of(records[index])] &+= 1 }
            }
            return counts
        }

        /// Moves `range` of `source` to `target`, each record to the next place of its digit.
        /// True when stopped by cancellation.
        func scatter(_ source: UnsafeMutablePointer<Record>, _ target: UnsafeMutablePointer<Record>, _ range: Range<Int>,
                     _ places: UnsafeMutablePointer<Int>, _ cancellation: Cancellation?) -> Bool {
            var start = range.lowerBound
            while start < range.upperBound {
                let end = min(range.upperBound, start + (1 << 18))
                for index in start..<end {
                    let record = source[index]
                    let value = of(record)
                    target[places[value]] = record
                    places[value] &+= 1
                }
                start = end
                if cancellation?.isCancelled == true { return true }
            }
            return false
        }
    }
}
