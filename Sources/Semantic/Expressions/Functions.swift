import Columnar

/// The scalar built-in functions the engine implements.
public enum ScalarFunction: String, Sendable, CaseIterable {
    case lower, upper, len, trim, contains, startswith, endswith, replace, substr, concat
    case matches, extract, regexReplace = "regex_replace", splitPart = "split_part", strpos, left, right
    case lpad, rpad, reverse, format
    case abs, round, floor, ceil, sqrt, pow, ln, log10, exp
    case year, month, day, weekday, dateTrunc = "date_trunc", daysBetween = "days_between", today, date
    case strftime, parseDate = "parse_date", dateAdd = "date_add"
    case `if`, `case`, coalesce, greatest, least, nullif, int, float, string
    case distanceKm = "distance_km"

    /// False for functions whose value changes between calls (`today`).
    public var isDeterministic: Bool { self != .today }

    /// The functions whose second argument is a regular expression.
    public var takesPattern: Bool { self == .matches || self == .extract || self == .regexReplace }

    /// Whether the function can reject an argument of these types, failing the query:
    /// a negative length, the smallest int's absolute value, text that is not a number or date.
    public func canFail(_ types: [DataType]) -> Bool {
        switch self {
        case .substr: return types.count == 3
        case .abs: return types.first == .int
        case .date, .dateAdd, .lpad, .rpad: return true
        case .int: return types.first == .float || types.first == .string
        case .float: return types.first == .string
        case .matches, .extract, .regexReplace: return true
        default: return false
        }
    }

    /// Whether the call can fail on some row, knowing which arguments are constants: a
    /// pattern, group or replacement that is a constant was checked when the call was bound,
    /// and so was a padding length within the limit.
    public func canFail(_ arguments: [BoundExpr]) -> Bool {
        switch self {
        case .matches, .extract, .regexReplace:
            return !arguments.dropFirst().allSatisfy { $0.constantValue != nil }
        case .lpad, .rpad:
            switch arguments[1].constantValue {
            case .int(let length)?: return length > Self.longestPadding
            case .null?: return false
            default: return true
            }
        default:
            return canFail(arguments.map(\.type))
        }
    }

    /// The longest text `lpad` and `rpad` make, in characters: a longer one is an error
    /// rather than gigabytes of padding.
    public static let longestPadding: Int64 = 1_000_000
}

/// The aggregate functions of `summarize`.
public enum AggregateFunction: String, Sendable, CaseIterable {
    case count, countDistinct = "count_distinct", countIf = "count_if", sum, avg, min, max, median, quantile
    case stddev, variance = "var", covar, corr, mode, first, last, argMin = "arg_min", argMax = "arg_max", collect

    /// How many of the arguments are read per row: `collect`'s separator and `quantile`'s
    /// fraction are constants, kept apart in the call.
    public func rowArguments(given count: Int) -> Int {
        switch self {
        case .collect, .quantile: return Swift.min(count, 1)
        default: return count
        }
    }
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

/// Every built-in function, declared once: the scalar functions in
/// `FunctionRegistry+Scalars.swift`, the aggregates in `FunctionRegistry+Aggregates.swift`.
public enum FunctionRegistry {
    public static func lookup(_ name: String) -> FunctionInfo? { byName[name] }

    public static var names: [String] { everything.map(\.name) }

    /// The scalar functions and aggregates, then the window functions.
    public static var everything: [FunctionInfo] { all + windowFunctions }

    /// Every function by family, in the order `.help functions` lists them.
    public static var families: [(name: String, functions: [FunctionInfo])] {
        [("text", textFunctions), ("numbers", mathFunctions), ("dates", dateFunctions), ("logic", logicFunctions),
         ("aggregates (summarize, pivot, derive ... by)", aggregates), ("window functions (derive ... sort)", windowFunctions)]
    }

    public static let all: [FunctionInfo] = textFunctions + mathFunctions + dateFunctions + logicFunctions + aggregates

    private static let byName = Dictionary(uniqueKeysWithValues: everything.map { ($0.name, $0) })

    static func scalar(
        _ function: ScalarFunction, _ signature: String, _ summary: String, arity: ClosedRange<Int>,
        nulls: String = "null if any argument is null", _ result: @escaping @Sendable ([DataType]) -> DataType?
    ) -> FunctionInfo {
        FunctionInfo(name: function.rawValue, signature: signature, nulls: nulls, summary: summary,
                     kind: .scalar(function), arity: arity, resultType: result)
    }

    static func aggregate(
        _ function: AggregateFunction, _ signature: String, _ summary: String, arity: ClosedRange<Int>,
        nulls: String = "nulls are skipped; null when there are no values",
        _ result: @escaping @Sendable ([DataType]) -> DataType?
    ) -> FunctionInfo {
        FunctionInfo(name: function.rawValue, signature: signature, nulls: nulls, summary: summary,
                     kind: .aggregate(function), arity: arity, resultType: result)
    }

    /// Whether the types are exactly `expected`, an int standing for a float.
    static func all(_ types: [DataType], are expected: DataType...) -> Bool {
        types.count == expected.count && zip(types, expected).allSatisfy { $0 == $1 || ($1 == .float && $0 == .int) }
    }

    static func numeric(_ types: [DataType]) -> Bool { types.allSatisfy(\.isNumeric) }

    /// The type two branches share: equal types, or int and float as float.
    public static func commonType(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        if a.isNumeric && b.isNumeric { return .float }
        return nil
    }

    /// The type every one of `types` converts to, if there is one.
    static func commonType(of types: [DataType]) -> DataType? {
        guard let first = types.first else { return nil }
        return types.dropFirst().reduce(Optional(first)) { partial, next in partial.flatMap { commonType($0, next) } }
    }
}
