/// The one traversal and rewrite API for expressions. The binder, the planner, every
/// optimizer pass and the engine's lowering go through `children`, `replacingChildren` and
/// the walks built on them, so a new kind of node is taught to all of them here, once.
///
/// These walks recurse. Expression trees are at most `Parser.maxTreeHeight` (10,000) nodes
/// high, and every statement runs on a thread whose stack has room for that (`LargeStack`);
/// threads that work on parts of a column get shallow trees only (``height``).
extension BoundExpr {
    /// The nodes on the longest path from this one down to a leaf.
    public var height: Int { 1 + (children.map(\.height).max() ?? 0) }

    /// The direct sub-expressions, in evaluation order. A subquery's pipeline is not a child:
    /// it has its own columns; ``subqueries`` reaches it.
    public var children: [BoundExpr] {
        switch kind {
        case .constant, .column, .scalarSubquery: return []
        case .negate(let e), .not(let e), .toFloat(let e), .isNull(let e, _), .inSubquery(let e, _, _): return [e]
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b): return [a, b]
        case .inList(let e, let items, _): return [e] + items
        case .inRange(let e, let low, let high, _): return [e, low, high]
        case .coalesce(let items): return items
        case .call(_, let arguments): return arguments
        }
    }

    /// This node with its children replaced, in the order ``children`` gives them.
    public func replacingChildren(_ new: [BoundExpr]) -> BoundExpr {
        precondition(new.count == children.count, "a node keeps its number of children")
        var copy = self
        switch kind {
        case .constant, .column, .scalarSubquery: break
        case .negate: copy.kind = .negate(new[0])
        case .not: copy.kind = .not(new[0])
        case .toFloat: copy.kind = .toFloat(new[0])
        case .isNull(_, let negated): copy.kind = .isNull(new[0], negated: negated)
        case .inSubquery(_, let subquery, let negated): copy.kind = .inSubquery(new[0], subquery, negated: negated)
        case .arithmetic(let op, _, _): copy.kind = .arithmetic(op, new[0], new[1])
        case .compare(let op, _, _): copy.kind = .compare(op, new[0], new[1])
        case .and: copy.kind = .and(new[0], new[1])
        case .or: copy.kind = .or(new[0], new[1])
        case .inList(_, _, let negated): copy.kind = .inList(new[0], Array(new.dropFirst()), negated: negated)
        case .inRange(_, _, _, let negated): copy.kind = .inRange(new[0], low: new[1], high: new[2], negated: negated)
        case .coalesce: copy.kind = .coalesce(new)
        case .call(let function, _): copy.kind = .call(function, new)
        }
        return copy
    }

    /// Rewrites bottom-up: `transform` sees each node after its children were rewritten and
    /// returns its replacement, or nil to keep it.
    public func rewritten(_ transform: (BoundExpr) throws -> BoundExpr?) rethrows -> BoundExpr {
        let old = children
        var node = self
        if !old.isEmpty {
            node = replacingChildren(try old.map { try $0.rewritten(transform) })
        }
        return try transform(node) ?? node
    }

    /// Calls `body` on this node and every node below it, parents first.
    public func visit(_ body: (BoundExpr) throws -> Void) rethrows {
        try body(self)
        for child in children { try child.visit(body) }
    }

    /// Whether any node of the tree satisfies `predicate`.
    public func contains(where predicate: (BoundExpr) -> Bool) -> Bool {
        if predicate(self) { return true }
        return children.contains { $0.contains(where: predicate) }
    }

    /// The columns the expression reads.
    public var columns: Set<Int> {
        var found: Set<Int> = []
        visit { if case .column(let id) = $0.kind { found.insert(id) } }
        return found
    }

    /// The same expression reading columns renumbered by `map`.
    public func remapped(_ map: (Int) throws -> Int) rethrows -> BoundExpr {
        try rewritten { node in
            guard case .column(let id) = node.kind else { return nil }
            var copy = node
            copy.kind = .column(try map(id))
            return copy
        }
    }

    /// The expression with each column in `replacements` replaced by its expression (pushing
    /// a filter below the step that computes the columns it reads).
    public func substituting(_ replacements: [Int: BoundExpr]) -> BoundExpr {
        rewritten { node in
            guard case .column(let id) = node.kind, let replacement = replacements[id] else { return nil }
            return replacement
        }
    }

    /// The pipelines inside the expression, outermost first.
    public var subqueries: [Subquery] {
        var found: [Subquery] = []
        visit { node in
            switch node.kind {
            case .scalarSubquery(let subquery), .inSubquery(_, let subquery, _): found.append(subquery)
            default: break
            }
        }
        return found
    }

    /// The expression with each subquery's plan rewritten by `transform`.
    public func rewritingSubqueryPlans(_ transform: (LogicalPlan) throws -> LogicalPlan) rethrows -> BoundExpr {
        try rewritten { node in
            var copy = node
            switch node.kind {
            case .scalarSubquery(var subquery):
                subquery.plan = try transform(subquery.plan)
                copy.kind = .scalarSubquery(subquery)
            case .inSubquery(let operand, var subquery, let negated):
                subquery.plan = try transform(subquery.plan)
                copy.kind = .inSubquery(operand, subquery, negated: negated)
            default:
                return nil
            }
            return copy
        }
    }

    /// True when the expression reads no column, so it has one value for every row (a scalar
    /// subquery counts: it is run once, before the rows).
    public var isConstant: Bool {
        !contains { node in
            switch node.kind {
            case .column, .inSubquery: return true
            case .call(let function, _): return !function.isDeterministic
            default: return false
            }
        }
    }

    /// True when evaluating the expression can never fail, whatever the rows hold: no integer
    /// arithmetic that may overflow, no casts of text, no function that can reject its input.
    /// The optimizer only moves such expressions to rows they were not evaluated on before,
    /// so a rewrite never brings in an error the query as written did not have.
    public var cannotFail: Bool {
        !contains { node in
            switch node.kind {
            case .arithmetic(_, let a, _):
                // Integer arithmetic can overflow or divide by zero, and a date moved by days
                // can leave the calendar; floats give inf or NaN, text and date spans cannot fail.
                return (a.type == .int && node.type == .int) || (a.type == .date && node.type == .date)
            case .negate: return node.type == .int
            case .call(let function, let arguments): return function.canFail(arguments)
            case .scalarSubquery, .inSubquery: return true
            default: return false
            }
        }
    }

    /// The `and` conjuncts of a condition, left to right.
    public var conjuncts: [BoundExpr] {
        guard case .and(let a, let b) = kind else { return [self] }
        return a.conjuncts + b.conjuncts
    }

    /// The conjuncts joined by `and`, left-nested as the parser builds them; nil for none.
    public static func conjunction(_ parts: [BoundExpr]) -> BoundExpr? {
        guard var result = parts.first else { return nil }
        for part in parts.dropFirst() {
            result = BoundExpr(.and(result, part), type: .bool, span: result.span.merged(with: part.span))
        }
        return result
    }
}
