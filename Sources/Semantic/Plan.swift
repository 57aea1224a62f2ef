import Columnar
import Diagnostics
import Syntax

/// A column flowing through a plan: its name, the alias or table that qualifies it, its type.
public struct PlanColumn: Sendable, Equatable {
    public var name: String
    public var qualifier: String?
    public var type: DataType
    /// A column computed as a bare `null`: its type is open, so `union` adopts the other side's.
    public var isNullOnly = false

    public init(name: String, qualifier: String? = nil, type: DataType, isNullOnly: Bool = false) {
        self.name = name
        self.qualifier = qualifier
        self.type = type
        self.isNullOnly = isNullOnly
    }

    /// `r.name` where the qualifier is needed to tell columns apart, else `name`.
    public var displayName: String { qualifier.map { "\($0).\(name)" } ?? name }
}

/// A sort key over the plan's input.
public struct PlanSortKey: Sendable {
    public var expr: BoundExpr
    public var descending: Bool
}

/// One aggregate of a `summarize`: the function and its argument over the input rows.
public struct AggregateCall: Sendable {
    public var function: AggregateFunction
    /// nil for `count()`.
    public var argument: BoundExpr?
    /// The separator of `collect`.
    public var separator: String
    public var type: DataType
    public var span: Span
}

/// The logical plan of a pipeline: a source and the steps applied to it, in order.
///
/// Steps are a flat list rather than nested nodes, so a pipeline of 100,000 stages is an
/// array, not a 100,000-deep tree that would exhaust the stack when walked or freed.
public struct Plan: Sendable {
    public enum Source: Sendable {
        case table(Table)
        /// One row and no columns: the input of a query that is only a value, like `1 + 2`.
        case singleRow
    }

    public enum Step: Sendable {
        case filter(BoundExpr)
        /// Each output column is an expression over the input.
        case project([BoundExpr])
        case sort([PlanSortKey])
        case limit(Int)
        case top(Int, [PlanSortKey])
        case distinct
        /// Groups by `keys`; the output is the keys, then `outputs` computed over
        /// `[keys..., aggregates...]`.
        case aggregate(keys: [BoundExpr], aggregates: [AggregateCall], outputs: [BoundExpr])
        case count
        /// Equality keys pair up; the output is the input's columns, then the right's (none
        /// for semi and anti joins).
        case join(Plan, JoinKind, leftKeys: [BoundExpr], rightKeys: [BoundExpr])
        /// Appends the right side's rows; `rightColumns` puts its columns in the input's order.
        case union(Plan, rightColumns: [BoundExpr])
    }

    public var source: Source
    public var steps: [Step]
    /// The stage each step came from, for errors at run time (a step may have no stage,
    /// when the planner adds it; then the list is shorter).
    public var stepSpans: [Span] = []
    /// The columns after the last step.
    public var schema: [PlanColumn]

    public init(source: Source, steps: [Step] = [], schema: [PlanColumn]) {
        self.source = source
        self.steps = steps
        self.schema = schema
    }

    /// This plan with one more step, producing `schema`.
    public func adding(_ step: Step, schema: [PlanColumn]) -> Plan {
        var copy = self
        copy.steps.append(step)
        copy.schema = schema
        return copy
    }
}

/// The tables, `let` values and parameters a statement can refer to.
public struct Catalog: Sendable {
    public var tables: [String: Table]
    public var values: [String: Value]
    public var parameters: [String: Value]

    public init(tables: [String: Table] = [:], values: [String: Value] = [:], parameters: [String: Value] = [:]) {
        self.tables = tables
        self.values = values
        self.parameters = parameters
    }
}
