import Columnar
import Diagnostics
import Syntax

/// An expression whose names are resolved and whose type is known: the output of the binder,
/// what the optimizer rewrites, and (lowered by the engine) what the evaluator runs.
public struct BoundExpr: Sendable {
    public indirect enum Kind: Sendable {
        /// A constant; `.null` has the type the context gave it.
        case constant(Value)
        /// A column. In a logical plan this is the column's ``PlanColumn/id``, which no rewrite
        /// changes; the engine lowers it to the column's position in the operator's input.
        case column(Int)
        case negate(BoundExpr)
        case not(BoundExpr)
        case arithmetic(ArithmeticOperator, BoundExpr, BoundExpr)
        case compare(ComparisonOperator, BoundExpr, BoundExpr)
        case and(BoundExpr, BoundExpr)
        case or(BoundExpr, BoundExpr)
        /// `x in [a, b]` with the items already converted to x's type.
        case inList(BoundExpr, [BoundExpr], negated: Bool)
        /// `x in (pipeline)` while a stage is being planned: the planner turns it into a
        /// join before the stage, so no finished plan holds one.
        case inSubquery(BoundExpr, Subquery, negated: Bool)
        /// A pipeline that gives one column, used as a value: run once per query; an error if
        /// it gives more than one row, null if none.
        case scalarSubquery(Subquery)
        /// `x in low..high`, inclusive.
        case inRange(BoundExpr, low: BoundExpr, high: BoundExpr, negated: Bool)
        case isNull(BoundExpr, negated: Bool)
        /// `a ?? b ?? c` and `coalesce(a, b, c)`.
        case coalesce([BoundExpr])
        /// A scalar built-in function.
        case call(ScalarFunction, [BoundExpr])
        /// An int widened to float where the context needs a float.
        case toFloat(BoundExpr)
    }

    public var kind: Kind
    public var type: DataType
    public var span: Span
    /// A `null` literal whose type is still open; operators give it the other side's type.
    public internal(set) var isUntypedNull = false
    /// The engine numbers each node of an expression it runs, so per-node caches (results per
    /// dictionary entry) are keyed by the node, never by its text; -1 until then.
    public var node = -1

    public init(_ kind: Kind, type: DataType, span: Span) {
        self.kind = kind
        self.type = type
        self.span = span
    }

    /// A reference to a column, at a place that has no text of its own.
    public static func column(_ id: Int, _ type: DataType, span: Span = .point(0)) -> BoundExpr {
        BoundExpr(.column(id), type: type, span: span)
    }

    /// The column this expression is, when it is a bare reference.
    public var columnReference: Int? {
        if case .column(let id) = kind { return id }
        return nil
    }

    /// The value of a constant node (not of a constant expression that still needs folding).
    public var constantValue: Value? {
        if case .constant(let value) = kind { return value }
        return nil
    }
}

/// A pipeline used inside an expression. Its `id` names it within one statement: the engine
/// runs each scalar subquery once and keeps its value under this id.
public struct Subquery: Sendable {
    public var id: Int
    public var plan: LogicalPlan

    public init(id: Int, plan: LogicalPlan) {
        self.id = id
        self.plan = plan
    }
}

public enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", integerDivide = "//", remainder = "%"
}

public enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="

    /// The operator with its sides swapped: `a < b` is `b > a`.
    public var mirrored: ComparisonOperator {
        switch self {
        case .equal, .notEqual: return self
        case .less: return .greater
        case .lessEqual: return .greaterEqual
        case .greater: return .less
        case .greaterEqual: return .lessEqual
        }
    }
}
