import Columnar
import Semantic

/// `sort ... | take n` becomes `top n by ...`, also with `select`, `derive`, `rename` or
/// `drop` between them (those steps then run on n rows instead of all): a bounded heap finds
/// the first n rows without ordering the rest.
enum TopN {
    static let name = "top-n"

    static func rewrite(_ plan: LogicalPlan) -> LogicalPlan {
        var copy = plan
        var steps: [PlanStep] = []
        steps.reserveCapacity(plan.steps.count)
        for step in plan.steps {
            guard case .limit(let count) = step.operation else {
                steps.append(step)
                continue
            }
            var index = steps.count - 1
            while index >= 0, case .project = steps[index].operation { index -= 1 }
            guard index >= 0 else {
                steps.append(step)
                continue
            }
            switch steps[index].operation {
            case .sort(let keys):
                var top = steps[index]
                top.operation = .top(count, keys)
                top.origin += step.origin
                top.notes += step.notes + [PlanNote(name, "sort + \(describe(count, "take")) became \(describe(count, "top"))")]
                steps[index] = top
            case .top(let earlier, let keys):
                // top n then take m: top min(n, m), when both are known.
                guard let smaller = smaller(earlier, count) else {
                    steps.append(step)
                    continue
                }
                var top = steps[index]
                top.operation = .top(smaller, keys)
                top.origin += step.origin
                top.notes += step.notes + [PlanNote(name, "merged with", stage: step.span)]
                steps[index] = top
            default:
                steps.append(step)
            }
        }
        copy.steps = steps
        return copy
    }

    /// "take 10", or "take" alone when the count is not a number yet.
    static func describe(_ count: BoundExpr, _ stage: String) -> String {
        if case .int(let n)? = count.constantValue { return "\(stage) \(n)" }
        return stage
    }

    /// The smaller of two constant counts.
    static func smaller(_ a: BoundExpr, _ b: BoundExpr) -> BoundExpr? {
        guard case .int(let x)? = a.constantValue, case .int(let y)? = b.constantValue else { return nil }
        return x <= y ? a : b
    }
}
