import Columnar

/// One tick of an axis: where it is, in data units, and what it says.
struct Tick: Equatable {
    var value: Double
    var label: String
}

/// A scale from data values to a length: its range in data units and the ticks on it. The
/// terminal and the SVG draw the same `Axis`, so they show the same ticks.
struct Axis: Equatable {
    var lower: Double
    var upper: Double
    var ticks: [Tick]

    /// Where `value` falls between `lower` (0) and `upper` (1), clamped; 0 for a degenerate range.
    /// Halves are subtracted so that ranges spanning most of Double's range do not overflow.
    func fraction(_ value: Double) -> Double {
        let span = upper / 2 - lower / 2
        guard span > 0, span.isFinite else { return 0 }
        let t = (value / 2 - lower / 2) / span
        guard t.isFinite else { return t > 0 ? 1 : 0 }
        return min(max(t, 0), 1)
    }

    /// `value` as a position in `0...(steps - 1)`: the dot, eighth or pixel it lands on.
    func position(_ value: Double, steps: Int) -> Int {
        guard steps > 1 else { return 0 }
        return Int((fraction(value) * Double(steps - 1)).rounded())
    }
}

/// Round steps: 1, 2 and 5 times a power of ten for axes, and 2.5 besides for histogram bins.
enum NiceSteps {
    static let axisMantissas: [Double] = [1, 2, 5, 10]
    static let binMantissas: [Double] = [1, 2, 2.5, 5, 10]

    /// The smallest round step at least `raw`.
    static func step(atLeast raw: Double, mantissas: [Double]) -> Double? {
        guard raw.isFinite, raw > 0 else { return nil }
        let base = NumberText.power10(Int(NumberText.log10Floor(raw)))
        let mantissa = raw / base
        let chosen = mantissas.first { $0 >= mantissa * (1 - 1e-12) } ?? 10
        let step = chosen * base
        return step.isFinite && step > 0 ? step : nil
    }

    /// The round step (1, 2 or 5 × 10^k) nearest `raw` on a log scale, so an axis gets about
    /// as many ticks as asked for, sometimes a few more.
    static func step(near raw: Double) -> Double? {
        guard raw.isFinite, raw > 0 else { return nil }
        let base = NumberText.power10(Int(NumberText.log10Floor(raw)))
        let mantissa = raw / base
        // The geometric midpoints between 1, 2, 5 and 10.
        let chosen: Double = mantissa >= 7.0710678 ? 10 : mantissa >= 3.1622777 ? 5 : mantissa >= 1.4142136 ? 2 : 1
        let step = chosen * base
        return step.isFinite && step > 0 ? step : nil
    }

    /// Multiples of `step` from at or below `minimum` to at or above `maximum`; nil when there
    /// would be more than `limit` of them or the arithmetic leaves the finite numbers.
    static func multiples(of step: Double, covering minimum: Double, _ maximum: Double, limit: Int = 200) -> [Double]? {
        let first = (minimum / step).rounded(.down)
        let last = (maximum / step).rounded(.up)
        guard first.isFinite, last.isFinite, last - first < Double(limit) else { return nil }
        let count = Int(last - first)
        var values: [Double] = []
        for index in 0...count {
            let value = (first + Double(index)) * step
            guard value.isFinite else { return nil }
            // A product like 3 × 0.1 is 0.30000000000000004: clean the tiny error near zero.
            values.append(abs(value) < step * 1e-9 ? 0 : value)
        }
        return values
    }
}

extension Axis {
    /// An axis over numbers from `minimum` to `maximum`, widened to round ticks about
    /// `target` apart. A single value gets a range around it; non-finite input gets 0...1.
    static func numeric(_ minimum: Double, _ maximum: Double, target: Int = 5) -> Axis {
        guard minimum.isFinite, maximum.isFinite, minimum <= maximum else { return numeric(0, 1, target: target) }
        var low = minimum, high = maximum
        if low == high {
            let magnitude = low == 0 ? 1 : NumberText.power10(Int(NumberText.log10Floor(abs(low))))
            low -= magnitude
            high += magnitude
        }
        let raw = high / Double(max(target, 1)) - low / Double(max(target, 1))
        var step = NiceSteps.step(near: raw)
        // The nearest step can overshoot the count asked for once the ends round outwards.
        if let near = step, let values = NiceSteps.multiples(of: near, covering: low, high), values.count > target + 2 {
            step = NiceSteps.step(atLeast: near * 1.5, mantissas: NiceSteps.axisMantissas)
        }
        guard let step, let values = NiceSteps.multiples(of: step, covering: low, high), values.count >= 2 else {
            // Beyond what round steps can cover (near Double's limits): just the two ends.
            return Axis(lower: low, upper: high,
                        ticks: [Tick(value: low, label: NumberText.scientific(low)),
                                Tick(value: high, label: NumberText.scientific(high))])
        }
        let labels = NumberText.ticks(values, step: step)
        return Axis(lower: values[0], upper: values[values.count - 1],
                    ticks: zip(values, labels).map { Tick(value: $0, label: $1) })
    }

    /// An axis over dates (days since 1970): the data's own range, with ticks on the first of
    /// a year (labelled YYYY), of a month (YYYY-MM) or on days (YYYY-MM-DD), by the span.
    static func dates(_ first: Int32, _ last: Int32, target: Int = 5) -> Axis {
        var low = Int(min(first, last)), high = Int(max(first, last))
        if low == high { low -= 1; high += 1 }
        let span = high - low
        let target = max(target, 1)
        var ticks: [Tick] = []
        let (lowYear, lowMonth, _) = DateFormat.civil(fromDays: Int32(clamping: low))
        let (highYear, _, _) = DateFormat.civil(fromDays: Int32(clamping: high))
        if span >= 3 * 365 {
            let years = Double(highYear - lowYear) / Double(target)
            let step = max(1, Int(NiceSteps.step(atLeast: max(years, 1), mantissas: NiceSteps.axisMantissas) ?? 1))
            var year = (lowYear / step) * step
            if year < lowYear { year += step }
            while year <= highYear {
                let day = dayNumber(year: year, month: 1)
                if day >= low, day <= high { ticks.append(Tick(value: Double(day), label: yearText(year))) }
                year += step
            }
        } else if span >= 60 {
            let months = Double(span) / 30.44 / Double(target)
            let step = [1, 2, 3, 6, 12].first { Double($0) >= months } ?? 12
            var (year, month) = (lowYear, lowMonth)
            while true {
                let day = dayNumber(year: year, month: month)
                if day > high { break }
                if day >= low, (month - 1) % step == 0 {
                    ticks.append(Tick(value: Double(day), label: yearText(year) + "-" + twoDigits(month)))
                }
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
        } else {
            let days = Double(span) / Double(target)
            let step = [1, 2, 7, 14, 30].first { Double($0) >= days } ?? 30
            var day = low
            while day <= high {
                ticks.append(Tick(value: Double(day), label: DateFormat.format(days: Int32(clamping: day))))
                day += step
            }
        }
        return Axis(lower: Double(low), upper: Double(high), ticks: ticks)
    }

    /// Days since 1970 of the first of a month, in `Int` so that months just past the ends of
    /// `Int32`'s range cannot trap (`DateFormat.days` returns `Int32`).
    static func dayNumber(year: Int, month: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    private static func yearText(_ year: Int) -> String {
        year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
