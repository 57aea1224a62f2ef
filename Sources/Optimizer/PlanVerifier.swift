import Columnar
import Semantic

/// Checks that a plan is well formed: every expression reads only columns of its own input,
/// conditions are bools, counts read no column, and no `in (pipeline)` is left for the engine.
/// The optimizer runs it after every pass; the tests run it on every plan they make.
public enum PlanVerifier {
    /// What is wrong with the plan, or nil when nothing is.
    public static func problem(in plan: LogicalPlan) -> String? {
        var found: String?
        plan.visitPlans { inner in
            if found == nil { found = check(inner) }
        }
        return found
    }

    private static func check(_ plan: LogicalPlan) -> String? {
        if case .table(_, let fields) = plan.source, fields.count != plan.sourceColumns.count {
            return "the scan's fields and columns differ in number"
        }
        let schemas = plan.schemas
        for (index, step) in plan.steps.enumerated() {
            let input = Set(schemas[index].map(\.id))
            let place = "step \(index + 1) (\(step.operation.name))"
            for expr in step.operation.expressions {
                if let problem = check(expr, reads: input) { return "\(place): \(problem)" }
            }
            switch step.operation {
            case .filter(let condition) where condition.type != .bool:
                return "\(place): the condition is \(condition.type)"
            case .limit(let count), .skip(let count), .top(let count, _):
                if !count.columns.isEmpty || count.type != .int { return "\(place): the row count is not a constant int" }
            case .sample(let sample):
                let numeric = sample.size.type == .int || (sample.isPercent && sample.size.type == .float)
                if !sample.size.columns.isEmpty || !numeric { return "\(place): the sample's size is not a constant number" }
            case .join(let join):
                let right = Set(join.right.schema.map(\.id))
                for key in join.rightKeys {
                    if let problem = check(key, reads: right) { return "\(place), right key: \(problem)" }
                }
                if join.leftKeys.count != join.rightKeys.count { return "\(place): the keys do not pair up" }
                if (join.kind == .mark) != (join.mark != nil) { return "\(place): a mark column without a mark join" }
            case .union(let union):
                let right = Set(union.right.schema.map(\.id))
                for column in union.rightColumns {
                    if let problem = check(column, reads: right) { return "\(place), right side: \(problem)" }
                }
                if union.left.count != union.columns.count || union.rightColumns.count != union.columns.count {
                    return "\(place): the sides do not match the columns"
                }
            case .window(let window) where window.rowLimit != nil:
                if window.rowLimit! < 0 { return "\(place): a negative row limit" }
                if !window.columns.allSatisfy(\.call.readsOnlyEarlierRows) {
                    return "\(place): a row limit on a window that reads later rows"
                }
            case .unpivot(let unpivot):
                if !unpivot.kept.allSatisfy({ input.contains($0.id) }) { return "\(place): a kept column is not in the input" }
                if unpivot.values.count != unpivot.names.count || unpivot.values.isEmpty { return "\(place): the values and names differ" }
            case .pivot(let pivot):
                if !pivot.cells.allSatisfy({ pivot.values.indices.contains($0.value) && pivot.results.indices.contains($0.result) }) {
                    return "\(place): a cell names a value or result the step lacks"
                }
            default:
                break
            }
            let output = schemas[index + 1].map(\.id)
            if Set(output).count != output.count { return "\(place): two output columns share an id" }
        }
        return nil
    }


    private static func check(_ expr: BoundExpr, reads input: Set<Int>) -> String? {
        var problem: String?
        expr.visit { node in
            guard problem == nil else { return }
            switch node.kind {
            case .column(let id) where !input.contains(id): problem = "column #\(id) is not in the input"
            case .inSubquery: problem = "an 'in (pipeline)' was left for the engine"
            default: break
            }
        }
        return problem
    }
}
