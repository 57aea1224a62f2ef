import Columnar
import Diagnostics
import Glibc
import Semantic

/// What each scalar function computes, on single values. The evaluator runs this once per
/// dictionary entry for string functions, and per row only where no faster kernel exists.
enum ScalarSemantics {
    /// The result of `function` on non-null arguments (except for the functions that see
    /// nulls: `concat`, `format`, `if`, `case`, `coalesce`, `greatest`, `least`, `nullif`).
    /// Throws a diagnostic at `span`, or at the argument's span in `argumentSpans` when one
    /// argument is to blame, when the input cannot be converted. `patterns` keeps the
    /// regular expressions and date patterns compiled once.
    static func apply(_ function: ScalarFunction, _ arguments: [Value], span: Span, argumentSpans: [Span] = [],
                      patterns: PatternCache) throws -> Value {
        func spanOf(_ index: Int) -> Span { index < argumentSpans.count ? argumentSpans[index] : span }
        switch function {
        case .concat:
            return .string(arguments.filter { !$0.isNull }.map(\.description).joined())
        case .format:
            guard case .string(let template) = arguments[0] else { return .null }
            return .string(try patterns.format(template, span: spanOf(0)).filled(with: arguments.dropFirst().map(\.description)))
        case .if:
            return arguments[0] == .bool(true) ? arguments[1] : arguments[2]
        case .case:
            return firstChosen(arguments)
        case .coalesce:
            return arguments.first { !$0.isNull } ?? .null
        case .greatest, .least:
            return extreme(arguments, largest: function == .greatest)
        case .nullif:
            if arguments[0].isNull || arguments[1].isNull { return arguments[0] }
            return equal(arguments[0], arguments[1]) ? .null : arguments[0]
        default:
            if arguments.contains(.null) { return .null }
        }
        let a = Arguments(values: arguments)
        switch function {
        case .lower: return .string(a.string(0).lowercased())
        case .upper: return .string(a.string(0).uppercased())
        case .len: return .int(Int64(a.string(0).count))
        case .trim: return .string(a.string(0).trimmingCharacters())
        // Matching is on UTF-8 bytes, like '==': "é" and "e\u{301}" are different text.
        case .contains: return .bool(Bytes.find(Array(a.string(1).utf8), in: Array(a.string(0).utf8), from: 0) != nil)
        case .startswith: return .bool(Array(a.string(0).utf8).starts(with: Array(a.string(1).utf8)))
        case .endswith: return .bool(Array(a.string(0).utf8).reversed().starts(with: Array(a.string(1).utf8).reversed()))
        case .replace: return .string(Bytes.replace(a.string(0), a.string(1), with: a.string(2)))
        case .substr:
            // SQL's rule: positions count from 1; the length counts from `start` even when
            // start is before the text, so substr(s, 0, 2) is the first character.
            let characters = Array(a.string(0))
            let start = a.int(1)
            var end = Int64.max
            if arguments.count == 3 {
                let length = a.int(2)
                guard length >= 0 else { throw RuntimeError.make("E0410", "substr's length cannot be negative (\(length))", span) }
                end = start.addingReportingOverflow(length).overflow ? .max : start + length
            }
            let first = Int(clamping: max(1, start)) - 1
            let last = Int(clamping: min(end, Int64(characters.count) + 1)) - 1
            guard first < last else { return .string("") }
            return .string(String(characters[first..<last]))
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
        case .matches: return .bool(try patterns.regex(a.string(1), span: spanOf(1)).matches(a.string(0)))
        case .extract:
            let group = arguments.count == 3 ? a.int(2) : 0
            return try patterns.regex(a.string(1), span: spanOf(1)).extract(a.string(0), group: group, span: spanOf(2))
        case .regexReplace:
            let pattern = try patterns.regex(a.string(1), span: spanOf(1))
            let template = try patterns.replacement(a.string(2), span: spanOf(2))
            return .string(try pattern.replacing(in: a.string(0), with: template, span: spanOf(2)))
        case .splitPart: return .string(Text.splitPart(a.string(0), separator: a.string(1), index: a.int(2)))
        case .strpos: return .int(Text.position(of: a.string(1), in: a.string(0)))
        case .left: return .string(Text.left(a.string(0), a.int(1)))
        case .right: return .string(Text.right(a.string(0), a.int(1)))
        case .lpad, .rpad:
            return .string(try Text.pad(a.string(0), to: a.int(1), with: a.string(2), onLeft: function == .lpad,
                                        function: function, span: spanOf(1)))
        case .reverse: return .string(String(a.string(0).reversed()))
        case .strftime: return .string(try patterns.datePattern(a.string(1), span: spanOf(1)).format(a.date(0)))
        case .parseDate: return try patterns.datePattern(a.string(1), span: spanOf(1)).parse(a.string(0)).map(Value.date) ?? .null
        case .dateAdd: return .date(try DateArithmetic.add(a.int(1), a.string(2), to: a.date(0), span: span))
        case .concat, .format, .if, .case, .coalesce, .greatest, .least, .nullif: preconditionFailure("handled above")
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
        case "decade": return DateFormat.days(year: year - year % 10, month: 1, day: 1)
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
            // Decimal notation only: Double("nan"), Double("inf") and hex would also parse.
            let text = s.trimmingCharacters()
            guard text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ".eE+-".utf8.contains($0) }), let v = Double(text) else {
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

/// Substring search and replacement on UTF-8 bytes.
enum Bytes {
    /// The first position of `needle` in `haystack` at or after `start`; an empty needle is
    /// found at `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count - start else { return nil }
        if needle.isEmpty { return start }
        var position = start
        while position + needle.count <= haystack.count {
            if haystack[position] == needle[0], haystack[position..<position + needle.count].elementsEqual(needle) {
                return position
            }
            position += 1
        }
        return nil
    }

    static func replace(_ text: String, _ target: String, with replacement: String) -> String {
        let haystack = Array(text.utf8), needle = Array(target.utf8)
        guard !needle.isEmpty else { return text }
        var out: [UInt8] = []
        var position = 0
        while let found = find(needle, in: haystack, from: position) {
            out += haystack[position..<found]
            out += replacement.utf8
            position = found + needle.count
        }
        out += haystack[position...]
        return String(decoding: out, as: UTF8.self)
    }
}
