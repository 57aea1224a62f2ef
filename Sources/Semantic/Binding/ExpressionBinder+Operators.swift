import Columnar
import Diagnostics
import Syntax

extension ExpressionBinder {
    mutating func bindUnary(_ op: UnaryOperator, _ operand: Expr, span: Span) throws -> BoundExpr {
        let bound = try bind(operand)
        switch op {
        case .not:
            try expect(bound, .bool, "'not' needs a condition")
            return BoundExpr(.not(retyped(bound, .bool)), type: .bool, span: span)
        case .negate:
            if bound.isUntypedNull { return bound }
            guard bound.type.isNumeric else {
                throw SemanticError.make("E0330", "cannot negate \(bound.type.withArticle)", span)
            }
            return BoundExpr(.negate(bound), type: bound.type, span: span)
        }
    }

    mutating func bindBinary(_ op: BinaryOperator, _ lhsExpr: Expr, _ rhsExpr: Expr, span: Span) throws -> BoundExpr {
        switch op {
        case .and, .or:
            let lhs = try bind(lhsExpr), rhs = try bind(rhsExpr)
            try expect(lhs, .bool, "'\(op.rawValue)' needs conditions on both sides")
            try expect(rhs, .bool, "'\(op.rawValue)' needs conditions on both sides")
            let (l, r) = (retyped(lhs, .bool), retyped(rhs, .bool))
            return BoundExpr(op == .and ? .and(l, r) : .or(l, r), type: .bool, span: span)
        case .in, .notIn:
            return try bindIn(lhsExpr, rhsExpr, negated: op == .notIn, span: span)
        case .coalesce:
            return try bindCoalesce([lhsExpr, rhsExpr], span: span)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let (lhs, rhs) = try unify(try bind(lhsExpr), try bind(rhsExpr), span: span, verb: "compare")
            let comparison = ComparisonOperator(rawValue: op.rawValue)!
            return BoundExpr(.compare(comparison, lhs, rhs), type: .bool, span: span)
        case .add, .subtract, .multiply, .divide, .integerDivide, .remainder:
            return try bindArithmetic(ArithmeticOperator(rawValue: op.rawValue)!, try bind(lhsExpr), try bind(rhsExpr), span: span)
        }
    }

    private func bindArithmetic(_ op: ArithmeticOperator, _ lhs: BoundExpr, _ rhs: BoundExpr, span: Span) throws -> BoundExpr {
        // A null operand takes a type that makes the operation valid: the other side's, or
        // int (for date + null), so the result is a null of the expected type.
        if lhs.isUntypedNull || rhs.isUntypedNull {
            let other = lhs.isUntypedNull ? rhs : lhs
            let candidates: [DataType] = other.isUntypedNull ? [.int] : [other.type, .int, .float]
            for candidate in candidates {
                let l = lhs.isUntypedNull ? retyped(lhs, candidate) : lhs
                let r = rhs.isUntypedNull ? retyped(rhs, candidate) : rhs
                if let bound = try? bindArithmetic(op, l, r, span: span) { return bound }
            }
        }
        func result(_ type: DataType, _ l: BoundExpr, _ r: BoundExpr) -> BoundExpr {
            BoundExpr(.arithmetic(op, l, r), type: type, span: span)
        }
        switch (lhs.type, rhs.type) {
        case (.int, .int):
            return result(op == .divide ? .float : .int, op == .divide ? widen(lhs) : lhs, op == .divide ? widen(rhs) : rhs)
        case (.int, .float), (.float, .int), (.float, .float):
            return result(.float, widen(lhs), widen(rhs))
        case (.string, .string) where op == .add:
            return result(.string, lhs, rhs)
        case (.date, .int) where op == .add || op == .subtract:
            return result(.date, lhs, rhs)
        case (.int, .date) where op == .add:
            return result(.date, rhs, lhs)
        case (.date, .date) where op == .subtract:
            return result(.int, lhs, rhs)
        default:
            var help: String?
            if op == .add, lhs.type == .string || rhs.type == .string {
                help = "'+' joins two strings; convert the other side with string(...)"
            }
            throw SemanticError.make("E0331", "cannot apply '\(op.rawValue)' to \(lhs.type) and \(rhs.type)", span, help: help)
        }
    }

    private mutating func bindIn(_ lhsExpr: Expr, _ rhsExpr: Expr, negated: Bool, span: Span) throws -> BoundExpr {
        let lhs = try bind(lhsExpr)
        switch rhsExpr.kind {
        case .list(let items):
            var bound: [BoundExpr] = []
            var type = lhs.type
            for item in items {
                let value = try bind(item)
                let (l, r) = try unify(BoundExpr(lhs.kind, type: type, span: lhs.span), value, span: item.span, verb: "compare")
                type = l.type
                bound.append(r)
            }
            let target = type
            return BoundExpr(.inList(widenTo(lhs, target), bound.map { widenTo($0, target) }, negated: negated),
                             type: .bool, span: span)
        case .range(let lowExpr, let highExpr):
            let (l1, low) = try unify(lhs, try bind(lowExpr), span: span, verb: "compare")
            let (l2, high) = try unify(l1, try bind(highExpr), span: span, verb: "compare")
            return BoundExpr(.inRange(l2, low: widenTo(low, l2.type), high: widenTo(high, l2.type), negated: negated),
                             type: .bool, span: span)
        case .pipeline, .name:
            let plan: LogicalPlan
            if case .pipeline(let pipeline) = rhsExpr.kind {
                plan = try planner.plan(pipeline)
            } else if case .name(let name) = rhsExpr.kind, name.qualifier == nil,
                      !schema.contains(where: { $0.name == name.name.name }), let fields = catalog.tables[name.name.name] {
                // `x in sister_cities`, a table of one column.
                plan = planner.scan(name.name.name, fields, span: rhsExpr.span)
            } else {
                break
            }
            let schema = plan.schema
            guard schema.count == 1 else {
                throw SemanticError.make("E0313", "the pipeline after 'in' must give one column, not \(schema.count)",
                                         rhsExpr.span, help: "end it with select, e.g. (agreements | select partner_id)")
            }
            let values = BoundExpr(.constant(.null), type: schema[0].type, span: rhsExpr.span)
            let (l, _) = try unify(lhs, values, span: span, verb: "compare")
            guard l.type == schema[0].type || (l.type.isNumeric && schema[0].type.isNumeric) else {
                throw SemanticError.make("E0333", "cannot compare \(l.type) with \(schema[0].type)", span)
            }
            let subquery = Subquery(id: planner.ids.make(), plan: plan)
            return BoundExpr(.inSubquery(l, subquery, negated: negated), type: .bool, span: span)
        default:
            break
        }
        throw SemanticError.make("E0312", "'in' needs a list, a range or a parenthesised pipeline", rhsExpr.span,
                                 help: "write: x in [\"a\", \"b\"] or year in 1990..1999")
    }

    mutating func bindCoalesce(_ exprs: [Expr], span: Span, name: String = "'??'") throws -> BoundExpr {
        var items = try exprs.map { try bind($0) }
        guard let type = items.first(where: { !$0.isUntypedNull })?.type else { return items[0] }
        var common = type
        for item in items where !item.isUntypedNull {
            guard let next = FunctionRegistry.commonType(common, item.type) else {
                throw SemanticError.make("E0332", "cannot mix \(common) and \(item.type) in \(name)", span,
                                         help: "every alternative must have the same type")
            }
            common = next
        }
        items = items.map { widenTo($0, common) }
        return BoundExpr(.coalesce(items), type: common, span: span)
    }

    /// Gives both sides of a comparison one type: equal types, int with float (as float), or
    /// a typed side with an untyped null.
    func unify(_ lhs: BoundExpr, _ rhs: BoundExpr, span: Span, verb: String) throws -> (BoundExpr, BoundExpr) {
        if lhs.isUntypedNull { return (retyped(lhs, rhs.type), rhs) }
        if rhs.isUntypedNull { return (lhs, retyped(rhs, lhs.type)) }
        if lhs.type == rhs.type { return (lhs, rhs) }
        if lhs.type.isNumeric && rhs.type.isNumeric { return (widen(lhs), widen(rhs)) }
        var help: String?
        if (lhs.type == .date && rhs.type == .string) || (lhs.type == .string && rhs.type == .date) {
            help = "write a date as @2020-01-31, or convert text with date(\"2020-01-31\")"
        } else if lhs.type == .string || rhs.type == .string {
            help = "convert one side, e.g. with string(...) or int(...)"
        }
        throw SemanticError.make("E0333", "cannot \(verb) \(lhs.type) with \(rhs.type)", span, help: help)
    }

    func expect(_ expr: BoundExpr, _ type: DataType, _ message: String) throws {
        guard expr.isUntypedNull || expr.type == type else {
            throw SemanticError.make("E0334", "\(message), found \(expr.type.withArticle)", expr.span)
        }
    }

    func widen(_ expr: BoundExpr) -> BoundExpr {
        guard expr.type == .int else { return expr }
        if case .constant(.int(let value)) = expr.kind {
            return BoundExpr(.constant(.float(Double(value))), type: .float, span: expr.span)
        }
        return BoundExpr(.toFloat(expr), type: .float, span: expr.span)
    }

    func widenTo(_ expr: BoundExpr, _ type: DataType) -> BoundExpr {
        if expr.isUntypedNull { return retyped(expr, type) }
        return type == .float ? widen(expr) : expr
    }

    /// An untyped null given its type by context; it is typed from then on.
    func retyped(_ expr: BoundExpr, _ type: DataType) -> BoundExpr {
        guard expr.isUntypedNull else { return expr }
        var copy = expr
        copy.type = type
        copy.isUntypedNull = false
        return copy
    }
}
