/// The traversal and rewrite API for plans, beside the one for expressions
/// (``BoundExpr/rewritten(_:)``). Optimizer passes rewrite one plan's steps; these walks
/// apply them to every plan inside it too.
extension PlanOperation {
    /// The step with every expression rewritten by `transform`: its own, over the input, and
    /// a join's right keys and a union's right columns, over the other side.
    public func mappingExpressions(_ transform: (BoundExpr) throws -> BoundExpr) rethrows -> PlanOperation {
        func keys(_ keys: [PlanSortKey]) throws -> [PlanSortKey] {
            try keys.map { PlanSortKey(expr: try transform($0.expr), descending: $0.descending) }
        }
        func computed(_ columns: [ComputedColumn]) throws -> [ComputedColumn] {
            try columns.map { ComputedColumn($0.column, try transform($0.expr)) }
        }
        switch self {
        case .filter(let condition): return .filter(try transform(condition))
        case .project(let columns): return .project(try computed(columns))
        case .sort(let sortKeys): return .sort(try keys(sortKeys))
        case .limit(let count): return .limit(try transform(count))
        case .skip(let count): return .skip(try transform(count))
        case .sample(var sample):
            sample.size = try transform(sample.size)
            return .sample(sample)
        case .top(let count, let sortKeys): return .top(try transform(count), try keys(sortKeys))
        case .distinct: return .distinct
        case .aggregate(let groupKeys, let aggregates):
            return .aggregate(keys: try computed(groupKeys), aggregates: try aggregates.map { aggregate in
                var call = aggregate.call
                call.arguments = try call.arguments.map(transform)
                return AggregateColumn(aggregate.column, call)
            })
        case .join(var join):
            join.leftKeys = try join.leftKeys.map(transform)
            join.rightKeys = try join.rightKeys.map(transform)
            return .join(join)
        case .union(var union):
            union.left = try union.left.map(transform)
            union.rightColumns = try union.rightColumns.map(transform)
            return .union(union)
        case .window(let window):
            return .window(try window.mappingExpressions(transform))
        case .unpivot(var unpivot):
            unpivot.values = try unpivot.values.map(transform)
            return .unpivot(unpivot)
        case .pivot(var pivot):
            pivot.keys = try computed(pivot.keys)
            pivot.column = try transform(pivot.column)
            pivot.results = try pivot.results.map(transform)
            return .pivot(pivot)
        }
    }

    /// Every expression of the step, as ``mappingExpressions(_:)`` reaches them.
    public var allExpressions: [BoundExpr] {
        var found: [BoundExpr] = []
        _ = mappingExpressions { found.append($0); return $0 }
        return found
    }

    /// A join's or a union's other side.
    public var otherSide: LogicalPlan? {
        switch self {
        case .join(let join): return join.right
        case .union(let union): return union.right
        default: return nil
        }
    }

    /// The step with its other side replaced.
    public func replacingOtherSide(_ plan: LogicalPlan) -> PlanOperation {
        switch self {
        case .join(var join):
            join.right = plan
            return .join(join)
        case .union(var union):
            union.right = plan
            return .union(union)
        default:
            return self
        }
    }
}

extension LogicalPlan {
    /// Rewrites this plan and every plan inside it, innermost first: the other sides of joins
    /// and unions and the pipelines inside expressions are rewritten before the plan that
    /// holds them, then `transform` sees that plan.
    public func rewritingPlans(_ transform: (LogicalPlan) throws -> LogicalPlan) rethrows -> LogicalPlan {
        var copy = self
        for index in copy.steps.indices {
            var operation = copy.steps[index].operation
            if let side = operation.otherSide {
                operation = operation.replacingOtherSide(try side.rewritingPlans(transform))
            }
            if operation.allExpressions.contains(where: { !$0.subqueries.isEmpty }) {
                operation = try operation.mappingExpressions { expr in
                    try expr.rewritingSubqueryPlans { try $0.rewritingPlans(transform) }
                }
            }
            copy.steps[index].operation = operation
        }
        return try transform(copy)
    }

    /// Calls `body` on this plan and on every plan inside it, outermost first.
    public func visitPlans(_ body: (LogicalPlan) throws -> Void) rethrows {
        try body(self)
        for step in steps {
            try step.operation.otherSide?.visitPlans(body)
            for expr in step.operation.allExpressions {
                for subquery in expr.subqueries { try subquery.plan.visitPlans(body) }
            }
        }
    }

    /// The plan with every step's expressions rewritten by `transform` (this plan only).
    public func mappingExpressions(_ transform: (BoundExpr) throws -> BoundExpr) rethrows -> LogicalPlan {
        var copy = self
        for index in copy.steps.indices {
            copy.steps[index].operation = try copy.steps[index].operation.mappingExpressions(transform)
        }
        return copy
    }
}
