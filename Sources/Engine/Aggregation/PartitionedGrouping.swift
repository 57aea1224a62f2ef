import Columnar

/// What ``PartitionedGrouping`` reads of the rows' keys: one word per row, equal for equal
/// keys, and a comparison of two rows for when the word is only a hash of the keys.
protocol PartitionKeys {
    func word(_ row: Int) -> UInt64
    /// True when equal words are equal keys, so rows are never compared.
    static var wordIsKey: Bool { get }
    func equal(_ a: Int, _ b: Int) -> Bool
}

/// Keys that are one 64-bit integer per row (one int key, or small keys combined).
struct WholeKeyWords: PartitionKeys {
    let keys: UnsafeBufferPointer<UInt64>

    @inline(__always) func word(_ row: Int) -> UInt64 { keys[row] }
    static var wordIsKey: Bool { true }
    func equal(_ a: Int, _ b: Int) -> Bool { keys[a] == keys[b] }
}

/// Any keys, nulls included, as their words (``KeyWords``): the word is their hash.
struct HashedKeyWords: PartitionKeys {
    let words: KeyWords

    @inline(__always) func word(_ row: Int) -> UInt64 { UInt64(bitPattern: Int64(words.hash(row))) }
    static var wordIsKey: Bool { false }
    @inline(__always) func equal(_ a: Int, _ b: Int) -> Bool { words.equal(a, words, b) }
}

/// Group numbers for many groups: a radix partitioned hash grouping that uses every thread
/// and no lock.
///
/// One hash table over millions of groups misses the cache on nearly every row and can only
/// be filled by one thread. Instead the rows are scattered by the top bits of their key's
/// hash into partitions small enough that each one's table stays in the cache; each thread
/// then groups whole partitions on its own. The scatter keeps row order within a partition,
/// so every partition numbers its groups by first appearance, and a last pass ranks the
/// groups' first rows to give the numbers of the whole input, the same for any thread count.
struct PartitionedGrouping {
    /// The group of each row, numbered by first appearance.
    private(set) var groupOf: [Int32]
    /// The first row of each group, in group order.
    private(set) var representatives: [Int32] = []
    /// How many partitions the rows were scattered into, for `explain analyze`.
    let partitions: Int

    /// Rows per partition aimed at: a partition's table (twice as many entries, 12 bytes each)
    /// then fits in a core's L2 cache.
    static let rowsPerPartition = 1 << 14

    /// Bytes per input row at the peak: the key and row copies, local and final group numbers.
    static let bytesPerRow = 8 + 4 + 4 + 4 + 4

    init<Keys: PartitionKeys>(_ keys: Keys, count: Int, threads: Int, checkCancelled: () throws -> Void) throws {
        precondition(count < Int(Int32.max), "row numbers are 32-bit")
        var bits = 0
        while bits < 12 && (count >> bits) > Self.rowsPerPartition { bits += 1 }
        partitions = 1 << bits
        // Every row's group is written in the last pass.
        groupOf = [Int32](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        let ranges = Parallel.ranges(count, threads: threads)
        guard count > 0 else { return }
        let shift = UInt64(64 - bits)
        @inline(__always) func partition(_ key: UInt64) -> Int {
            bits == 0 ? 0 : Int(truncatingIfNeeded: Self.hash(key) >> shift)
        }

        // Each range's rows per partition, then where each range writes within a partition:
        // ranges in order, so rows stay in row order within every partition.
        let histograms: [[Int]] = Parallel.map(ranges) { range in
            var histogram = [Int](repeating: 0, count: partitions)
            histogram.withUnsafeMutableBufferPointer { histogram in
                for row in range { histogram[partition(keys.word(row))] &+= 1 }
            }
            return histogram
        }
        var starts = [Int](repeating: 0, count: partitions + 1)
        var cursors = [[Int]](repeating: [], count: ranges.count)
        var offset = 0
        for part in 0..<partitions {
            starts[part] = offset
            for index in ranges.indices {
                cursors[index].append(offset)
                offset += histograms[index][part]
            }
        }
        starts[partitions] = offset
        try checkCancelled()

        let scatteredKeys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
        let scatteredRows = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        // A partition's local group numbers per position, then its groups' first rows.
        let localGroups = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        let firstRows = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        defer {
            scatteredKeys.deallocate()
            scatteredRows.deallocate()
            localGroups.deallocate()
            firstRows.deallocate()
        }
        Parallel.run(ranges) { index, range in
            var cursor = cursors[index]
            cursor.withUnsafeMutableBufferPointer { cursor in
                for row in range {
                    let key = keys.word(row), part = partition(key)
                    let position = cursor[part]
                    scatteredKeys[position] = key
                    scatteredRows[position] = Int32(truncatingIfNeeded: row)
                    cursor[part] = position &+ 1
                }
            }
        }
        try checkCancelled()

        // Whole partitions per thread, cut where the rows are split evenly.
        let partitionRanges = Parallel.balanced(starts, parts: ranges.count)
        var groupCounts = [Int](repeating: 0, count: partitions)
        groupCounts.withUnsafeMutableBufferPointer { groupCounts in
            Parallel.run(partitionRanges) { _, parts in
                var table = LocalTable()
                defer { table.free() }
                for part in parts {
                    groupCounts[part] = table.number(starts[part]..<starts[part + 1], keys, words: scatteredKeys,
                                                     rows: scatteredRows, groups: localGroups, firstRows: firstRows)
                }
            }
        }
        try checkCancelled()

        // Every group's first row marked (each thread in a bitmap of its own, OR-ed after),
        // then ranked in row order: a group's number.
        let partMarks: [RowMarks] = Parallel.map(partitionRanges) { parts in
            var marks = RowMarks(rows: count)
            for part in parts {
                for group in starts[part]..<starts[part] + groupCounts[part] { marks.insert(Int(firstRows[group])) }
            }
            return marks
        }
        var marks = partMarks[0]
        for other in partMarks.dropFirst() { marks.formUnion(other) }
        let ranked = marks.ranked()
        representatives = ranked.rows(threads: ranges.count)
        groupOf.withUnsafeMutableBufferPointer { groupOf in
            Parallel.run(partitionRanges) { _, parts in
                for part in parts {
                    let start = starts[part]
                    // The partition's first rows become its groups' numbers, in place.
                    for group in start..<start + groupCounts[part] {
                        firstRows[group] = ranked.rank(Int(firstRows[group]))
                    }
                    for position in start..<starts[part + 1] {
                        groupOf[Int(scatteredRows[position])] = firstRows[start + Int(localGroups[position])]
                    }
                }
            }
        }
    }

    @inline(__always) static func hash(_ key: UInt64) -> UInt64 {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return h &* 0xD6E8_FEB8_6659_FD93
    }
}

/// One partition's open-addressing table from keys to local group numbers, reused by a thread
/// for partition after partition.
private struct LocalTable {
    private var keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 0)
    private var groups = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 0)

    /// Numbers the groups of the partition at `positions` by first appearance: each position's
    /// group into `groups`, each group's first row into `firstRows` from the partition's start.
    /// Returns the number of groups.
    mutating func number<Keys: PartitionKeys>(_ positions: Range<Int>, _ source: Keys,
                                              words scattered: UnsafeMutableBufferPointer<UInt64>,
                         rows: UnsafeMutableBufferPointer<Int32>, groups out: UnsafeMutableBufferPointer<Int32>,
                         firstRows: UnsafeMutableBufferPointer<Int32>) -> Int {
        var size = 16
        while size < positions.count * 2 { size <<= 1 }
        if groups.count < size {
            keys.deallocate()
            groups.deallocate()
            keys = .allocate(capacity: size)
            groups = .allocate(capacity: size)
        }
        let table = UnsafeMutableBufferPointer(rebasing: groups[0..<size])
        table.initialize(repeating: -1)
        let mask = size - 1
        var count: Int32 = 0
        let base = positions.lowerBound
        for position in positions {
            let key = scattered[position]
            // Low bits of the hash: the top bits chose the partition and are the same here.
            var slot = Int(truncatingIfNeeded: PartitionedGrouping.hash(key)) & mask
            while true {
                let group = table[slot]
                if group < 0 {
                    table[slot] = count
                    keys[slot] = key
                    firstRows[base + Int(count)] = rows[position]
                    out[position] = count
                    count &+= 1
                    break
                }
                if keys[slot] == key,
                   Keys.wordIsKey || source.equal(Int(firstRows[base + Int(group)]), Int(rows[position])) {
                    out[position] = group
                    break
                }
                slot = (slot &+ 1) & mask
            }
        }
        return Int(count)
    }

    // A struct has no deinit: the owner frees the table when done.
    func free() {
        keys.deallocate()
        groups.deallocate()
    }
}
