import Columnar

/// Numbers as an analyst reads them on a chart: thousands separators, a fixed number of
/// decimals, and compact forms (1.2M) where a tick label would otherwise be long.
///
/// Written by hand rather than through `String(format:)` so the module needs no Foundation
/// and the output is the same on every platform.
enum NumberText {
    /// `value` with `decimals` digits after the point and a comma every three digits before it.
    /// Values too large to round through an integer fall back to Swift's shortest form.
    static func grouped(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let decimals = min(max(decimals, 0), 12)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        // 9e18 is below Int64's limit, so the conversion cannot trap.
        guard scaled < 9e18 else { return String(value) }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        let whole = units / divisor
        let fraction = units % divisor
        var text = Thousands.separated(String(whole))
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        let isZero = units == 0
        return (value < 0 && !isZero ? "-" : "") + text
    }

    /// A data value written in full: integers exactly, fractions to about three significant digits.
    static func value(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let magnitude = abs(value)
        // Beyond what digits can show readably: three significant digits and an exponent.
        if magnitude >= 1e15 || (magnitude > 0 && magnitude < 1e-6) { return scientific(value, decimals: 2) }
        if value == value.rounded() { return grouped(value, decimals: 0) }
        let decimals = magnitude >= 1 ? 2 : min(8, 2 - Int(log10Floor(magnitude)))
        return trimZeros(grouped(value, decimals: decimals))
    }

    /// A value of a whole-number column: no decimals ever.
    static func integer(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + Thousands.separated(digits)
    }

    /// Tick labels for `values` spaced `step` apart: as many decimals as the step needs, and
    /// compact (K, M, B, T) when the largest label would be longer than `compactFrom` characters.
    static func ticks(_ values: [Double], step: Double, compactFrom: Int = 7) -> [String] {
        let decimals = decimalsFor(step: step)
        // As the table view writes a column: separators only once a value has five digits,
        // so that years read 1990, not 1,990.
        let grouping = values.contains { abs($0) >= 10_000 }
        let plain = values.map { grouping ? grouped($0, decimals: decimals) : String(grouped($0, decimals: decimals).filter { $0 != "," }) }
        let longest = plain.map(\.count).max() ?? 0
        let largest = values.map { abs($0) }.max() ?? 0
        guard longest > compactFrom, largest >= 1000, largest.isFinite else { return plain }
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
        guard let unit = units.first(where: { largest >= $0.0 }) else { return plain }
        if largest / unit.0 >= 1e6 { return values.map { scientific($0) } }
        let compactDecimals = decimalsFor(step: step / unit.0)
        return values.map { $0 == 0 ? "0" : grouped($0 / unit.0, decimals: compactDecimals) + unit.1 }
    }

    /// The decimals that tell apart multiples of `step` (a 1, 2, 2.5 or 5 times a power of ten).
    static func decimalsFor(step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        var decimals = max(0, -Int(log10Floor(step)))
        // 2.5 × 10^k needs one digit more than its power of ten shows.
        let mantissa = step / power10(Int(log10Floor(step)))
        if abs(mantissa - mantissa.rounded()) > 1e-9 { decimals += 1 }
        return min(decimals, 12)
    }


    static func scientific(_ value: Double, decimals: Int = 1) -> String {
        guard value != 0 else { return "0" }
        guard value.isFinite else { return nonFinite(value) }
        var exponent = Int(log10Floor(abs(value)))
        // Dividing by a power of ten below 1e-308 would reach infinity: scale in two steps.
        var mantissa = exponent < -300 ? value * 1e300 / power10(exponent + 300) : value / power10(exponent)
        if abs((mantissa * power10(decimals)).rounded()) >= 10 * power10(decimals) {
            mantissa /= 10
            exponent += 1
        }
        return trimZeros(grouped(mantissa, decimals: decimals)) + "e" + String(exponent)
    }

    static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf")
    }

    private static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = Substring(text)
        while text.last == "0" { text = text.dropLast() }
        if text.last == "." { text = text.dropLast() }
        return String(text)
    }

    /// floor(log10(x)) for finite positive x, by repeated division so the answer is exact at
    /// powers of ten (where `log10` may land a hair below the integer).
    static func log10Floor(_ x: Double) -> Double {
        guard x.isFinite, x > 0 else { return 0 }
        var exponent = 0
        var scaled = x
        while scaled >= 10 { scaled /= 10; exponent += 1 }
        while scaled < 1 { scaled *= 10; exponent -= 1 }
        return Double(exponent)
    }

    static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        if exponent >= 0 {
            for _ in 0..<min(exponent, 400) { result *= 10 }
        } else {
            for _ in 0..<min(-exponent, 400) { result /= 10 }
        }
        return result
    }
}
