import Columnar

// The steps of `pivot` and `unpivot`, which turn values into columns and columns into rows.

/// `unpivot`: each input row becomes one row per listed column, in the listed order, with
/// the other columns repeated, the listed column's name and its value.
public struct UnpivotStep: Sendable {
    /// The input's columns other than the listed ones, passed on with their ids.
    public var kept: [PlanColumn]
    /// Each listed column's value over the input, all of ``value``'s type (ints widened to
    /// float beside floats).
    public var values: [BoundExpr]
    /// The listed columns' names, one per value: what ``name`` holds.
    public var names: [String]
    /// The new string column of names.
    public var name: PlanColumn
    /// The new column of values.
    public var value: PlanColumn

    public init(kept: [PlanColumn], values: [BoundExpr], names: [String], name: PlanColumn, value: PlanColumn) {
        self.kept = kept
        self.values = values
        self.names = names
        self.name = name
        self.value = value
    }

    /// The output: the kept columns, then the names, then the values.
    public var columns: [PlanColumn] { kept + [name, value] }
}

/// The step of `pivot` that turns values into columns: one row per key combination, and
/// for each listed value, each result of the row of that value, or null where the group has
/// none. Its input has at most one row per key combination and value (the aggregate before
/// it grouped by both); should it have more, the first counts.
public struct PivotStep: Sendable {
    /// The output's key columns, each over the input.
    public var keys: [ComputedColumn]
    /// The pivoted column, over the input.
    public var column: BoundExpr
    /// The values of ``column`` that become columns.
    public var values: [Value]
    /// What the cells hold, each over the input.
    public var results: [BoundExpr]
    /// The output columns after the keys: one per value and result (fewer once the optimizer
    /// dropped those nobody reads).
    public var cells: [PivotCell]

    public init(keys: [ComputedColumn], column: BoundExpr, values: [Value], results: [BoundExpr], cells: [PivotCell]) {
        self.keys = keys
        self.column = column
        self.values = values
        self.results = results
        self.cells = cells
    }

    /// The output: the keys, then the cells.
    public var columns: [PlanColumn] { keys.map(\.column) + cells.map(\.column) }
}

/// One output column of a ``PivotStep``: the result at `result` for the value at `value`.
public struct PivotCell: Sendable {
    /// The output column.
    public var column: PlanColumn
    /// An index into ``PivotStep/values``.
    public var value: Int
    /// An index into ``PivotStep/results``.
    public var result: Int

    public init(column: PlanColumn, value: Int, result: Int) {
        self.column = column
        self.value = value
        self.result = result
    }
}
