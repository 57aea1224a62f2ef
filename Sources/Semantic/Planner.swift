import Columnar
import Diagnostics
import Syntax

/// Turns a parsed pipeline into a logical plan, resolving every name against the columns
/// flowing into each stage.
public struct Planner {
    public let catalog: Catalog
    /// The query text, to name unnamed columns after the expression that computes them.
    public let source: SourceFile

    public init(catalog: Catalog, source: SourceFile) {
        self.catalog = catalog
        self.source = source
    }

    /// Plans a pipeline. A pipeline without stages whose head is not a table is a value, and
    /// becomes a one-row table with one column.
    public func plan(_ pipeline: Pipeline) throws -> Plan {
        var plan = try planHead(pipeline.head, hasStages: !pipeline.stages.isEmpty)
        for stage in pipeline.stages {
            let before = plan.steps.count
            plan = try planStage(stage, on: plan)
            // Steps the planner added earlier without a stage get the first stage's span.
            while plan.stepSpans.count < before { plan.stepSpans.append(stage.span) }
            while plan.stepSpans.count < plan.steps.count { plan.stepSpans.append(stage.span) }
        }
        return plan
    }

    /// The value of a `let` whose pipeline is a plain expression, bound with no columns.
    public func bindValue(_ expr: Expr) throws -> BoundExpr {
        var binder = ExpressionBinder(schema: [], catalog: catalog)
        return try binder.bind(expr)
    }

    private func planHead(_ head: Expr, hasStages: Bool) throws -> Plan {
        switch head.kind {
        case .name(let name) where name.qualifier == nil:
            if let table = catalog.tables[name.name.name] {
                let schema = table.fields.map { PlanColumn(name: $0.name, qualifier: name.name.name, type: $0.type) }
                return Plan(source: .table(table), schema: schema)
            }
            if catalog.values[name.name.name] != nil {
                if !hasStages { return try valuePlan(head) }
                throw SemanticError.make("E0305", "'\(name.name.name)' is a value, not a table", name.span,
                                         help: "a pipeline starts with a table; use the value inside an expression")
            }
            throw SemanticError.make(
                "E0305", "unknown table '\(name.name.name)'", name.span,
                help: SemanticError.suggestion(for: name.name.name, among: catalog.tables.keys.sorted(), listing: "tables"))
        case .pipeline(let inner):
            return try plan(inner)
        default:
            guard !hasStages else {
                throw SemanticError.make("E0306", "a pipeline starts with a table", head.span,
                                         help: "write a table name or a parenthesised pipeline before the first '|'")
            }
            return try valuePlan(head)
        }
    }

    private func valuePlan(_ expr: Expr) throws -> Plan {
        let bound = try bindValue(expr)
        return Plan(source: .singleRow, steps: [.project([bound])],
                    schema: [PlanColumn(name: source.text(of: expr.span), type: bound.type)])
    }

    /// The name a column gets when the query does not give one: a column keeps its name,
    /// anything else is named after its text.
    func outputName(_ item: NamedExpr) -> String {
        if let name = item.name { return name.name }
        if case .name(let name) = item.expr.kind { return name.name.name }
        return source.text(of: item.expr.span)
    }

    func binder(_ schema: [PlanColumn]) -> ExpressionBinder {
        var binder = ExpressionBinder(schema: schema, catalog: catalog)
        binder.planPipeline = { try self.plan($0) }
        return binder
    }

    /// Output names must be distinct so every column can be named later.
    func checkDistinct(_ names: [String], _ spans: [Span], shown: [String]? = nil) throws {
        var seen: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if seen[name] != nil {
                throw SemanticError.make("E0307", "duplicate column name '\((shown ?? names)[index])'", spans[index],
                                         help: "give it another name: new_name = ...")
            }
            seen[name] = index
        }
    }
}
