import Columnar
import Evaluation
import Semantic

extension Executor {
    /// Plain column references keep the selection and copy nothing; computed columns are
    /// evaluated over the selected rows.
    func project(_ input: Relation, _ exprs: [BoundExpr]) throws -> Relation {
        let references = exprs.compactMap(\.columnReference)
        if references.count == exprs.count {
            return input.projecting(references)
        }
        let columns = try exprs.map { try evaluator.column($0, over: input) }
        return Relation(columns: columns, count: input.count)
    }
}
