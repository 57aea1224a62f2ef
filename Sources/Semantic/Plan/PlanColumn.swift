import Columnar
import Diagnostics

/// A column flowing through a plan: the id expressions read it by, its name, the alias or
/// table that qualifies it, its type.
///
/// The id is given once, where the column is made (a table's column at its scan, a computed
/// column, an aggregate's result) and is unique within a statement, sub-pipelines included.
/// Steps that pass a column on keep its id, even when they rename it, so moving, merging or
/// dropping steps never renumbers a reference.
public struct PlanColumn: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var qualifier: String?
    public var type: DataType
    /// A column computed as a bare `null`: its type is open, so `union` adopts the other side's.
    public var isNullOnly = false

    public init(id: Int, name: String, qualifier: String? = nil, type: DataType, isNullOnly: Bool = false) {
        self.id = id
        self.name = name
        self.qualifier = qualifier
        self.type = type
        self.isNullOnly = isNullOnly
    }

    /// `r.name` where the qualifier is needed to tell columns apart, else `name`.
    public var displayName: String { qualifier.map { "\($0).\(name)" } ?? name }

    /// A reference to this column.
    public var reference: BoundExpr { .column(id, type) }
}

/// A column a step computes: its place in the output and the expression over the input.
public struct ComputedColumn: Sendable {
    public var column: PlanColumn
    public var expr: BoundExpr

    public init(_ column: PlanColumn, _ expr: BoundExpr) {
        self.column = column
        self.expr = expr
    }

    /// The input column passed on as it is (under its own name or a new one).
    public var isPassThrough: Bool { expr.columnReference == column.id }
}

/// A sort key over the step's input.
public struct PlanSortKey: Sendable {
    public var expr: BoundExpr
    public var descending: Bool

    public init(expr: BoundExpr, descending: Bool) {
        self.expr = expr
        self.descending = descending
    }
}

/// One aggregate of a `summarize`: the function and its arguments over the input rows.
public struct AggregateCall: Sendable {
    public var function: AggregateFunction
    /// The expressions read per row: none for `count()`, two for `covar(x, y)` or
    /// `arg_max(x, by)`. Everything that walks a plan's expressions (pruning, rewrites,
    /// lowering, `explain`) goes through all of them.
    public var arguments: [BoundExpr]
    /// The separator of `collect`.
    public var separator: String
    /// The fraction of `quantile`, from 0 to 1.
    public var fraction: Double
    public var type: DataType
    public var span: Span

    public init(function: AggregateFunction, arguments: [BoundExpr], separator: String = ", ", fraction: Double = 0.5,
                type: DataType, span: Span) {
        self.function = function
        self.arguments = arguments
        self.separator = separator
        self.fraction = fraction
        self.type = type
        self.span = span
    }

    /// The first argument; nil for `count()`. Read ``arguments`` wherever every argument matters.
    public var argument: BoundExpr? { arguments.first }
}

/// An aggregate and the column that holds its result.
public struct AggregateColumn: Sendable {
    public var column: PlanColumn
    public var call: AggregateCall

    public init(_ column: PlanColumn, _ call: AggregateCall) {
        self.column = column
        self.call = call
    }
}
