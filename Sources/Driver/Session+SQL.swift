import Diagnostics
import Parser
import Semantic
import SQLCompiler
import Syntax

/// Pipelines as PostgreSQL statements: `explain sql` and `amity --emit-sql`. Nothing here
/// needs a server; the tables are taken to be this session's, pushed with `.push` (so each
/// keeps its row order in `amity_row`).
extension Session {
    /// The SQL one planned pipeline compiles to; an error at the part PostgreSQL cannot run
    /// with Amity's meaning.
    public func compiledSQL(_ plan: LogicalPlan) throws -> String {
        try compile(plan).text
    }

    /// The one way plans become SQL: the server's tables without `amity_row` have no order,
    /// and what cannot be compiled is an error at its span.
    func compile(_ plan: LogicalPlan, keepingRowOrder: Bool = false) throws -> CompiledSQL {
        do {
            return try SQLCompiler(unorderedTables: unorderedServerTables, caseMapping: server == nil ? .icu : serverCaseMapping)
                .compile(plan, columnNames: Self.displayNames(plan.schema), keepingRowOrder: keepingRowOrder)
        } catch let error as SQLCompileError {
            throw error.diagnostic
        }
    }

    /// The SQL of each pipeline in `source`, without running anything: `--emit-sql`. Other
    /// statements (`let`, `load`, dot commands) are errors: they would need running.
    public func emitSQL(_ source: SourceFile) -> (statements: [String], diagnostics: [Diagnostic]) {
        let parsed = Parser.parse(source)
        if parsed.hasErrors { return ([], parsed.diagnostics) }
        var statements: [String] = []
        for statement in parsed.statements {
            let pipeline: Pipeline
            switch statement.kind {
            case .pipeline(let value), .explain(let value, .sql): pipeline = value
            default:
                return (statements, [Diagnostic(code: "E0701", message: "only pipelines compile to SQL", span: statement.span,
                                                help: "--emit-sql prints the SQL of each pipeline; run other statements without it")])
            }
            do {
                switch try plan(Statement(.pipeline(pipeline), span: statement.span), in: source) {
                case .query(let plan), .chart(let plan, _): statements.append(try compiledSQL(plan))
                default: continue
                }
            } catch let diagnostic as Diagnostic {
                return (statements, [diagnostic])
            } catch {
                return (statements, [Diagnostic(code: "E0498", message: "\(error)", span: statement.span)])
            }
        }
        return (statements, [])
    }
}
