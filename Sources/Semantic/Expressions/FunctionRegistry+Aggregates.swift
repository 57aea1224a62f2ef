import Columnar

/// The aggregates' rows of the registry.
extension FunctionRegistry {
    static let aggregates: [FunctionInfo] = [
        aggregate(.count, "count([x]) -> int", "the number of rows, or of non-null x", arity: 0...1, nulls: "count() counts every row; count(x) skips nulls") { _ in .int },
        aggregate(.countDistinct, "count_distinct(x) -> int", "the number of distinct non-null values", arity: 1...1,
                  nulls: "nulls are skipped; 0 when there are no values") { _ in .int },
        aggregate(.countIf, "count_if(condition: bool) -> int", "the number of rows where condition is true", arity: 1...1,
                  nulls: "a null condition is not counted; 0 when there are no rows") { $0[0] == .bool ? .int : nil },
        aggregate(.sum, "sum(x: int|float) -> same", "the total (an error if an int total overflows)", arity: 1...1) { numeric($0) ? $0[0] : nil },
        aggregate(.avg, "avg(x: int|float) -> float", "the mean", arity: 1...1) { numeric($0) ? .float : nil },
        aggregate(.min, "min(x) -> x's type", "the smallest value", arity: 1...1) { $0[0] == .bool ? nil : $0[0] },
        aggregate(.max, "max(x) -> x's type", "the largest value", arity: 1...1) { $0[0] == .bool ? nil : $0[0] },
        aggregate(.median, "median(x: int|float) -> float", "the middle value (mean of the two middle ones for an even count)", arity: 1...1) { numeric($0) ? .float : nil },
        aggregate(.quantile, "quantile(x: int|float, p: float) -> float", "the value a fraction p (a constant from 0 to 1) of the way up the sorted values, interpolated", arity: 2...2) {
            numeric($0) ? .float : nil
        },
        aggregate(.stddev, "stddev(x: int|float) -> float", "the sample standard deviation (null for fewer than two values)", arity: 1...1) { numeric($0) ? .float : nil },
        aggregate(.variance, "var(x: int|float) -> float", "the sample variance (null for fewer than two values)", arity: 1...1) { numeric($0) ? .float : nil },
        aggregate(.covar, "covar(x: int|float, y: int|float) -> float", "the sample covariance of the pairs (null for fewer than two)", arity: 2...2,
                  nulls: "pairs with a null are skipped; null for fewer than two pairs") { numeric($0) ? .float : nil },
        aggregate(.corr, "corr(x: int|float, y: int|float) -> float", "the Pearson correlation of the pairs, -1 to 1", arity: 2...2,
                  nulls: "pairs with a null are skipped; null for fewer than two pairs or when x or y is constant") { numeric($0) ? .float : nil },
        aggregate(.mode, "mode(x) -> x's type", "the most frequent value; on a tie, the one that comes first", arity: 1...1) { $0[0] },
        aggregate(.first, "first(x) -> x's type", "the first non-null value in row order", arity: 1...1) { $0[0] },
        aggregate(.last, "last(x) -> x's type", "the last non-null value in row order", arity: 1...1) { $0[0] },
        aggregate(.argMin, "arg_min(x, by) -> x's type", "x at the row where by is smallest (the first such row)", arity: 2...2,
                  nulls: "rows where x or by is null are skipped; null when none remain") { $0[1] == .bool ? nil : $0[0] },
        aggregate(.argMax, "arg_max(x, by) -> x's type", "x at the row where by is largest (the first such row)", arity: 2...2,
                  nulls: "rows where x or by is null are skipped; null when none remain") { $0[1] == .bool ? nil : $0[0] },
        aggregate(.collect, "collect(x, separator: string) -> string", "the non-null values as text, in row order, joined by separator", arity: 1...2) {
            $0.count == 1 || $0[1] == .string ? .string : nil
        },
    ]
}
