import Columnar
import Evaluation
import Semantic

/// How the rows of one aggregate find their group, chosen once from the key columns before
/// any row is accumulated. Either way the aggregates then run the same accumulators
/// (``Accumulators``), over a ``SlotSource`` and a slot count.
enum AggregationStrategy {
    /// Each row's slot comes straight from its keys; the aggregates accumulate by slot, and
    /// the slots that occur become the groups afterwards, in order of first appearance. For
    /// keys with few combinations next to the rows: no group number per row is ever stored.
    case bySlot(SlotKeys, slotCount: Int)
    /// Dense group numbers per row first (from a slot table, or by hashing), then the
    /// aggregates by group: for keys with many combinations.
    case byGroupNumber(Grouping)

    /// What gives a row's slot in ``bySlot``.
    enum SlotKeys {
        /// No keys: one group.
        case none
        /// One string key: its code.
        case code(Column)
        /// One string key read in place through a selection (after a join, say).
        case selectedCode(Column, Selection)
        /// Small keys combined into one number per row.
        case combined([Int32])
    }

    /// The most slots ``bySlot`` uses for `rows` rows: every aggregate keeps an array of this
    /// size per thread, so not many more than there are rows.
    static func slotLimit(rows: Int) -> Int { min(Grouping.directLimit, max(1 << 16, rows / 4)) }

    /// The strategy for these keys (columns already evaluated over the input), and the key
    /// columns it reads. `forceHashing` takes the plainest way, for the tests.
    /// `checkMemory(rows, bytesPerRow)` stops before the group numbers are built when they
    /// would pass the memory limit.
    static func choose(keys: [Column], count: Int, threads: Int, forceHashing: Bool,
                       checkMemory: (Int, Int) throws -> Void,
                       checkCancelled: () throws -> Void) throws -> AggregationStrategy {
        if keys.isEmpty { return .bySlot(.none, slotCount: 1) }
        if !forceHashing {
            let limit = slotLimit(rows: count)
            if keys.count == 1, case .string(_, let dictionary) = keys[0].values, dictionary.count + 1 <= limit {
                return .bySlot(.code(keys[0]), slotCount: dictionary.count + 1)
            }
            if let digits = KeyDigits(keys, threads: threads), digits.combinations <= limit {
                try checkCancelled()
                return .bySlot(.combined(digits.slots(count: count, threads: threads, as: Int32.self)),
                               slotCount: digits.combinations)
            }
        }
        // A group number per row, and at most a copy of the keys (hashed) or a partitioned
        // copy of one combined key with its row numbers.
        try checkMemory(count, Grouping.bytesPerRow(keys: keys.count))
        let grouping = try Grouping(keys: keys, count: count, threads: threads, hashing: forceHashing,
                                    checkCancelled: checkCancelled)
        return .byGroupNumber(grouping)
    }

    /// One string key that is a column read through a selection, small enough to stay in the
    /// cache: its codes are read in place rather than gathered into a copy first.
    static func selectedStringKey(_ input: Relation, _ keys: [BoundExpr], count: Int) -> AggregationStrategy? {
        guard keys.count == 1, case .column(let index) = keys[0].kind, let selection = input.selections[index],
              case .string(_, let dictionary) = input.columns[index].values, input.columns[index].count <= 1 << 20,
              dictionary.count + 1 <= slotLimit(rows: count) else { return nil }
        return .bySlot(.selectedCode(input.columns[index], selection), slotCount: dictionary.count + 1)
    }

    /// How many slots the aggregates accumulate into.
    var slotCount: Int {
        switch self {
        case .bySlot(_, let slots): return slots
        case .byGroupNumber(let grouping): return grouping.representatives.count
        }
    }

    /// How the groups are found, for `explain analyze`.
    var detail: String {
        switch self {
        case .bySlot(.none, _): return "one group"
        case .bySlot(.code, let slots), .bySlot(.selectedCode, let slots):
            return "by slot: dictionary codes (\(slots) slots)"
        case .bySlot(.combined, let slots): return "by slot: small keys combined (\(slots) slots)"
        case .byGroupNumber(let grouping):
            return "by group number: \(grouping.method) (\(grouping.representatives.count) groups)"
        }
    }
}
