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
        var items: [String] = []
        for (column, name) in zip(window.columns, names) {
            let value: String
            switch column.call {
            case .aggregate(let call):
                value = try scope.aggregate(call, order: input.order.isEmpty ? nil : input.orderBy, window: partitionBy)
            case .function(let function, let arguments, _, _):
                value = try Self.windowFunction(function, try arguments.map(scope.sql), arguments, clauses)
            }
            items.append("\(value) AS \(name)")
        }
        var output = input
        output.columns += zip(window.columns, names).map { ($0.column.id, $1) }
        guard let limit = window.rowLimit else {
            output.from = add("window", "SELECT *, \(items.joined(separator: ",\n       "))\nFROM \(input.from)")
            return output
        }
        // The optimizer kept only each group's first rows: the same rows, numbered apart.
        let number = "amity_window_row_\(ctes.count + 1)"
        items.append("row_number() OVER (\(clauses.over(clauses.rows))) AS \(number)")
        let numbered = add("window", "SELECT *, \(items.joined(separator: ",\n       "))\nFROM \(input.from)")
        output.from = add("window_rows", "SELECT *\nFROM \(numbered)\nWHERE \(number) <= \(limit)")
        output.hidden.append(number)
        return output
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
