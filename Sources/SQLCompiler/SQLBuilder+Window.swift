import Columnar
import Semantic

/// A windowed `derive` as PostgreSQL window functions: the rows stay as they are, each with
/// one more column per call, computed over its partition (the `by` keys).
///
/// Amity breaks ties in the `sort` order by the input order, so the functions that go row
/// by row (`row_number`, `ntile`, `lag`, `lead`, running and rolling ones) order by the keys
/// and then the input's order; the ranks order by the keys alone, so that tied rows are peers.
/// Running and rolling functions name their frame in rows, never PostgreSQL's default range
/// of peers: tied rows get different running totals in Amity.
extension SQLBuilder {
    mutating func windowed(_ input: SQLRelation, _ window: WindowStep) throws -> SQLRelation {
        let scope = scope(input)
        let partition = try window.partition.map(scope.sql)
        let partitionBy = partition.isEmpty ? "" : "PARTITION BY " + partition.joined(separator: ", ")
        let keys = try window.order.map { key in
            OrderTerm(column: try scope.sql(key.expr), descending: key.descending, isText: key.expr.type == .string).sql
        }
        let rowOrder = (keys + input.order.map(\.sql)).joined(separator: ", ")
        let clauses = WindowClauses(partition: partitionBy, keys: keys.joined(separator: ", "), rows: rowOrder)

        let names = SQLNames.unique(window.columns.map(\.column.name), avoiding: Set(input.columns.map(\.name) + input.hidden))
            .map(SQLText.identifier)
        let (from, groupValues) = try groupValues(input, window, partition: partition)
        var items: [String] = []
        for (index, (column, name)) in zip(window.columns, names).enumerated() {
            let value: String
            switch column.call {
            case .aggregate where groupValues[index] != nil:
                value = groupValues[index] ?? ""
            case .aggregate(let call):
                value = try scope.aggregate(call, order: input.order.isEmpty ? nil : input.orderBy, window: partitionBy)
            case .function(let function, let arguments, _, _):
                value = try Self.windowFunction(function, try arguments.map(scope.sql), arguments, clauses)
            }
            items.append("\(value) AS \(name)")
        }
        let all = groupValues.isEmpty ? "*" : "n.*"
        var output = input
        output.columns += zip(window.columns, names).map { ($0.column.id, $1) }
        guard let limit = window.rowLimit else {
            output.from = add("window", "SELECT \(all), \(items.joined(separator: ",\n       "))\nFROM \(from)")
            return output
        }
        // The optimizer kept only each group's first rows: the same rows, numbered apart.
        let number = "amity_window_row_\(ctes.count + 1)"
        items.append("row_number() OVER (\(clauses.over(clauses.rows))) AS \(number)")
        let numbered = add("window", "SELECT \(all), \(items.joined(separator: ",\n       "))\nFROM \(from)")
        output.from = add("window_rows", "SELECT *\nFROM \(numbered)\nWHERE \(number) <= \(limit)")
        output.hidden.append(number)
        return output
    }

    /// The aggregates PostgreSQL has no window form of (`count_distinct`, `median`,
    /// `quantile`, `arg_min`, `arg_max`), computed once per group and joined back: the rows
    /// numbered by group (`dense_rank` over the keys, whose ties are the partition's), one
    /// row of values per group, then each row beside its group's. Returns what the window
    /// step reads from (the input itself when there are none) and each such call's value.
    private mutating func groupValues(_ input: SQLRelation, _ window: WindowStep,
                                      partition: [String]) throws -> (from: String, values: [Int: String]) {
        var calls: [(index: Int, call: AggregateCall)] = []
        for (index, column) in window.columns.enumerated() {
            if case .aggregate(let call) = column.call, !SQLExpression.hasWindowForm(call.function) { calls.append((index, call)) }
        }
        guard !calls.isEmpty else { return (input.from, [:]) }
        let scope = scope(input)
        let (numbered, group) = numberedByGroup(input.from, keys: partition, stem: "window_groups")
        var items = [group], values: [Int: String] = [:]
        for (index, call) in calls {
            let name = "amity_value_\(index + 1)"
            items.append("\(try scope.aggregate(call, order: input.order.isEmpty ? nil : input.orderBy)) AS \(name)")
            values[index] = "g.\(name)"
        }
        let perGroup = add("window_values", "SELECT \(items.joined(separator: ", "))\nFROM \(numbered)\nGROUP BY 1")
        return ("\(numbered) AS n\nJOIN \(perGroup) AS g ON n.\(group) = g.\(group)", values)
    }

    /// The OVER clauses a window step's calls choose from.
    private struct WindowClauses {
        var partition: String
        /// The sort keys alone: tied rows are peers.
        var keys: String
        /// The sort keys, then the input's order: every row has its own place.
        var rows: String

        func over(_ order: String, frame: String = "") -> String {
            var clause = partition
            if !order.isEmpty { clause += (clause.isEmpty ? "" : " ") + "ORDER BY " + order }
            if !frame.isEmpty { clause += " " + frame }
            return clause
        }
    }

    /// One window function, in PostgreSQL's spelling, with Amity's ties and nulls.
    private static func windowFunction(_ function: WindowFunction, _ a: [String], _ arguments: [BoundExpr],
                                       _ clauses: WindowClauses) throws -> String {
        let upToRow = "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"
        func rows(_ call: String, frame: String = "") -> String { "\(call) OVER (\(clauses.over(clauses.rows, frame: frame)))" }
        func constant(_ index: Int) -> Int64 {
            if case .constant(.int(let value)) = arguments[index].kind { return value }
            return 1
        }
        switch function {
        case .rowNumber: return rows("row_number()")
        case .rank, .denseRank, .percentRank:
            return "\(function.rawValue)() OVER (\(clauses.over(clauses.keys)))"
        case .ntile: return rows("ntile(\(constant(0)))")
        case .lag, .lead:
            // The binder checked the offset is a constant that fits PostgreSQL's integer.
            let offset = arguments.count > 1 ? ", \(constant(1))" : ""
            let fallback = arguments.count > 2 ? ", \(a[2])" : ""
            return rows("\(function.rawValue)(\(a[0])\(offset)\(fallback))")
        case .runningCount: return rows(a.isEmpty ? "count(*)" : "count(\(a[0]))", frame: upToRow)
        case .runningSum:
            let sum = rows("sum(\(a[0]))", frame: upToRow)
            return arguments[0].type == .int ? "CAST(\(sum) AS bigint)" : sum
        case .runningAvg:
            return "CAST(\(rows("avg(\(a[0]))", frame: upToRow)) AS double precision)"
        case .runningMin, .runningMax:
            let text = arguments[0].type == .string ? " COLLATE \"C\"" : ""
            return rows("\(function == .runningMin ? "min" : "max")(\(a[0])\(text))", frame: upToRow)
        case .rollingSum, .rollingAvg:
            let frame = "ROWS BETWEEN \(constant(1) - 1) PRECEDING AND CURRENT ROW"
            if function == .rollingAvg { return "CAST(\(rows("avg(\(a[0]))", frame: frame)) AS double precision)" }
            let sum = rows("sum(\(a[0]))", frame: frame)
            return arguments[0].type == .int ? "CAST(\(sum) AS bigint)" : sum
        }
    }
}
