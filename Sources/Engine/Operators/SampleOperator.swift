import Evaluation
import Semantic

extension Executor {
    /// `sample`: `rows` of the input's rows (all of them when there are no more), every set
    /// of that many equally likely, kept in input order. The rows chosen depend on the seed,
    /// the step's stream and the number of input rows only: the draw is one loop on one
    /// thread, whatever the thread count.
    func sample(_ input: Relation, rows: Int, stream: Int) throws -> Relation {
        let total = input.count
        guard rows < total else { return input }
        guard rows > 0 else { return input.selecting([]) }
        // A bit per input row, then the chosen rows' numbers.
        try checkMemory(rows: rows, bytesPerRow: 4 + (total / rows + 7) / 8, what: "the sample")
        var random = SampleRandom(seed: seed, stream: stream)
        // Floyd's algorithm draws k distinct rows in k steps. Where more than half the rows are
        // kept, it draws the rows to leave out instead, so k is at most half of them.
        let leavesOut = rows > total / 2
        let draws = leavesOut ? total - rows : rows
        var marked = [UInt64](repeating: 0, count: (total + 63) / 64)
        try marked.withUnsafeMutableBufferPointer { marked in
            for candidate in (total - draws)..<total {
                if candidate & 0xFFFF == 0 { try evaluator.checkCancelled() }
                let drawn = Int(random.below(UInt64(candidate) + 1))
                let row = marked[drawn >> 6] & (1 << UInt64(drawn & 63)) != 0 ? candidate : drawn
                marked[row >> 6] |= 1 << UInt64(row & 63)
            }
        }
        var kept: [Int32] = []
        kept.reserveCapacity(rows)
        for (index, bits) in marked.enumerated() {
            var word = leavesOut ? ~bits : bits
            // Past the last row, the inverted word has bits that are no rows.
            let rowsInWord = min(64, total - index * 64)
            if rowsInWord < 64 { word &= (1 << UInt64(rowsInWord)) - 1 }
            while word != 0 {
                kept.append(Int32(index * 64 + word.trailingZeroBitCount))
                word &= word - 1
            }
        }
        return input.selecting(kept)
    }

    /// The rows `sample p percent` keeps of `total`: p of every hundred, rounded to the
    /// nearest row (a half rounds up). The share is a constant the planner checked for type;
    /// here its value, which a parameter or a subquery may make null or out of range.
    func sampleSize(percent: BoundExpr, of total: Int) throws -> Int {
        let value = try evaluator.constant(percent)
        let share: Double
        switch value {
        case .int(let number): share = Double(number)
        case .float(let number): share = number
        default: throw RuntimeError.make("E0350", "'sample' needs a percentage, found null", percent.span)
        }
        guard share >= 0, share <= 100 else {
            throw RuntimeError.make("E0350", "'sample' needs a percentage from 0 to 100, found \(value)", percent.span)
        }
        return min(total, Int((Double(total) * share / 100).rounded()))
    }
}

/// The random numbers of one `sample` step: SplitMix64 (Steele, Lea and Flood, 2014), its
/// state started from the seed and the step's stream, and Lemire's unbiased way of drawing a
/// number below a bound. Both are written out here so that a seed keeps giving the same rows
/// with another Swift release (the standard library promises neither its generators nor how
/// `random(in:)` uses them).
struct SampleRandom {
    private var state: UInt64

    init(seed: UInt64, stream: Int) {
        // Each stream is a sequence of its own, not the seed's sequence shifted by a step.
        state = Self.mixed(seed &+ Self.mixed(UInt64(truncatingIfNeeded: stream) &* 0x9E37_79B9_7F4A_7C15))
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mixed(state)
    }

    /// A number in 0..<bound, each equally likely: the high half of a random number times
    /// the bound, drawn again in the rare case that would favour some values.
    mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "a bound above zero")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }

    /// SplitMix64's finalizer: every bit of the result depends on every bit of `value`.
    private static func mixed(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
