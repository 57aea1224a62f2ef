import Columnar
import Semantic

/// `take` moves below the projections before it (which then compute only the rows kept),
/// and a copy goes into each side of a union or a cross join before it (the first n rows of
/// either come from the first n of each side). Adjacent `take`s and a `top` followed by a `take` merge.
/// `skip` and `sample` move below projections too, and adjacent `skip`s merge.
enum LimitPushdown {
    static let name = "limit-pushdown"
    /// Steps one `take` may move past.
    static let maxDistance = 100

    static func rewrite(_ plan: LogicalPlan) -> LogicalPlan {
        var copy = plan
        var steps: [PlanStep] = []
        steps.reserveCapacity(plan.steps.count)
        for step in plan.steps {
            switch step.operation {
            case .limit: place(step, in: &steps)
            case .skip, .sample: placeBelowProjections(step, in: &steps)
            default: steps.append(step)
            }
        }
        copy.steps = steps
        return copy
    }

    /// Puts a `take` at the end of `steps`, then moves it as far down as it may go.
    private static func place(_ limit: PlanStep, in steps: inout [PlanStep]) {
        guard case .limit(let count) = limit.operation else { return }
        var position = steps.count
        while position > 0, steps.count - position < maxDistance, case .project = steps[position - 1].operation {
            position -= 1
        }
        var placed = limit
        // Noted only past a projection that computes something (which then runs on n rows):
        // passing one that only passes columns on changes nothing worth telling.
        let computing = steps[position..<steps.count].last { step in
            if case .project(let columns) = step.operation { return !columns.allSatisfy(\.isPassThrough) }
            return false
        }
        if let computing { placed.notes.append(PlanNote(name, "moved before", stage: computing.span)) }
        if position > 0 {
            switch steps[position - 1].operation {
            case .limit(let earlier):
                if let smaller = TopN.smaller(earlier, count) {
                    steps[position - 1].operation = .limit(smaller)
                    steps[position - 1].origin += limit.origin
                    steps[position - 1].notes.append(PlanNote(name, "merged with", stage: limit.span))
                    return
                }
            case .top(let earlier, let keys):
                if let smaller = TopN.smaller(earlier, count) {
                    steps[position - 1].operation = .top(smaller, keys)
                    steps[position - 1].origin += limit.origin
                    steps[position - 1].notes.append(PlanNote(name, "merged with", stage: limit.span))
                    return
                }
            case let operation where takesFromBothSides(operation) && !endsWithLimit(operation.otherSide!, atMost: count):
                var side = operation.otherSide!
                var copy = limit
                copy.notes = [PlanNote(name, "copied into", stage: steps[position - 1].span)]
                side.steps.append(copy)
                steps[position - 1].operation = operation.replacingOtherSide(rewrite(side))
                steps.insert(placed, at: position)
                // The left side's rows come first: at most n of them are needed.
                var before = steps.prefix(position - 1).map { $0 }
                var leftCopy = limit
                leftCopy.notes = [PlanNote(name, "copied before", stage: steps[position - 1].span)]
                place(leftCopy, in: &before)
                steps.replaceSubrange(0..<(position - 1), with: before)
                return
            default:
                break
            }
        }
        steps.insert(placed, at: position)
    }

    /// Puts a `skip` or a `sample` at the end of `steps`, then below the projections before it
    /// (which then compute only the rows kept; the rows it sees are the same), a `skip` merged
    /// with a `skip` just before them. Unlike a `take`, neither goes into the sides of a union
    /// or a cross join: the rows a skip drops are the first of the whole, and a sample draws
    /// from all of them.
    private static func placeBelowProjections(_ step: PlanStep, in steps: inout [PlanStep]) {
        var position = steps.count
        while position > 0, steps.count - position < maxDistance, case .project = steps[position - 1].operation {
            position -= 1
        }
        if position > 0, case .skip(let count) = step.operation, case .skip(let earlier) = steps[position - 1].operation,
           let total = TopN.sum(earlier, count) {
            steps[position - 1].operation = .skip(total)
            steps[position - 1].origin += step.origin
            steps[position - 1].notes.append(PlanNote(name, "merged with", stage: step.span))
            return
        }
        var placed = step
        if position < steps.count { placed.notes.append(PlanNote(name, "moved before", stage: steps[position].span)) }
        steps.insert(placed, at: position)
    }

    /// Whether the first n rows after the step come from the first n rows of its input and the
    /// first n of its other side: a union's (the left rows, then the right), and a cross
    /// join's (the first n pairs pair left rows before the n-th with right rows before the n-th).
    private static func takesFromBothSides(_ operation: PlanOperation) -> Bool {
        switch operation {
        case .union: return true
        case .join(let join): return join.kind == .cross
        default: return false
        }
    }

    /// Whether the plan already ends with a `take` of at most `count` rows.
    private static func endsWithLimit(_ plan: LogicalPlan, atMost count: BoundExpr) -> Bool {
        guard let last = plan.steps.last, case .limit(let existing) = last.operation else { return false }
        return TopN.smaller(existing, count).map { $0.constantValue == existing.constantValue } ?? false
    }
}
