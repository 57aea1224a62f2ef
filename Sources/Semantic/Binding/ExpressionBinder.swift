import Columnar
import Diagnostics
import Syntax

/// Resolves the names in an expression against the columns flowing into a stage and works
/// out every type, reporting mistakes with the span of the offending part.
struct ExpressionBinder {
    let schema: [PlanColumn]
    /// Plans the pipelines inside expressions, with the same catalog and ids.
    let planner: Planner
    var catalog: Catalog { planner.catalog }
    /// Set while binding a `summarize` item: aggregate calls are collected here and replaced
    /// by references to their results; plain names must be group keys.
    var aggregation: Aggregation?
    /// True while binding an aggregate's argument, where another aggregate is an error.
    var isAggregateArgument = false
    /// Set while binding the items of a windowed `derive`: aggregates and window functions
    /// are collected here and replaced by references to their columns.
    var windowing: Windowing?
    /// Set while binding a join's condition: the ids of the left input's columns. There an
    /// unqualified name found on both sides means the left one, and `_.name` names a column
    /// of the left input.
    var joinLeft: Set<Int>?

    struct Aggregation {
        /// The input columns the aggregates' arguments read.
        var input: [PlanColumn]
        /// The group keys' output columns, in order.
        var keys: [PlanColumn]
        /// The aggregates found so far, each with the column of its result.
        var calls: [AggregateColumn] = []
    }

    init(schema: [PlanColumn], planner: Planner, aggregation: Aggregation? = nil) {
        self.schema = schema
        self.planner = planner
        self.aggregation = aggregation
    }

    mutating func bind(_ expr: Expr) throws -> BoundExpr {
        switch expr.kind {
        case .integer(let value): return BoundExpr(.constant(.int(value)), type: .int, span: expr.span)
        case .float(let value): return BoundExpr(.constant(.float(value)), type: .float, span: expr.span)
        case .string(let value): return BoundExpr(.constant(.string(value)), type: .string, span: expr.span)
        case .date(let days): return BoundExpr(.constant(.date(days)), type: .date, span: expr.span)
        case .bool(let value): return BoundExpr(.constant(.bool(value)), type: .bool, span: expr.span)
        case .null: return BoundExpr(.constant(.null), type: .string, span: expr.span).asUntypedNull()
        case .name(let name): return try bindName(name, span: expr.span)
        case .parameter(let name): return try bindParameter(name, span: expr.span)
        case .unary(let op, let operand): return try bindUnary(op, operand, span: expr.span)
        case .binary(let op, let lhs, let rhs): return try bindBinary(op, lhs, rhs, span: expr.span)
        case .isNull(let operand, let negated):
            return BoundExpr(.isNull(try bind(operand), negated: negated), type: .bool, span: expr.span)
        case .call(let name, let arguments): return try bindCall(name, arguments, span: expr.span)
        case .list:
            throw SemanticError.make("E0310", "a list can only follow 'in'", expr.span,
                                     help: "write: x in [\"a\", \"b\"]")
        case .range:
            throw SemanticError.make("E0310", "a range can only follow 'in'", expr.span, help: "write: year in 1990..1999")
        case .pipeline(let pipeline):
            return try bindScalarSubquery(try planner.plan(pipeline), span: expr.span, what: "a pipeline used as a value")
        case .error:
            throw SemanticError.make("E0300", "invalid expression", expr.span)
        }
    }

    // MARK: - Names

    private mutating func bindName(_ name: QualifiedName, span: Span) throws -> BoundExpr {
        if aggregation != nil { return try bindKeyReference(name, span: span) }
        if name.qualifier == nil, !schema.contains(where: { $0.name == name.name.name }) {
            if let value = catalog.values[name.name.name] { return constant(value, span: span) }
            // A table as a value: `let total = agreements | count`, then `n / total`.
            if let fields = catalog.tables[name.name.name] {
                return try bindScalarSubquery(planner.scan(name.name.name, fields, span: span), span: span,
                                              what: "the table '\(name.name.name)' used as a value")
            }
        }
        if let left = joinLeft, let index = try Self.resolveInJoin(name, in: schema, left: left, catalog: catalog) {
            return BoundExpr(.column(schema[index].id), type: schema[index].type, span: span)
        }
        let index = try Self.resolve(name, in: schema, catalog: catalog)
        return BoundExpr(.column(schema[index].id), type: schema[index].type, span: span)
    }

    /// A name in a join's condition that the join's rules decide: `_.name` (the left input's
    /// column) and an unqualified name on both sides (the left side's). Nil for the rest.
    static func resolveInJoin(_ name: QualifiedName, in schema: [PlanColumn], left: Set<Int>, catalog: Catalog) throws -> Int? {
        let leftIndices = schema.indices.filter { left.contains(schema[$0].id) }
        // `_` names the left input unless the joined side is itself called `_`.
        if name.qualifier?.name == "_", !schema.contains(where: { $0.qualifier == "_" && !left.contains($0.id) }) {
            let leftSchema = leftIndices.map { schema[$0] }
            let position = try resolve(QualifiedName(qualifier: nil, name: name.name), in: leftSchema, catalog: catalog)
            return leftIndices[position]
        }
        guard name.qualifier == nil else { return nil }
        let matches = schema.indices.filter { schema[$0].name == name.name.name }
        let onLeft = matches.filter { left.contains(schema[$0].id) }
        guard matches.count > 1, onLeft.count >= 1, onLeft.count < matches.count else { return nil }
        // The left side's own: one match there, or one without a qualifier among several.
        return onLeft.count == 1 ? onLeft[0] : nil
    }

    /// A pipeline that gives one column, standing where a value is: it must give at most one
    /// row, which the engine checks when it runs it.
    private func bindScalarSubquery(_ plan: LogicalPlan, span: Span, what: String) throws -> BoundExpr {
        let schema = plan.schema
        guard schema.count == 1 else {
            throw SemanticError.make("E0311", "\(what) must give one column, not \(schema.count)", span,
                                     help: "end it with select or summarize, e.g. (aid | summarize avg(quantity))")
        }
        return BoundExpr(.scalarSubquery(Subquery(id: planner.ids.make(), plan: plan)), type: schema[0].type, span: span)
    }

    /// Inside `summarize`, a plain name must be one of the `by` keys.
    private func bindKeyReference(_ name: QualifiedName, span: Span) throws -> BoundExpr {
        guard let aggregation else { preconditionFailure() }
        if name.qualifier == nil, let key = aggregation.keys.first(where: { $0.name == name.name.name }) {
            return BoundExpr(.column(key.id), type: key.type, span: span)
        }
        if name.qualifier == nil, let value = catalog.values[name.name.name],
           !aggregation.input.contains(where: { $0.name == name.name.name }) {
            return constant(value, span: span)
        }
        if name.qualifier == nil, let fields = catalog.tables[name.name.name],
           !aggregation.input.contains(where: { $0.name == name.name.name }) {
            return try bindScalarSubquery(planner.scan(name.name.name, fields, span: span), span: span,
                                          what: "the table '\(name.name.name)' used as a value")
        }
        _ = try Self.resolve(name, in: aggregation.input, catalog: catalog)
        let shown = name.name.name
        throw SemanticError.make("E0320", "'\(shown)' is neither aggregated nor a key of summarize", span,
                                 help: "use an aggregate such as first(\(shown)), or add it after 'by'")
    }

    /// The position of a column in `schema`, or an error with suggestions.
    static func resolve(_ name: QualifiedName, in schema: [PlanColumn], catalog: Catalog) throws -> Int {
        let wanted = name.name.name
        if let qualifier = name.qualifier?.name {
            if let index = schema.firstIndex(where: { $0.qualifier == qualifier && $0.name == wanted }) { return index }
            let qualified = schema.filter { $0.qualifier == qualifier }.map(\.name)
            if qualified.isEmpty {
                let qualifiers = Array(Set(schema.compactMap(\.qualifier))).sorted()
                throw SemanticError.make(
                    "E0302", "unknown table or alias '\(qualifier)'", name.qualifier!.span,
                    help: SemanticError.suggestion(for: qualifier, among: qualifiers, listing: "qualifiers"))
            }
            throw SemanticError.make(
                "E0301", "unknown column '\(wanted)' in '\(qualifier)'", name.span,
                help: SemanticError.suggestion(for: wanted, among: qualified, listing: "columns"))
        }
        let matches = schema.indices.filter { schema[$0].name == wanted }
        if matches.count == 1 { return matches[0] }
        // After a join, the pipeline's own column (no qualifier) is the plain name; the
        // joined side's are named with their alias.
        let own = matches.filter { schema[$0].qualifier == nil }
        if own.count == 1 { return own[0] }
        if matches.count > 1 {
            // Only spellings that work: a qualified name each, and the plain name when just
            // one column has no qualifier (not the case here).
            let qualified = matches.compactMap { schema[$0].qualifier.map { "\($0).\(wanted)" } }
            let help = own.isEmpty
                ? "write one of: " + qualified.joined(separator: ", ")
                : "both sides of a join without an alias call it '\(wanted)': name the joined side with 'as', "
                    + "e.g. join (...) as r, then write r.\(wanted)"
            throw SemanticError.make("E0303", "column '\(wanted)' is ambiguous", name.span, help: help)
        }
        var candidates = schema.map(\.name)
        candidates += catalog.values.keys.sorted()
        throw SemanticError.make("E0301", "unknown column '\(wanted)'", name.span,
                                 help: SemanticError.suggestion(for: wanted, among: candidates, listing: "columns"))
    }

    private func bindParameter(_ name: String, span: Span) throws -> BoundExpr {
        guard let value = catalog.parameters[name] else {
            let known = catalog.parameters.keys.sorted()
            throw SemanticError.make(
                "E0304", "parameter $\(name) is not set", span,
                help: Suggestions.didYouMean(name, among: known) ?? "set it with --param \(name)=VALUE or .param set \(name) VALUE")
        }
        return constant(value, span: span)
    }

    private func constant(_ value: Value, span: Span) -> BoundExpr {
        let expr = BoundExpr(.constant(value), type: value.type ?? .string, span: span)
        return value.isNull ? expr.asUntypedNull() : expr
    }
}

extension BoundExpr {
    /// Untyped nulls are marked by their span so that operators can give them the other
    /// operand's type; see ``ExpressionBinder/unify(_:_:)``.
    func asUntypedNull() -> BoundExpr {
        var copy = self
        copy.isUntypedNull = true
        return copy
    }
}
