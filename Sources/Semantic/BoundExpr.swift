import Columnar
import Diagnostics
import Syntax

/// An expression whose names are resolved and whose type is known: the output of the binder
/// and the input of the engine's evaluator.
public struct BoundExpr: Sendable {
    public indirect enum Kind: Sendable {
        /// A constant; `.null` has the type the context gave it.
        case constant(Value)
        /// The input column at this position.
        case column(Int)
        case negate(BoundExpr)
        case not(BoundExpr)
        case arithmetic(ArithmeticOperator, BoundExpr, BoundExpr)
        case compare(ComparisonOperator, BoundExpr, BoundExpr)
        case and(BoundExpr, BoundExpr)
        case or(BoundExpr, BoundExpr)
        /// `x in [a, b]` with the items already converted to x's type.
        case inList(BoundExpr, [BoundExpr], negated: Bool)
        /// `x in (pipeline)`: the pipeline's one column, computed once.
        case inPlan(BoundExpr, Plan, negated: Bool)
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

    public init(_ kind: Kind, type: DataType, span: Span) {
        self.kind = kind
        self.type = type
        self.span = span
    }

    /// True when the expression reads no column, so it has one value for every row.
    public var isConstant: Bool {
        switch kind {
        case .constant: return true
        case .column: return false
        case .negate(let e), .not(let e), .toFloat(let e), .isNull(let e, _): return e.isConstant
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b):
            return a.isConstant && b.isConstant
        case .inList(let e, let items, _): return e.isConstant && items.allSatisfy(\.isConstant)
        case .inPlan: return false
        case .inRange(let e, let low, let high, _): return e.isConstant && low.isConstant && high.isConstant
        case .coalesce(let items): return items.allSatisfy(\.isConstant)
        case .call(let function, let arguments): return function.isDeterministic && arguments.allSatisfy(\.isConstant)
        }
    }

    /// The input columns the expression reads.
    public var columns: Set<Int> {
        switch kind {
        case .constant: return []
        case .column(let index): return [index]
        case .negate(let e), .not(let e), .toFloat(let e), .isNull(let e, _): return e.columns
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b):
            return a.columns.union(b.columns)
        case .inList(let e, let items, _): return items.reduce(e.columns) { $0.union($1.columns) }
        case .inPlan(let e, _, _): return e.columns
        case .inRange(let e, let low, let high, _): return e.columns.union(low.columns).union(high.columns)
        case .coalesce(let items): return items.reduce([]) { $0.union($1.columns) }
        case .call(_, let arguments): return arguments.reduce([]) { $0.union($1.columns) }
        }
    }

    /// The same expression reading columns renumbered by `map`.
    public func remapped(_ map: (Int) -> Int) -> BoundExpr {
        if case .column(let index) = kind {
            var copy = self
            copy.kind = .column(map(index))
            return copy
        }
        return mappingChildren { $0.remapped(map) }
    }

    /// This node with `r` applied to each child expression.
    private func mappingChildren(_ r: (BoundExpr) -> BoundExpr) -> BoundExpr {
        var copy = self
        switch kind {
        case .constant, .column: break
        case .negate(let e): copy.kind = .negate(r(e))
        case .not(let e): copy.kind = .not(r(e))
        case .toFloat(let e): copy.kind = .toFloat(r(e))
        case .isNull(let e, let negated): copy.kind = .isNull(r(e), negated: negated)
        case .arithmetic(let op, let a, let b): copy.kind = .arithmetic(op, r(a), r(b))
        case .compare(let op, let a, let b): copy.kind = .compare(op, r(a), r(b))
        case .and(let a, let b): copy.kind = .and(r(a), r(b))
        case .or(let a, let b): copy.kind = .or(r(a), r(b))
        case .inList(let e, let items, let negated): copy.kind = .inList(r(e), items.map(r), negated: negated)
        case .inPlan(let e, let plan, let negated): copy.kind = .inPlan(r(e), plan, negated: negated)
        case .inRange(let e, let low, let high, let negated):
            copy.kind = .inRange(r(e), low: r(low), high: r(high), negated: negated)
        case .coalesce(let items): copy.kind = .coalesce(items.map(r))
        case .call(let function, let arguments): copy.kind = .call(function, arguments.map(r))
        }
        return copy
    }
}

public enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", integerDivide = "//", remainder = "%"
}

public enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}
