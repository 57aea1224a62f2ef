import Diagnostics
import Columnar
import Semantic

/// `sort ... | take n` becomes `top n by ...`, also with `select`, `derive`, `rename` or
/// `drop` between them (those steps then run on n rows instead of all): a bounded heap finds
/// the first n rows without ordering the rest. A `top` then moves before the projections
/// just before it, reading their expressions for its keys, so a `derive` before a
/// `sort ... | take n` also runs on n rows. A filter on a window's `row_number()` limits the
/// window to the first rows of each group (``TopNPerGroup``).
enum TopN {
    static let name = "top-n"
    /// Projections one `top` may move past.
    static let maxDistance = 100

    static func rewrite(_ plan: LogicalPlan) -> LogicalPlan {
        TopNPerGroup.rewrite(movingTopsBeforeProjections(sortsAndTakesMerged(plan)))
    }

    private static func sortsAndTakesMerged(_ plan: LogicalPlan) -> LogicalPlan {
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

    /// Each `top` swapped with the projections before it, its keys reading their expressions
    /// (the keys are computed for the same rows as before; the projections then run on n).
    private static func movingTopsBeforeProjections(_ plan: LogicalPlan) -> LogicalPlan {
        var copy = plan
        var steps: [PlanStep] = []
        steps.reserveCapacity(plan.steps.count)
        for step in plan.steps {
            guard case .top(let count, var keys) = step.operation else {
                steps.append(step)
                continue
            }
            // Only a projection that computes something is worth moving past (with the ones
            // that only pass columns on, between): then it runs on n rows.
            var position = steps.count, target = steps.count
            var passed: Span?
            var movedKeys = keys
            while position > 0, steps.count - position < maxDistance, case .project(let columns) = steps[position - 1].operation {
                let replacements = Dictionary(columns.map { ($0.column.id, $0.expr) }, uniquingKeysWith: { first, _ in first })
                let substituted = movedKeys.map { PlanSortKey(expr: $0.expr.substituting(replacements), descending: $0.descending) }
                guard substituted.allSatisfy({ FilterPushdown.isSmall($0.expr) && !FilterPushdown.hasNondeterminism($0.expr) })
                else { break }
                movedKeys = substituted
                position -= 1
                if !columns.allSatisfy(\.isPassThrough) {
                    keys = movedKeys
                    target = position
                    passed = steps[position].span
                }
            }
            var moved = step
            moved.operation = .top(count, keys)
            if let passed, passed != step.span { moved.notes.append(PlanNote(name, "moved before", stage: passed)) }
            steps.insert(moved, at: target)
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
