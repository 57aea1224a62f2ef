import Columnar
import Diagnostics
import Glibc
import Semantic

/// What each scalar function computes, on single values. The evaluator runs this once per
/// dictionary entry for string functions, and per row only where no faster kernel exists.
enum ScalarSemantics {
    /// The result of `function` on non-null arguments (except for `concat` and `if`, which
    /// see nulls). Throws a diagnostic at `span` when the input cannot be converted.
    static func apply(_ function: ScalarFunction, _ arguments: [Value], span: Span) throws -> Value {
        switch function {
        case .concat:
            return .string(arguments.filter { !$0.isNull }.map(\.description).joined())
        case .if:
            return arguments[0] == .bool(true) ? arguments[1] : arguments[2]
        case .coalesce:
            return arguments.first { !$0.isNull } ?? .null
        default:
            if arguments.contains(.null) { return .null }
        }
        let a = Arguments(values: arguments)
        switch function {
        case .lower: return .string(a.string(0).lowercased())
        case .upper: return .string(a.string(0).uppercased())
        case .len: return .int(Int64(a.string(0).count))
        case .trim: return .string(a.string(0).trimmingCharacters())
        case .contains: return .bool(a.string(1).isEmpty || a.string(0).contains(a.string(1)))
        case .startswith: return .bool(a.string(0).hasPrefix(a.string(1)))
        case .endswith: return .bool(a.string(0).hasSuffix(a.string(1)))
        case .replace:
            let from = a.string(1)
            return .string(from.isEmpty ? a.string(0) : a.string(0).replacing(from, with: a.string(2)))
        case .substr:
            let characters = Array(a.string(0))
            let first = max(0, Int(clamping: a.int(1)) - 1)
            var length = characters.count
            if arguments.count == 3 {
                let l = a.int(2)
                guard l >= 0 else { throw RuntimeError.make("E0410", "substr's length cannot be negative (\(l))", span) }
                length = Int(clamping: l)
            }
            guard first < characters.count else { return .string("") }
            return .string(String(characters[first..<(first + min(length, characters.count - first))]))
        case .abs:
            if case .int(let v) = arguments[0] {
                guard v != .min else { throw RuntimeError.make("E0401", "integer overflow in abs(\(v))", span) }
                return .int(Swift.abs(v))
            }
            return .float(Swift.abs(a.float(0)))
        case .round:
            if case .int = arguments[0] { return arguments[0] }
            guard arguments.count == 2 else { return .float(a.float(0).rounded(.toNearestOrAwayFromZero)) }
            let scale = Glibc.pow(10.0, Double(max(-300, min(300, a.int(1)))))
            return .float((a.float(0) * scale).rounded(.toNearestOrAwayFromZero) / scale)
        case .floor:
            if case .int = arguments[0] { return arguments[0] }
            return .float(a.float(0).rounded(.down))
        case .ceil:
            if case .int = arguments[0] { return arguments[0] }
            return .float(a.float(0).rounded(.up))
        case .sqrt: return .float(a.float(0).squareRoot())
        case .pow: return .float(Glibc.pow(a.float(0), a.float(1)))
        case .ln: return .float(Glibc.log(a.float(0)))
        case .log10: return .float(Glibc.log10(a.float(0)))
        case .exp: return .float(Glibc.exp(a.float(0)))
        case .year: return .int(Int64(DateFormat.civil(fromDays: a.date(0)).year))
        case .month: return .int(Int64(DateFormat.civil(fromDays: a.date(0)).month))
        case .day: return .int(Int64(DateFormat.civil(fromDays: a.date(0)).day))
        case .weekday: return .int(Int64(weekday(a.date(0))))
        case .dateTrunc: return .date(truncate(a.date(0), a.string(1)))
        case .daysBetween: return .int(Int64(a.date(1)) - Int64(a.date(0)))
        case .today: return .date(Int32(time(nil) / 86_400))
        case .date:
            guard let days = DateFormat.parse(Array(a.string(0).utf8)) else {
                throw RuntimeError.make("E0411", "cannot convert '\(a.string(0))' to a date", span, help: "dates are written YYYY-MM-DD")
            }
            return .date(days)
        case .int: return try toInt(arguments[0], span: span)
        case .float: return try toFloat(arguments[0], span: span)
        case .string: return .string(arguments[0].description)
        case .distanceKm: return .float(distanceKm(a.float(0), a.float(1), a.float(2), a.float(3)))
        case .concat, .if, .coalesce: preconditionFailure("handled above")
        }
    }

    /// Typed access to non-null arguments; the binder guaranteed the types.
    private struct Arguments {
        let values: [Value]
        func string(_ i: Int) -> String { if case .string(let v) = values[i] { return v }; preconditionFailure() }
        func int(_ i: Int) -> Int64 { if case .int(let v) = values[i] { return v }; preconditionFailure() }
        func date(_ i: Int) -> Int32 { if case .date(let v) = values[i] { return v }; preconditionFailure() }
        func float(_ i: Int) -> Double {
            switch values[i] {
            case .float(let v): return v
            case .int(let v): return Double(v)
            default: preconditionFailure()
            }
        }
    }

    /// ISO weekday: 1 = Monday ... 7 = Sunday. 1970-01-01 was a Thursday.
    static func weekday(_ days: Int32) -> Int {
        ((Int(days) + 3) % 7 + 7) % 7 + 1
    }

    static func truncate(_ days: Int32, _ unit: String) -> Int32 {
        let (year, month, _) = DateFormat.civil(fromDays: days)
        switch unit {
        case "year": return DateFormat.days(year: year, month: 1, day: 1)
        case "quarter": return DateFormat.days(year: year, month: (month - 1) / 3 * 3 + 1, day: 1)
        case "month": return DateFormat.days(year: year, month: month, day: 1)
        default: return days - Int32(weekday(days) - 1)
        }
    }

    static func distanceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians, dLon = (lon2 - lon1) * radians
        let a = Glibc.pow(Glibc.sin(dLat / 2), 2)
            + Glibc.cos(lat1 * radians) * Glibc.cos(lat2 * radians) * Glibc.pow(Glibc.sin(dLon / 2), 2)
        return 2 * 6371.0088 * Glibc.asin(Swift.min(1, a.squareRoot()))
    }

    private static func toInt(_ value: Value, span: Span) throws -> Value {
        switch value {
        case .int: return value
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let f):
            guard f.isFinite, let v = Int64(exactly: f.rounded(.towardZero)) else {
                throw RuntimeError.make("E0412", "cannot convert \(FloatFormat.shortest(f)) to int: out of range", span)
            }
            return .int(v)
        case .string(let s):
            guard let v = Int64(s.trimmingCharacters()) else {
                throw RuntimeError.make("E0412", "cannot convert '\(s)' to int", span,
                                        help: "int() of text needs a whole number such as 42")
            }
            return .int(v)
        default:
            return .null
        }
    }

    private static func toFloat(_ value: Value, span: Span) throws -> Value {
        switch value {
        case .float: return value
        case .int(let v): return .float(Double(v))
        case .string(let s):
            guard let v = Double(s.trimmingCharacters()) else {
                throw RuntimeError.make("E0412", "cannot convert '\(s)' to float", span)
            }
            return .float(v)
        default:
            return .null
        }
    }
}

extension String {
    func trimmingCharacters() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

}
