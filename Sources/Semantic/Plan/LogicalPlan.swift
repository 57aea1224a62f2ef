import Columnar
import Diagnostics

/// The logical plan of a pipeline: a source and the steps applied to it, in order.
///
/// Steps are a flat list, as the user wrote the stages, rather than nested nodes: a pipeline
/// of 100,000 stages is an array, not a 100,000-deep tree that would exhaust the stack when
/// walked or freed. Only a join's or a union's other side, and a pipeline inside an
/// expression, are plans inside a plan; the parser's bracket limit bounds that depth.
///
/// The plan names its table; the data is looked up only when the plan runs. Columns are
/// read by id (``PlanColumn``), so the optimizer may move, merge and drop steps freely.
public struct LogicalPlan: Sendable {
    public enum Source: Sendable, Equatable {
        /// A table of the catalog, by name; `fields` are the positions in its schema that the
        /// plan reads, in the order of ``LogicalPlan/sourceColumns``.
        case table(name: String, fields: [Int])
        /// One row and no columns: the input of a query that is only a value, like `1 + 2`.
        case singleRow
    }

    public var source: Source
    /// The columns the source gives.
    public var sourceColumns: [PlanColumn]
    /// Where the source is written (the table's name, or the value).
    public var sourceSpan: Span
    public var steps: [PlanStep]

    public init(source: Source, sourceColumns: [PlanColumn], sourceSpan: Span, steps: [PlanStep] = []) {
        self.source = source
        self.sourceColumns = sourceColumns
        self.sourceSpan = sourceSpan
        self.steps = steps
    }

    /// The columns after the last step.
    public var schema: [PlanColumn] {
        steps.reduce(sourceColumns) { $1.operation.output(from: $0) }
    }

    /// The input of each step, then the plan's output: `steps.count + 1` schemas.
    public var schemas: [[PlanColumn]] {
        var all = [sourceColumns]
        all.reserveCapacity(steps.count + 1)
        for step in steps { all.append(step.operation.output(from: all[all.count - 1])) }
        return all
    }

    /// This plan with one more step.
    public func adding(_ operation: PlanOperation, from origin: Span) -> LogicalPlan {
        var copy = self
        copy.steps.append(PlanStep(operation, origin: [origin]))
        return copy
    }
}

/// One step of a plan and where it came from.
public struct PlanStep: Sendable {
    public var operation: PlanOperation
    /// The stages this step came from, the first one naming it in errors at run time. Most
    /// steps come from one stage; a `top` the optimizer made of `sort` and `take` from two.
    public var origin: [Span]
    /// What the optimizer did to arrive at this step, for `explain`.
    public var notes: [PlanNote] = []

    public init(_ operation: PlanOperation, origin: [Span], notes: [PlanNote] = []) {
        self.operation = operation
        self.origin = origin
        self.notes = notes
    }

    /// The span errors at run time point at.
    public var span: Span { origin.first ?? .point(0) }
}

/// One thing the optimizer did to a step: "moved before" a stage, "sort + take 10 became
/// top 10". `explain` shows the stage's text after the note's text.
public struct PlanNote: Sendable, Equatable {
    /// The pass that did it.
    public var pass: String
    public var text: String
    /// The stage the note refers to, if any.
    public var stage: Span?

    public init(_ pass: String, _ text: String, stage: Span? = nil) {
        self.pass = pass
        self.text = text
        self.stage = stage
    }
}

/// What one step does.
public enum PlanOperation: Sendable {
    /// The rows where the condition is true.
    case filter(BoundExpr)
    /// Exactly these columns, each passed on or computed from the input.
    case project([ComputedColumn])
    case sort([PlanSortKey])
    /// The first rows: a constant expression (a number, a parameter, a scalar subquery).
    case limit(BoundExpr)
    /// Every row but the first ones: a constant expression, as for `limit`.
    case skip(BoundExpr)
    /// Rows chosen at random, in input order.
    case sample(SampleStep)
    /// The first rows in an order.
    case top(BoundExpr, [PlanSortKey])
    /// One row per distinct combination of every column.
    case distinct
    /// One row per distinct key combination: the keys, then each aggregate's result.
    case aggregate(keys: [ComputedColumn], aggregates: [AggregateColumn])
    case join(JoinStep)
    case union(UnionStep)
    /// The input's rows, each with a column per window call (a windowed `derive`).
    case window(WindowStep)
    /// Each row once per listed column, with that column's name and value.
    case unpivot(UnpivotStep)
    /// One row per key combination, one column per value of a column and result.
    case pivot(PivotStep)

    /// The columns this step gives when `input` flows in.
    public func output(from input: [PlanColumn]) -> [PlanColumn] {
        switch self {
        case .filter, .sort, .limit, .skip, .sample, .top, .distinct: return input
        case .project(let columns): return columns.map(\.column)
        case .aggregate(let keys, let aggregates): return keys.map(\.column) + aggregates.map(\.column)
        case .join(let join): return input + join.addedColumns
        case .union(let union): return union.columns
        case .window(let window): return input + window.columns.map(\.column)
        case .unpivot(let unpivot): return unpivot.columns
        case .pivot(let pivot): return pivot.columns
        }
    }

    /// The expressions of the step itself (not of its other side), over its input, except
    /// a join's right keys and a union's right columns, which read the other side.
    public var expressions: [BoundExpr] {
        switch self {
        case .filter(let condition): return [condition]
        case .project(let columns): return columns.map(\.expr)
        case .sort(let keys): return keys.map(\.expr)
        case .limit(let count): return [count]
        case .skip(let count): return [count]
        case .sample(let sample): return [sample.size]
        case .top(let count, let keys): return [count] + keys.map(\.expr)
        case .distinct: return []
        case .aggregate(let keys, let aggregates): return keys.map(\.expr) + aggregates.flatMap(\.call.arguments)
        case .join(let join): return join.leftKeys
        case .union(let union): return union.left
        case .window(let window): return window.expressions
        case .unpivot(let unpivot): return unpivot.values
        case .pivot(let pivot): return pivot.keys.map(\.expr) + [pivot.column] + pivot.results
        }
    }

    /// The stage's name as `explain` shows it.
    public var name: String {
        switch self {
        case .filter: return "filter"
        case .project: return "project"
        case .sort: return "sort"
        case .limit: return "limit"
        case .skip: return "skip"
        case .sample: return "sample"
        case .top: return "top"
        case .distinct: return "distinct"
        case .aggregate: return "aggregate"
        case .join(let join): return join.kind.rawValue + " join"
        case .union: return "union"
        case .window: return "window"
        case .unpivot: return "unpivot"
        case .pivot: return "pivot"
        }
    }
}

/// The kinds of join a plan has: the five a user writes, and two that `in (pipeline)` becomes.
public enum PlanJoinKind: String, Sendable {
    case inner, left, semi, anti
    /// Every left row with every right row: no keys.
    case cross
    /// `x not in (pipeline)` as a filter: the left rows whose key is not null and matches
    /// nothing, when the right side has no null key; none when it has one; every row (null
    /// keys too) when the right side is empty.
    case nullAwareAnti = "null-aware anti"
    /// Every left row, with one more column: whether its key is `in` the right side's keys,
    /// by SQL's rules (null for a null key, or for no match when the right side has a null).
    case mark
}

/// A join: the other side, how rows pair up, and how its columns are named.
public struct JoinStep: Sendable {
    public var right: LogicalPlan
    public var kind: PlanJoinKind
    /// Equality keys over the input's columns, paired with `rightKeys` over the right side's.
    public var leftKeys: [BoundExpr]
    public var rightKeys: [BoundExpr]
    /// The qualifier the right side's columns get (`join cities as c`: `c`).
    public var qualifier: String?
    /// The bool column of a mark join.
    public var mark: PlanColumn?

    public init(right: LogicalPlan, kind: PlanJoinKind, leftKeys: [BoundExpr], rightKeys: [BoundExpr],
                qualifier: String?, mark: PlanColumn? = nil) {
        self.right = right
        self.kind = kind
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.qualifier = qualifier
        self.mark = mark
    }

    /// The columns the join adds after the input's.
    public var addedColumns: [PlanColumn] {
        switch kind {
        case .inner, .left, .cross:
            return right.schema.map { PlanColumn(id: $0.id, name: $0.name, qualifier: qualifier, type: $0.type) }
        case .semi, .anti, .nullAwareAnti:
            return []
        case .mark:
            return mark.map { [$0] } ?? []
        }
    }
}

/// `union`: the input's rows, then the other side's, into `columns`.
public struct UnionStep: Sendable {
    public var right: LogicalPlan
    /// The output columns (ids of their own: the union's columns are neither side's).
    public var columns: [PlanColumn]
    /// Each output column over the input's columns.
    public var left: [BoundExpr]
    /// Each output column over the right side's columns.
    public var rightColumns: [BoundExpr]

    public init(right: LogicalPlan, columns: [PlanColumn], left: [BoundExpr], rightColumns: [BoundExpr]) {
        self.right = right
        self.columns = columns
        self.left = left
        self.rightColumns = rightColumns
    }
}
