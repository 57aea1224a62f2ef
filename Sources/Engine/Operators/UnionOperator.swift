import Columnar
import Evaluation

extension Executor {
    /// The input's rows, then the other side's, each side's columns computed into the
    /// union's (a side of bare nulls takes the other's type).
    func union(_ left: Relation, _ right: Relation, _ union: PhysicalUnion) throws -> Relation {
        var columns: [Column] = []
        for (index, type) in union.types.enumerated() {
            let top = try evaluator.column(union.left[index], over: left)
            let bottom = try evaluator.column(union.rightColumns[index], over: right)
            var accumulator = ColumnAccumulator(type, capacity: top.count + bottom.count)
            accumulator.append(top)
            accumulator.append(bottom)
            columns.append(accumulator.build())
        }
        return Relation(columns: columns, count: left.count + right.count)
    }
}
