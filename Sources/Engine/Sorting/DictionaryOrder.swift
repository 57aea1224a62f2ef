import Columnar
import Evaluation
import Glibc

/// The order of a dictionary's entries by their UTF-8 bytes (the order of code points), for
/// string sort keys, which sort by the rank of their entry.
///
/// A dictionary of a million entries took a comparison sort over 200 ms, more than sorting a
/// million rows. Entries are radix-sorted instead by their first eight bytes and how many
/// bytes they have left; entries that tie with bytes still to come are sorted again by their
/// next eight bytes, and so on (a run of a few, by comparing their bytes).
enum DictionaryOrder {
    /// Runs of fewer entries are sorted by comparing bytes.
    private static var smallRun: Int { 64 }

    /// Each entry's position in byte order.
    static func ranks(_ dictionary: StringDictionary, threads: Int = 1, cancellation: Cancellation? = nil) throws -> [UInt32] {
        var order = (0..<Int32(dictionary.count)).map { $0 }
        try dictionary.bytes.withUnsafeBufferPointer { bytes in
            try dictionary.offsets.withUnsafeBufferPointer { offsets in
                let entries = Entries(bytes: bytes, offsets: offsets)
                try order.withUnsafeMutableBufferPointer { order in
                    try sort(order, from: 0, entries, threads: threads, cancellation: cancellation)
                }
            }
        }
        var ranks = [UInt32](repeating: 0, count: dictionary.count)
        for (rank, code) in order.enumerated() { ranks[Int(code)] = UInt32(rank) }
        return ranks
    }

    /// The dictionary's bytes and where each entry starts.
    private struct Entries {
        let bytes: UnsafeBufferPointer<UInt8>
        let offsets: UnsafeBufferPointer<Int>

        /// Eight bytes of entry `code` from byte `from`, as a big-endian word (zeros past its
        /// end), and how many of its bytes are left from there, at most nine ("more than eight").
        @inline(__always)
        func window(_ code: Int32, from: Int) -> (word: UInt64, left: UInt64) {
            let start = offsets[Int(code)] + from, end = offsets[Int(code) + 1]
            let available = max(0, min(8, end - start))
            var word: UInt64 = 0
            if available > 0 { withUnsafeMutableBytes(of: &word) { $0.baseAddress!.copyMemory(from: bytes.baseAddress! + start, byteCount: available) } }
            return (UInt64(bigEndian: word), UInt64(min(9, max(0, end - start))))
        }

        /// Byte order of two entries known to agree before byte `from`.
        func before(_ a: Int32, _ b: Int32, from: Int) -> Bool {
            let aStart = offsets[Int(a)] + from, aCount = offsets[Int(a) + 1] - aStart
            let bStart = offsets[Int(b)] + from, bCount = offsets[Int(b) + 1] - bStart
            let common = min(aCount, bCount)
            if common > 0 {
                let order = memcmp(bytes.baseAddress! + aStart, bytes.baseAddress! + bStart, common)
                if order != 0 { return order < 0 }
            }
            return aCount < bCount
        }
    }

    /// Sorts `codes`, entries that agree on their bytes before `from`, by their bytes from there.
    private static func sort(_ codes: UnsafeMutableBufferPointer<Int32>, from: Int, _ entries: Entries, threads: Int,
                             cancellation: Cancellation?) throws {
        let count = codes.count
        guard count > 1 else { return }
        if count < smallRun {
            var comparisons = 0
            var codes = codes
            try codes.sort { a, b in
                comparisons &+= 1
                if comparisons & 0xFFFF == 0, cancellation?.isCancelled == true { throw CancelledError() }
                return entries.before(a, b, from: from)
            }
            return
        }
        // Records: the window in word 0; bytes left (4 bits), then the code's place in `codes`.
        let positionBits = Int.bitWidth - (count - 1).leadingZeroBitCount
        let records = UnsafeMutablePointer<SortRecord2>.allocate(capacity: count)
        let scratch = UnsafeMutablePointer<SortRecord2>.allocate(capacity: count)
        let sorted = UnsafeMutablePointer<Int32>.allocate(capacity: count)
        defer {
            records.deallocate()
            scratch.deallocate()
            sorted.deallocate()
        }
        for index in 0..<count {
            let (word, left) = entries.window(codes[index], from: from)
            var words = (word, left << 60 | UInt64(index))
            withUnsafePointer(to: &words) {
                $0.withMemoryRebound(to: UInt64.self, capacity: 2) { (records + index).initialize(to: SortRecord2(words: $0)) }
            }
        }
        let sorter = RadixSorter<SortRecord2>(keyBits: 68, positionBits: positionBits, threads: threads,
                                              cancellation: cancellation)
        guard sorter.sort(records, scratch: scratch, count: count, firstWords: nil, output: sorted,
                          rows: UnsafePointer(codes.baseAddress!)) else { throw CancelledError() }
        codes.baseAddress!.update(from: sorted, count: count)
        // Entries with more than eight bytes left that tie on these eight: their order is in
        // the bytes after.
        var runStart = 0
        var runKey = entries.window(codes[0], from: from)
        for index in 1...count {
            let key = index < count ? entries.window(codes[index], from: from) : (word: 0, left: 0)
            if index == count || key != runKey {
                if index - runStart > 1 && runKey.left > 8 {
                    try sort(UnsafeMutableBufferPointer(rebasing: codes[runStart..<index]), from: from + 8, entries,
                             threads: index - runStart >= 2 * Parallel.minimumRowsPerThread ? threads : 1,
                             cancellation: cancellation)
                }
                runStart = index
                runKey = key
            }
        }
    }
}
