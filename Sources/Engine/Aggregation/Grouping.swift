import Columnar
import Evaluation

/// Group numbers for the rows of `summarize ... by`, in order of first appearance.
///
/// When every key is a small number (a dictionary code, a bool, an int or date in a narrow
/// range, with one more value for null), a row's keys combine into one integer by mixed
/// radix. Up to 2^24 combinations index an array directly; beyond that one integer is
/// hashed. Other keys (floats, wide ranges) hash their key words.
struct Grouping {
    private(set) var groupOf: [Int32]
    private(set) var representatives: [Int32] = []
    /// How the groups were numbered, for `explain analyze`.
    private(set) var method = "hashed keys"

    static let directLimit = 1 << 24

    /// With `hashing`, the keys' words are always hashed: the plainest way, which the tests
    /// hold every other way to.
    init(keys: [Column], count: Int, threads: Int = 1, hashing: Bool = false, checkCancelled: () throws -> Void) throws {
        groupOf = [Int32](repeating: 0, count: count)
        guard !keys.isEmpty else {
            representatives = [0]
            return
        }
        if hashing {
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
                method = "small keys combined, then hashed"
                let slots = digits.slots(count: count, threads: threads, as: Int.self)
                var table = IntGroupTable()
                for row in 0..<count {
                    if row % (Evaluator.batchSize * 16) == 0 { try checkCancelled() }
                    let (group, isNew) = table.group(of: slots[row])
                    if isNew { representatives.append(Int32(row)) }
                    groupOf[row] = group
                }
            }
            return
        }
        try hash(keys, count: count, checkCancelled: checkCancelled)
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
        let rowCount = ranges.last!.upperBound
        var marks = [UInt64](repeating: 0, count: (rowCount + 63) / 64)
        for index in 0..<slotCount where firstRow[index] >= 0 {
            marks[Int(firstRow[index]) >> 6] |= 1 << UInt64(firstRow[index] & 63)
        }
        var groupOfSlot = [Int32](repeating: -1, count: slotCount)
        var found: [Int32] = []
        for (wordIndex, word) in marks.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                let row = wordIndex * 64 + bits.trailingZeroBitCount
                groupOfSlot[slot(row)] = Int32(found.count)
                found.append(Int32(row))
                bits &= bits - 1
            }
        }
        representatives = found
        groupOfSlot.withUnsafeBufferPointer { groupOfSlot in
            groupOf.withUnsafeMutableBufferPointer { groupOf in
                Parallel.run(ranges) { _, range in
                    for row in range { groupOf[row] = groupOfSlot[slot(row)] }
                }
            }
        }
    }
}

/// Open addressing from one integer key to dense group numbers.
struct IntGroupTable {
    private var keys = [Int](repeating: 0, count: 1 << 16)
    private var groups = [Int32](repeating: -1, count: 1 << 16)
    private var mask = (1 << 16) - 1
    private(set) var count = 0

    /// The group of `key`, and whether it was just made.
    mutating func group(of key: Int) -> (Int32, Bool) {
        var slot = Self.hash(key) & mask
        while groups[slot] >= 0 {
            if keys[slot] == key { return (groups[slot], false) }
            slot = (slot + 1) & mask
        }
        let group = Int32(count)
        keys[slot] = key
        groups[slot] = group
        count += 1
        if count * 2 > groups.count { grow() }
        return (group, true)
    }

    private static func hash(_ key: Int) -> Int {
        var h = UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    private mutating func grow() {
        let oldKeys = keys, oldGroups = groups
        keys = [Int](repeating: 0, count: oldKeys.count * 2)
        groups = [Int32](repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for index in oldGroups.indices where oldGroups[index] >= 0 {
            var slot = Self.hash(oldKeys[index]) & mask
            while groups[slot] >= 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[index]
            groups[slot] = oldGroups[index]
        }
    }
}
