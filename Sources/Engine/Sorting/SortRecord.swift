/// One row's normalized sort key and its position, as a fixed number of `UInt64` words that
/// compare as one big unsigned integer (word 0 most significant).
///
/// The key's bits come first, from the top of word 0; the row's position fills the low bits
/// of the last word. Positions are distinct, so no two records are equal and any order of
/// records is the stable order of their rows. The radix sort and the top-n heap are generic
/// over the width, so each width gets its own specialised loops; keys wider than four words
/// are sorted in stages (``SortStages``).
protocol SortRecord {
    static var wordCount: Int { get }
    /// The record whose words are `words[0..<wordCount]`.
    init(words: UnsafePointer<UInt64>)
    /// Word `index`, 0 being the most significant.
    func word(_ index: Int) -> UInt64
    /// The least significant word, which holds the position.
    var last: UInt64 { get }
    /// True when `a` orders before `b`.
    static func before(_ a: Self, _ b: Self) -> Bool
}

extension SortRecord {
    /// The 64 bits from bit `bit` on (0 being word 0's most significant), zero past the end.
    @inline(__always)
    func window(_ bit: Int) -> UInt64 {
        let index = bit &>> 6, shift = UInt64(bit & 63)
        let first = word(index)
        if shift == 0 { return first }
        let second = index &+ 1 < Self.wordCount ? word(index &+ 1) : 0
        return first &<< shift | second &>> (64 &- shift)
    }
}

extension UInt64: SortRecord {
    static var wordCount: Int { 1 }

    @inline(__always)
    init(words: UnsafePointer<UInt64>) { self = words[0] }

    @inline(__always)
    func word(_ index: Int) -> UInt64 { self }

    @inline(__always)
    var last: UInt64 { self }

    @inline(__always)
    static func before(_ a: UInt64, _ b: UInt64) -> Bool { a < b }
}

/// Two words per row.
struct SortRecord2: SortRecord {
    var high: UInt64
    var low: UInt64

    static var wordCount: Int { 2 }

    @inline(__always)
    init(words: UnsafePointer<UInt64>) {
        high = words[0]
        low = words[1]
    }

    @inline(__always)
    func word(_ index: Int) -> UInt64 { index == 0 ? high : low }

    @inline(__always)
    var last: UInt64 { low }

    @inline(__always)
    static func before(_ a: Self, _ b: Self) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}

/// Three words per row.
struct SortRecord3: SortRecord {
    var w0: UInt64
    var w1: UInt64
    var w2: UInt64

    static var wordCount: Int { 3 }

    @inline(__always)
    init(words: UnsafePointer<UInt64>) {
        w0 = words[0]
        w1 = words[1]
        w2 = words[2]
    }

    @inline(__always)
    func word(_ index: Int) -> UInt64 { index == 0 ? w0 : (index == 1 ? w1 : w2) }

    @inline(__always)
    var last: UInt64 { w2 }

    @inline(__always)
    static func before(_ a: Self, _ b: Self) -> Bool {
        if a.w0 != b.w0 { return a.w0 < b.w0 }
        return a.w1 != b.w1 ? a.w1 < b.w1 : a.w2 < b.w2
    }
}

/// Four words per row, the widest record; wider keys are sorted in stages.
struct SortRecord4: SortRecord {
    var w0: UInt64
    var w1: UInt64
    var w2: UInt64
    var w3: UInt64

    static var wordCount: Int { 4 }

    @inline(__always)
    init(words: UnsafePointer<UInt64>) {
        w0 = words[0]
        w1 = words[1]
        w2 = words[2]
        w3 = words[3]
    }

    @inline(__always)
    func word(_ index: Int) -> UInt64 {
        switch index {
        case 0: return w0
        case 1: return w1
        case 2: return w2
        default: return w3
        }
    }

    @inline(__always)
    var last: UInt64 { w3 }

    @inline(__always)
    static func before(_ a: Self, _ b: Self) -> Bool {
        if a.w0 != b.w0 { return a.w0 < b.w0 }
        if a.w1 != b.w1 { return a.w1 < b.w1 }
        return a.w2 != b.w2 ? a.w2 < b.w2 : a.w3 < b.w3
    }
}

/// Calls back with the record type of `words` words (1 to 4), so the caller's generic code
/// is specialised per width.
protocol SortRecordUser {
    associatedtype Output
    func use<Record: SortRecord>(_ type: Record.Type) throws -> Output
}

extension SortRecordUser {
    func run(words: Int) throws -> Output {
        switch words {
        case 1: return try use(UInt64.self)
        case 2: return try use(SortRecord2.self)
        case 3: return try use(SortRecord3.self)
        default:
            precondition(words == 4, "records are one to four words")
            return try use(SortRecord4.self)
        }
    }
}
