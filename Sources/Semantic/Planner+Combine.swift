import Columnar
import Diagnostics
import Syntax

extension Planner {
    func planSummarize(_ items: [NamedExpr], by keyItems: [NamedExpr], on input: Plan) throws -> Plan {
        var keyBinder = binder(input.schema)
        let keys = try keyItems.map { try keyBinder.bind($0.expr) }
        let keyNames = keyItems.map(outputName)
        let keySchema = zip(keyNames, keys).map { PlanColumn(name: $0, type: $1.type) }

        var itemBinder = ExpressionBinder(
            schema: keySchema, catalog: catalog,
            aggregation: ExpressionBinder.Aggregation(input: input.schema, keyNames: keyNames))
        var outputs: [BoundExpr] = []
        for item in items {
            let before = itemBinder.aggregation?.calls.count ?? 0
            let bound = try itemBinder.bind(item.expr)
            if itemBinder.aggregation?.calls.count == before, !bound.isConstant {
                throw SemanticError.make("E0321", "each item of 'summarize' needs an aggregate", item.expr.span,
                                         help: "for example count(), sum(x) or first(x); group keys go after 'by'")
            }
            outputs.append(bound)
        }
        let names = keyNames + items.map(outputName)
        try checkDistinct(names, keyItems.map(\.span) + items.map(\.span))
        let schema = keySchema + zip(items.map(outputName), outputs).map { PlanColumn(name: $0, type: $1.type) }
        let calls = itemBinder.aggregation?.calls ?? []
        return input.adding(.aggregate(keys: keys, aggregates: calls, outputs: outputs), schema: schema)
    }

    func planJoin(_ kind: JoinKind, _ source: Pipeline, alias: Identifier?, on condition: Expr, left: Plan) throws -> Plan {
        let right = try plan(source)
        var qualifier = alias?.name
        if qualifier == nil, source.stages.isEmpty, case .name(let name) = source.head.kind { qualifier = name.name.name }
        // A self-join without an alias would name both sides' columns the same way.
        if let qualifier, alias == nil, left.schema.contains(where: { $0.qualifier == qualifier }) {
            throw SemanticError.make("E0362", "the joined table is called '\(qualifier)' on both sides", source.span,
                                     help: "give it an alias: join \(qualifier) as other on ... == other.column")
        }
        let rightSchema = right.schema.map { PlanColumn(name: $0.name, qualifier: qualifier, type: $0.type) }
        let combined = left.schema + rightSchema
        var binder = binder(combined)
        let bound = binder.retyped(try binder.bind(condition), .bool)
        guard bound.type == .bool else {
            throw SemanticError.make("E0334", "a join needs a condition, found \(bound.type.withArticle)", condition.span)
        }
        let leftCount = left.schema.count
        var leftKeys: [BoundExpr] = []
        var rightKeys: [BoundExpr] = []
        for conjunct in Self.conjuncts(bound) {
            guard case .compare(.equal, let a, let b) = conjunct.kind else {
                throw SemanticError.make("E0360", "a join condition must be equalities joined by 'and'", conjunct.span,
                                         help: "filter with 'where' after the join for other conditions")
            }
            let aSide = Self.side(a, leftCount), bSide = Self.side(b, leftCount)
            switch (aSide, bSide) {
            case (.left, .right):
                leftKeys.append(a)
                rightKeys.append(b.remapped { $0 - leftCount })
            case (.right, .left):
                leftKeys.append(b)
                rightKeys.append(a.remapped { $0 - leftCount })
            default:
                throw SemanticError.make("E0361", "each equality of a join must compare the left side with the right",
                                         conjunct.span, help: "for example: on partner_id == city_id")
            }
        }
        let schema = kind == .semi || kind == .anti ? left.schema : combined
        return left.adding(.join(right, kind, leftKeys: leftKeys, rightKeys: rightKeys), schema: schema)
    }

    private enum Side { case left, right, both, neither }

    private static func side(_ expr: BoundExpr, _ leftCount: Int) -> Side {
        let columns = expr.columns
        if columns.isEmpty { return .neither }
        if columns.allSatisfy({ $0 < leftCount }) { return .left }
        if columns.allSatisfy({ $0 >= leftCount }) { return .right }
        return .both
    }

    private static func conjuncts(_ expr: BoundExpr) -> [BoundExpr] {
        if case .and(let a, let b) = expr.kind { return conjuncts(a) + conjuncts(b) }
        return [expr]
    }

    func planUnion(_ source: Pipeline, left: Plan, span: Span) throws -> Plan {
        let right = try plan(source)
        var columns: [BoundExpr] = []
        var schema: [PlanColumn] = []
        for column in left.schema {
            guard let index = right.schema.firstIndex(where: { $0.name == column.name }) else {
                throw SemanticError.make("E0370", "union: column '\(column.name)' is missing on the right side", source.span,
                                         help: "the right side has: " + right.schema.map(\.name).joined(separator: ", "))
            }
            let other = right.schema[index]
            if other.isNullOnly && !column.isNullOnly {
                columns.append(BoundExpr(.constant(.null), type: column.type, span: source.span))
                schema.append(PlanColumn(name: column.name, type: column.type))
                continue
            }
            if column.isNullOnly {
                columns.append(BoundExpr(.column(index), type: other.type, span: source.span))
                schema.append(PlanColumn(name: column.name, type: other.type, isNullOnly: other.isNullOnly))
                continue
            }
            guard other.type == column.type else {
                throw SemanticError.make(
                    "E0371", "union: column '\(column.name)' is \(column.type) on the left but \(right.schema[index].type) on the right",
                    source.span, help: "convert one side with derive, e.g. \(column.name) = \(column.type)(\(column.name))")
            }
            columns.append(BoundExpr(.column(index), type: column.type, span: source.span))
            schema.append(PlanColumn(name: column.name, type: column.type))
        }
        if let extra = right.schema.first(where: { column in !left.schema.contains { $0.name == column.name } }) {
            throw SemanticError.make("E0370", "union: column '\(extra.name)' is only on the right side", source.span,
                                     help: "select the same columns on both sides")
        }
        return left.adding(.union(right, rightColumns: columns), schema: schema)
    }
}
