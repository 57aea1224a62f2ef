import Columnar
import Diagnostics
import Syntax

extension Planner {
    func planStage(_ stage: Stage, into builder: inout PlanBuilder) throws {
        let schema = builder.schema
        switch stage.kind {
        case .where(let condition):
            var binder = binder(schema)
            let bound = binder.retyped(try binder.bind(condition), .bool)
            guard bound.type == .bool else {
                throw SemanticError.make("E0334", "'where' needs a condition, found \(bound.type.withArticle)", condition.span,
                                         help: "compare it: where x == ...")
            }
            try addFilter(bound, stage: stage.span, into: &builder)
        case .select(let items):
            try addSelect(items, stage: stage.span, into: &builder)
        case .derive(let items, let by, let sortKeys):
            try addDerive(items, by: by, sort: sortKeys, stage: stage.span, into: &builder)
        case .drop(let names):
            var dropped: Set<Int> = []
            for name in names {
                dropped.insert(schema[try ExpressionBinder.resolve(name, in: schema, catalog: catalog)].id)
            }
            builder.add(.project(schema.filter { !dropped.contains($0.id) }.map { ComputedColumn($0, $0.reference) }),
                        from: stage.span)
        case .rename(let renamings):
            builder.add(.project(try renamed(schema, renamings)), from: stage.span)
        case .sort(let keys):
            let bound = try bindKeys(keys, schema)
            try addLifting(bound.map(\.expr), at: stage.span, into: &builder) { exprs in
                .sort(zip(bound, exprs).map { PlanSortKey(expr: $1, descending: $0.descending) })
            }
        case .take(let count):
            builder.add(.limit(try rowCount(count, stage: "take")), from: stage.span)
        case .skip(let count):
            builder.add(.skip(try rowCount(count, stage: "skip")), from: stage.span)
        case .sample(let size, let percent):
            let bound = percent ? try rowCount(size, stage: "sample", percent: true) : try rowCount(size, stage: "sample")
            builder.add(.sample(SampleStep(size: bound, isPercent: percent, stream: sampleStreams.make())), from: stage.span)
        case .top(let count, let keys):
            let rows = try rowCount(count, stage: "top")
            let bound = try bindKeys(keys, schema)
            try addLifting(bound.map(\.expr), at: stage.span, into: &builder) { exprs in
                .top(rows, zip(bound, exprs).map { PlanSortKey(expr: $1, descending: $0.descending) })
            }
        case .distinct(let items):
            if !items.isEmpty { try addSelect(items, stage: stage.span, into: &builder) }
            builder.add(.distinct, from: stage.span)
        case .summarize(let aggregates, let keys):
            try addSummarize(aggregates, by: keys, stage: stage.span, into: &builder)
        case .count:
            let call = AggregateCall(function: .count, arguments: [], type: .int, span: stage.span)
            let column = PlanColumn(id: ids.make(), name: "count", type: .int)
            builder.add(.aggregate(keys: [], aggregates: [AggregateColumn(column, call)]), from: stage.span)
        case .join(let kind, let source, let alias, let condition):
            try addJoin(kind, source, alias: alias, on: condition, stage: stage.span, into: &builder)
        case .crossJoin(let source, let alias):
            try addCrossJoin(source, alias: alias, stage: stage.span, into: &builder)
        case .chart:
            // A query's last chart is taken off before planning (``planChart``).
            throw Self.chartNotLast(stage)
        case .union(let source):
            try addUnion(source, stage: stage.span, into: &builder)
        case .pivot(let pivot):
            try addPivot(pivot, stage: stage.span, into: &builder)
        case .unpivot(let unpivot):
            try addUnpivot(unpivot, stage: stage.span, into: &builder)
        }
    }

    /// All renamings apply at once, so 'rename a = b, b = a' swaps two names. A renamed
    /// column keeps its id: only its name changes.
    private func renamed(_ schema: [PlanColumn], _ renamings: [Renaming]) throws -> [ComputedColumn] {
        var output = schema
        var renamed: [Int: Identifier] = [:]
        for renaming in renamings {
            let index = try ExpressionBinder.resolve(renaming.oldName, in: schema, catalog: catalog)
            renamed[index] = renaming.newName
            output[index] = PlanColumn(id: schema[index].id, name: renaming.newName.name, type: schema[index].type)
        }
        for (index, newName) in renamed.sorted(by: { $0.key < $1.key })
        where output.indices.contains(where: { $0 != index && output[$0].name == newName.name }) {
            throw SemanticError.make("E0307", "a column named '\(newName.name)' already exists", newName.span,
                                     help: "drop it first, or choose another name")
        }
        return output.map { ComputedColumn($0, $0.reference) }
    }

    private func addSelect(_ items: [NamedExpr], stage: Span, into builder: inout PlanBuilder) throws {
        let input = builder.schema
        var binder = binder(input)
        let exprs = try items.map { try binder.bind($0.expr) }
        let names = items.map(outputName)
        let columns = zip(zip(names, exprs), items).map { pair, item -> PlanColumn in
            // A column selected as it is keeps its qualifier (so `r.name` still resolves) and id.
            if item.name == nil, let id = pair.1.columnReference, let column = input.first(where: { $0.id == id }) {
                return column
            }
            // A column that is selected twice, or renamed, gets an id of its own.
            return PlanColumn(id: ids.make(), name: pair.0, type: pair.1.type, isNullOnly: pair.1.isUntypedNull)
        }
        var seen: Set<Int> = []
        let unique = columns.map { column in
            seen.insert(column.id).inserted
                ? column : PlanColumn(id: ids.make(), name: column.name, qualifier: column.qualifier, type: column.type)
        }
        // Two columns of one name may both be kept when their qualifiers tell them apart.
        try checkDistinct(unique.map(\.displayName), items.map(\.span), shown: unique.map(\.name))
        try addLifting(exprs, at: stage, into: &builder) { lifted in
            .project(zip(unique, lifted).map { ComputedColumn($0, $1) })
        }
    }

    /// `derive`: a project that keeps every column and adds or replaces the items'. With
    /// aggregates or window functions in the items, a window step computes those first, over
    /// the groups of `by` in the order of `sort`.
    private func addDerive(_ items: [NamedExpr], by: [Expr], sort: [SortKey], stage: Span,
                           into builder: inout PlanBuilder) throws {
        var outputs = builder.schema.map { ComputedColumn($0, $0.reference) }
        var derived: Set<Int> = []
        var calls: [WindowColumn] = []
        var sawCalls = false
        func bindItem(_ item: NamedExpr, over schema: [PlanColumn]) throws -> (BoundExpr, [WindowColumn]) {
            var itemBinder = binder(schema)
            itemBinder.windowing = ExpressionBinder.Windowing(hasOrder: !sort.isEmpty)
            let bound = try itemBinder.bind(item.expr)
            return (bound, itemBinder.windowing?.calls ?? [])
        }
        for item in items {
            var (bound, itemCalls) = try bindItem(item, over: outputs.map(\.column))
            // An item that uses a column derived earlier in this stage reads it from a step of
            // its own (substituting the expression instead could grow trees exponentially:
            // derive b = a + a, c = b + b, ...).
            if !bound.columns.isDisjoint(with: derived) || itemCalls.contains(where: { !Set($0.call.arguments.flatMap(\.columns)).isDisjoint(with: derived) }) {
                try flush(outputs, calls, by: by, sort: sort, stage: stage, into: &builder)
                outputs = builder.schema.map { ComputedColumn($0, $0.reference) }
                derived = []
                calls = []
                (bound, itemCalls) = try bindItem(item, over: builder.schema)
            }
            let name = outputName(item)
            var column = PlanColumn(id: ids.make(), name: name, type: bound.type, isNullOnly: bound.isUntypedNull)
            // An item that is just one call names that call's column, and is it.
            if let id = bound.columnReference, let index = itemCalls.firstIndex(where: { $0.column.id == id }) {
                itemCalls[index].column.name = name
                column.id = id
            }
            calls += itemCalls
            sawCalls = sawCalls || !itemCalls.isEmpty
            // A new column of an existing name replaces it in place, qualifier and all, so
            // `t.k` still names it after a join.
            if let index = outputs.firstIndex(where: { $0.column.name == name }) {
                column.qualifier = outputs[index].column.qualifier
                outputs[index] = ComputedColumn(column, bound)
            } else {
                outputs.append(ComputedColumn(column, bound))
            }
            derived.insert(column.id)
        }
        if !sawCalls, let first = by.first?.span ?? sort.first?.expr.span {
            throw SemanticError.make("E0348", "'by' and 'sort' in 'derive' are for aggregates and window functions, and it has none",
                                     first, help: "for example: derive share = x / sum(x) by key, or derive n = row_number() sort x")
        }
        try flush(outputs, calls, by: by, sort: sort, stage: stage, into: &builder)
    }

    /// The window step of `calls` (if any), then the project of `outputs`.
    private func flush(_ outputs: [ComputedColumn], _ calls: [WindowColumn], by: [Expr], sort: [SortKey], stage: Span,
                       into builder: inout PlanBuilder) throws {
        if !calls.isEmpty {
            var keyBinder = binder(builder.schema)
            let partition = try by.map { try keyBinder.bind($0) }
            let order = try bindKeys(sort, builder.schema)
            let window = WindowStep(partition: partition, order: order, columns: calls)
            try addLifting(window.expressions, at: stage, into: &builder) { lifted in
                var next = lifted.makeIterator()
                return .window(window.mappingExpressions { _ in next.next()! })
            }
        }
        try flush(outputs, stage: stage, into: &builder)
    }

    private func flush(_ outputs: [ComputedColumn], stage: Span, into builder: inout PlanBuilder) throws {
        try addLifting(outputs.map(\.expr), at: stage, into: &builder) { exprs in
            .project(zip(outputs, exprs).map { ComputedColumn($0.column, $1) })
        }
    }

    private func bindKeys(_ keys: [SortKey], _ schema: [PlanColumn]) throws -> [PlanSortKey] {
        var binder = binder(schema)
        return try keys.map { PlanSortKey(expr: try binder.bind($0.expr), descending: $0.descending) }
    }

    /// The row count of `take`, `skip`, `sample` and `top`: a constant integer, or with
    /// `percent` a constant number from 0 to 100. A literal must be in range; a computed count
    /// is checked when the plan runs.
    private func rowCount(_ expr: Expr, stage: String, percent: Bool = false) throws -> BoundExpr {
        // Bound with no columns: a column name here is reported as unknown, with the help
        // below explaining why.
        var bound = try bindConstant(expr, ifColumn: "'\(stage)' needs a constant number of rows, not a column",
                                     help: "write a number such as \(stage) 10, or a parameter such as $n")
        if percent {
            try checkPercentage(bound, expr, stage: stage)
        } else {
            guard bound.type == .int, !bound.isUntypedNull else {
                throw SemanticError.make("E0350", "'\(stage)' needs a whole number of rows, found \(bound.isUntypedNull ? "null" : bound.type.withArticle)",
                                         expr.span, help: "write a number such as \(stage) 10, or a parameter such as $n")
            }
        }
        if !percent, case .constant(.int(let value)) = bound.kind, value < 0 {
            throw SemanticError.make("E0350", "'\(stage)' needs zero or more rows, found \(value)", expr.span)
        }
        if Self.hasMembership(bound) {
            // `x in (pipeline)` needs rows to join: the count becomes a one-row pipeline of its own.
            bound = BoundExpr(.scalarSubquery(Subquery(id: ids.make(), plan: try valuePlan(expr))), type: bound.type,
                              span: expr.span)
        }
        return bound
    }

    /// The share of `sample ... percent`: an int or a float, from 0 to 100 when it is a literal.
    private func checkPercentage(_ bound: BoundExpr, _ expr: Expr, stage: String) throws {
        guard bound.type == .int || bound.type == .float, !bound.isUntypedNull else {
            throw SemanticError.make("E0350", "'\(stage)' needs a percentage, found \(bound.isUntypedNull ? "null" : bound.type.withArticle)",
                                     expr.span, help: "write a number from 0 to 100, such as \(stage) 10 percent")
        }
        let value: Double? = switch bound.constantValue {
        case .int(let value)?: Double(value)
        case .float(let value)?: value
        default: nil
        }
        if let value, !(0...100).contains(value) {
            throw SemanticError.make("E0350", "'\(stage)' needs a percentage from 0 to 100, found \(source.text(of: expr.span))",
                                     expr.span)
        }
    }
}
