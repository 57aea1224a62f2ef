import Columnar
import Diagnostics
import Syntax

/// `x in (pipeline)` becomes a join: a semi join (or, for `not in`, a null-aware anti join)
/// when it is a whole conjunct of `where`, else a mark join that adds a bool column the
/// expression then reads. A pipeline used as a value stays in the expression as a scalar
/// subquery, which the engine runs once, before the rows.
extension Planner {
    /// `where`: the conjuncts in order, each seeing the rows the ones before it kept, as the
    /// lazy `and` reads: runs of plain conjuncts become one filter, and a conjunct that is a
    /// membership test becomes a join.
    func addFilter(_ condition: BoundExpr, stage: Span, into builder: inout PlanBuilder) throws {
        let conjuncts = condition.conjuncts
        guard conjuncts.contains(where: Self.hasMembership) else {
            builder.add(.filter(condition), from: stage)
            return
        }
        var pending: [BoundExpr] = []
        func flush() throws {
            guard let merged = BoundExpr.conjunction(pending) else { return }
            pending = []
            try addLifting([merged], at: stage, into: &builder) { .filter($0[0]) }
        }
        for conjunct in conjuncts {
            guard case .inSubquery(let operand, let subquery, let negated) = conjunct.kind else {
                pending.append(conjunct)
                continue
            }
            try flush()
            try addLifting([operand], at: stage, into: &builder) { operands in
                .join(membershipJoin(operands[0], subquery, kind: negated ? .nullAwareAnti : .semi))
            }
        }
        try flush()
    }

    /// Adds the step `make` builds from `exprs` (over the builder's current columns), first
    /// turning each `x in (pipeline)` in them into a mark join whose column they then read.
    /// When the step passes its input on, the mark columns are dropped again after it.
    func addLifting(_ exprs: [BoundExpr], at stage: Span, into builder: inout PlanBuilder,
                    _ make: ([BoundExpr]) throws -> PlanOperation) throws {
        var joins: [JoinStep] = []
        // Bottom-up, so a membership test inside another's left side is joined first.
        let lifted = exprs.map { expr in
            expr.rewritten { node in
                guard case .inSubquery(let operand, let subquery, let negated) = node.kind else { return nil }
                let mark = PlanColumn(id: ids.make(), name: source.text(of: node.span), type: .bool)
                joins.append(membershipJoin(operand, subquery, kind: .mark, mark: mark))
                let reference = BoundExpr.column(mark.id, .bool, span: node.span)
                return negated ? BoundExpr(.not(reference), type: .bool, span: node.span) : reference
            }
        }
        for join in joins { builder.add(.join(join), from: stage) }
        builder.add(try make(lifted), from: stage)
        let marks = Set(joins.compactMap(\.mark?.id))
        if builder.schema.contains(where: { marks.contains($0.id) }) {
            let kept = builder.schema.filter { !marks.contains($0.id) }
            builder.add(.project(kept.map { ComputedColumn($0, $0.reference) }), from: stage)
        }
    }

    /// The join that tests `operand` against the subquery's one column.
    private func membershipJoin(_ operand: BoundExpr, _ subquery: Subquery, kind: PlanJoinKind,
                                mark: PlanColumn? = nil) -> JoinStep {
        let column = subquery.plan.schema[0]
        var key = BoundExpr.column(column.id, column.type, span: operand.span)
        if operand.type == .float && column.type == .int { key = BoundExpr(.toFloat(key), type: .float, span: operand.span) }
        return JoinStep(right: subquery.plan, kind: kind, leftKeys: [operand], rightKeys: [key], qualifier: nil, mark: mark)
    }

    static func hasMembership(_ expr: BoundExpr) -> Bool {
        expr.contains { if case .inSubquery = $0.kind { true } else { false } }
    }
}
