import Columnar
import Semantic

/// `summarize`: one row per key combination. `mode` has no aggregate of its own in PostgreSQL
/// that picks Amity's value (the most frequent, the first to appear on a tie), so each `mode`
/// is worked out beside the grouping and joined to it by a group number.
extension SQLBuilder {
    mutating func summarized(_ input: SQLRelation, keys: [ComputedColumn], aggregates: [AggregateColumn]) throws -> SQLRelation {
        let scope = scope(input)
        let names = SQLNames.unique((keys.map(\.column) + aggregates.map(\.column)).map(\.name), avoiding: Set(input.hidden))
            .map(SQLText.identifier)
        let keyed = try zip(keys, names).map { ($0.column.id, $1, try scope.sql($0.expr)) }
        let order = input.order.isEmpty ? nil : input.orderBy
        var plain: [(id: Int, name: String, sql: String)] = []
        var modes: [(id: Int, name: String, argument: String)] = []
        for (aggregate, name) in zip(aggregates, names.dropFirst(keys.count)) {
            if aggregate.call.function == .mode {
                guard order != nil else {
                    throw SQLCompileError("'mode' needs the rows' order to break ties, and this table has none "
                                          + "(it was not pushed by Amity); sort first", aggregate.call.span)
                }
                modes.append((aggregate.column.id, name, try scope.sql(aggregate.call.arguments[0])))
            } else {
                plain.append((aggregate.column.id, name, try scope.aggregate(aggregate.call, order: order)))
            }
        }
        guard !modes.isEmpty else { return grouped(input, keys: keyed, aggregates: plain) }

        // Every row numbered by its group (ties of dense_rank are GROUP BY's groups) and by
        // its place in the rows' order.
        let (from, position, _) = positioned(input)
        let place = "amity_place_\(ctes.count + 1)"
        var numbered = input
        let group: String
        (numbered.from, group) = numberedByGroup(from, keys: keyed.map(\.2), stem: "mode_groups", extra: ["\(position ?? "0") AS \(place)"])
        // Each mode: the counts of each value per group, then the most frequent, first seen first.
        var joins: [String] = [], picked: [String] = []
        for (index, mode) in modes.enumerated() {
            let counts = add("mode_counts", "SELECT \(group) AS g, \(mode.argument) AS v, count(*) AS c, min(\(place)) AS p\n"
                             + "FROM \(numbered.from)\nWHERE \(mode.argument) IS NOT NULL\nGROUP BY 1, 2")
            let chosen = add("modes", "SELECT DISTINCT ON (g) g, v\nFROM \(counts)\nORDER BY g, c DESC, p")
            let alias = "m\(index + 1)"
            joins.append("LEFT JOIN \(chosen) AS \(alias) ON " + (keyed.isEmpty ? "TRUE" : "\(alias).g = s.\(group)"))
            picked.append("\(alias).v AS \(mode.name)")
        }
        // The grouping carries the group number as one more key, equal wherever the keys are.
        // Without keys it is one row, also of no rows, which a SELECT of no aggregate is not.
        let rows = "amity_rows_\(ctes.count + 1)"
        let counted = keyed.isEmpty && plain.isEmpty ? [(Int.min, rows, "count(*)")] : plain
        var summary = grouped(numbered, keys: keyed + (keyed.isEmpty ? [] : [(Int.min, group, group)]), aggregates: counted)
        summary.columns.removeAll { $0.id == Int.min }
        summary.hidden += keyed.isEmpty ? (plain.isEmpty ? [rows] : []) : [group]
        var output = summary
        output.from = add("summarize", "SELECT s.*, \(picked.joined(separator: ", "))\nFROM \(summary.from) AS s\n"
                          + joins.joined(separator: "\n"))
        output.columns += modes.map { ($0.id, $0.name) }
        return output
    }
}
