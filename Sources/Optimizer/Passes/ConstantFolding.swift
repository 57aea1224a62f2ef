import Columnar
import Evaluation
import Semantic

/// Computes each expression that reads no column once, with the engine's own evaluator, so
/// the rows do not compute it again: `take 1 + 1` takes 2, `year(@2020-05-01)` is 2020.
/// A constant whose evaluation fails is left as it is: the error then comes when (and only
/// if) rows need it, at its span, as it would without the optimizer. Conditions that are
/// decided by a constant side are simplified (`x and true` is `x`), and a filter that is
/// always true is dropped.
enum ConstantFolding {
    static let name = "fold-constants"

    static func rewrite(_ plan: LogicalPlan) -> LogicalPlan {
        let evaluator = Evaluator(cancellation: nil)
        var copy = plan
        var steps: [PlanStep] = []
        steps.reserveCapacity(plan.steps.count)
        for var step in plan.steps {
            var changed = false
            step.operation = step.operation.mappingExpressions { fold($0, evaluator, changed: &changed) }
            if case .filter(let condition) = step.operation, condition.constantValue == .bool(true) { continue }
            if changed { step.notes.append(PlanNote(name, "constants folded")) }
            steps.append(step)
        }
        copy.steps = steps
        return copy
    }

    /// The expression with its constant parts computed.
    static func fold(_ expr: BoundExpr, _ evaluator: Evaluator, changed: inout Bool) -> BoundExpr {
        expr.rewritten { node in
            if node.constantValue != nil { return nil }
            if isFoldable(node), let value = try? evaluator.constant(node) {
                changed = true
                return BoundExpr(.constant(value), type: node.type, span: node.span)
            }
            let simpler = simplified(node)
            if simpler != nil { changed = true }
            return simpler
        }
    }

    /// A node whose children are all constants now, and which gives the same value each time.
    private static func isFoldable(_ node: BoundExpr) -> Bool {
        switch node.kind {
        case .scalarSubquery, .inSubquery, .column: return false
        case .call(let function, _) where !function.isDeterministic: return false
        default: return node.children.allSatisfy { $0.constantValue != nil }
        }
    }

    /// `and`/`or` with one side decided, and `if` with a constant condition. SQL's three
    /// values hold: `x and false` is false even when x is null; `x and true` is x.
    private static func simplified(_ node: BoundExpr) -> BoundExpr? {
        switch node.kind {
        case .and(let a, let b):
            if a.constantValue == .bool(true) { return b }
            if b.constantValue == .bool(true) { return a }
            if a.constantValue == .bool(false) { return a }
            return nil
        case .or(let a, let b):
            if a.constantValue == .bool(false) { return b }
            if b.constantValue == .bool(false) { return a }
            if a.constantValue == .bool(true) { return a }
            return nil
        case .call(.`if`, let arguments):
            // A null condition picks the else branch, as at run time.
            guard let condition = arguments[0].constantValue else { return nil }
            let chosen = condition == .bool(true) ? arguments[1] : arguments[2]
            return chosen.type == node.type ? chosen : nil
        case .call(.case, let arguments):
            return simplifiedCase(arguments, node)
        default:
            return nil
        }
    }

    /// `case` whose leading conditions are constants: a false or null one drops its pair
    /// (its value is never computed), a true one is the answer.
    private static func simplifiedCase(_ arguments: [BoundExpr], _ node: BoundExpr) -> BoundExpr? {
        var rest = arguments[...]
        while rest.count >= 2, let condition = rest.first?.constantValue {
            if condition == .bool(true) {
                let chosen = rest[rest.startIndex + 1]
                return chosen.type == node.type ? chosen : nil
            }
            rest = rest.dropFirst(2)
        }
        guard rest.count < arguments.count else { return nil }
        guard let otherwise = rest.first else { return BoundExpr(.constant(.null), type: node.type, span: node.span) }
        if rest.count == 1 { return otherwise.type == node.type ? otherwise : nil }
        return BoundExpr(.call(.case, Array(rest)), type: node.type, span: node.span)
    }
}
