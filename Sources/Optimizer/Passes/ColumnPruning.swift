import Columnar
import Semantic

/// Keeps only the columns read later: a derived column nobody reads is never computed, an
/// aggregate nobody reads never accumulated, a window nobody reads dropped, a join's other side gives only the columns read
/// after it (so only they are gathered), a mark join whose column nobody reads is dropped,
/// and a table scan reads only the columns the plan uses.
///
/// The plan is walked from its end, carrying the set of column ids still needed; each step
/// adds the columns its own expressions read.
enum ColumnPruning {
    static let name = "prune-columns"

    static func rewrite(_ plan: LogicalPlan) -> LogicalPlan {
        withoutIdleProjects(prune(plan, keeping: Set(plan.schema.map(\.id))))
    }

    /// The plan without the projects that pass their input on unchanged: same columns, same
    /// order, same names (what is left of a `select` whose work moved elsewhere, say).
    static func withoutIdleProjects(_ plan: LogicalPlan) -> LogicalPlan {
        var copy = plan
        var schema = plan.sourceColumns
        copy.steps = []
        for step in plan.steps {
            let output = step.operation.output(from: schema)
            if case .project(let columns) = step.operation, columns.allSatisfy(\.isPassThrough), output == schema { continue }
            copy.steps.append(step)
            schema = output
        }
        return copy
    }

    /// The plan computing only what `required` (ids of its output) and its own steps need.
    static func prune(_ plan: LogicalPlan, keeping required: Set<Int>) -> LogicalPlan {
        let schemas = plan.schemas
        var needed = required
        var steps: [PlanStep] = []
        steps.reserveCapacity(plan.steps.count)
        for index in plan.steps.indices.reversed() {
            var step = plan.steps[index]
            switch step.operation {
            case .filter, .sort, .limit, .skip, .sample, .top:
                for expr in step.operation.expressions { needed.formUnion(expr.columns) }
            case .distinct:
                // Rows are distinct over every column: all of them are read.
                needed = Set(schemas[index].map(\.id))
            case .project(let columns):
                let kept = columns.filter { needed.contains($0.column.id) }
                let dropped = columns.filter { !needed.contains($0.column.id) && !$0.isPassThrough }
                if !dropped.isEmpty { step.notes.append(PlanNote(name, "not computed: " + names(dropped.map(\.column)))) }
                step.operation = .project(kept)
                needed = kept.reduce(into: Set<Int>()) { $0.formUnion($1.expr.columns) }
            case .aggregate(let keys, let aggregates):
                let kept = aggregates.filter { needed.contains($0.column.id) }
                if kept.count < aggregates.count {
                    let dropped = aggregates.filter { !needed.contains($0.column.id) }.map(\.column)
                    step.notes.append(PlanNote(name, "not computed: " + names(dropped)))
                }
                step.operation = .aggregate(keys: keys, aggregates: kept)
                needed = keys.reduce(into: Set<Int>()) { $0.formUnion($1.expr.columns) }
                for aggregate in kept {
                    for argument in aggregate.call.arguments { needed.formUnion(argument.columns) }
                }
            case .join(var join):
                if join.kind == .mark, let mark = join.mark, !needed.contains(mark.id) { continue }
                let added = Set(join.addedColumns.map(\.id))
                var rightNeeded = needed.intersection(Set(join.right.schema.map(\.id)))
                for key in join.rightKeys { rightNeeded.formUnion(key.columns) }
                join.right = prune(join.right, keeping: rightNeeded)
                step.operation = .join(join)
                needed.subtract(added)
                for key in join.leftKeys { needed.formUnion(key.columns) }
            case .window(var window):
                // A window keeps the rows as they are: with none of its columns read, it goes.
                // (One with a row limit drops rows, but the filter that reads its row number
                // comes after it, so its columns are read.)
                window.columns = window.columns.filter { needed.contains($0.column.id) }
                if window.columns.isEmpty && window.rowLimit == nil { continue }
                needed.subtract(window.columns.map(\.column.id))
                for expr in window.expressions { needed.formUnion(expr.columns) }
                step.operation = .window(window)
            case .union(var union):
                let kept = union.columns.indices.filter { needed.contains(union.columns[$0].id) }
                union.columns = kept.map { union.columns[$0] }
                union.left = kept.map { union.left[$0] }
                union.rightColumns = kept.map { union.rightColumns[$0] }
                union.right = prune(union.right, keeping: union.rightColumns.reduce(into: Set<Int>()) { $0.formUnion($1.columns) })
                step.operation = .union(union)
                needed = union.left.reduce(into: Set<Int>()) { $0.formUnion($1.columns) }
            case .pivot(var pivot):
                let kept = pivot.cells.filter { needed.contains($0.column.id) }
                if kept.count < pivot.cells.count {
                    let dropped = pivot.cells.filter { !needed.contains($0.column.id) }.map(\.column)
                    step.notes.append(PlanNote(name, "not computed: " + names(dropped)))
                }
                // Results no cell shows are not read either: the aggregates before may drop them.
                let results = Array(Set(kept.map(\.result))).sorted()
                let position = Dictionary(uniqueKeysWithValues: results.enumerated().map { ($1, $0) })
                pivot.cells = kept.map { PivotCell(column: $0.column, value: $0.value, result: position[$0.result]!) }
                pivot.results = results.map { pivot.results[$0] }
                step.operation = .pivot(pivot)
                needed = pivot.column.columns
                for expr in pivot.keys.map(\.expr) + pivot.results { needed.formUnion(expr.columns) }
            case .unpivot(var unpivot):
                // Every row is repeated once per listed column whatever is read later: the
                // listed columns are always read; of the others, only those read later pass.
                unpivot.kept = unpivot.kept.filter { needed.contains($0.id) }
                step.operation = .unpivot(unpivot)
                needed = Set(unpivot.kept.map(\.id))
                for value in unpivot.values { needed.formUnion(value.columns) }
            }
            steps.append(step)
        }
        var copy = plan
        copy.steps = steps.reversed()
        if case .table(let name, let fields) = plan.source {
            let kept = plan.sourceColumns.indices.filter { needed.contains(plan.sourceColumns[$0].id) }
            copy.source = .table(name: name, fields: kept.map { fields[$0] })
            copy.sourceColumns = kept.map { plan.sourceColumns[$0] }
        }
        return copy
    }

    private static func names(_ columns: [PlanColumn]) -> String {
        columns.map(\.name).joined(separator: ", ")
    }
}
