import Columnar
import Semantic

/// `pivot` and `unpivot`: values into columns, and columns into rows.
extension SQLBuilder {
    /// One row per key combination, in the order the combinations first appear, and a column
    /// per value and result: that result on the group's row of that value, null where there
    /// is none. The planner's aggregate before the step leaves at most one row per key
    /// combination and value, so each cell reads one row, whatever the order.
    mutating func pivoted(_ input: SQLRelation, _ pivot: PivotStep) throws -> SQLRelation {
        let scope = scope(input)
        let names = SQLNames.unique((pivot.keys.map(\.column) + pivot.cells.map(\.column)).map(\.name),
                                    avoiding: Set(input.hidden)).map(SQLText.identifier)
        let keys = try zip(pivot.keys, names).map { ($0.column.id, $1, try scope.sql($0.expr)) }
        let column = try scope.sql(pivot.column)
        let results = try pivot.results.map(scope.sql)
        let cells = zip(pivot.cells, names.dropFirst(pivot.keys.count)).map { cell, name in
            let value = scope.literal(pivot.values[cell.value], type: pivot.column.type)
            return (cell.column.id, name, "(array_agg(\(results[cell.result])) FILTER (WHERE \(column) = \(value)))[1]")
        }
        return grouped(input, keys: keys, aggregates: cells, stem: "pivot")
    }

    /// Each row once per listed column, in the listed order: the row's columns, the column's
    /// name and its value (nulls kept, unlike SQL's UNPIVOT).
    mutating func unpivoted(_ input: SQLRelation, _ unpivot: UnpivotStep) throws -> SQLRelation {
        let scope = scope(input, alias: "i")
        let item = "amity_item_\(ctes.count + 1)"
        let names = SQLNames.unique([unpivot.name.name, unpivot.value.name], avoiding: Set(input.columns.map(\.name) + input.hidden))
            .map(SQLText.identifier)
        let rows = try zip(unpivot.names, unpivot.values).enumerated().map { index, listed in
            "(\(SQLText.string(listed.0)), \(try scope.sql(listed.1)), \(index + 1))"
        }
        let body = "SELECT i.*, v.\(names[0]), v.\(names[1]), v.\(item)\nFROM \(input.from) AS i\n"
            + "CROSS JOIN LATERAL (VALUES \(rows.joined(separator: ",\n    "))) AS v(\(names[0]), \(names[1]), \(item))"
        let byID = Dictionary(input.columns.map { ($0.id, $0.name) }) { first, _ in first }
        var output = input
        output.from = add("unpivot", body)
        output.columns = unpivot.kept.map { ($0.id, byID[$0.id] ?? "") } + [(unpivot.name.id, names[0]), (unpivot.value.id, names[1])]
        output.hidden.append(item)
        // Without an input order the rows have none to keep.
        if !input.order.isEmpty { output.order.append(OrderTerm(column: item, isPosition: true)) }
        return output
    }
}
