import Evaluation

/// One thread's share of a ``RadixSorter``: sorts whole buckets, a digit per pass, from a
/// stack of buckets still to do (no recursion, one histogram reused), and writes their rows.
struct BucketSorter<Record: SortRecord> {
    typealias Bucket = RadixSorter<Record>.Bucket
    typealias Digit = RadixSorter<Record>.Digit

    /// Buckets of at most this many records are insertion-sorted.
    static var smallBucket: Int { 24 }
    /// Records handled between looks at the cancellation flag.
    static var checkEvery: Int { 1 << 17 }

    let sorter: RadixSorter<Record>
    let buffers: RadixSorter<Record>.Buffers
    private var pending: [Bucket] = []
    private var counts = [Int](repeating: 0, count: RadixSorter<Record>.maximumDigitValues)
    private var doneSinceCheck = 0

    init(sorter: RadixSorter<Record>, buffers: RadixSorter<Record>.Buffers) {
        self.sorter = sorter
        self.buffers = buffers
    }

    /// Sorts `buckets` and every bucket they split into. False when cancelled.
    mutating func finish(_ buckets: [Bucket]) -> Bool {
        pending = buckets.reversed()
        while let bucket = pending.popLast() {
            sort(bucket)
            doneSinceCheck += bucket.count
            if doneSinceCheck >= Self.checkEvery {
                doneSinceCheck = 0
                if sorter.cancellation?.isCancelled == true { return false }
            }
        }
        return true
    }

    /// Finishes a bucket, or splits it by its next digit and queues the parts.
    private mutating func sort(_ bucket: Bucket) {
        let source = bucket.inScratch ? buffers.scratch : buffers.main
        let target = bucket.inScratch ? buffers.main : buffers.scratch
        let start = bucket.start, count = bucket.count, end = start + count
        var bit = bucket.bit
        var found: Digit?
        while found == nil {
            guard bit < sorter.keyBits, count > Self.smallBucket else {
                // Equal keys are still in the order they came in; a small bucket's records
                // never tie, so sorting them whole keeps that order too.
                if bit < sorter.keyBits { insertionSort(source + start, count) }
                for index in start..<end { buffers.emit(source[index], at: index) }
                return
            }
            let bounds = Digit.bounds(source, start..<end, at: bit)
            found = Digit(bit: &bit, bounds: bounds, count: count, keyBits: sorter.keyBits)
        }
        let digit = found!
        counts.withUnsafeMutableBufferPointer { counts in
            let values = digit.values
            counts.baseAddress!.update(repeating: 0, count: values)
            for index in start..<end { counts[digit.of(source[index])] &+= 1 }
            // Counts become each digit's first place, then, after the moves, its end.
            var place = start
            for value in 0..<values {
                let size = counts[value]
                counts[value] = place
                place += size
            }
            for index in start..<end {
                let record = source[index]
                let value = digit.of(record)
                target[counts[value]] = record
                counts[value] &+= 1
            }
            // Queue the parts last first, so the first runs next.
            var partEnd = end
            for value in stride(from: values - 1, through: 0, by: -1) {
                let partStart = value == 0 ? start : counts[value - 1]
                let size = partEnd - partStart
                if size == 1 {
                    buffers.emit(target[partStart], at: partStart)
                } else if size > 1 {
                    pending.append(Bucket(start: partStart, count: size, bit: digit.bit + digit.bits,
                                          inScratch: !bucket.inScratch))
                }
                partEnd = partStart
            }
        }
    }

    /// Sorts `count` records in place by their whole words; records never tie.
    private func insertionSort(_ records: UnsafeMutablePointer<Record>, _ count: Int) {
        guard count > 1 else { return }
        for index in 1..<count {
            let record = records[index]
            var hole = index
            while hole > 0 && Record.before(record, records[hole - 1]) {
                records[hole] = records[hole - 1]
                hole -= 1
            }
            records[hole] = record
        }
    }
}
