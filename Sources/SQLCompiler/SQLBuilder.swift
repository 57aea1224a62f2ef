import Columnar
import Diagnostics
import Semantic

/// Turns a plan's steps into common table expressions, one or two per step, each reading
/// the one before.
struct SQLBuilder {
    let unorderedTables: Set<String>
    let caseMapping: SQLCompiler.CaseMapping
    /// The CTEs so far, in order: name, body and the stage each came from.
    private(set) var ctes: [(name: String, body: String, span: Span)] = []
    /// The stage being compiled, which the CTEs made now come from.
    private var stage = Span.point(0)
    /// Each pipeline used as a value, by its id: a scalar subquery of its CTEs.
    private var scalars: [Int: String] = [:]

    init(unorderedTables: Set<String>, caseMapping: SQLCompiler.CaseMapping) {
        self.unorderedTables = unorderedTables
        self.caseMapping = caseMapping
    }

    /// Adds a CTE named after the step and returns its name.
    mutating func add(_ stem: String, _ body: String) -> String {
        let name = "\(stem)_\(ctes.count + 1)"
        ctes.append((name, body, stage))
        return name
    }

    /// Expressions over `relation`, through `alias` if given, with the pipelines used as values
    /// compiled so far.
    func scope(_ relation: SQLRelation, alias: String? = nil) -> SQLExpression {
        var scope = relation.expressions(alias: alias)
        scope.subqueries = scalars
        scope.caseMapping = caseMapping
        return scope
    }

    /// Compiles the pipelines used as values in `exprs` (each once): their CTEs come before
    /// the step's, and the step reads each as `(SELECT column FROM cte)`, which is null for no
    /// rows and an error for more than one, as in memory.
    private mutating func compileSubqueries(in exprs: [BoundExpr]) throws {
        var found: [Subquery] = []
        for expr in exprs {
            expr.visit { node in
                if case .scalarSubquery(let subquery) = node.kind { found.append(subquery) }
            }
        }
        for subquery in found where scalars[subquery.id] == nil {
            let value = try relation(subquery.plan)
            guard let column = value.columns.first else { continue }
            scalars[subquery.id] = "(SELECT \(column.name) FROM \(value.from))"
        }
    }

    mutating func relation(_ plan: LogicalPlan) throws -> SQLRelation {
        // A join's or union's other side is compiled inside the step that reads it: the
        // step's own CTEs, made after, come from the step again.
        let outer = stage
        defer { stage = outer }
        var relation: SQLRelation
        switch plan.source {
        case .table(let name, _):
            relation = SQLRelation(from: SQLText.identifier(name),
                                   columns: plan.sourceColumns.map { ($0.id, SQLText.identifier($0.name)) })
            if !unorderedTables.contains(name) {
                relation.order = [OrderTerm(column: SQLCompiler.rowColumn, isPosition: true)]
                relation.hidden = [SQLCompiler.rowColumn]
            }
        case .singleRow:
            stage = plan.sourceSpan
            relation = SQLRelation(from: add("one_row", "SELECT 1 AS amity_one"), columns: [])
            relation.hidden = ["amity_one"]
        }
        for step in plan.steps { relation = try apply(step, to: relation) }
        return relation
    }

    private mutating func apply(_ step: PlanStep, to input: SQLRelation) throws -> SQLRelation {
        stage = step.span
        try compileSubqueries(in: step.operation.expressions)
        var output = input
        let scope = scope(input)
        switch step.operation {
        case .filter(let condition):
            output.from = add("where", "SELECT *\nFROM \(input.from)\nWHERE \(try scope.sql(condition))")
        case .project(let columns) where Self.keepsEveryColumn(columns, of: input):
            // Every column passed on under its own name (a summarize's keys and results):
            // nothing to compute, only the order of the columns changes.
            let byID = Dictionary(input.columns.map { ($0.id, $0.name) }) { first, _ in first }
            output.columns = columns.map { ($0.column.id, byID[$0.column.id] ?? "") }
        case .project(let columns):
            let names = SQLNames.unique(columns.map(\.column.name), avoiding: Set(input.hidden))
            var items: [String] = []
            for (column, name) in zip(columns, names) {
                let text = try scope.sql(column.expr), identifier = SQLText.identifier(name)
                items.append(text == identifier ? text : "\(text) AS \(identifier)")
            }
            output.from = add("select", "SELECT \((items + input.hidden).joined(separator: ", "))\nFROM \(input.from)")
            output.columns = zip(columns, names).map { ($0.column.id, SQLText.identifier($1)) }
        case .sort(let keys):
            output = try sorted(input, by: keys)
        case .limit(let count):
            output.from = add("take", "SELECT *\nFROM \(input.from)\(orderBy(input))\nLIMIT \(try scope.sql(count))")
        case .skip(let count):
            output.from = add("skip", "SELECT *\nFROM \(input.from)\(orderBy(input))\nOFFSET \(try scope.sql(count))")
        case .top(let count, let keys):
            output = try sorted(input, by: keys)
            output.from = add("top", "SELECT *\nFROM \(output.from)\(orderBy(output))\nLIMIT \(try scope.sql(count))")
        case .distinct:
            output = grouped(input, keys: input.columns.map { ($0.id, $0.name, $0.name) }, aggregates: [])
        case .aggregate(let keys, let aggregates):
            output = try summarized(input, keys: keys, aggregates: aggregates)
        case .join(let join):
            output = try joined(input, join)
        case .union(let union):
            output = try united(input, union)
        case .window(let window):
            output = try windowed(input, window)
        case .pivot(let pivot):
            output = try pivoted(input, pivot)
        case .unpivot(let unpivot):
            output = try unpivoted(input, unpivot)
        case .sample:
            // PostgreSQL's random() would draw other rows than the session's seed draws in
            // memory: the same query would answer differently on the server.
            throw SQLCompileError("'sample' is not compiled to SQL: the server cannot draw the rows this session's seed draws",
                                  step.span)
        }
        return output
    }

    /// Whether a projection passes on each of the input's columns, under the same name.
    static func keepsEveryColumn(_ columns: [ComputedColumn], of input: SQLRelation) -> Bool {
        guard columns.count == input.columns.count, columns.allSatisfy(\.isPassThrough) else { return false }
        let names = Dictionary(input.columns.map { ($0.id, $0.name) }) { first, _ in first }
        return columns.allSatisfy { names[$0.column.id] == SQLText.identifier($0.column.name) }
            && Set(columns.map(\.column.id)) == Set(input.columns.map(\.id))
    }

    private func orderBy(_ relation: SQLRelation) -> String {
        relation.order.isEmpty ? "" : "\nORDER BY \(relation.orderBy)"
    }

    /// A stable sort: the keys, then the order the rows had. The keys are copied into hidden
    /// columns, so that the order survives later steps that drop or rename the columns.
    private mutating func sorted(_ input: SQLRelation, by keys: [PlanSortKey]) throws -> SQLRelation {
        var output = input
        var computed: [String] = []
        var terms: [OrderTerm] = []
        for key in keys {
            let column = "amity_order_\(ctes.count + 1)_\(computed.count + 1)"
            computed.append("\(try scope(input).sql(key.expr)) AS \(column)")
            terms.append(OrderTerm(column: column, descending: key.descending, isText: key.expr.type == .string))
        }
        output.from = add("sort", "SELECT *, \(computed.joined(separator: ", "))\nFROM \(input.from)")
        output.hidden += terms.map(\.column)
        output.order = terms + input.order
        return output
    }

    /// The position of each row in the relation's order, for "first appearance", and whether
    /// it is a bigint. An order of positions only (a table's rows, a join's two sides, a
    /// union's) is its columns themselves; several make one numeric, 19 digits per column and
    /// a null as 19 nines, which orders as the columns do, nulls last. `min` of it needs no
    /// numbering of all the rows, which a server would have to do in one place (Citus runs
    /// min(numeric) on its workers, not min of an array). Any other order is numbered.
    mutating func positioned(_ input: SQLRelation) -> (from: String, position: String?, isNumber: Bool) {
        if input.order.isEmpty { return (input.from, nil, false) }
        if input.order.allSatisfy({ $0.isPosition && !$0.descending }) {
            let columns = input.order.map(\.column)
            if columns.count == 1 { return (input.from, columns[0], true) }
            let digits = String(repeating: "9", count: 19), shift = "1" + String(repeating: "0", count: 19)
            let composite = columns.dropFirst().reduce("CAST(COALESCE(\(columns[0]), \(digits)) AS numeric)") { sum, column in
                "(\(sum) * \(shift) + COALESCE(\(column), \(digits)))"
            }
            return (input.from, composite, false)
        }
        // Named after its CTE: the input may carry an earlier position (a union's).
        let position = "amity_position_\(ctes.count + 1)"
        let from = add("numbered", "SELECT *, row_number() OVER (ORDER BY \(input.orderBy)) AS \(position)\nFROM \(input.from)")
        return (from, position, true)
    }

    /// `from` with each row's group number in a new column: `dense_rank()` over `keys`, whose
    /// ties are the groups of GROUP BY and PARTITION BY (nulls together, text by its bytes), for
    /// joining a grouping made apart back to its rows. `extra` items are added beside it.
    mutating func numberedByGroup(_ from: String, keys: [String], stem: String,
                                  extra: [String] = []) -> (from: String, group: String) {
        let group = "amity_group_\(ctes.count + 1)"
        let order = keys.isEmpty ? "" : "ORDER BY " + keys.joined(separator: ", ")
        let items = ["*", "dense_rank() OVER (\(order)) AS \(group)"] + extra
        return (add(stem, "SELECT \(items.joined(separator: ", "))\nFROM \(from)"), group)
    }

    /// One row per key combination, in the order the combinations first appear.
    /// `keys` and `aggregates` are SQL over the input, each with its plan column and name.
    mutating func grouped(_ input: SQLRelation, keys: [(id: Int, name: String, sql: String)],
                                  aggregates: [(id: Int, name: String, sql: String)], stem: String? = nil) -> SQLRelation {
        // One group of all rows has no first row to find.
        let (from, position, isNumber) = keys.isEmpty ? (input.from, nil, false) : positioned(input)
        var items = keys.map { $0.sql == $0.name ? $0.sql : "\($0.sql) AS \($0.name)" }
        items += aggregates.map { "\($0.sql) AS \($0.name)" }
        var output = SQLRelation(from: "", columns: keys.map { ($0.id, $0.name) } + aggregates.map { ($0.id, $0.name) })
        if let position, !keys.isEmpty {
            items.append("min(\(position)) AS amity_first")
            output.order = [OrderTerm(column: "amity_first", isPosition: isNumber)]
            output.hidden = ["amity_first"]
        }
        var body = "SELECT \(items.joined(separator: ", "))\nFROM \(from)"
        if !keys.isEmpty { body += "\nGROUP BY " + keys.indices.map { String($0 + 1) }.joined(separator: ", ") }
        output.from = add(stem ?? (aggregates.isEmpty && keys.count == input.columns.count ? "distinct" : "summarize"), body)
        return output
    }
}
