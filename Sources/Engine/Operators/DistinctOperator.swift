import Columnar
import Evaluation

extension Executor {
    /// The first row of each distinct combination of every column, in input order.
    func distinct(_ input: Relation) throws -> Relation {
        let columns = input.columns.indices.map { input.dense($0, threads: threads) }
        let words = KeyWords(columns, count: input.count)
        var table = GroupTable(capacity: min(input.count, 1 << 16))
        for row in 0..<input.count {
            if row % (Evaluator.batchSize * 16) == 0 {
                try evaluator.checkCancelled()
                try checkMemory(rows: table.count, bytesPerRow: 8 * (columns.count + 1), what: "distinct")
            }
            _ = table.group(of: row, in: words)
        }
        return Relation(columns: columns, count: input.count).selecting(table.representatives)
    }
}
