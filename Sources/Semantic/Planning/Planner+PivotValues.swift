import Columnar
import Diagnostics
import Syntax

/// Planning met a `pivot` without `in [...]`: its columns are the values in the data, which
/// the planner cannot read (it never runs queries). The driver runs ``valuesPlan``, gives
/// the values back in ``Planner/pivotValues`` under ``stage``, and plans the statement again,
/// as if the values had been written after `in`.
public struct PivotValuesNeeded: Error {
    /// The `pivot` stage, whose span keys its values.
    public var stage: Span
    /// The pivoted column as written, where errors about its values point.
    public var columnSpan: Span
    /// The pivoted column's name, for the message.
    public var columnName: String
    /// The pipeline before the stage, then the column's distinct values, sorted, null last,
    /// at most two past ``Planner/pivotValueLimit``: the driver drops the null.
    public var valuesPlan: LogicalPlan
    /// The number of the column's distinct values that are not null: only needed for the
    /// message when there are too many.
    public var countPlan: LogicalPlan

    /// The error when the data holds more than ``Planner/pivotValueLimit`` values.
    public func tooMany(_ count: Int) -> Diagnostic {
        SemanticError.make("E0392", "pivot found \(Planner.grouped(count)) values of \(columnName); at most "
                               + "\(Planner.grouped(Planner.pivotValueLimit)): list the ones you want with in [...]",
                           columnSpan, help: "for example: pivot \(columnName) in [...] using ...")
    }
}

extension Planner {
    /// The values a pivot turns into columns: those written after `in`, in their order, or the
    /// ones the driver found in the data, sorted.
    func pivotValues(_ pivot: PivotSpec, _ column: PlanColumn, stage: Span, prefix: LogicalPlan) throws -> [PivotValue] {
        guard let written = pivot.values else {
            guard let found = pivotValues[stage] else {
                throw PivotValuesNeeded(stage: stage, columnSpan: pivot.column.span, columnName: column.name,
                                        valuesPlan: distinctValues(of: column, in: prefix, at: pivot.column.span, counted: false),
                                        countPlan: distinctValues(of: column, in: prefix, at: pivot.column.span, counted: true))
            }
            return try found.map { try pivotValue($0, named: column, at: pivot.column.span) }
        }
        if written.count > Self.pivotValueLimit {
            throw SemanticError.make("E0392", "pivot lists \(Self.grouped(written.count)) values; at most \(Self.grouped(Self.pivotValueLimit))",
                                     written[Self.pivotValueLimit].span)
        }
        // Strings compare by their bytes, as the engine matches them: two spellings of one
        // accented letter are two values (whose columns would share a name, an error of its own).
        var seen: Set<Value> = [], seenBytes: Set<[UInt8]> = []
        return try written.map { item in
            let value = try writtenValue(item, for: column)
            let isNew = if case .string(let text) = value { seenBytes.insert(Array(text.utf8)).inserted } else { seen.insert(value).inserted }
            guard isNew else {
                throw SemanticError.make("E0391", "pivot value \(PlanText.literal(value)) is listed twice", item.span)
            }
            return try pivotValue(value, named: column, at: item.span)
        }
    }

    /// A value after `in`: a constant (a literal, a parameter, a `let` value) of the column's type.
    private func writtenValue(_ item: Expr, for column: PlanColumn) throws -> Value {
        let bound = try bindConstant(item, ifColumn: "pivot values are constants, not columns",
                                     help: "write text in double quotes: \"\(source.text(of: item.span))\"")
        guard case .constant(let value) = bound.kind else {
            throw SemanticError.make("E0391", "pivot values must be literals", item.span,
                                     help: "write each value as it is, e.g. 2015, \"mou\" or @2020-01-01")
        }
        guard let type = value.type else {
            throw SemanticError.make("E0391", "pivot values cannot be null", item.span,
                                     help: "rows where \(column.name) is null are in no column; give them a value first: derive \(column.name) = \(column.name) ?? ...")
        }
        guard type == column.type else {
            throw SemanticError.make("E0391", "pivot value \(PlanText.literal(value)) is \(type.withArticle), but '\(column.name)' is \(column.type.withArticle)",
                                     item.span, help: "list values of the column's type")
        }
        return value
    }

    /// The value with the name of its columns: its text as Amity prints it, which must be
    /// a name one can write between backticks (not empty, no control characters).
    private func pivotValue(_ value: Value, named column: PlanColumn, at span: Span) throws -> PivotValue {
        let name = value.description
        if name.isEmpty {
            throw SemanticError.make("E0393", "the empty string cannot name a column", span,
                                     help: "give it a name first: derive \(column.name) = if(\(column.name) == \"\", \"(empty)\", \(column.name))")
        }
        // A backtick name ends on its line and holds no escapes: a column named with a line
        // break or another control character could never be named again.
        if let control = name.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            let shown = PlanText.literal(.string(String(control)))
            throw SemanticError.make("E0393", "pivot value \(PlanText.literal(value)) cannot name a column: it holds the control character \(shown)", span,
                                     help: "replace it first: derive \(column.name) = replace(\(column.name), \(shown), \" \")")
        }
        return PivotValue(value: value, name: name, span: span)
    }

    /// The pipeline before a pivot, then the pivoted column's distinct values: sorted (null
    /// last), at most two past the limit (so that too many is known without sorting them all),
    /// or the number of them that are not null. Grouped by an aggregate, which is faster than
    /// `distinct`; nulls are left for the driver to drop, as a filter before the aggregate
    /// would test every row rather than every value.
    private func distinctValues(of column: PlanColumn, in prefix: LogicalPlan, at span: Span, counted: Bool) -> LogicalPlan {
        let value = PlanColumn(id: ids.make(), name: column.name, type: column.type)
        let grouped = prefix.adding(.aggregate(keys: [ComputedColumn(value, BoundExpr.column(column.id, column.type, span: span))],
                                               aggregates: []), from: span)
        let reference = BoundExpr.column(value.id, value.type, span: span)
        if counted {
            let count = AggregateCall(function: .count, arguments: [reference], separator: ", ", type: .int, span: span)
            return grouped.adding(.aggregate(keys: [], aggregates: [AggregateColumn(PlanColumn(id: ids.make(), name: "count", type: .int), count)]),
                                  from: span)
        }
        return grouped.adding(.sort([PlanSortKey(expr: reference, descending: false)]), from: span)
            .adding(.limit(BoundExpr(.constant(.int(Int64(Self.pivotValueLimit + 2))), type: .int, span: span)), from: span)
    }

    /// 1234567 as "1,234,567".
    static func grouped(_ number: Int) -> String {
        Thousands.grouped(Int64(number))
    }
}
