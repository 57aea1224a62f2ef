/// ``ValueParsing``'s rules over raw bytes, shaped for a loader's inner loop: the common
/// short forms are decided inline and anything unusual goes to the general parser, so both
/// always agree.
enum FieldParsing {
    /// ``ValueParsing/int(_:)``: an optional sign and digits without leading zeros.
    @inline(__always)
    static func int(_ text: UnsafePointer<UInt8>, _ length: Int) -> Int64? {
        var index = 0
        let sign = text[0]
        if sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { index = 1 }
        let digits = length - index
        // Up to 18 digits cannot overflow; longer ones take the checked path.
        guard digits > 0, digits <= 18 else { return ValueParsing.int(UnsafeBufferPointer(start: text, count: length)) }
        if text[index] == UInt8(ascii: "0") && digits > 1 { return nil }
        var value: Int64 = 0
        while index < length {
            let digit = text[index] &- 0x30
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int64(digit)
            index += 1
        }
        return sign == UInt8(ascii: "-") ? -value : value
    }

    /// ``ValueParsing/float(_:)`` (inferred columns: no leading zeros) or
    /// ``ValueParsing/decimal(_:)`` (declared ones).
    @inline(__always)
    static func float(_ text: UnsafePointer<UInt8>, _ length: Int, declared: Bool) -> Double? {
        if let value = simpleDecimal(text, length, allowLeadingZeros: declared) { return value }
        let bytes = UnsafeBufferPointer(start: text, count: length)
        return declared ? ValueParsing.decimal(bytes) : ValueParsing.float(bytes)
    }

    /// Powers of ten a Double holds exactly.
    private static let exactPowers: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// `[+-]digits[.digits]` with at most 15 significant digits: one exact division
    /// (Clinger's fast path). Nil for anything else, which the general parser then decides.
    @inline(__always)
    private static func simpleDecimal(_ text: UnsafePointer<UInt8>, _ length: Int, allowLeadingZeros: Bool) -> Double? {
        var index = 0
        let sign = text[0]
        if sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { index = 1 }
        guard length - index <= 16, index < length else { return nil }
        let first = index
        var mantissa: UInt64 = 0
        var point = -1
        while index < length {
            let byte = text[index]
            let digit = byte &- 0x30
            if digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
            } else if byte == UInt8(ascii: "."), point < 0 {
                point = index
            } else {
                return nil
            }
            index += 1
        }
        // Digits on both sides of a point (`1.` and `.5` are not numbers here).
        guard point != first, point != length - 1 else { return nil }
        if !allowLeadingZeros, text[first] == UInt8(ascii: "0"), first + 1 < length, text[first + 1] != UInt8(ascii: ".") {
            return nil
        }
        // At most 16 characters with a sign or point leaves at most 15 digits; 16 bare
        // digits may not be exact.
        if point < 0 && length - first > 15 { return nil }
        let scale = point < 0 ? 0 : length - 1 - point
        let value = Double(mantissa) / exactPowers[scale]
        return sign == UInt8(ascii: "-") ? -value : value
    }

    /// ``DateFormat/parse(_:)``: exactly `YYYY-MM-DD`, a real calendar day.
    @inline(__always)
    static func date(_ text: UnsafePointer<UInt8>, _ length: Int) -> Int32? {
        guard length == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-") else { return nil }
        @inline(__always) func digit(_ index: Int) -> Int? {
            let value = text[index] &- 0x30
            return value < 10 ? Int(value) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3, month = m0 * 10 + m1, day = d0 * 10 + d1
        guard month >= 1, month <= 12, day >= 1, day <= DateFormat.daysInMonth(year: year, month: month) else { return nil }
        return DateFormat.days(year: year, month: month, day: day)
    }

    /// ``ValueParsing/bool(_:)``: `true` or `false`.
    @inline(__always)
    static func bool(_ text: UnsafePointer<UInt8>, _ length: Int) -> Bool? {
        ValueParsing.bool(UnsafeBufferPointer(start: text, count: length))
    }
}
