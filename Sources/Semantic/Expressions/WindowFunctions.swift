import Columnar

/// The window functions of `derive ... sort ...`: a row's value depends on its place among
/// the rows of its group (all rows without `by`) in the stage's sort order. Ties in that
/// order keep the rows' input order.
public enum WindowFunction: String, Sendable, CaseIterable {
    case rowNumber = "row_number", rank, denseRank = "dense_rank", percentRank = "percent_rank", ntile
    case lag, lead
    case runningSum = "running_sum", runningCount = "running_count", runningAvg = "running_avg"
    case runningMin = "running_min", runningMax = "running_max"
    case rollingSum = "rolling_sum", rollingAvg = "rolling_avg"

    /// The arguments that must be constant whole numbers: lag's and lead's offset, ntile's
    /// bucket count, a rolling window's length.
    public var constantArgument: Int? {
        switch self {
        case .lag, .lead, .rollingSum, .rollingAvg: return 1
        case .ntile: return 0
        default: return nil
        }
    }

    /// True when a row's value depends only on the rows before it in its group's order (and
    /// itself), not on any after: the first n rows of a group get the values they would get
    /// with the whole group there.
    public var readsOnlyEarlierRows: Bool {
        switch self {
        case .rowNumber, .rank, .denseRank, .lag, .runningSum, .runningCount, .runningAvg, .runningMin, .runningMax,
             .rollingSum, .rollingAvg:
            return true
        case .percentRank, .ntile, .lead:
            return false
        }
    }
}

extension FunctionRegistry {
    private static func window(
        _ function: WindowFunction, _ signature: String, _ summary: String, arity: ClosedRange<Int>,
        nulls: String = "null values are skipped", _ result: @escaping @Sendable ([DataType]) -> DataType?
    ) -> FunctionInfo {
        FunctionInfo(name: function.rawValue, signature: signature, nulls: nulls, summary: summary,
                     kind: .window(function), arity: arity, resultType: result)
    }

    private static func ordered(_ type: DataType) -> Bool { type != .bool }

    /// Every window function, declared once (``all`` includes them).
    static let windowFunctions: [FunctionInfo] = [
        window(.rowNumber, "row_number() -> int", "the row's position in its group, from 1", arity: 0...0, nulls: "never null") { _ in .int },
        window(.rank, "rank() -> int", "1 + the rows of its group before it in order; ties share a rank, and leave a gap", arity: 0...0,
               nulls: "never null") { _ in .int },
        window(.denseRank, "dense_rank() -> int", "the number of distinct orders up to the row's: ties share it, no gaps", arity: 0...0,
               nulls: "never null") { _ in .int },
        window(.percentRank, "percent_rank() -> float", "(rank - 1) / (rows in the group - 1); 0 in a group of one row", arity: 0...0,
               nulls: "never null") { _ in .float },
        window(.ntile, "ntile(n: int) -> int", "the group cut into n buckets of nearly equal size, the larger first: the row's bucket",
               arity: 1...1, nulls: "never null") { $0 == [.int] ? .int : nil },
        window(.lag, "lag(x[, offset: int[, default]]) -> x's type", "x of the row offset rows before in the group (default 1)",
               arity: 1...3, nulls: "default (or null) where there is no such row") { types in
            types.count == 1 || (types[1] == .int && (types.count == 2 || commonType(types[0], types[2]) == types[0])) ? types[0] : nil
        },
        window(.lead, "lead(x[, offset: int[, default]]) -> x's type", "x of the row offset rows after in the group (default 1)",
               arity: 1...3, nulls: "default (or null) where there is no such row") { types in
            types.count == 1 || (types[1] == .int && (types.count == 2 || commonType(types[0], types[2]) == types[0])) ? types[0] : nil
        },
        window(.runningSum, "running_sum(x: int|float) -> same", "the total of x over the group's rows up to this one",
               arity: 1...1, nulls: "nulls are skipped; null until the first value") { $0[0].isNumeric ? $0[0] : nil },
        window(.runningCount, "running_count([x]) -> int", "the rows (or the non-null x) of the group up to this one",
               arity: 0...1, nulls: "running_count() counts rows; running_count(x) skips nulls") { _ in .int },
        window(.runningAvg, "running_avg(x: int|float) -> float", "the mean of x over the group's rows up to this one",
               arity: 1...1, nulls: "nulls are skipped; null until the first value") { $0[0].isNumeric ? .float : nil },
        window(.runningMin, "running_min(x) -> x's type", "the smallest x over the group's rows up to this one",
               arity: 1...1, nulls: "nulls are skipped; null until the first value") { ordered($0[0]) ? $0[0] : nil },
        window(.runningMax, "running_max(x) -> x's type", "the largest x over the group's rows up to this one",
               arity: 1...1, nulls: "nulls are skipped; null until the first value") { ordered($0[0]) ? $0[0] : nil },
        window(.rollingSum, "rolling_sum(x: int|float, n: int) -> same", "the total of x over the n rows of the group ending at this one",
               arity: 2...2, nulls: "nulls are skipped; null when the n rows have none") { $0[0].isNumeric && $0[1] == .int ? $0[0] : nil },
        window(.rollingAvg, "rolling_avg(x: int|float, n: int) -> float", "the mean of x over the n rows of the group ending at this one",
               arity: 2...2, nulls: "nulls are skipped; null when the n rows have none") { $0[0].isNumeric && $0[1] == .int ? .float : nil },
    ]
}
