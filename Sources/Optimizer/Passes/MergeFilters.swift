import Semantic

/// Adjacent filters become one, its conjuncts in their order: the second filter's conditions
/// still run only on the rows the first kept (`and` is lazy), and the engine applies the
/// conjuncts one after the other to the rows kept so far, without a step in between.
enum MergeFilters {
    static let name = "merge-filters"

    static func rewrite(_ plan: LogicalPlan) -> LogicalPlan {
        var copy = plan
        var steps: [PlanStep] = []
        steps.reserveCapacity(plan.steps.count)
        for step in plan.steps {
            if case .filter(let second) = step.operation, let last = steps.last, case .filter(let first) = last.operation {
                var merged = last
                merged.operation = .filter(BoundExpr.conjunction(first.conjuncts + second.conjuncts)!)
                merged.origin += step.origin.filter { !merged.origin.contains($0) }
                merged.notes += step.notes
                if step.span != last.span { merged.notes.append(PlanNote(name, "merged with", stage: step.span)) }
                steps[steps.count - 1] = merged
            } else {
                steps.append(step)
            }
        }
        copy.steps = steps
        return copy
    }
}
