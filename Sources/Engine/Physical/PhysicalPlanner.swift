import Columnar
import Evaluation
import Diagnostics
import Semantic

/// Turns an optimized logical plan into a physical one: looks its tables up, lowers every
/// expression from column ids to input positions, numbers the expressions' nodes, lists the
/// scalar subqueries to run first, and says how each step will run.
struct PhysicalPlanner {
    let tables: [String: Table]
    /// The scalar subqueries met so far, in an order where each comes after those it reads.
    private(set) var subqueries: [PhysicalSubquery] = []
    private var lowered: Set<Int> = []
    private var nextNode = 0

    init(tables: [String: Table]) {
        self.tables = tables
    }

    mutating func lower(_ plan: LogicalPlan) throws -> PhysicalPlan {
        let source: PhysicalPlan.Source
        switch plan.source {
        case .table(let name, let fields):
            guard let table = tables[name] else {
                throw RuntimeError.make("E0305", "the table '\(name)' is gone", plan.sourceSpan,
                                        help: "it was dropped or replaced after this statement was checked")
            }
            source = .table(name, table, fields: fields)
        case .singleRow:
            source = .singleRow
        }
        let schemas = plan.schemas
        var steps: [PhysicalStep] = []
        steps.reserveCapacity(plan.steps.count)
        for (index, step) in plan.steps.enumerated() {
            let operation = try lower(step.operation, Self.positions(of: schemas[index]))
            steps.append(PhysicalStep(operation: operation, span: step.span, detail: Self.detail(of: operation)))
        }
        return PhysicalPlan(source: source, steps: steps, output: schemas[schemas.count - 1])
    }

    private mutating func lower(_ operation: PlanOperation, _ positions: [Int: Int]) throws -> PhysicalOperation {
        func expr(_ e: BoundExpr) throws -> BoundExpr { try lower(e, positions) }
        func keys(_ keys: [PlanSortKey]) throws -> [PlanSortKey] {
            try keys.map { PlanSortKey(expr: try expr($0.expr), descending: $0.descending) }
        }
        switch operation {
        case .filter(let condition): return .filter(try expr(condition))
        case .project(let columns): return .project(try columns.map { try expr($0.expr) })
        case .sort(let sortKeys): return .sort(try keys(sortKeys))
        case .limit(let count): return .limit(try expr(count))
        case .skip(let count): return .skip(try expr(count))
        case .sample(var sample):
            sample.size = try expr(sample.size)
            return .sample(sample)
        case .top(let count, let sortKeys): return .top(try expr(count), try keys(sortKeys))
        case .distinct: return .distinct
        case .aggregate(let groupKeys, let aggregates):
            let calls = try aggregates.map { aggregate -> AggregateCall in
                var call = aggregate.call
                call.arguments = try call.arguments.map(expr)
                return call
            }
            return .aggregate(keys: try groupKeys.map { try expr($0.expr) }, calls: calls)
        case .join(let join):
            let right = try lower(join.right)
            let rightPositions = Self.positions(of: join.right.schema)
            return .join(PhysicalJoin(right: right, kind: join.kind, leftKeys: try join.leftKeys.map(expr),
                                      rightKeys: try join.rightKeys.map { try lower($0, rightPositions) }))
        case .window(let window):
            let lowered = try window.mappingExpressions(expr)
            return .window(PhysicalWindow(partition: lowered.partition, order: lowered.order,
                                          calls: lowered.columns.map(\.call), rowLimit: lowered.rowLimit))
        case .union(let union):
            let right = try lower(union.right)
            let rightPositions = Self.positions(of: union.right.schema)
            return .union(PhysicalUnion(right: right, left: try union.left.map(expr),
                                        rightColumns: try union.rightColumns.map { try lower($0, rightPositions) },
                                        types: union.columns.map(\.type)))
        case .unpivot(let unpivot):
            // The kept columns are read by position like any expression's columns.
            let kept = try unpivot.kept.map { column -> Int in
                guard case .column(let position) = try expr(column.reference).kind else { preconditionFailure("a reference stays one") }
                return position
            }
            return .unpivot(PhysicalUnpivot(kept: kept, values: try unpivot.values.map(expr), names: unpivot.names,
                                            type: unpivot.value.type))
        case .pivot(let pivot):
            return .pivot(PhysicalPivot(keys: try pivot.keys.map { try expr($0.expr) }, column: try expr(pivot.column),
                                        values: pivot.values, results: try pivot.results.map(expr),
                                        cells: pivot.cells.map { ($0.value, $0.result) }))
        }
    }

    private static func positions(of schema: [PlanColumn]) -> [Int: Int] {
        Dictionary(schema.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The expression reading positions instead of ids, every node numbered; the scalar
    /// subqueries it reads are lowered first.
    private mutating func lower(_ expr: BoundExpr, _ positions: [Int: Int]) throws -> BoundExpr {
        var found: [(Subquery, Span)] = []
        expr.visit { node in
            if case .scalarSubquery(let subquery) = node.kind { found.append((subquery, node.span)) }
        }
        for (subquery, span) in found where !lowered.contains(subquery.id) {
            let plan = try lower(subquery.plan)
            lowered.insert(subquery.id)
            subqueries.append(PhysicalSubquery(id: subquery.id, plan: plan, span: span))
        }
        var next = nextNode
        let result = try expr.rewritten { node in
            var copy = node
            if case .column(let id) = node.kind {
                guard let position = positions[id] else {
                    throw RuntimeError.make("E0498", "internal error: column #\(id) is not in the step's input", node.span)
                }
                copy.kind = .column(position)
            }
            copy.node = next
            next += 1
            return copy
        }
        nextNode = next
        return result
    }

    /// How a step will run, as far as its shape tells before it runs.
    static func detail(of operation: PhysicalOperation) -> String? {
        switch operation {
        case .aggregate(let keys, _):
            if keys.isEmpty { return "one group" }
            if keys.count == 1, keys[0].type == .string { return "by slot: dictionary codes" }
            if keys.allSatisfy({ $0.type != .float }) { return "by slot if the keys' ranges are small, else by group number" }
            return "by group number: keys hashed in partitions"
        case .join(let join) where join.kind == .cross:
            return "every left row with every right row"
        case .join(let join):
            if join.leftKeys.count == 1, join.leftKeys[0].type == .string { return "right side indexed by dictionary code" }
            return "hash join"
        case .window(let window):
            if window.rowLimit != nil {
                return window.partition.isEmpty ? "the first rows by a bounded heap, then in turn"
                    : "the first rows of each group by a bounded heap per group, then each group in turn"
            }
            return window.order.isEmpty ? "aggregates over each group, given to its rows"
                : "rows sorted by group and order, then each group in turn"
        default:
            return nil
        }
    }
}
