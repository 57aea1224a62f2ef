import Columnar
import Diagnostics
import Parser
import Semantic
import Syntax

/// Plans queries against schemas alone (no data): what the binder and planner make.
enum PlannerSupport {
    static let catalog = Catalog(tables: [
        "t": [Field("k", .int), Field("n", .int), Field("x", .float), Field("s", .string), Field("d", .date)],
        "u": [Field("k", .int), Field("s", .string)],
        "one": [Field("v", .int)],
    ], values: ["limit": .int(3)])

    /// The bound statement of one statement of text; a diagnostic is thrown.
    static func bind(_ text: String) throws -> BoundStatement {
        let source = SourceFile(name: "test.q", text: text)
        let parsed = Parser.parse(source)
        if let error = parsed.diagnostics.first { throw error }
        return try StatementPlanner(catalog: catalog, source: source).plan(parsed.statements[0])
    }

    /// The plan of a query.
    static func plan(_ text: String) throws -> LogicalPlan {
        guard case .query(let plan) = try bind(text) else { throw Diagnostic(code: "T", message: "not a query", span: .point(0)) }
        return plan
    }

    /// Every column id the plan and the plans inside it define.
    static func definedIDs(_ plan: LogicalPlan) -> [Int] {
        var ids: [Int] = []
        plan.visitPlans { inner in
            ids += inner.sourceColumns.map(\.id)
            for step in inner.steps {
                switch step.operation {
                case .project(let columns): ids += columns.filter { !$0.isPassThrough }.map(\.column.id)
                case .aggregate(let keys, let aggregates): ids += keys.map(\.column.id) + aggregates.map(\.column.id)
                case .join(let join): ids += join.mark.map { [$0.id] } ?? []
                case .union(let union): ids += union.columns.map(\.id)
                default: break
                }
            }
        }
        return ids
    }
}
