import Columnar
import Glibc
import Synthetic
import Testing

/// The loader's number parsing: the fast path must give exactly what strtod gives.
@Suite struct ValueParsingTests {
    static func strtodValue(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        var end: UnsafeMutablePointer<CChar>?
        return text.withCString { start in
            let value = strtod(start, &end)
            return end == UnsafeMutablePointer(mutating: start) + text.utf8.count && value.isFinite ? value : nil
        }
    }

    @Test func decimalsAgreeWithStrtodBitForBit() {
        var random = SplitMix64(seed: 7)
        let digits = Array("0123456789")
        func run(_ maxLength: Int) -> String {
            String((0...random.below(maxLength)).map { _ in digits[random.below(10)] })
        }
        for _ in 0..<200_000 {
            var text = random.below(4) == 0 ? "-" : (random.below(10) == 0 ? "+" : "")
            text += run(random.below(2) == 0 ? 6 : 20)
            if random.below(3) > 0 { text += "." + run(random.below(2) == 0 ? 4 : 18) }
            if random.below(4) == 0 {
                text += ["e", "E", "e-", "e+"][random.below(4)] + String(random.below(random.below(2) == 0 ? 25 : 400))
            }
            let parsed = ValueParsing.decimal(Array(text.utf8))
            let expected = Self.strtodValue(text)
            #expect(parsed?.bitPattern == expected?.bitPattern, "\(text)")
            if parsed?.bitPattern != expected?.bitPattern { return }
        }
    }

    @Test func edgeCases() {
        for text in ["0", "-0", "1.", "1.e5", "9007199254740993", "0.1", "123456789012345", "1234567890123456",
                     "1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "1.7976931348623157e308", "1e309", "0.000001234",
                     "100000000000000000000000", "1e", "1e+", "-", "+", ".", ".5", "5..", "1e5.5", "--1", ""] {
            #expect(ValueParsing.decimal(Array(text.utf8))?.bitPattern == Self.strtodValue(text)?.bitPattern, "\(text)")
        }
    }

    @Test func datesWithoutAllocating() {
        #expect(DateFormat.parse(Array("2024-02-29".utf8)) != nil)
        #expect(DateFormat.parse(Array("2023-02-29".utf8)) == nil)
        #expect(DateFormat.parse(Array("2023-13-01".utf8)) == nil)
        #expect(DateFormat.parse(Array("2023-1-011".utf8)) == nil)
        #expect(DateFormat.parse(Array("0000-01-01".utf8)).map(DateFormat.format(days:)) == "0000-01-01")
    }
}
