import Diagnostics
import Columnar
import Semantic

/// `sort ... | take n` becomes `top n by ...`, also with `select`, `derive`, `rename` or
/// `drop` between them (those steps then run on n rows instead of all): a bounded heap finds
/// the first n rows without ordering the rest. A `take` after a `skip` goes before it, taking
/// the skipped rows too, so `sort | skip m | take n` becomes `top m+n | skip m`. A `top` then moves before the projections
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
            if case .limit = step.operation { merge(take: step, into: &steps) } else { steps.append(step) }
        }
        copy.steps = steps
        return copy
    }

    /// Appends a `take` to `steps`, merged into the sort or top before it (across projections)
    /// when it can be. Before that, `skip m | take n` becomes `take m+n | skip m` (the same
    /// rows), so `sort | skip m | take n` becomes `top m+n | skip m`.
    private static func merge(take step: PlanStep, into steps: inout [PlanStep]) {
        guard case .limit(var count) = step.operation else { return }
        var take = step
        // The skips the take moved before, with the projections after each: they go back after it.
        var moved: [PlanStep] = []
        var index = lastBeforeProjections(steps)
        while index >= 0, moved.count < maxDistance, case .skip(let skipped) = steps[index].operation,
              let total = sum(skipped, count) {
            take.notes.append(PlanNote(name, "\(describe(count, "take")) became \(describe(total, "take")), moved before",
                                       stage: steps[index].span))
            count = total
            take.operation = .limit(total)
            moved.insert(contentsOf: steps[index...], at: 0)
            steps.removeSubrange(index...)
            index = lastBeforeProjections(steps)
        }
        defer { steps += moved }
        guard index >= 0 else {
            steps.append(take)
            return
        }
        switch steps[index].operation {
        case .sort(let keys):
            var top = steps[index]
            top.operation = .top(count, keys)
            top.origin += take.origin
            top.notes += take.notes + [PlanNote(name, "sort + \(describe(count, "take")) became \(describe(count, "top"))")]
            steps[index] = top
        case .top(let earlier, let keys):
            // top n then take m: top min(n, m), when both are known.
            guard let smaller = smaller(earlier, count) else {
                steps.append(take)
                return
            }
            var top = steps[index]
            top.operation = .top(smaller, keys)
            top.origin += take.origin
            top.notes += take.notes + [PlanNote(name, "merged with", stage: take.span)]
            steps[index] = top
        default:
            steps.append(take)
        }
    }

    /// The index of the last step that is not a projection (-1 when there is none).
    private static func lastBeforeProjections(_ steps: [PlanStep]) -> Int {
        var index = steps.count - 1
        while index >= 0, case .project = steps[index].operation { index -= 1 }
        return index
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

    /// The sum of two constant counts of zero or more, unless it overflows. A negative count
    /// is left where it is, to fail where it was written.
    static func sum(_ a: BoundExpr, _ b: BoundExpr) -> BoundExpr? {
        guard case .int(let x)? = a.constantValue, case .int(let y)? = b.constantValue, x >= 0, y >= 0 else { return nil }
        let (total, overflow) = x.addingReportingOverflow(y)
        return overflow ? nil : BoundExpr(.constant(.int(total)), type: .int, span: b.span)
    }

    /// The smaller of two constant counts.
    static func smaller(_ a: BoundExpr, _ b: BoundExpr) -> BoundExpr? {
        guard case .int(let x)? = a.constantValue, case .int(let y)? = b.constantValue else { return nil }
        return x <= y ? a : b
    }
}
