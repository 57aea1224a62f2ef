import Columnar
import Diagnostics
import Semantic

/// Regular expressions, replacements, format templates and date patterns, each compiled
/// once per evaluator: a function that runs once per dictionary entry (or per row, when the
/// pattern is a column) looks its pattern up rather than compiling it again. A pattern that
/// does not compile is an error at `span`; constant ones were checked by the binder.
///
/// Keyed by UTF-8 bytes, never by `String`: Swift strings compare equal (and hash alike)
/// when canonically equivalent, so "é" and "e" + U+0301 would share one compiled pattern.
final class PatternCache {
    private var regexes: [[UInt8]: TextPattern] = [:]
    private var replacements: [[UInt8]: ReplacementTemplate] = [:]
    private var templates: [[UInt8]: FormatTemplate] = [:]
    private var datePatterns: [[UInt8]: DatePattern] = [:]
    /// Patterns read from a column could be all different: past this many, start again.
    private static let limit = 4096

    func regex(_ pattern: String, span: Span) throws -> TextPattern {
        try Self.lookUp(pattern, in: &regexes, span: span, { "invalid regular expression '\(pattern)': \($0)" },
                        compile: TextPattern.init)
    }

    func replacement(_ text: String, span: Span) throws -> ReplacementTemplate {
        try Self.lookUp(text, in: &replacements, span: span, { "invalid replacement '\(text)': \($0)" },
                        compile: ReplacementTemplate.init)
    }

    func format(_ text: String, span: Span) throws -> FormatTemplate {
        try Self.lookUp(text, in: &templates, span: span, { "invalid format template: \($0)" }, compile: FormatTemplate.init)
    }

    func datePattern(_ text: String, span: Span) throws -> DatePattern {
        try Self.lookUp(text, in: &datePatterns, span: span, { "invalid date format: \($0)" }, compile: DatePattern.init)
    }

    /// `text` compiled, from `cache` when it was compiled before; a text that does not compile
    /// is error E0414 at `span`, its message made by `message` from the reason.
    private static func lookUp<Compiled>(_ text: String, in cache: inout [[UInt8]: Compiled], span: Span,
                                         _ message: (String) -> String,
                                         compile: (String) throws -> Compiled) throws -> Compiled {
        let key = Array(text.utf8)
        if let known = cache[key] { return known }
        let compiled: Compiled
        do {
            compiled = try compile(text)
        } catch let error as PatternError {
            throw RuntimeError.make("E0414", message(error.message), span)
        } catch let error as DatePatternError {
            throw RuntimeError.make("E0414", message(error.message), span)
        }
        if cache.count >= limit { cache.removeAll() }
        cache[key] = compiled
        return compiled
    }
}

/// The regular-expression functions on one string. Match ranges are on Unicode scalars, so
/// text is cut through the scalar view: a `String`'s own subscript would round a range to
/// whole characters, and "e" + U+0301 is one character but two scalars.
extension TextPattern {
    func matches(_ text: String) -> Bool {
        text.contains(regex)
    }

    /// The first match, or group `group` of it; null when nothing matches or the group took
    /// no part in the match.
    func extract(_ text: String, group: Int64, span: Span) throws -> Value {
        guard let match = (try? regex.firstMatch(in: text)) ?? nil else { return .null }
        guard group >= 0, group < Int64(match.output.count) else {
            throw RuntimeError.make("E0415", "the pattern has no group \(group)", span,
                                    help: "groups are the parts in ( ); 0 is the whole match")
        }
        guard let range = match.output[Int(group)].range else { return .null }
        return .string(String(text.unicodeScalars[range]))
    }

    /// Every match replaced by the template, its group references filled in.
    func replacing(in text: String, with template: ReplacementTemplate, span: Span) throws -> String {
        let matches = text.matches(of: regex)
        if matches.isEmpty { return text }
        var out = String.UnicodeScalarView()
        let scalars = text.unicodeScalars
        var last = scalars.startIndex
        for match in matches {
            out.append(contentsOf: scalars[last..<match.range.lowerBound])
            for part in template.parts {
                switch part {
                case .text(let literal): out.append(contentsOf: literal.unicodeScalars)
                case .group(let number):
                    guard number < match.output.count else {
                        throw RuntimeError.make("E0415", "the pattern has no group \(number)", span,
                                                help: "groups are the parts in ( ); $0 is the whole match")
                    }
                    if let range = match.output[number].range { out.append(contentsOf: scalars[range]) }
                }
            }
            last = match.range.upperBound
        }
        out.append(contentsOf: scalars[last...])
        return String(out)
    }
}

/// `date_add` and the bounds of the calendar.
enum DateArithmetic {
    /// `days` moved by `n` units (day, week, month, quarter, year). Months keep the day of
    /// the month, or take the last day of a shorter month: 2020-01-31 plus a month is
    /// 2020-02-29. Leaving 0000-01-01 to 9999-12-31 is an error at `span`.
    static func add(_ n: Int64, _ unit: String, to days: Int32, span: Span) throws -> Int32 {
        func outOfRange() -> Diagnostic {
            RuntimeError.make("E0403", "date out of range in date_add", span, help: "dates run from 0000-01-01 to 9999-12-31")
        }
        switch unit {
        case "day", "week":
            let (step, stepOverflow) = n.multipliedReportingOverflow(by: unit == "week" ? 7 : 1)
            let (moved, overflow) = Int64(days).addingReportingOverflow(step)
            guard !stepOverflow, !overflow, let result = Int32(exactly: moved), DateRange.contains(result) else { throw outOfRange() }
            return result
        default:
            let (year, month, day) = DateFormat.civil(fromDays: days)
            let perUnit: Int64 = unit == "month" ? 1 : unit == "quarter" ? 3 : 12
            let (months, productOverflow) = n.multipliedReportingOverflow(by: perUnit)
            let (total, sumOverflow) = Int64(year * 12 + month - 1).addingReportingOverflow(months)
            guard !productOverflow, !sumOverflow, total >= 0, total < 10_000 * 12 else { throw outOfRange() }
            let newYear = Int(total / 12), newMonth = Int(total % 12) + 1
            return DateFormat.days(year: newYear, month: newMonth, day: min(day, DateFormat.daysInMonth(year: newYear, month: newMonth)))
        }
    }
}
