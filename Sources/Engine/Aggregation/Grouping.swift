import Columnar
import Evaluation

/// Group numbers for the rows of `summarize ... by`, in order of first appearance.
///
/// When every key is a small number (a dictionary code, a bool, an int or date in a narrow
/// range, with one more value for null), a row's keys combine into one integer by mixed
/// radix. Up to 2^24 combinations index an array directly; beyond that the one integer is
/// hashed, as is one wide key without nulls. Other keys (floats, wide ranges, with nulls)
/// hash their key words. Hashing is radix partitioned (``PartitionedGrouping``).
struct Grouping {
    private(set) var groupOf: [Int32]
    private(set) var representatives: [Int32] = []
    /// How the groups were numbered, for `explain analyze`.
    private(set) var method = "hashed keys"

    static let directLimit = 1 << 24

    /// The most bytes per input row any way of numbering the groups holds at once.
    static func bytesPerRow(keys: Int) -> Int { max(4 + 8 * (keys + 1), PartitionedGrouping.bytesPerRow) }

    /// With `hashing`, the keys' words are always hashed: the plainest way, which the tests
    /// hold every other way to.
    init(keys: [Column], count: Int, threads: Int = 1, hashing: Bool = false, checkCancelled: () throws -> Void) throws {
        // Allocated by the way that numbers the groups (the partitioned one makes its own).
        groupOf = []
        guard !keys.isEmpty else {
            groupOf = [Int32](repeating: 0, count: count)
            representatives = [0]
            return
        }
        if hashing {
            groupOf = [Int32](repeating: 0, count: count)
            try hash(keys, count: count, checkCancelled: checkCancelled)
            return
        }
        let ranges = Parallel.ranges(count, threads: threads)
        if keys.count == 1, case .string(let codes, let dictionary) = keys[0].values {
            // The most common case: one string key, its code is the slot (no slot array).
            method = "dictionary codes"
            codes.withUnsafeBufferPointer { codes in
                assign(ranges, slotCount: dictionary.count + 1,
                       CodeSlots(codes: codes, validity: keys[0].validity, nullSlot: dictionary.count))
            }
            return
        }
        if let digits = KeyDigits(keys, threads: threads) {
            try checkCancelled()
            if digits.combinations <= Self.directLimit {
                method = "small keys combined"
                let slots = digits.slots(count: count, threads: threads, as: Int32.self)
                slots.withUnsafeBufferPointer { slots in
                    assign(ranges, slotCount: digits.combinations, CombinedSlots(slots: slots))
                }
            } else {
                let slots = digits.slots(count: count, threads: threads, as: UInt64.self)
                try slots.withUnsafeBufferPointer { try partition($0, threads: threads, checkCancelled: checkCancelled) }
                method = "small keys combined, then hashed in \(method)"
            }
            return
        }
        if keys.count == 1, keys[0].validity == nil {
            // One wide key without nulls: its word is the whole key.
            if case .int(let values) = keys[0].values {
                try values.withUnsafeBufferPointer { values in
                    try values.withMemoryRebound(to: UInt64.self) {
                        try partition($0, threads: threads, checkCancelled: checkCancelled)
                    }
                }
            } else {
                try KeyWords.words(keys[0]).withUnsafeBufferPointer {
                    try partition($0, threads: threads, checkCancelled: checkCancelled)
                }
            }
            method = "hashed in \(method)"
            return
        }
        // Any other keys: their words hashed, rows with equal hashes compared.
        try partition(HashedKeyWords(words: KeyWords(keys, count: count)), count: count, threads: threads,
                      checkCancelled: checkCancelled)
        method = "key words hashed in \(method)"
    }

    /// Groups by one 64-bit key per row, radix partitioned across threads.
    private mutating func partition(_ keys: UnsafeBufferPointer<UInt64>, threads: Int,
                                    checkCancelled: () throws -> Void) throws {
        try partition(WholeKeyWords(keys: keys), count: keys.count, threads: threads, checkCancelled: checkCancelled)
    }

    private mutating func partition<Keys: PartitionKeys>(_ keys: Keys, count: Int, threads: Int,
                                                         checkCancelled: () throws -> Void) throws {
        let grouping = try PartitionedGrouping(keys, count: count, threads: threads, checkCancelled: checkCancelled)
        groupOf = grouping.groupOf
        representatives = grouping.representatives
        method = "\(grouping.partitions) partitions"
    }

    /// Groups by hashing each row's key words.
    private mutating func hash(_ keys: [Column], count: Int, checkCancelled: () throws -> Void) throws {
        let words = KeyWords(keys, count: count)
        var table = GroupTable(capacity: min(count, 1 << 16))
        for row in 0..<count {
            if row % Evaluator.batchSize == 0 { try checkCancelled() }
            groupOf[row] = table.group(of: row, in: words)
        }
        representatives = table.representatives
    }


    /// Groups numbered by first appearance from each row's slot (below `slotCount`): one
    /// pass on one thread, or split across threads when there are several ranges.
    private mutating func assign<Source: SlotSource>(_ ranges: [Range<Int>], slotCount: Int, _ source: Source) {
        groupOf = [Int32](repeating: 0, count: ranges.last?.upperBound ?? 0)
        if ranges.count > 1 { return assignInParallel(ranges, slotCount: slotCount, source) }
        assignInOrder(count: ranges.first?.upperBound ?? 0, slotCount: slotCount, source)
    }

    private mutating func assignInOrder<Source: SlotSource>(count: Int, slotCount: Int, _ source: Source) {
        var groupOfSlot = [Int32](repeating: -1, count: slotCount)
        var found: [Int32] = []
        groupOf.withUnsafeMutableBufferPointer { groupOf in
            groupOfSlot.withUnsafeMutableBufferPointer { groupOfSlot in
                for row in 0..<count {
                    let slot = source.slot(row)
                    var group = groupOfSlot[slot]
                    if group < 0 {
                        group = Int32(found.count)
                        groupOfSlot[slot] = group
                        found.append(Int32(row))
                    }
                    groupOf[row] = group
                }
            }
        }
        representatives = found
    }

    /// Groups numbered by first appearance, with the rows split across threads: each part
    /// finds the first row of each slot it holds, the parts' answers merge in row order, and
    /// each part then writes its rows' groups.
    private mutating func assignInParallel<Source: SlotSource>(_ ranges: [Range<Int>], slotCount: Int, _ source: Source) {
        // Generic rather than a closure, so the slot of a row is inlined into the loops.
        func slot(_ row: Int) -> Int { source.slot(row) }
        let firsts: [[Int32]] = Parallel.map(ranges) { range in
            var first = [Int32](repeating: -1, count: slotCount)
            first.withUnsafeMutableBufferPointer { first in
                for row in range where first[slot(row)] < 0 { first[slot(row)] = Int32(row) }
            }
            return first
        }
        var firstRow = firsts[0]
        for part in firsts.dropFirst() {
            for index in 0..<slotCount where firstRow[index] < 0 { firstRow[index] = part[index] }
        }
        // Number the slots in the order of their first rows: mark those rows, then read the
        // marks in row order (no sort of the slots).
        var marks = RowMarks(rows: ranges.last!.upperBound)
        for index in 0..<slotCount where firstRow[index] >= 0 { marks.insert(Int(firstRow[index])) }
        representatives = marks.ranked().rows()
        var groupOfSlot = [Int32](repeating: -1, count: slotCount)
        for (group, row) in representatives.enumerated() { groupOfSlot[slot(Int(row))] = Int32(group) }
        groupOfSlot.withUnsafeBufferPointer { groupOfSlot in
            groupOf.withUnsafeMutableBufferPointer { groupOf in
                Parallel.run(ranges) { _, range in
                    for row in range { groupOf[row] = groupOfSlot[slot(row)] }
                }
            }
        }
    }
}
