import Columnar
import Diagnostics
import Semantic
import Syntax

extension Session {
    /// Plans a statement. A `pivot` without `in [...]` takes its columns from the data, which
    /// planning cannot read: the planner says so (``PivotValuesNeeded``) with a plan of the
    /// values, this runs it, and plans the statement again with the values, as if they had
    /// been written (so `explain` shows them). Each such pivot costs one more planning and
    /// one query of the pipeline before it.
    func plan(_ statement: Statement, in source: SourceFile) throws -> BoundStatement {
        var values: [Span: [Value]] = [:]
        while true {
            do {
                return try StatementPlanner(catalog: catalog, source: source, pivotValues: values).plan(statement)
            } catch let needed as PivotValuesNeeded {
                values[needed.stage] = try pivotValues(needed, known: values)
            }
        }
    }

    /// Plans a pipeline as ``plan(_:in:)`` does, for the completion of what follows it.
    public func plan(_ pipeline: Pipeline, in source: SourceFile) throws -> LogicalPlan {
        guard case .query(let plan) = try plan(Statement(.pipeline(pipeline), span: pipeline.span), in: source) else {
            preconditionFailure("a pipeline plans as a query")
        }
        return plan
    }

    /// The distinct values of a pivoted column, sorted, or the error past the limit.
    private func pivotValues(_ needed: PivotValuesNeeded, known: [Span: [Value]]) throws -> [Value] {
        guard known[needed.stage] == nil else {
            throw Diagnostic(code: "E0498", message: "internal error: the pivot's values were found but not used", span: needed.stage)
        }
        let table = try execute(needed.valuesPlan).table
        let values = (0..<table.rowCount).map { table.columns[0][$0] }.filter { !$0.isNull }
        guard values.count <= Planner.pivotValueLimit else {
            let counted = try execute(needed.countPlan).table
            guard case .int(let count) = counted.columns[0][0] else { preconditionFailure("count gives an int") }
            throw needed.tooMany(Int(count))
        }
        return values
    }
}
