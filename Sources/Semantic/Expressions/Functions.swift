import Columnar

/// The scalar built-in functions the engine implements.
public enum ScalarFunction: String, Sendable, CaseIterable {
    case lower, upper, len, trim, contains, startswith, endswith, replace, substr, concat
    case abs, round, floor, ceil, sqrt, pow, ln, log10, exp
    case year, month, day, weekday, dateTrunc = "date_trunc", daysBetween = "days_between", today, date
    case `if`, coalesce, int, float, string
    case distanceKm = "distance_km"

    /// False for functions whose value changes between calls (`today`).
    public var isDeterministic: Bool { self != .today }

    /// Whether the function can reject an argument of these types, failing the query:
    /// a negative length, the smallest int's absolute value, text that is not a number or date.
    public func canFail(_ types: [DataType]) -> Bool {
        switch self {
        case .substr: return types.count == 3
        case .abs: return types.first == .int
        case .date: return true
        case .int: return types.first == .float || types.first == .string
        case .float: return types.first == .string
        default: return false
        }
    }
}

/// The aggregate functions of `summarize`.
public enum AggregateFunction: String, Sendable, CaseIterable {
    case count, countDistinct = "count_distinct", sum, avg, min, max, median, stddev, first, last, collect
}

/// One entry of the function registry: what the shell shows for `.help` and completion, and
/// what the binder checks calls against.
public struct FunctionInfo: Sendable {
    public enum Kind: Sendable {
        case scalar(ScalarFunction)
        case aggregate(AggregateFunction)
        /// Only in a `derive` with `sort` (``WindowFunction``).
        case window(WindowFunction)
    }

    public let name: String
    /// How a call looks, with parameter and result types: `lower(s: string) -> string`.
    public let signature: String
    /// What a null argument does.
    public let nulls: String
    /// One line on what the function computes.
    public let summary: String
    public let kind: Kind
    public let arity: ClosedRange<Int>
    /// The result type for these argument types, or nil when they do not fit.
    let resultType: @Sendable ([DataType]) -> DataType?
}

/// Every built-in function, declared once.
public enum FunctionRegistry {
    public static func lookup(_ name: String) -> FunctionInfo? { byName[name] }

    public static var names: [String] { everything.map(\.name) }

    /// The scalar functions and aggregates, then the window functions.
    public static var everything: [FunctionInfo] { all + windowFunctions }

    private static let byName = Dictionary(uniqueKeysWithValues: everything.map { ($0.name, $0) })

    private static func scalar(
        _ function: ScalarFunction, _ signature: String, _ summary: String, arity: ClosedRange<Int>,
        nulls: String = "null if any argument is null", _ result: @escaping @Sendable ([DataType]) -> DataType?
    ) -> FunctionInfo {
        FunctionInfo(name: function.rawValue, signature: signature, nulls: nulls, summary: summary,
                     kind: .scalar(function), arity: arity, resultType: result)
    }

    private static func aggregate(
        _ function: AggregateFunction, _ signature: String, _ summary: String, arity: ClosedRange<Int>,
        nulls: String = "nulls are skipped; null when there are no values",
        _ result: @escaping @Sendable ([DataType]) -> DataType?
    ) -> FunctionInfo {
        FunctionInfo(name: function.rawValue, signature: signature, nulls: nulls, summary: summary,
                     kind: .aggregate(function), arity: arity, resultType: result)
    }

    private static func all(_ types: [DataType], are expected: DataType...) -> Bool {
        types.count == expected.count && zip(types, expected).allSatisfy { $0 == $1 || ($1 == .float && $0 == .int) }
    }

    private static func numeric(_ types: [DataType]) -> Bool { types.allSatisfy(\.isNumeric) }

    public static let all: [FunctionInfo] = [
        scalar(.lower, "lower(s: string) -> string", "lower-case letters (Unicode)", arity: 1...1) { all($0, are: .string) ? .string : nil },
        scalar(.upper, "upper(s: string) -> string", "upper-case letters (Unicode)", arity: 1...1) { all($0, are: .string) ? .string : nil },
        scalar(.len, "len(s: string) -> int", "length in characters", arity: 1...1) { all($0, are: .string) ? .int : nil },
        scalar(.trim, "trim(s: string) -> string", "without leading and trailing white space", arity: 1...1) { all($0, are: .string) ? .string : nil },
        scalar(.contains, "contains(s: string, part: string) -> bool", "whether s contains part", arity: 2...2) { all($0, are: .string, .string) ? .bool : nil },
        scalar(.startswith, "startswith(s: string, prefix: string) -> bool", "whether s starts with prefix", arity: 2...2) { all($0, are: .string, .string) ? .bool : nil },
        scalar(.endswith, "endswith(s: string, suffix: string) -> bool", "whether s ends with suffix", arity: 2...2) { all($0, are: .string, .string) ? .bool : nil },
        scalar(.replace, "replace(s: string, from: string, to: string) -> string", "every occurrence of from replaced by to", arity: 3...3) { all($0, are: .string, .string, .string) ? .string : nil },
        scalar(.substr, "substr(s: string, start: int[, length: int]) -> string", "characters from start (1-based), optionally only length of them", arity: 2...3) {
            all($0, are: .string, .int) || all($0, are: .string, .int, .int) ? .string : nil
        },
        scalar(.concat, "concat(a, b, ...) -> string", "the arguments as text, joined", arity: 1...64, nulls: "null arguments are skipped") { _ in .string },
        scalar(.abs, "abs(x: int|float) -> same", "absolute value", arity: 1...1) { numeric($0) ? $0[0] : nil },
        scalar(.round, "round(x: int|float[, digits: int]) -> x's type (float with digits)", "rounded half away from zero, to digits after the point", arity: 1...2) {
            $0.first?.isNumeric == true && ($0.count == 1 || $0[1] == .int) ? ($0[0] == .int && $0.count == 1 ? .int : .float) : nil
        },
        scalar(.floor, "floor(x: int|float) -> x's type", "largest whole number not above x", arity: 1...1) { numeric($0) ? $0[0] : nil },
        scalar(.ceil, "ceil(x: int|float) -> x's type", "smallest whole number not below x", arity: 1...1) { numeric($0) ? $0[0] : nil },
        scalar(.sqrt, "sqrt(x: float) -> float", "square root (NaN below zero)", arity: 1...1) { numeric($0) ? .float : nil },
        scalar(.pow, "pow(x: float, y: float) -> float", "x to the power y", arity: 2...2) { numeric($0) ? .float : nil },
        scalar(.ln, "ln(x: float) -> float", "natural logarithm", arity: 1...1) { numeric($0) ? .float : nil },
        scalar(.log10, "log10(x: float) -> float", "base-10 logarithm", arity: 1...1) { numeric($0) ? .float : nil },
        scalar(.exp, "exp(x: float) -> float", "e to the power x", arity: 1...1) { numeric($0) ? .float : nil },
        scalar(.year, "year(d: date) -> int", "the year", arity: 1...1) { all($0, are: .date) ? .int : nil },
        scalar(.month, "month(d: date) -> int", "the month, 1-12", arity: 1...1) { all($0, are: .date) ? .int : nil },
        scalar(.day, "day(d: date) -> int", "the day of the month, 1-31", arity: 1...1) { all($0, are: .date) ? .int : nil },
        scalar(.weekday, "weekday(d: date) -> int", "the ISO day of the week, 1 (Monday) to 7 (Sunday)", arity: 1...1) { all($0, are: .date) ? .int : nil },
        scalar(.dateTrunc, "date_trunc(d: date, unit: \"year\"|\"quarter\"|\"month\"|\"week\") -> date", "the first day of d's year, quarter, month or ISO week", arity: 2...2) { all($0, are: .date, .string) ? .date : nil },
        scalar(.daysBetween, "days_between(a: date, b: date) -> int", "b minus a in days", arity: 2...2) { all($0, are: .date, .date) ? .int : nil },
        scalar(.today, "today() -> date", "the current date (UTC)", arity: 0...0, nulls: "never null") { _ in .date },
        scalar(.date, "date(s: string) -> date", "parses YYYY-MM-DD; an error for anything else", arity: 1...1) { all($0, are: .string) ? .date : nil },
        scalar(.if, "if(condition: bool, then, else) -> then's type", "then where condition is true, else otherwise (also when it is null)", arity: 3...3, nulls: "a null condition picks else") { types in
            guard types[0] == .bool else { return nil }
            return commonType(types[1], types[2])
        },
        scalar(.coalesce, "coalesce(a, b, ...) -> common type", "the first argument that is not null (also written a ?? b)", arity: 1...64, nulls: "null only when every argument is null") { types in
            types.dropFirst().reduce(Optional(types[0])) { partial, next in partial.flatMap { commonType($0, next) } }
        },
        scalar(.int, "int(x) -> int", "x as an integer: floats truncate toward zero, strings must be whole numbers", arity: 1...1) { $0[0] == .date ? nil : .int },
        scalar(.float, "float(x) -> float", "x as a float; strings must be numbers", arity: 1...1) { $0[0] == .date || $0[0] == .bool ? nil : .float },
        scalar(.string, "string(x) -> string", "x as text, as Amity prints it", arity: 1...1) { _ in .string },
        scalar(.distanceKm, "distance_km(lat1, lon1, lat2, lon2: float) -> float", "great-circle distance in kilometres (mean Earth radius 6371.0088 km)", arity: 4...4) { numeric($0) ? .float : nil },
        aggregate(.count, "count([x]) -> int", "the number of rows, or of non-null x", arity: 0...1, nulls: "count() counts every row; count(x) skips nulls") { _ in .int },
        aggregate(.countDistinct, "count_distinct(x) -> int", "the number of distinct non-null values", arity: 1...1) { _ in .int },
        aggregate(.sum, "sum(x: int|float) -> same", "the total (an error if an int total overflows)", arity: 1...1) { numeric($0) ? $0[0] : nil },
        aggregate(.avg, "avg(x: int|float) -> float", "the mean", arity: 1...1) { numeric($0) ? .float : nil },
        aggregate(.min, "min(x) -> x's type", "the smallest value", arity: 1...1) { $0[0] == .bool ? nil : $0[0] },
        aggregate(.max, "max(x) -> x's type", "the largest value", arity: 1...1) { $0[0] == .bool ? nil : $0[0] },
        aggregate(.median, "median(x: int|float) -> float", "the middle value (mean of the two middle ones for an even count)", arity: 1...1) { numeric($0) ? .float : nil },
        aggregate(.stddev, "stddev(x: int|float) -> float", "the sample standard deviation (null for fewer than two values)", arity: 1...1) { numeric($0) ? .float : nil },
        aggregate(.first, "first(x) -> x's type", "the first non-null value in row order", arity: 1...1) { $0[0] },
        aggregate(.last, "last(x) -> x's type", "the last non-null value in row order", arity: 1...1) { $0[0] },
        aggregate(.collect, "collect(x, separator: string) -> string", "the non-null values as text, in row order, joined by separator", arity: 1...2) {
            $0.count == 1 || $0[1] == .string ? .string : nil
        },
    ]

    /// The type two branches share: equal types, or int and float as float.
    public static func commonType(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        if a.isNumeric && b.isNumeric { return .float }
        return nil
    }
}
