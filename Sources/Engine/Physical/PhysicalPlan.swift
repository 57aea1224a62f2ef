import Columnar
import Diagnostics
import Semantic

/// A plan ready to run: the tables are the data itself, every expression reads its input by
/// position and has its nodes numbered (for the evaluator's caches), and each step knows how
/// it will run. Made from an optimized ``LogicalPlan`` by ``PhysicalPlanner``, step for step,
/// so what the engine measures lines up with the plan `explain` shows.
struct PhysicalPlan {
    enum Source {
        /// The table's columns at these positions.
        case table(String, Table, fields: [Int])
        case singleRow
    }

    var source: Source
    var steps: [PhysicalStep]
    /// The columns of the result: names and types.
    var output: [PlanColumn]
}

/// One operator and what `explain analyze` learns about it.
struct PhysicalStep {
    var operation: PhysicalOperation
    /// The stage errors at run time point at.
    var span: Span
    /// How the step will run, when that is known before it does ("by dictionary code").
    var detail: String?
}

enum PhysicalOperation {
    case filter(BoundExpr)
    /// Each output column computed over the input; bare references copy nothing.
    case project([BoundExpr])
    case sort([PlanSortKey])
    case limit(BoundExpr)
    case skip(BoundExpr)
    case sample(SampleStep)
    case top(BoundExpr, [PlanSortKey])
    case distinct
    case aggregate(keys: [BoundExpr], calls: [AggregateCall])
    case join(PhysicalJoin)
    case union(PhysicalUnion)
    case window(PhysicalWindow)
    case unpivot(PhysicalUnpivot)
    case pivot(PhysicalPivot)
}

/// A window step: groups by `partition`, ordered by `order` within each, a column per call.
struct PhysicalWindow {
    var partition: [BoundExpr]
    var order: [PlanSortKey]
    var calls: [WindowCall]
    /// Only the first rows of each group (``Semantic/WindowStep/rowLimit``).
    var rowLimit: Int?
}

struct PhysicalJoin {
    var right: PhysicalPlan
    var kind: PlanJoinKind
    var leftKeys: [BoundExpr]
    var rightKeys: [BoundExpr]
}

struct PhysicalUnion {
    var right: PhysicalPlan
    var left: [BoundExpr]
    var rightColumns: [BoundExpr]
    var types: [DataType]
}

struct PhysicalUnpivot {
    /// The positions of the input columns passed on.
    var kept: [Int]
    /// Each listed column's value, all of `type`.
    var values: [BoundExpr]
    var names: [String]
    var type: DataType
}

struct PhysicalPivot {
    var keys: [BoundExpr]
    var column: BoundExpr
    var values: [Value]
    var results: [BoundExpr]
    /// Each output column after the keys: a value's position and a result's.
    var cells: [(value: Int, result: Int)]
}

/// A pipeline used as a value, to run before the plans that read it.
struct PhysicalSubquery {
    var id: Int
    var plan: PhysicalPlan
    var span: Span
}
