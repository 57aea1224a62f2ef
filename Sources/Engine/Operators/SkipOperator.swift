import Evaluation

extension Executor {
    /// `skip n`: the rows after the first n, in order. Only the selection changes: no
    /// column is copied.
    func skip(_ input: Relation, _ count: Int) throws -> Relation {
        guard count > 0 else { return input }
        guard count < input.count else { return input.selecting([]) }
        try checkMemory(rows: input.count - count, bytesPerRow: 4, what: "the skip")
        // A relation's rows are numbered in Int32 (as every selection is), so both ends fit.
        return input.selecting(Array(Int32(count)..<Int32(input.count)))
    }
}
