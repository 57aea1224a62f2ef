import Columnar
import Diagnostics
import Semantic

/// Evaluates bound expressions over a relation, a batch of rows at a time. Columns are read
/// by position: the engine lowers a plan's column ids before it hands expressions over.
///
/// Dispatch happens once per expression node per batch; the work per row is a loop over
/// typed arrays. String predicates and string functions run once per dictionary entry and
/// are cached per dictionary, then applied to the codes.
public final class Evaluator {
    public static let batchSize = 2048

    let cancellation: Cancellation?
    /// Threads a gather of a whole column may use.
    public var threads = 1
    /// The value of each scalar subquery of the statement, by its id; the engine runs them
    /// before the rows that read them.
    public var subqueryValues: [Int: Value] = [:]
    /// Results per dictionary entry, kept for the last dictionary each expression node saw: a
    /// column's dictionary is the same in every batch, so the work is done once. The cache
    /// holds the dictionary itself, so a freed one can never be mistaken for a new one.
    var entryPredicates: [CacheKey: (dictionary: StringDictionary, table: [Bool])] = [:]
    var entryResults: [CacheKey: EntryResults] = [:]
    /// Regular expressions and templates, compiled once per pattern.
    let patterns = PatternCache()

    /// An expression node (``BoundExpr/node``, numbered by the engine) and what is cached
    /// for it. Nodes that are not numbered (-1) cache nothing.
    struct CacheKey: Hashable {
        var node: Int
        var tag: Int

        init?(_ expr: BoundExpr, tag: Int) {
            guard expr.node >= 0 else { return nil }
            node = expr.node
            self.tag = tag
        }
    }

    public init(cancellation: Cancellation?, threads: Int = 1) {
        self.cancellation = cancellation
        self.threads = threads
    }

    /// Reads memory at each checkpoint while `explain analyze` measures a step.
    public var gauge: MemoryGauge?

    /// A checkpoint, about once per batch: stops a cancelled query, samples memory. Never
    /// inlined: a call in the middle of a kernel's outer loop otherwise made the compiler
    /// keep the inner loop's pointers on the stack (Q1 and Q7 were 20% slower).
    @inline(never)
    public func checkCancelled() throws {
        gauge?.sample()
        if cancellation?.isCancelled == true { throw CancelledError() }
    }

    /// The tallest expression evaluated on worker threads: a few hundred frames fit any
    /// thread's stack, even in a debug build.
    static let maxHeightOnWorkers = 100

    /// The expression's values for every row of `relation`, as one column.
    public func column(_ expr: BoundExpr, over relation: Relation) throws -> Column {
        if case .column(let index) = expr.kind { return relation.dense(index, threads: threads) }
        let ranges = Parallel.ranges(relation.count, threads: threads)
        // Text results stay on one thread: each thread's would have a dictionary of its own,
        // to be merged after. So do tall trees (long chains): worker threads have the
        // system's stack size, not the statement thread's large one.
        if ranges.count > 1, expr.type != .string, expr.height <= Self.maxHeightOnWorkers {
            return try column(expr, over: relation, ranges)
        }
        var accumulator = ColumnAccumulator(expr.type, capacity: relation.count)
        var start = 0
        repeat {
            try checkCancelled()
            let count = min(Self.batchSize, relation.count - start)
            accumulator.append(try evaluate(expr, relation, start: start, count: count))
            start += count
        } while start < relation.count
        return accumulator.build()
    }

    /// The expression's values with the rows split across threads, each range evaluated by an
    /// evaluator of its own (the caches per dictionary entry are not shared), the columns
    /// joined in range order. An error is the first range's that failed: the one a single
    /// thread would have met first.
    private func column(_ expr: BoundExpr, over relation: Relation, _ ranges: [Range<Int>]) throws -> Column {
        let parts: [Result<Column, Error>] = Parallel.map(ranges) { range in
            let evaluator = range.lowerBound == 0 ? self : Evaluator(cancellation: cancellation, threads: 1)
            if evaluator !== self {
                evaluator.subqueryValues = subqueryValues
                evaluator.gauge = gauge
            }
            return Result {
                var accumulator = ColumnAccumulator(expr.type, capacity: range.count)
                var start = range.lowerBound
                while start < range.upperBound {
                    try evaluator.checkCancelled()
                    let count = min(Self.batchSize, range.upperBound - start)
                    accumulator.append(try evaluator.evaluate(expr, relation, start: start, count: count))
                    start += count
                }
                return accumulator.build()
            }
        }
        let columns = try parts.map { try $0.get() }
        guard let joined = Column.concatenating(columns.map { ($0, $0.count) }) else {
            preconditionFailure("the ranges of one expression give columns of one type")
        }
        return joined
    }

    /// One value of a constant expression.
    public func constant(_ expr: BoundExpr) throws -> Value {
        try evaluate(expr, Relation(columns: [], count: 1), start: 0, count: 1).value(0)
    }

    func evaluate(_ expr: BoundExpr, _ relation: Relation, start: Int, count: Int) throws -> Vector {
        func eval(_ e: BoundExpr) throws -> Vector { try evaluate(e, relation, start: start, count: count) }
        switch expr.kind {
        case .constant(let value):
            return Vector.broadcast(value, type: expr.type, count: count)
        case .column(let index):
            return relation.vector(index, start: start, count: count)
        case .toFloat(let operand):
            let vector = try eval(operand)
            guard case .int(let values) = vector.data else { return vector }
            return Vector(.float(values.map(Double.init)), valid: vector.valid, count: count)
        case .negate(let operand):
            return try negate(try eval(operand), span: expr.span)
        case .not(let operand):
            let vector = try eval(operand)
            guard case .bool(let values) = vector.data else { preconditionFailure() }
            return Vector(.bool(values.map { !$0 }), valid: vector.valid, count: count)
        case .and(let a, let b):
            return try shortCircuit(try eval(a), b, isAnd: true, relation, start: start)
        case .or(let a, let b):
            return try shortCircuit(try eval(a), b, isAnd: false, relation, start: start)
        case .isNull(let operand, let negated):
            let vector = try eval(operand)
            let values = (0..<count).map { vector.isValid($0) == negated }
            return Vector(.bool(values), count: count)
        case .coalesce(let items):
            return try coalesce(items.map(eval), type: expr.type, count: count)
        case .arithmetic(let op, let a, let b):
            return try arithmetic(op, try eval(a), try eval(b), span: expr.span)
        case .compare(let op, let a, let b):
            return try compare(op, a, b, expr: expr, relation, start: start, count: count)
        case .inList(let operand, let items, let negated):
            return try inList(operand, items, negated: negated, expr: expr, relation, start: start, count: count)
        case .scalarSubquery(let subquery):
            guard let value = subqueryValues[subquery.id] else { preconditionFailure("a subquery runs before its rows") }
            return Vector.broadcast(value, type: expr.type, count: count)
        case .inSubquery:
            preconditionFailure("the planner turns 'in (pipeline)' into a join")
        case .inRange(let operand, let low, let high, let negated):
            let x = try eval(operand)
            let lower = try compareVectors(.greaterEqual, x, try eval(low))
            let upper = try compareVectors(.lessEqual, x, try eval(high))
            let both = logical(lower, upper, isAnd: true)
            guard negated, case .bool(let values) = both.data else { return both }
            return Vector(.bool(values.map { !$0 }), valid: both.valid, count: count)
        case .call(let function, let arguments):
            return try call(function, arguments, expr: expr, relation, start: start, count: count)
        }
    }

    /// `a and b` evaluates b only where a is not false (`or`: not true), so a guard such as
    /// `d != 0 and n // d > 1` protects the right side, and filters skip work.
    private func shortCircuit(_ a: Vector, _ b: BoundExpr, isAnd: Bool, _ relation: Relation, start: Int) throws -> Vector {
        guard case .bool(let decided) = a.data else { preconditionFailure() }
        let rows = (0..<a.count).filter { !(a.isValid($0) && decided[$0] != isAnd) }
        if rows.count == a.count { return logical(a, try evaluate(b, relation, start: start, count: a.count), isAnd: isAnd) }
        // Rows already decided get the neutral value (true for and, false for or).
        var values = [Bool](repeating: isAnd, count: a.count)
        var valid = [Bool](repeating: true, count: a.count)
        if !rows.isEmpty {
            let part = try evaluate(b, on: rows, of: relation, start: start)
            guard case .bool(let partValues) = part.data else { preconditionFailure() }
            for (index, row) in rows.enumerated() {
                values[row] = partValues[index]
                valid[row] = part.isValid(index)
            }
        }
        return logical(a, Vector(.bool(values), valid: valid, count: a.count), isAnd: isAnd)
    }

    /// The expression over some rows of the batch at `start` (positions within the batch).
    func evaluate(_ expr: BoundExpr, on rows: [Int], of relation: Relation, start: Int) throws -> Vector {
        let subset = relation.selecting(rows.map { Int32(start + $0) })
        return try evaluate(expr, subset, start: 0, count: rows.count)
    }

    /// SQL's three-valued `and` / `or`: false and null is false; true or null is true.
    func logical(_ a: Vector, _ b: Vector, isAnd: Bool) -> Vector {
        guard case .bool(let x) = a.data, case .bool(let y) = b.data else { preconditionFailure() }
        let count = a.count
        if a.valid == nil && b.valid == nil {
            return Vector(.bool(isAnd ? zip(x, y).map { $0 && $1 } : zip(x, y).map { $0 || $1 }), count: count)
        }
        var values = [Bool](repeating: false, count: count)
        var valid = [Bool](repeating: true, count: count)
        for row in 0..<count {
            let av = a.isValid(row), bv = b.isValid(row)
            if isAnd {
                if (av && !x[row]) || (bv && !y[row]) { values[row] = false } else if av && bv { values[row] = true } else { valid[row] = false }
            } else {
                if (av && x[row]) || (bv && y[row]) { values[row] = true } else if av && bv { values[row] = false } else { valid[row] = false }
            }
        }
        return Vector(.bool(values), valid: valid, count: count)
    }

    private func coalesce(_ vectors: [Vector], type: DataType, count: Int) throws -> Vector {
        // Pick, per row, the first vector with a value; strings are rebuilt into one dictionary.
        var choice = [Int](repeating: -1, count: count)
        for row in 0..<count {
            for (index, vector) in vectors.enumerated() where vector.isValid(row) {
                choice[row] = index
                break
            }
        }
        let valid = choice.map { $0 >= 0 }
        func pick<T>(_ arrays: [[T]], _ zero: T) -> [T] {
            (0..<count).map { choice[$0] >= 0 ? arrays[choice[$0]][$0] : zero }
        }
        switch type {
        case .int: return Vector(.int(pick(vectors.map { $0.ints }, 0)), valid: valid, count: count)
        case .float: return Vector(.float(pick(vectors.map { $0.floats }, 0)), valid: valid, count: count)
        case .bool: return Vector(.bool(pick(vectors.map { $0.bools }, false)), valid: valid, count: count)
        case .date: return Vector(.date(pick(vectors.map { $0.dates }, 0)), valid: valid, count: count)
        case .string:
            var builder = StringDictionaryBuilder()
            var codes = [UInt32](repeating: 0, count: count)
            for row in 0..<count where choice[row] >= 0 {
                guard case .string(let source, let dictionary) = vectors[choice[row]].data else { continue }
                codes[row] = dictionary.withBytes(of: source[row]) { builder.code(forBytes: $0) }
            }
            return Vector(.string(codes, builder.build()), valid: valid, count: count)
        }
    }
}

extension Vector {
    var ints: [Int64] { if case .int(let a) = data { return a }; preconditionFailure("not int") }
    var floats: [Double] { if case .float(let a) = data { return a }; preconditionFailure("not float") }
    var bools: [Bool] { if case .bool(let a) = data { return a }; preconditionFailure("not bool") }
    var dates: [Int32] { if case .date(let a) = data { return a }; preconditionFailure("not date") }
}
