import Columnar
import Semantic

/// Scalar and aggregate functions in PostgreSQL's spelling, where its result is Amity's.
/// Each function not listed is refused at its call: a function that looks alike but counts
/// or rounds differently (`len` counts characters as a reader sees them, PostgreSQL code
/// points) would give another answer without a word.
extension SQLExpression {
    func call(_ function: ScalarFunction, _ arguments: [BoundExpr], _ expr: BoundExpr) throws -> String {
        let a = try arguments.map(sql)
        if let text = try textCall(function, a, arguments, expr) { return text }
        if let date = try dateCall(function, a, arguments, expr) { return date }
        func first() -> String { a[0] }
        func float(_ index: Int) -> String {
            arguments[index].type == .float ? a[index] : "CAST(\(a[index]) AS double precision)"
        }
        switch function {
        case .abs: return "abs(\(first()))"
        case .round:
            // PostgreSQL rounds a float half to even, a numeric half away from zero, as Amity does.
            if expr.type == .int { return first() }
            let x = "CAST(\(first()) AS double precision)"
            let digits = arguments.count > 1 ? ", CAST(\(a[1]) AS integer)" : ""
            return "CASE WHEN \(x) IN ('NaN', 'Infinity', '-Infinity') THEN \(x) "
                + "ELSE CAST(round(CAST(\(x) AS numeric)\(digits)) AS double precision) END"
        case .floor, .ceil:
            let name = function == .floor ? "floor" : "ceil"
            return expr.type == .int ? first() : "\(name)(\(first()))"
        case .sqrt:
            return "CASE WHEN \(first()) < 0 THEN CAST('NaN' AS double precision) ELSE sqrt(\(first())) END"
        case .ln, .log10:
            let name = function == .ln ? "ln" : "log"
            return "CASE WHEN \(first()) < 0 THEN CAST('NaN' AS double precision) "
                + "WHEN \(first()) = 0 THEN CAST('-Infinity' AS double precision) ELSE \(name)(CAST(\(first()) AS double precision)) END"
        case .exp:
            // PostgreSQL's exp fails where the result leaves the doubles; IEEE gives inf or 0.
            let x = "CAST(\(first()) AS double precision)"
            return "CASE WHEN \(x) > 709.782712893384 THEN CAST('Infinity' AS double precision) "
                + "WHEN \(x) < -745.1332191019412 THEN CAST(0 AS double precision) ELSE exp(\(x)) END"
        case .pow:
            // IEEE's pow where PostgreSQL's power refuses: 0 to a negative power is inf (-inf
            // for -0 and an odd power), a negative number to a fraction NaN.
            let x = float(0), y = float(1)
            let odd = "floor(\(y) / 2) * 2 <> \(y)"
            return "CASE WHEN \(x) = 0 AND \(y) < 0 THEN CASE WHEN CAST(\(x) AS text) LIKE '-%' AND \(y) = floor(\(y)) AND \(odd) "
                + "THEN CAST('-Infinity' AS double precision) ELSE CAST('Infinity' AS double precision) END "
                + "WHEN \(x) < 0 AND \(y) <> floor(\(y)) THEN CAST('NaN' AS double precision) ELSE power(\(x), \(y)) END"
        case .distanceKm:
            // The haversine formula, as Amity computes it, on a sphere of the mean radius.
            let r = "(pi() / 180)"
            let dLat = "sin((\(float(2)) - \(float(0))) * \(r) / 2)", dLon = "sin((\(float(3)) - \(float(1))) * \(r) / 2)"
            let h = "\(dLat) * \(dLat) + cos(\(float(0)) * \(r)) * cos(\(float(2)) * \(r)) * \(dLon) * \(dLon)"
            // Not least(1, ...), which would skip a null where Amity's answer is null.
            let root = "sqrt(\(h))"
            return "(2 * 6371.0088 * asin(CASE WHEN \(root) > 1 THEN 1 ELSE \(root) END))"
        case .greatest, .least:
            // Nulls skipped, as PostgreSQL's; text by code point.
            let items = zip(a, arguments).map { $1.type == .string ? "\($0) COLLATE \"C\"" : $0 }
            return "\(function == .greatest ? "GREATEST" : "LEAST")(\(items.joined(separator: ", ")))"
        case .case:
            var clauses: [String] = []
            var index = 0
            while index + 1 < a.count {
                clauses.append("WHEN \(a[index]) THEN \(a[index + 1])")
                index += 2
            }
            return "CASE \(clauses.joined(separator: " "))\(index < a.count ? " ELSE \(a[index])" : "") END"
        case .int where arguments[0].type != .date:
            switch arguments[0].type {
            case .int, .date: return first()
            case .bool: return "CASE WHEN \(first()) THEN CAST(1 AS bigint) ELSE CAST(0 AS bigint) END"
            // Toward zero; NaN and values past the ints fail, as in memory.
            case .float: return "CAST(trunc(\(first())) AS bigint)"
            case .string: return "CAST(btrim(\(first()), \(Self.whiteSpace)) AS bigint)"
            }
        case .float where arguments[0].type == .string:
            // Decimal notation only, as Amity reads it: PostgreSQL also reads NaN and Infinity.
            let text = "btrim(\(first()), \(Self.whiteSpace))"
            let failure = SQLFailure.raise("E0412", "cannot convert text to float", type: .float, row: first())
            return "CASE WHEN \(text) ~ '^[0-9.eE+-]+$' THEN CAST(\(text) AS double precision) ELSE \(failure) END"
        case .if:
            return "CASE WHEN \(a[0]) THEN \(a[1]) ELSE \(a[2]) END"
        case .coalesce: return "COALESCE(\(a.joined(separator: ", ")))"
        case .nullif: return "NULLIF(\(a[0]), \(a[1]))"
        case .contains: return "(strpos(\(a[0]), \(a[1])) > 0)"
        case .startswith: return "(left(\(a[0]), char_length(\(a[1]))) = \(a[1]))"
        case .endswith: return "(right(\(a[0]), char_length(\(a[1]))) = \(a[1]))"
        case .float where arguments[0].type != .string: return "CAST(\(first()) AS double precision)"
        case .string where arguments[0].type != .float: return Self.text(first(), type: arguments[0].type)
        default: break
        }
        throw SQLCompileError("'\(function.rawValue)' is not compiled to SQL yet: PostgreSQL's nearest function "
                              + "does not give the same answers in every case", expr.span)
    }

    /// A value as Amity writes it: ints, bools and dates of years 1 to 9999 as PostgreSQL
    /// does; a date before year 1 with Amity's astronomical year (0 is 1 BC), where
    /// PostgreSQL writes "BC" and has no year 0.
    static func text(_ value: String, type: DataType) -> String {
        switch type {
        case .string: return value
        case .date:
            let year = "(extract(year FROM \(value)) + 1)"
            return "CASE WHEN \(value) >= DATE '0001-01-01' THEN CAST(\(value) AS text) ELSE "
                + "CASE WHEN \(year) < 0 THEN '-' ELSE '' END || lpad(CAST(abs(\(year)) AS text), 4, '0') "
                + "|| to_char(\(value), '-MM-DD') END"
        default: return "CAST(\(value) AS text)"
        }
    }

    /// Whether PostgreSQL runs the aggregate as a window aggregate (`OVER (...)`): not the
    /// distinct count, ordered-set aggregates, or those that order their rows by a value.
    static func hasWindowForm(_ function: AggregateFunction) -> Bool {
        ![.countDistinct, .median, .quantile, .argMin, .argMax].contains(function)
    }

    /// One aggregate over the rows of a group, null-skipping as Amity's. `order` is the input
    /// rows' order, which `first`, `last` and `collect` follow; nil when the rows have none.
    /// With `window` (a `PARTITION BY` clause, or empty for all rows) the aggregate is a
    /// window aggregate, given to every row of its partition, as in `derive ... by`.
    func aggregate(_ call: AggregateCall, order: String?, window: String? = nil) throws -> String {
        let a = try call.arguments.map(sql)
        // The aggregate over the group, or over the row's whole partition.
        func over(_ text: String) -> String {
            guard let window else { return text }
            return "\(text) OVER (\(window))"
        }
        guard window == nil || Self.hasWindowForm(call.function) else {
            throw SQLCompileError("'\(call.function.rawValue)' has no window form in PostgreSQL", call.span)
        }
        switch call.function {
        case .first, .last, .collect:
            guard let order else {
                throw SQLCompileError("'\(call.function.rawValue)' needs the rows' order, and this table has none "
                                      + "(it was not pushed by Amity); sort first", call.span)
            }
            // Floats would be written by PostgreSQL's rules (1 for 1.0), not Amity's.
            if call.function == .collect, call.arguments[0].type == .float {
                throw SQLCompileError("'collect' of floats is not compiled to SQL yet: PostgreSQL writes them by its own rules",
                                      call.span)
            }
            // A window aggregate takes no ORDER BY of its own: it reads its frame in the
            // window's order, here the whole partition.
            let ordered = window.map { partition in
                "OVER (" + (partition.isEmpty ? "" : partition + " ")
                    + "ORDER BY \(order) ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
            }
            if call.function == .collect {
                let separator = SQLText.string(call.separator), text = Self.text(a[0], type: call.arguments[0].type)
                return ordered.map { "string_agg(\(text), \(separator)) \($0)" }
                    ?? "string_agg(\(text), \(separator) ORDER BY \(order))"
            }
            // The non-null values in the rows' order, then the first or the last.
            let values = ordered.map { "array_agg(\(a[0])) FILTER (WHERE \(a[0]) IS NOT NULL) \($0)" }
                ?? "array_agg(\(a[0]) ORDER BY \(order)) FILTER (WHERE \(a[0]) IS NOT NULL)"
            return call.function == .first ? "(\(values))[1]" : "(\(values))[\(over("count(\(a[0]))"))]"
        case .argMin, .argMax:
            // The first row (in the rows' order) of the smallest or largest `by`.
            let by = try ordered(call.arguments[1]) + (call.function == .argMax ? " DESC" : "")
            let rows = order.map { ", " + $0 } ?? ""
            return "(array_agg(\(a[0]) ORDER BY \(by)\(rows)) FILTER (WHERE \(a[0]) IS NOT NULL AND \(a[1]) IS NOT NULL))[1]"
        case .corr: return over("corr(CAST(\(a[0]) AS double precision), CAST(\(a[1]) AS double precision))")
        case .count: return over(a.isEmpty ? "count(*)" : "count(\(a[0]))")
        case .countDistinct: return "count(DISTINCT \(a[0]))"
        case .countIf: return over("count(*) FILTER (WHERE \(a[0]))")
        case .sum:
            // PostgreSQL sums bigints into a numeric; Amity's overflow is an error, and so is
            // the cast back.
            return call.type == .int ? "CAST(\(over("sum(\(a[0]))")) AS bigint)" : over("sum(\(a[0]))")
        case .avg: return over("avg(CAST(\(a[0]) AS double precision))")
        case .min, .max:
            let text = call.arguments[0].type == .string ? " COLLATE \"C\"" : ""
            return over("\(call.function.rawValue)(\(a[0])\(text))")
        case .median: return "percentile_cont(0.5) WITHIN GROUP (ORDER BY \(a[0]))"
        case .quantile: return "percentile_cont(\(call.fraction)) WITHIN GROUP (ORDER BY \(a[0]))"
        case .stddev: return over("stddev_samp(CAST(\(a[0]) AS double precision))")
        case .variance: return over("var_samp(CAST(\(a[0]) AS double precision))")
        case .covar: return over("covar_samp(CAST(\(a[0]) AS double precision), CAST(\(a[1]) AS double precision))")
        default:
            throw SQLCompileError("'\(call.function.rawValue)' is not compiled to SQL yet", call.span)
        }
    }
}
