import Columnar
import Diagnostics
import Syntax

/// Turns a parsed pipeline into a logical plan, resolving every name against the columns
/// flowing into each stage. The plan is the pipeline as written: rewriting it is the
/// optimizer's work.
public struct Planner {
    public let catalog: Catalog
    /// The query text, to name unnamed columns after the expression that computes them.
    public let source: SourceFile
    /// Gives out column and subquery ids, unique across one statement and its sub-pipelines.
    let ids: IDAllocator
    /// Numbers the `sample` stages of the statement, each the random stream it draws from.
    let sampleStreams = IDAllocator()
    /// The values of each `pivot` without `in [...]`, by the stage's span, found in the data by
    /// the driver (see ``PivotValuesNeeded``).
    public var pivotValues: [Span: [Value]]

    public init(catalog: Catalog, source: SourceFile, pivotValues: [Span: [Value]] = [:]) {
        self.catalog = catalog
        self.source = source
        self.pivotValues = pivotValues
        ids = IDAllocator()
    }

    /// Plans a pipeline. A pipeline without stages whose head is not a table is a value, and
    /// becomes a one-row table with one column.
    public func plan(_ pipeline: Pipeline) throws -> LogicalPlan {
        var builder = try planHead(pipeline.head, hasStages: !pipeline.stages.isEmpty)
        for stage in pipeline.stages {
            try planStage(stage, into: &builder)
        }
        return builder.plan
    }

    /// A plan of one row with the value of `expr` in a column named after its text: a query
    /// like `1 + 2`, the value of `let x = ...`, or a constant that holds a subquery.
    func valuePlan(_ expr: Expr) throws -> LogicalPlan {
        var builder = PlanBuilder(LogicalPlan(source: .singleRow, sourceColumns: [], sourceSpan: expr.span))
        var binder = binder([])
        let bound = try binder.bind(expr)
        let column = PlanColumn(id: ids.make(), name: source.text(of: expr.span), type: bound.type)
        try addLifting([bound], at: expr.span, into: &builder) { exprs in
            .project([ComputedColumn(column, exprs[0])])
        }
        return builder.plan
    }

    private func planHead(_ head: Expr, hasStages: Bool) throws -> PlanBuilder {
        switch head.kind {
        case .name(let name) where name.qualifier == nil:
            if let fields = catalog.tables[name.name.name] {
                return PlanBuilder(scan(name.name.name, fields, span: name.span))
            }
            if catalog.values[name.name.name] != nil {
                if !hasStages { return PlanBuilder(try valuePlan(head)) }
                throw SemanticError.make("E0305", "'\(name.name.name)' is a value, not a table", name.span,
                                         help: "a pipeline starts with a table; use the value inside an expression")
            }
            throw SemanticError.make(
                "E0305", "unknown table '\(name.name.name)'", name.span,
                help: SemanticError.suggestion(for: name.name.name, among: catalog.tables.keys.sorted(), listing: "tables"))
        case .pipeline(let inner):
            return PlanBuilder(try plan(inner))
        default:
            guard !hasStages else {
                throw SemanticError.make("E0306", "a pipeline starts with a table", head.span,
                                         help: "write a table name or a parenthesised pipeline before the first '|'")
            }
            return PlanBuilder(try valuePlan(head))
        }
    }

    /// Every column of a table, each with a fresh id.
    func scan(_ name: String, _ fields: [Field], span: Span) -> LogicalPlan {
        let columns = fields.map { PlanColumn(id: ids.make(), name: $0.name, qualifier: name, type: $0.type) }
        return LogicalPlan(source: .table(name: name, fields: Array(fields.indices)), sourceColumns: columns, sourceSpan: span)
    }

    /// The name a column gets when the query does not give one: a column keeps its name,
    /// anything else is named after its text.
    func outputName(_ item: NamedExpr) -> String {
        if let name = item.name { return name.name }
        if case .name(let name) = item.expr.kind { return name.name.name }
        return source.text(of: item.expr.span)
    }

    func binder(_ schema: [PlanColumn]) -> ExpressionBinder {
        ExpressionBinder(schema: schema, planner: self)
    }

    /// `expr` bound where no column is in scope, for a stage's constants (row counts, pivot
    /// values): a name that would be a column is error E0301 saying `message`, with `help`.
    func bindConstant(_ expr: Expr, ifColumn message: String, help: String) throws -> BoundExpr {
        var binder = binder([])
        do {
            return try binder.bind(expr)
        } catch var diagnostic as Diagnostic where diagnostic.code == "E0301" {
            diagnostic.message = message
            diagnostic.help = help
            throw diagnostic
        }
    }

    /// Output names must be distinct so every column can be named later.
    func checkDistinct(_ names: [String], _ spans: [Span], shown: [String]? = nil) throws {
        var seen: Set<String> = []
        for (index, name) in names.enumerated() where !seen.insert(name).inserted {
            throw SemanticError.make("E0307", "duplicate column name '\((shown ?? names)[index])'", spans[index],
                                     help: "give it another name: new_name = ...")
        }
    }
}

/// Hands out the ids of one statement's columns and subqueries.
final class IDAllocator {
    private var next = 0

    func make() -> Int {
        next += 1
        return next
    }
}

/// A plan being built stage by stage, with its current columns kept at hand (working them
/// out from the steps each time would cost a walk of the whole plan per stage).
struct PlanBuilder {
    private(set) var plan: LogicalPlan
    private(set) var schema: [PlanColumn]

    init(_ plan: LogicalPlan) {
        self.plan = plan
        schema = plan.schema
    }

    mutating func add(_ operation: PlanOperation, from origin: Span) {
        plan.steps.append(PlanStep(operation, origin: [origin]))
        schema = operation.output(from: schema)
    }
}
