import Columnar
import Diagnostics
import Syntax

extension Planner {
    /// `summarize` is an aggregate step (the keys, then each aggregate once), then a project
    /// that computes the items from them.
    func addSummarize(_ items: [NamedExpr], by keyItems: [NamedExpr], stage: Span, into builder: inout PlanBuilder) throws {
        let input = builder.schema
        var keyBinder = binder(input)
        let keyExprs = try keyItems.map { try keyBinder.bind($0.expr) }
        let keyNames = keyItems.map(outputName)
        let keyColumns = zip(keyNames, keyExprs).map { PlanColumn(id: ids.make(), name: $0, type: $1.type) }

        var itemBinder = ExpressionBinder(schema: keyColumns, planner: self,
                                          aggregation: ExpressionBinder.Aggregation(input: input, keys: keyColumns))
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
        let itemNames = items.map(outputName)
        try checkDistinct(keyNames + itemNames, keyItems.map(\.span) + items.map(\.span))
        var calls = itemBinder.aggregation?.calls ?? []
        // An item that is just one aggregate names that aggregate's column.
        for (name, output) in zip(itemNames, outputs) {
            if let id = output.columnReference, let index = calls.firstIndex(where: { $0.column.id == id }) {
                calls[index].column.name = name
            }
        }
        // The keys and the aggregates' arguments read the input; `x in (pipeline)` there
        // becomes a mark join before the aggregate.
        let arguments = calls.flatMap(\.call.arguments)
        try addLifting(keyExprs + arguments, at: stage, into: &builder) { lifted in
            .aggregate(keys: zip(keyColumns, lifted).map { ComputedColumn($0, $1) },
                       aggregates: Self.withArguments(calls, from: lifted.dropFirst(keyExprs.count)))
        }
        let finals = zip(itemNames, outputs).map { name, output -> ComputedColumn in
            let id = output.columnReference.flatMap { id in calls.contains { $0.column.id == id } ? id : nil }
            return ComputedColumn(PlanColumn(id: id ?? ids.make(), name: name, type: output.type), output)
        }
        try addLifting(finals.map(\.expr), at: stage, into: &builder) { lifted in
            .project(keyColumns.map { ComputedColumn($0, $0.reference) } + zip(finals, lifted).map { ComputedColumn($0.column, $1) })
        }
    }

    func addJoin(_ kind: JoinKind, _ source: Pipeline, alias: Identifier?, on condition: Expr, stage: Span,
                 into builder: inout PlanBuilder) throws {
        let left = builder.schema
        let (right, qualifier) = try joinedSide(source, alias: alias, left: left) { "join \($0) as other on ... == other.column" }
        let rightSchema = right.schema.map { PlanColumn(id: $0.id, name: $0.name, qualifier: qualifier, type: $0.type) }
        var binder = binder(left + rightSchema)
        binder.joinLeft = Set(left.map(\.id))
        let condition = try Self.usingNames(condition, qualifier: qualifier, alias: alias, left: left, right: rightSchema)
        let bound = binder.retyped(try binder.bind(condition), .bool)
        guard bound.type == .bool else {
            throw SemanticError.make("E0334", "a join needs a condition, found \(bound.type.withArticle)", condition.span)
        }
        let leftIDs = Set(left.map(\.id)), rightIDs = Set(rightSchema.map(\.id))
        func side(_ expr: BoundExpr) -> Side {
            let columns = expr.columns
            if columns.isEmpty || expr.contains(where: { if case .inSubquery = $0.kind { true } else { false } }) { return .neither }
            if columns.isSubset(of: leftIDs) { return .left }
            if columns.isSubset(of: rightIDs) { return .right }
            return .both
        }
        var leftKeys: [BoundExpr] = []
        var rightKeys: [BoundExpr] = []
        for conjunct in bound.conjuncts {
            guard case .compare(.equal, let a, let b) = conjunct.kind else {
                throw SemanticError.make("E0360", "a join condition must be equalities joined by 'and'", conjunct.span,
                                         help: "filter with 'where' after the join for other conditions")
            }
            switch (side(a), side(b)) {
            case (.left, .right):
                leftKeys.append(a)
                rightKeys.append(b)
            case (.right, .left):
                leftKeys.append(b)
                rightKeys.append(a)
            default:
                throw SemanticError.make("E0361", "each equality of a join must compare the left side with the right",
                                         conjunct.span, help: "for example: on partner_id == city_id")
            }
        }
        let planKind: PlanJoinKind = switch kind {
        case .inner: .inner
        case .left: .left
        case .semi: .semi
        case .anti: .anti
        }
        builder.add(.join(JoinStep(right: right, kind: planKind, leftKeys: leftKeys, rightKeys: rightKeys,
                                   qualifier: qualifier)), from: stage)
    }

    /// `join T on iso2` (or `on iso2 and year`): a bare name, or names joined by `and`, means
    /// that column on both sides, `iso2 == T.iso2`, as SQL's USING. Any other condition is
    /// returned as it is.
    static func usingNames(_ condition: Expr, qualifier: String?, alias: Identifier?, left: [PlanColumn],
                           right: [PlanColumn]) throws -> Expr {
        func names(_ expr: Expr) -> [Identifier]? {
            switch expr.kind {
            case .name(let name) where name.qualifier == nil: return [name.name]
            case .binary(.and, let a, let b): return names(a).flatMap { first in names(b).map { first + $0 } }
            default: return nil
            }
        }
        guard let shared = names(condition) else { return condition }
        guard let qualifier else {
            throw SemanticError.make("E0363", "'on \(shared.map(\.name).joined(separator: " and "))' needs a name for the joined side",
                                     condition.span, help: "give it an alias: join (...) as r on \(shared[0].name)")
        }
        for name in shared where !left.contains(where: { $0.name == name.name }) {
            throw SemanticError.make(
                "E0364", "'on \(name.name)' compares '\(name.name)' on both sides, but the left side has no such column",
                name.span, help: (Suggestions.didYouMean(name.name, among: left.map(\.name)).map { "\($0) (a left-side column); " } ?? "")
                    + "to join columns of different names, write on COLUMN == \(qualifier).\(name.name)")
        }
        for name in shared where !right.contains(where: { $0.name == name.name }) {
            throw SemanticError.make(
                "E0364", "'on \(name.name)' compares '\(name.name)' on both sides, but '\(qualifier)' has no such column",
                name.span, help: (Suggestions.didYouMean(name.name, among: right.map(\.name)).map { "\($0) (a column of '\(qualifier)'); " } ?? "")
                    + "to join columns of different names, write on \(name.name) == \(qualifier).COLUMN")
        }
        let equalities = shared.map { name -> Expr in
            let right = Expr(.name(QualifiedName(qualifier: Identifier(qualifier, span: alias?.span ?? name.span), name: name)),
                             span: name.span)
            return Expr(.binary(.equal, Expr(.name(QualifiedName(name: name)), span: name.span), right), span: name.span)
        }
        return equalities.dropFirst().reduce(equalities[0]) { Expr(.binary(.and, $0, $1), span: condition.span) }
    }

    /// `join cross`: every input row with every row of the other side, no keys.
    func addCrossJoin(_ source: Pipeline, alias: Identifier?, stage: Span, into builder: inout PlanBuilder) throws {
        let (right, qualifier) = try joinedSide(source, alias: alias, left: builder.schema) { "join cross \($0) as other" }
        builder.add(.join(JoinStep(right: right, kind: .cross, leftKeys: [], rightKeys: [], qualifier: qualifier)), from: stage)
    }

    /// A join's other side, planned, and the qualifier its columns get: the alias, or the
    /// table's name when the side is a bare table. `example` writes the stage with an alias.
    private func joinedSide(_ source: Pipeline, alias: Identifier?, left: [PlanColumn],
                            example: (String) -> String) throws -> (LogicalPlan, String?) {
        let right = try plan(source)
        var qualifier = alias?.name
        if qualifier == nil, source.stages.isEmpty, case .name(let name) = source.head.kind { qualifier = name.name.name }
        // A self-join without an alias would name both sides' columns the same way.
        if let qualifier, alias == nil, left.contains(where: { $0.qualifier == qualifier }) {
            throw SemanticError.make("E0362", "the joined table is called '\(qualifier)' on both sides", source.span,
                                     help: "give it an alias: " + example(qualifier))
        }
        return (right, qualifier)
    }

    private enum Side { case left, right, both, neither }

    func addUnion(_ source: Pipeline, stage: Span, into builder: inout PlanBuilder) throws {
        let left = builder.schema
        let right = try plan(source)
        let rightSchema = right.schema
        var leftExprs: [BoundExpr] = []
        var rightExprs: [BoundExpr] = []
        var columns: [PlanColumn] = []
        for column in left {
            guard let other = rightSchema.first(where: { $0.name == column.name }) else {
                throw SemanticError.make("E0370", "union: column '\(column.name)' is missing on the right side", source.span,
                                         help: "the right side has: " + rightSchema.map(\.name).joined(separator: ", "))
            }
            // A side of bare nulls takes the other side's type.
            let type = column.isNullOnly ? other.type : column.type
            if !column.isNullOnly && !other.isNullOnly && other.type != column.type {
                throw SemanticError.make(
                    "E0371", "union: column '\(column.name)' is \(column.type) on the left but \(other.type) on the right",
                    source.span, help: "convert one side with derive, e.g. \(column.name) = \(column.type)(\(column.name))")
            }
            func side(_ column: PlanColumn) -> BoundExpr {
                column.isNullOnly && column.type != type
                    ? BoundExpr(.constant(.null), type: type, span: source.span) : .column(column.id, type, span: source.span)
            }
            leftExprs.append(side(column))
            rightExprs.append(side(other))
            columns.append(PlanColumn(id: ids.make(), name: column.name, type: type,
                                      isNullOnly: column.isNullOnly && other.isNullOnly))
        }
        if let extra = rightSchema.first(where: { column in !left.contains { $0.name == column.name } }) {
            throw SemanticError.make("E0370", "union: column '\(extra.name)' is only on the right side", source.span,
                                     help: "select the same columns on both sides")
        }
        builder.add(.union(UnionStep(right: right, columns: columns, left: leftExprs, rightColumns: rightExprs)), from: stage)
    }

    /// `calls` with their arguments replaced, in order, by `lifted` (the same arguments once
    /// `in (pipeline)` in them became mark joins).
    static func withArguments(_ calls: [AggregateColumn], from lifted: ArraySlice<BoundExpr>) -> [AggregateColumn] {
        var calls = calls
        var next = lifted.startIndex
        for index in calls.indices {
            let count = calls[index].call.arguments.count
            calls[index].call.arguments = Array(lifted[next..<next + count])
            next += count
        }
        return calls
    }
}
