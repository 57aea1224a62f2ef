import Columnar
import Diagnostics
import Syntax

extension Planner {
    func planStage(_ stage: Stage, on input: Plan) throws -> Plan {
        let schema = input.schema
        switch stage.kind {
        case .where(let condition):
            var binder = binder(schema)
            let bound = binder.retyped(try binder.bind(condition), .bool)
            guard bound.type == .bool else {
                throw SemanticError.make("E0334", "'where' needs a condition, found \(bound.type.withArticle)", condition.span,
                                         help: "compare it: where x == ...")
            }
            return input.adding(.filter(bound), schema: schema)
        case .select(let items):
            return try planSelect(items, on: input)
        case .derive(let items):
            return try planDerive(items, on: input)
        case .drop(let names):
            var keep = Array(schema.indices)
            for name in names {
                let index = try ExpressionBinder.resolve(name, in: schema, catalog: catalog)
                keep.removeAll { $0 == index }
            }
            return project(input, keep)
        case .rename(let renamings):
            // All renamings apply at once, so 'rename a = b, b = a' swaps two names.
            var output = schema
            var renamed: [Int: Identifier] = [:]
            for renaming in renamings {
                let index = try ExpressionBinder.resolve(renaming.oldName, in: schema, catalog: catalog)
                renamed[index] = renaming.newName
                output[index] = PlanColumn(name: renaming.newName.name, type: schema[index].type)
            }
            for (index, newName) in renamed.sorted(by: { $0.key < $1.key })
            where output.indices.contains(where: { $0 != index && output[$0].name == newName.name }) {
                throw SemanticError.make("E0307", "a column named '\(newName.name)' already exists", newName.span,
                                         help: "drop it first, or choose another name")
            }
            var plan = input
            plan.schema = output
            return plan
        case .sort(let keys):
            return input.adding(.sort(try bindKeys(keys, schema)), schema: schema)
        case .take(let count):
            return input.adding(.limit(try rowCount(count, stage: "take")), schema: schema)
        case .top(let count, let keys):
            return input.adding(.top(try rowCount(count, stage: "top"), try bindKeys(keys, schema)), schema: schema)
        case .distinct(let items):
            guard !items.isEmpty else { return input.adding(.distinct, schema: schema) }
            let projected = try planSelect(items, on: input)
            return projected.adding(.distinct, schema: projected.schema)
        case .summarize(let aggregates, let keys):
            return try planSummarize(aggregates, by: keys, on: input)
        case .count:
            return input.adding(.count, schema: [PlanColumn(name: "count", type: .int)])
        case .join(let kind, let source, let alias, let condition):
            return try planJoin(kind, source, alias: alias, on: condition, left: input)
        case .union(let source):
            return try planUnion(source, left: input, span: stage.span)
        }
    }

    /// Keeps the input columns at `indices`, in that order.
    private func project(_ input: Plan, _ indices: [Int]) -> Plan {
        let exprs = indices.map { BoundExpr(.column($0), type: input.schema[$0].type, span: Span.point(0)) }
        return input.adding(.project(exprs), schema: indices.map { input.schema[$0] })
    }

    private func planSelect(_ items: [NamedExpr], on input: Plan) throws -> Plan {
        var binder = binder(input.schema)
        let exprs = try items.map { try binder.bind($0.expr) }
        let names = items.map(outputName)
        let schema = zip(zip(names, exprs), items).map { pair, item -> PlanColumn in
            // A column selected as it is keeps its qualifier, so `r.name` still resolves.
            if item.name == nil, case .column(let index) = pair.1.kind {
                return input.schema[index]
            }
            return PlanColumn(name: pair.0, type: pair.1.type, isNullOnly: pair.1.isUntypedNull)
        }
        // Two columns of one name may both be kept when their qualifiers tell them apart.
        try checkDistinct(schema.map(\.displayName), items.map(\.span), shown: schema.map(\.name))
        return input.adding(.project(exprs), schema: schema)
    }

    private func planDerive(_ items: [NamedExpr], on input: Plan) throws -> Plan {
        var plan = input
        var schema = input.schema
        var exprs = Self.identity(schema)
        var derived: Set<Int> = []
        for item in items {
            var binder = binder(schema)
            var bound = try binder.bind(item.expr)
            // An item that uses a column derived earlier in this stage reads it from a
            // projection step of its own (substituting the expression instead could grow
            // trees exponentially: derive b = a + a, c = b + b, ...).
            if !bound.columns.isDisjoint(with: derived) {
                plan = plan.adding(.project(exprs), schema: schema)
                exprs = Self.identity(schema)
                derived = []
                var fresh = self.binder(schema)
                bound = try fresh.bind(item.expr)
            }
            let name = outputName(item)
            let column = PlanColumn(name: name, type: bound.type, isNullOnly: bound.isUntypedNull)
            // A new column of an existing name replaces it in place.
            if let index = schema.firstIndex(where: { $0.name == name }) {
                schema[index] = column
                exprs[index] = bound
                derived.insert(index)
            } else {
                schema.append(column)
                exprs.append(bound)
                derived.insert(schema.count - 1)
            }
        }
        return plan.adding(.project(exprs), schema: schema)
    }

    /// Every column of `schema` passed through as it is.
    static func identity(_ schema: [PlanColumn]) -> [BoundExpr] {
        schema.indices.map { BoundExpr(.column($0), type: schema[$0].type, span: Span.point(0)) }
    }

    private func bindKeys(_ keys: [SortKey], _ schema: [PlanColumn]) throws -> [PlanSortKey] {
        var binder = binder(schema)
        return try keys.map { PlanSortKey(expr: try binder.bind($0.expr), descending: $0.descending) }
    }

    /// The row count of `take` and `top`: a constant, non-negative integer.
    private func rowCount(_ expr: Expr, stage: String) throws -> Int {
        // Bound with no columns: a column name here is reported as unknown, with the help
        // below explaining why.
        var binder = binder([])
        let bound: BoundExpr
        do {
            bound = try binder.bind(expr)
        } catch var diagnostic as Diagnostic where diagnostic.code == "E0301" {
            diagnostic.message = "'\(stage)' needs a constant number of rows, not a column"
            diagnostic.help = "write a number such as \(stage) 10, or a parameter such as $n"
            throw diagnostic
        }
        guard case .constant(.int(let value)) = bound.kind else {
            let found = bound.type == .int ? "a computed number" : bound.type.withArticle
            throw SemanticError.make("E0350", "'\(stage)' needs a whole number of rows, found \(found)", expr.span,
                                     help: "write a number such as \(stage) 10, or a parameter such as $n")
        }
        guard value >= 0 else {
            throw SemanticError.make("E0350", "'\(stage)' needs zero or more rows, found \(value)", expr.span)
        }
        return Int(value)
    }
}
