import Columnar
import Evaluation

/// Where a row's group lives among an aggregate's `slotCount` slots. Aggregates are generic
/// over the source, so reading a row's slot is inlined into every accumulation loop.
protocol SlotSource {
    func slot(_ row: Int) -> Int
}

/// No keys: every row is in the one group.
struct SingleSlot: SlotSource {
    @inline(__always) func slot(_ row: Int) -> Int { 0 }
}

/// One string key with no nulls: the dictionary code. (A type of its own rather than a nil
/// validity: the check per row kept the compiler from hoisting it out of the loops, which
/// made the first-row pass 60% slower.)
struct PlainCodeSlots: SlotSource {
    let codes: UnsafeBufferPointer<UInt32>

    @inline(__always) func slot(_ row: Int) -> Int { Int(codes[row]) }
}

/// One string key: the dictionary code, or one past the last code for null.
struct CodeSlots: SlotSource {
    let codes: UnsafeBufferPointer<UInt32>
    let validity: Bitmap?
    let nullSlot: Int

    @inline(__always) func slot(_ row: Int) -> Int { validity?[row] == false ? nullSlot : Int(codes[row]) }
}

/// One string key read through a selection that reaches a row everywhere, with no nulls.
struct PlainSelectedCodeSlots: SlotSource {
    let rows: UnsafeBufferPointer<Int32>
    let codes: UnsafeBufferPointer<UInt32>

    @inline(__always) func slot(_ row: Int) -> Int { Int(codes[Int(rows[row])]) }
}

/// One string key read through a selection: the code of the selected row, or one past the
/// last code for null (a null value, or no row at all on the right of a left join).
struct SelectedCodeSlots: SlotSource {
    let rows: UnsafeBufferPointer<Int32>
    let codes: UnsafeBufferPointer<UInt32>
    let validity: Bitmap?
    let nullSlot: Int

    @inline(__always) func slot(_ row: Int) -> Int {
        let physical = Int(rows[row])
        return physical < 0 || validity?[physical] == false ? nullSlot : Int(codes[physical])
    }
}

/// Keys already combined into one integer per row (``KeyDigits``).
struct CombinedSlots: SlotSource {
    let slots: UnsafeBufferPointer<Int32>

    @inline(__always) func slot(_ row: Int) -> Int { Int(slots[row]) }
}

/// Group numbers already worked out per row.
struct GroupNumbers: SlotSource {
    let groups: UnsafeBufferPointer<Int32>

    @inline(__always) func slot(_ row: Int) -> Int { Int(groups[row]) }
}
