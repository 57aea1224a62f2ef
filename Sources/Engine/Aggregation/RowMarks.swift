import Columnar

/// A set of row numbers as a bitmap, read back in row order and ranked: which first rows
/// become which group numbers, and where each kept row of a per-group top-n goes. One bit per
/// input row, so no array as long as the input is needed to put rows in order.
struct RowMarks {
    private(set) var words: [UInt64]

    init(rows: Int) { words = [UInt64](repeating: 0, count: (rows + 63) / 64) }

    mutating func insert(_ row: Int) { words[row >> 6] |= 1 << UInt64(row & 63) }

    mutating func formUnion(_ other: RowMarks) {
        for word in words.indices { words[word] |= other.words[word] }
    }

    /// The marks with each word's count of marks before it, to rank a marked row.
    func ranked() -> Ranked { Ranked(words) }

    struct Ranked {
        let words: [UInt64]
        /// Marks before each word; the last entry is the total.
        let before: [Int32]

        fileprivate init(_ words: [UInt64]) {
            self.words = words
            var before = [Int32](repeating: 0, count: words.count + 1)
            var total: Int32 = 0
            for (index, word) in words.enumerated() {
                before[index] = total
                total &+= Int32(word.nonzeroBitCount)
            }
            before[words.count] = total
            self.before = before
        }

        var count: Int { Int(before[words.count]) }

        /// How many marked rows come before `row` (its place among them, when it is marked).
        @inline(__always) func rank(_ row: Int) -> Int32 {
            before[row >> 6] &+ Int32((words[row >> 6] & ((1 << UInt64(row & 63)) - 1)).nonzeroBitCount)
        }

        /// The marked rows in order, the words split across up to `threads` threads.
        func rows(threads: Int = 1) -> [Int32] {
            let parts = max(1, min(threads, words.count))
            let spans = (0..<parts).map { part in words.count * part / parts..<words.count * (part + 1) / parts }
            return [Int32](unsafeUninitializedCapacity: count) { rows, initialized in
                Parallel.run(spans) { _, span in
                    for word in span where words[word] != 0 {
                        var next = Int(before[word]), rest = words[word]
                        while rest != 0 {
                            rows[next] = Int32(word * 64 + rest.trailingZeroBitCount)
                            next &+= 1
                            rest &= rest - 1
                        }
                    }
                }
                initialized = count
            }
        }
    }
}
