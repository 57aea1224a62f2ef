/// A fixed-size set of bits, used for validity (1 = value present) and row masks.
public struct Bitmap: Sendable, Equatable {
    public private(set) var words: [UInt64]
    public let count: Int

    /// A bitmap of `count` bits, all set to `value`.
    public init(count: Int, value: Bool) {
        self.count = count
        let wordCount = (count + 63) / 64
        words = [UInt64](repeating: value ? ~0 : 0, count: wordCount)
        if value, count % 64 != 0, wordCount > 0 {
            words[wordCount - 1] = (1 << UInt64(count % 64)) - 1
        }
    }

    /// A bitmap over the given words (bit `i` is bit `i % 64` of word `i / 64`); bits past
    /// `count` must be zero.
    public init(words: [UInt64], count: Int) {
        precondition(words.count == (count + 63) / 64)
        self.words = words
        self.count = count
    }

    public init(_ bits: [Bool]) {
        self.init(count: bits.count, value: false)
        for (index, bit) in bits.enumerated() where bit { self[index] = true }
    }

    public subscript(index: Int) -> Bool {
        get { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }
        set {
            if newValue {
                words[index >> 6] |= 1 << UInt64(index & 63)
            } else {
                words[index >> 6] &= ~(1 << UInt64(index & 63))
            }
        }
    }

    /// The number of set bits.
    public var setCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
}
