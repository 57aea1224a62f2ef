import Glibc

/// Parsing of single values from bytes, shared by the CSV reader and casts.
public enum ValueParsing {
    /// An optional sign and digits, without leading zeros (they mark codes); nil otherwise.
    public static func int<C: Collection>(_ bytes: C) -> Int64? where C.Element == UInt8 {
        var iterator = bytes.makeIterator()
        guard let (negative, byte) = signAndFirstByte(&iterator) else { return nil }
        guard byte >= 0x30, byte <= 0x39 else { return nil }
        if byte == 0x30, bytes.count > (negative || bytes.first == UInt8(ascii: "+") ? 2 : 1) { return nil }
        var value: Int64 = 0
        var current: UInt8? = byte
        while let digit = current {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = negative
                ? shifted.subtractingReportingOverflow(Int64(digit - 0x30))
                : shifted.addingReportingOverflow(Int64(digit - 0x30))
            if overflow1 || overflow2 { return nil }
            value = added
            current = iterator.next()
        }
        return value
    }

    /// A decimal float (`1.5`, `-2e3`; not `.5`, `nan`, `inf` or hex), without leading zeros
    /// before the point (`007.5` is a code); nil otherwise.
    public static func float<C: Collection>(_ bytes: C) -> Double? where C.Element == UInt8 {
        guard let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || (first >= 0x30 && first <= 0x39)
        else { return nil }
        let digits = bytes.drop(while: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") })
        if digits.count > 1, digits.first == 0x30, digits.dropFirst().first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true {
            return nil
        }
        return decimal(bytes)
    }

    /// Any decimal number, leading zeros allowed (`007`, `0.5`, `-1e3`); not `nan`, `inf`
    /// or hex. Parsed with strtod from a stack copy of the bytes: no `String` per value.
    public static func decimal<C: Collection>(_ bytes: C) -> Double? where C.Element == UInt8 {
        if let exact = exactDecimal(bytes) { return exact }
        guard looksDecimal(bytes), bytes.count < 128 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer -> Double? in
            var index = 0
            for byte in bytes {
                buffer[index] = CChar(bitPattern: byte)
                index += 1
            }
            buffer[index] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard end == buffer.baseAddress! + bytes.count, value.isFinite else { return nil }
            return value
        }
    }

    /// Powers of ten a Double holds exactly.
    private static let exactPowers: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// The common case without strtod: `[+-]digits[.digits][e[+-]digits]` with at most 15
    /// significant digits and a power of ten up to 22, where one multiplication or division
    /// of two exact doubles is correctly rounded (Clinger's fast path). Nil when the text is
    /// anything else, and strtod decides.
    static func exactDecimal<C: Collection>(_ bytes: C) -> Double? where C.Element == UInt8 {
        var iterator = bytes.makeIterator()
        guard let (negative, byte) = signAndFirstByte(&iterator) else { return nil }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var sawDigit = false
        var current: UInt8? = byte
        // Whole part.
        while let b = current, b >= 0x30, b <= 0x39 {
            if digits > 0 || b != 0x30 { digits += 1 }
            mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
            sawDigit = true
            current = iterator.next()
        }
        if current == UInt8(ascii: ".") {
            current = iterator.next()
            while let b = current, b >= 0x30, b <= 0x39 {
                if digits > 0 || b != 0x30 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
                scale -= 1
                sawDigit = true
                current = iterator.next()
            }
        }
        guard sawDigit, digits <= 15 else { return nil }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            current = iterator.next()
            var exponentNegative = false
            if current == UInt8(ascii: "-") || current == UInt8(ascii: "+") {
                exponentNegative = current == UInt8(ascii: "-")
                current = iterator.next()
            }
            var exponent = 0
            var sawExponentDigit = false
            while let b = current, b >= 0x30, b <= 0x39 {
                exponent = min(exponent * 10 + Int(b - 0x30), 10_000)
                sawExponentDigit = true
                current = iterator.next()
            }
            guard sawExponentDigit else { return nil }
            scale += exponentNegative ? -exponent : exponent
        }
        guard current == nil, abs(scale) <= 22 else { return nil }
        var value = Double(mantissa)
        value = scale < 0 ? value / exactPowers[-scale] : value * exactPowers[scale]
        return negative ? -value : value
    }

    /// An optional leading sign, and the byte after it; nil when the text ends first.
    private static func signAndFirstByte<I: IteratorProtocol>(_ iterator: inout I) -> (negative: Bool, byte: UInt8)?
    where I.Element == UInt8 {
        guard let byte = iterator.next() else { return nil }
        let negative = byte == UInt8(ascii: "-")
        guard negative || byte == UInt8(ascii: "+") else { return (false, byte) }
        return iterator.next().map { (negative, $0) }
    }

    /// Only digits, signs, a point and exponent letters, with at least one digit: the
    /// characters of a decimal number (a cheap test before parsing).
    public static func looksDecimal<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var sawDigit = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): continue
            default: return false
            }
        }
        return sawDigit
    }

    /// An integer that may have leading zeros (`007`), for declared int columns.
    public static func paddedInt<C: Collection>(_ bytes: C) -> Int64? where C.Element == UInt8 {
        guard looksDecimal(bytes), bytes.count < 40 else { return nil }
        return Int64(String(decoding: bytes, as: UTF8.self))
    }

    public static func bool<C: Collection>(_ bytes: C) -> Bool? where C.Element == UInt8 {
        if bytes.elementsEqual("true".utf8) { return true }
        if bytes.elementsEqual("false".utf8) { return false }
        return nil
    }
}
