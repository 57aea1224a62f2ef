import Columnar
import Diagnostics
import Syntax

/// A statement with its names resolved: what the driver runs.
public enum BoundStatement: Sendable {
    /// A query whose result is shown.
    case query(LogicalPlan)
    /// `let name = pipeline`: a table, kept under the name.
    case letTable(String, LogicalPlan)
    /// `let name = value`: a plan of one row and one column, whose value is kept.
    case letValue(String, LogicalPlan)
    case load(LoadRequest)
    /// `explain [analyze | sql] pipeline`.
    case explain(LogicalPlan, mode: ExplainMode)
    /// A query that ends in `chart`: its plan, and what to draw of its result.
    case chart(LogicalPlan, ChartRequest)
    /// A dot command, for the shell.
    case command(name: String, arguments: String)
}

/// `load "path" as name with (...)`, with the declared type names resolved.
public struct LoadRequest: Sendable {
    /// The whole statement.
    public var span: Span
    public var path: String
    public var pathSpan: Span
    public var name: String
    public var declaredTypes: [String: DataType]
}

/// Binds whole statements: plans their pipelines and checks what `load` declares.
public struct StatementPlanner {
    public let catalog: Catalog
    public let source: SourceFile
    /// The values of the statement's pivots that have no `in [...]` (``Planner/pivotValues``).
    public var pivotValues: [Span: [Value]]

    public init(catalog: Catalog, source: SourceFile, pivotValues: [Span: [Value]] = [:]) {
        self.catalog = catalog
        self.source = source
        self.pivotValues = pivotValues
    }

    public func plan(_ statement: Statement) throws -> BoundStatement {
        let planner = Planner(catalog: catalog, source: source, pivotValues: pivotValues)
        switch statement.kind {
        case .pipeline(let pipeline):
            if let (stage, chart) = Self.finalChart(pipeline) {
                let (plan, request) = try planner.planChart(pipeline, chart, stage: stage)
                return .chart(plan, request)
            }
            return .query(try planner.plan(pipeline))
        case .let(let name, let pipeline):
            if let (stage, _) = Self.finalChart(pipeline) {
                throw SemanticError.make("E0397", "'let' keeps a table; a chart is a picture of one", stage.keyword.span,
                                         help: "keep the table with let, then chart it: \(name.name) | chart ...")
            }
            let plan = try planner.plan(pipeline)
            return isValue(pipeline) ? .letValue(name.name, plan) : .letTable(name.name, plan)
        case .load(let path, let pathSpan, let name, let declarations):
            var declared: [String: DataType] = [:]
            for declaration in declarations {
                declared[declaration.column.name] = try TypeNames.resolve(declaration.type)
            }
            return .load(LoadRequest(span: statement.span, path: path, pathSpan: pathSpan, name: name.name, declaredTypes: declared))
        case .explain(var pipeline, let mode):
            // What explain shows is the query that feeds the chart.
            if Self.finalChart(pipeline) != nil { pipeline.stages.removeLast() }
            return .explain(try planner.plan(pipeline), mode: mode)
        case .command(let name, let arguments):
            return .command(name: name, arguments: arguments)
        }
    }

    /// The pipeline's last stage when it is a chart.
    static func finalChart(_ pipeline: Pipeline) -> (Stage, ChartClause)? {
        guard let last = pipeline.stages.last, case .chart(let chart) = last.kind else { return nil }
        return (last, chart)
    }

    /// A pipeline with no stages whose head is a value rather than a table: `let x = 1 + 2`.
    private func isValue(_ pipeline: Pipeline) -> Bool {
        guard pipeline.stages.isEmpty else { return false }
        switch pipeline.head.kind {
        case .pipeline: return false
        case .name(let name) where name.qualifier == nil: return catalog.tables[name.name.name] == nil
        default: return true
        }
    }
}

/// The type names of `load ... with (column: type)`.
enum TypeNames {
    /// Type names from SQL and other tools, mapped to Amity's.
    static let aliases = [
        "integer": "int", "bigint": "int", "int64": "int", "double": "float", "real": "float", "numeric": "float",
        "decimal": "float", "boolean": "bool", "text": "string", "varchar": "string", "str": "string",
        "timestamp": "date", "datetime": "date",
    ]

    static func resolve(_ name: Identifier) throws -> DataType {
        if let type = DataType(rawValue: name.name) { return type }
        let word = name.name
        let alias = aliases[word.lowercased()].map { "Amity calls this type '\($0)'" }
        throw SemanticError.make("E0422", "unknown type '\(word)'", name.span,
                                 help: alias ?? Suggestions.didYouMean(word, among: DataType.allCases.map(\.rawValue))
                                     ?? "types are int, float, bool, date and string")
    }
}
