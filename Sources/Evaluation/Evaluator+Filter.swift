import Columnar
import Semantic

extension Evaluator {
    /// The logical rows of `relation` where the condition is true (not false, not null).
    ///
    /// The conjuncts of an `and` chain are applied left to right, each to the rows the ones
    /// before kept, as the lazy `and` would. A conjunct that reads one string column and
    /// nothing else is decided once per dictionary entry (and once for null); the rows then
    /// only look their code up. Other conjuncts run batch by batch.
    public func filter(_ condition: BoundExpr, over relation: Relation) throws -> [Int32] {
        var rows: [Int32]?  // nil: every row so far
        for conjunct in Self.conjuncts(of: condition) {
            if rows?.isEmpty == true { break }
            if let decided = entryDecisions(conjunct, relation, rowCount: rows?.count ?? relation.count) {
                rows = try keep(rows, relation, column: decided.column, decisions: decided.table)
            } else if let current = rows {
                let kept = try batchFilter(conjunct, over: relation.selecting(current))
                rows = kept.map { current[Int($0)] }
            } else {
                rows = try batchFilter(conjunct, over: relation)
            }
        }
        return rows ?? (0..<Int32(relation.count)).map { $0 }
    }

    private static func conjuncts(of condition: BoundExpr) -> [BoundExpr] {
        guard case .and(let a, let b) = condition.kind else { return [condition] }
        return conjuncts(of: a) + conjuncts(of: b)
    }

    /// For a conjunct over one string column: whether each dictionary entry passes, with
    /// one more slot at the end for null. Nil when the conjunct has another shape, when the
    /// dictionary is bigger than the rows, or when it fails on some entry (the rows may
    /// never hold that entry, so the batch path decides whether that is an error).
    private func entryDecisions(_ conjunct: BoundExpr, _ relation: Relation, rowCount: Int) -> (column: Int, table: [Bool])? {
        let columns = conjunct.columns
        guard columns.count == 1, let column = columns.first,
              case .string(_, let dictionary) = relation.columns[column].values,
              dictionary.count <= max(rowCount, 64) else { return nil }
        let entries = dictionary.count
        var validity = Bitmap(count: entries + 1, value: true)
        validity[entries] = false
        let domain = Column(.string(codes: (0...UInt32(entries)).map { $0 == UInt32(entries) ? 0 : $0 }, dictionary: dictionary),
                            validity: validity)
        // Only `column` is read; the other positions just have to exist.
        let entryRelation = Relation(columns: Array(repeating: domain, count: relation.columns.count), count: entries + 1)
        guard let passed = try? batchFilter(conjunct, over: entryRelation) else { return nil }
        var table = [Bool](repeating: false, count: entries + 1)
        for entry in passed { table[Int(entry)] = true }
        return (column, table)
    }

    /// The rows (all when nil) whose entry in `column` passes.
    private func keep(_ rows: [Int32]?, _ relation: Relation, column: Int, decisions: [Bool]) throws -> [Int32] {
        guard case .string(let codes, let dictionary) = relation.columns[column].values else { preconditionFailure() }
        let validity = relation.columns[column].validity
        let selection = relation.selections[column]?.rows
        let nullSlot = dictionary.count
        var kept: [Int32] = []
        // Plain columns (no selection, no nulls) take the branch-free loop, on every thread.
        if selection == nil, validity == nil {
            let candidates = rows?.count ?? relation.count
            let passes = decisions.map { $0 ? 1 : 0 }
            let ranges = Parallel.ranges(candidates, threads: threads)
            return try codes.withUnsafeBufferPointer { codes in
                try passes.withUnsafeBufferPointer { pass in
                    func keepAll(_ listed: UnsafeBufferPointer<Int32>?) throws -> [Int32] {
                        if ranges.count < 2 { return try keep(0..<candidates, of: listed, codes: codes, passing: pass) }
                        // Each thread keeps the rows of its own range; joined in order after.
                        let parts = Parallel.map(ranges) { range in
                            Result { try self.keep(range, of: listed, codes: codes, passing: pass) }
                        }
                        var kept: [Int32] = []
                        kept.reserveCapacity(try parts.reduce(0) { try $0 + $1.get().count })
                        for part in parts { kept += try part.get() }
                        return kept
                    }
                    guard let rows else { return try keepAll(nil) }
                    return try rows.withUnsafeBufferPointer { try keepAll($0) }
                }
            }
        }
        kept.reserveCapacity(rows?.count ?? relation.count)
        try codes.withUnsafeBufferPointer { codes in
            try decisions.withUnsafeBufferPointer { decisions in
                func passes(_ logical: Int) -> Bool {
                    let physical = selection.map { Int($0[logical]) } ?? logical
                    if physical < 0 || validity?[physical] == false { return decisions[nullSlot] }
                    return decisions[Int(codes[physical])]
                }
                for index in 0..<(rows?.count ?? relation.count) {
                    if index % (Self.batchSize * 16) == 0 { try checkCancelled() }
                    let row = rows.map { Int($0[index]) } ?? index
                    if passes(row) { kept.append(Int32(row)) }
                }
            }
        }
        return kept
    }

    /// The candidates at `range` (rows `range` themselves when there is no list) whose code
    /// passes. Branch-free: every candidate is written, and the count only moves past the
    /// ones that pass, so a 25% pass rate costs no mispredicted branches.
    private func keep(_ range: Range<Int>, of rows: UnsafeBufferPointer<Int32>?, codes: UnsafeBufferPointer<UInt32>,
                      passing pass: UnsafeBufferPointer<Int>) throws -> [Int32] {
        try [Int32](unsafeUninitializedCapacity: range.count + 1) { out, initialized in
            let base = out.baseAddress!
            var count = 0
            var start = range.lowerBound
            while start < range.upperBound {
                try checkCancelled()
                let end = min(start + Self.batchSize * 16, range.upperBound)
                count = Self.keepPassing(start..<end, of: rows, codes: codes, passing: pass, into: base, at: count)
                start = end
            }
            initialized = count
        }
    }

    /// The loop of ``keep(_:of:codes:passing:)`` over one run of candidates, on its own so that
    /// every pointer stays in a register (inside the closure above, the compiler reloaded
    /// them from the stack on every row). Returns the new count of rows written.
    private static func keepPassing(_ candidates: Range<Int>, of rows: UnsafeBufferPointer<Int32>?,
                                    codes: UnsafeBufferPointer<UInt32>, passing pass: UnsafeBufferPointer<Int>,
                                    into out: UnsafeMutablePointer<Int32>, at start: Int) -> Int {
        var count = start
        if let rows {
            for index in candidates {
                let row = rows[index]
                out[count] = row
                count &+= pass[Int(codes[Int(row)])]
            }
        } else {
            for row in candidates {
                out[count] = Int32(truncatingIfNeeded: row)
                count &+= pass[Int(codes[row])]
            }
        }
        return count
    }

    /// The rows where the condition is true, evaluated batch by batch.
    private func batchFilter(_ condition: BoundExpr, over relation: Relation) throws -> [Int32] {
        // Room for every row; each batch writes its rows branch-free (see keep).
        try [Int32](unsafeUninitializedCapacity: relation.count + 1) { out, initialized in
            let base = out.baseAddress!
            var count = 0
            var start = 0
            while start < relation.count {
                try checkCancelled()
                let batch = min(Self.batchSize, relation.count - start)
                let vector = try evaluate(condition, relation, start: start, count: batch)
                guard case .bool(let values) = vector.data else { preconditionFailure("a condition is bool") }
                count = values.withUnsafeBufferPointer { values in
                    Self.keepTrue(values, valid: vector.valid, firstRow: start, into: base, at: count)
                }
                start += batch
                initialized = count
            }
        }
    }

    /// Writes every row of a batch and moves past those whose condition is true (valid and
    /// set); returns the new count. A function of its own for the reason ``keepPassing`` is.
    private static func keepTrue(_ values: UnsafeBufferPointer<Bool>, valid: [Bool]?, firstRow: Int,
                                 into out: UnsafeMutablePointer<Int32>, at start: Int) -> Int {
        var count = start
        if let valid {
            valid.withUnsafeBufferPointer { valid in
                for row in values.indices {
                    out[count] = Int32(truncatingIfNeeded: firstRow + row)
                    count &+= values[row] && valid[row] ? 1 : 0
                }
            }
        } else {
            for row in values.indices {
                out[count] = Int32(truncatingIfNeeded: firstRow + row)
                count &+= values[row] ? 1 : 0
            }
        }
        return count
    }
}
