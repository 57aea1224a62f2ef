import Columnar
import Diagnostics
import Semantic

/// Moves filters toward the table, so later steps see fewer rows: below a project (the
/// condition then reads the project's expressions instead of its columns) and a sort; the
/// conjuncts on group keys below an aggregate; the conjuncts on one side of a join into that
/// side; and into both sides of a union.
///
/// The plan is walked from its end to its source, carrying the conjuncts that are moving
/// down; each step lets through what may pass it and puts the rest back as a filter just
/// after itself. Conditions run on the same rows they ran on before, with two exceptions that
/// only take conjuncts that cannot fail: into a side of an inner, semi or anti join (whose rows
/// may not all reach the output), and past a conjunct that stays (which guarded it, as `and`
/// is lazy). Nothing moves into the null-extended side of a left join.
enum FilterPushdown {
    static let name = "filter-pushdown"
    /// Steps one conjunct may move past: bounds the work on pipelines of thousands of stages.
    static let maxDistance = 100
    /// Nodes a conjunct may grow to by reading the expressions of the projects it passes.
    static let maxNodes = 400

    /// A conjunct moving down, with the filter it came from.
    struct Moving {
        var expr: BoundExpr
        var filter: PlanStep
        /// The stages of the steps it moved past, in order.
        var passed: [Span] = []
        var distance = 0
        /// Where it went: "moved before" a step, or into a join or union.
        var how = "moved before"
    }

    static func rewrite(_ plan: LogicalPlan) -> LogicalPlan {
        var copy = plan
        var reversed: [PlanStep] = []
        reversed.reserveCapacity(plan.steps.count)
        var moving: [Moving] = []
        for step in plan.steps.reversed() {
            if case .filter(let condition) = step.operation {
                moving = condition.conjuncts.map { Moving(expr: $0, filter: step) } + moving
                continue
            }
            var (down, stay, rewritten) = letThrough(moving, step)
            // What stays is evaluated right after this step, as a filter of its own.
            append(stay, to: &reversed, after: step.span)
            reversed.append(rewritten)
            for index in down.indices {
                down[index].passed.append(step.span)
                down[index].distance += 1
            }
            let tooFar = down.filter { $0.distance >= maxDistance }
            moving = down.filter { $0.distance < maxDistance }
            if !tooFar.isEmpty {
                // Put before this step, where they got to.
                reversed.removeLast()
                append(tooFar, to: &reversed, after: nil)
                reversed.append(rewritten)
            }
        }
        append(moving, to: &reversed, after: nil)
        copy.steps = reversed.reversed()
        return copy
    }

    /// The conjuncts that move on below `step` and those that stay after it, and the step
    /// itself, whose other side (of a join or union) may have taken some.
    private static func letThrough(_ moving: [Moving], _ step: PlanStep) -> (down: [Moving], stay: [Moving], step: PlanStep) {
        guard !moving.isEmpty else { return ([], [], step) }
        switch step.operation {
        case .sort:
            return (moving, [], step)
        case .project(let columns):
            let replacements = Dictionary(columns.map { ($0.column.id, $0.expr) }, uniquingKeysWith: { first, _ in first })
            let (down, stay) = split(moving, needsSafety: false) { conjunct in
                let substituted = conjunct.substituting(replacements)
                return isSmall(substituted) && !hasNondeterminism(substituted) ? substituted : nil
            }
            return (down, stay, step)
        case .aggregate(let keys, _):
            // Conjuncts on the keys alone filter the rows before they are grouped. Float keys
            // stay: -0.0 and 0.0 are one group, shown as whichever came first.
            let keyExprs = Dictionary(keys.filter { $0.column.type != .float }.map { ($0.column.id, $0.expr) },
                                      uniquingKeysWith: { first, _ in first })
            let (down, stay) = split(moving, needsSafety: false) { conjunct in
                Set(keyExprs.keys).isSuperset(of: conjunct.columns) ? conjunct.substituting(keyExprs) : nil
            }
            return (down, stay, step)
        case .window(let window):
            // Conjuncts on the partition keys alone keep or drop whole groups, whose window
            // values do not change. Float keys stay, as for aggregates.
            let keys = Set(window.partition.filter { $0.type != .float }.compactMap(\.columnReference))
            let (down, stay) = split(moving, needsSafety: false) { keys.isSuperset(of: $0.columns) ? $0 : nil }
            return (down, stay, step)
        case .join(let join):
            return throughJoin(moving, join, step)
        case .union(let union):
            return throughUnion(moving, union, step)
        case .pivot(let pivot):
            // As for an aggregate: pivot makes one row per key combination of its input.
            let keyExprs = Dictionary(pivot.keys.filter { $0.column.type != .float }.map { ($0.column.id, $0.expr) },
                                      uniquingKeysWith: { first, _ in first })
            let (down, stay) = split(moving, needsSafety: false) { conjunct in
                Set(keyExprs.keys).isSuperset(of: conjunct.columns) ? conjunct.substituting(keyExprs) : nil
            }
            return (down, stay, step)
        case .unpivot(let unpivot):
            // A row's copies share the columns unpivot keeps: a conjunct on those alone keeps or
            // drops all copies of a row, so it may filter the rows before they are repeated.
            let made: Set<Int> = [unpivot.name.id, unpivot.value.id]
            let (down, stay) = split(moving, needsSafety: false) { $0.columns.isDisjoint(with: made) ? $0 : nil }
            return (down, stay, step)
        default:
            return ([], moving, step)
        }
    }

    /// Conjuncts on the input's columns go below the join; on the right side's columns, into
    /// the right side of an inner or cross join. A cross join is a product: a row of either side
    /// reaches the output only if the other side has rows, so what moves must be unable to fail.
    private static func throughJoin(_ moving: [Moving], _ join: JoinStep,
                                    _ step: PlanStep) -> (down: [Moving], stay: [Moving], step: PlanStep) {
        let added = Set(join.addedColumns.map(\.id))
        // Left rows reach the output one for one only in left and mark joins.
        let keepsLeftRows = join.kind == .left || join.kind == .mark
        let (down, rest) = split(moving, needsSafety: !keepsLeftRows) { $0.columns.isDisjoint(with: added) ? $0 : nil }
        guard join.kind == .inner || join.kind == .cross else { return (down, rest, step) }
        let rightIDs = Set(join.right.schema.map(\.id))
        let (right, stay) = split(rest, needsSafety: true) { $0.columns.isSubset(of: rightIDs) ? $0 : nil }
        guard !right.isEmpty else { return (down, rest, step) }
        var updated = join
        updated.right = rewrite(adding(right, to: join.right, note: "moved into", stage: step.span))
        var rewritten = step
        rewritten.operation = .join(updated)
        return (down, stay, rewritten)
    }

    /// A filter after a union filters each side instead: it reads the union's columns, which
    /// each side computes from its own.
    private static func throughUnion(_ moving: [Moving], _ union: UnionStep,
                                     _ step: PlanStep) -> (down: [Moving], stay: [Moving], step: PlanStep) {
        let ids = union.columns.map(\.id)
        let leftMap = Dictionary(zip(ids, union.left), uniquingKeysWith: { first, _ in first })
        let rightMap = Dictionary(zip(ids, union.rightColumns), uniquingKeysWith: { first, _ in first })
        var right = moving
        for index in right.indices { right[index].expr = right[index].expr.substituting(rightMap) }
        var updated = union
        updated.right = rewrite(adding(right, to: union.right, note: "moved into", stage: step.span))
        var rewritten = step
        rewritten.operation = .union(updated)
        var down = moving
        for index in down.indices { down[index].expr = down[index].expr.substituting(leftMap) }
        return (down, [], rewritten)
    }

    /// `plan` with the conjuncts as filters at its end, noted as having moved into `stage`.
    private static func adding(_ conjuncts: [Moving], to plan: LogicalPlan, note: String, stage: Span) -> LogicalPlan {
        var marked = conjuncts
        for index in marked.indices {
            marked[index].passed.append(stage)
            marked[index].how = note
        }
        var reversed: [PlanStep] = []
        append(marked, to: &reversed, after: nil)
        var copy = plan
        copy.steps += reversed.reversed()
        return copy
    }

    /// Splits the moving conjuncts, in order, into those `through` lets through (rewritten as
    /// it returns them) and those that stay. Once one stays, a later one goes only if it
    /// cannot fail (the one that stays guarded it); with `needsSafety`, every one that goes
    /// must be unable to fail.
    static func split(_ moving: [Moving], needsSafety: Bool,
                      _ through: (BoundExpr) -> BoundExpr?) -> (down: [Moving], stay: [Moving]) {
        var down: [Moving] = [], stay: [Moving] = []
        for item in moving {
            let safe = item.expr.cannotFail
            if !item.expr.columns.isEmpty, safe || (!needsSafety && stay.isEmpty), let rewritten = through(item.expr) {
                var moved = item
                moved.expr = rewritten
                down.append(moved)
            } else {
                stay.append(item)
            }
        }
        return (down, stay)
    }

    /// Puts conjuncts back as filters after the steps already in `reversed` (the first of
    /// which runs `after`, a stage): one filter per run of conjuncts from the same filter, in
    /// their order, noting the last other stage each moved before.
    static func append(_ conjuncts: [Moving], to reversed: inout [PlanStep], after: Span?) {
        func movedBefore(_ item: Moving) -> Span? { item.passed.last { $0 != after && $0 != item.filter.span } }
        var groups: [[Moving]] = []
        for item in conjuncts {
            if let last = groups.last?.last, last.filter.span == item.filter.span, movedBefore(last) == movedBefore(item) {
                groups[groups.count - 1].append(item)
            } else {
                groups.append([item])
            }
        }
        // `reversed` is built back to front: the first group must end up first.
        for group in groups.reversed() {
            var step = group[0].filter
            step.operation = .filter(BoundExpr.conjunction(group.map(\.expr))!)
            if let stage = movedBefore(group[0]) { step.notes.append(PlanNote(name, group[0].how, stage: stage)) }
            reversed.append(step)
        }
    }

    static func isSmall(_ expr: BoundExpr) -> Bool {
        var nodes = 0
        expr.visit { _ in nodes += 1 }
        return nodes <= maxNodes
    }

    static func hasNondeterminism(_ expr: BoundExpr) -> Bool {
        expr.contains { if case .call(let function, _) = $0.kind { !function.isDeterministic } else { false } }
    }
}
