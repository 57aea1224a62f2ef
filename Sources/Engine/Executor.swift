import Columnar
import Diagnostics
import Semantic
import Syntax

/// Runs a logical plan: the source, then each step in order.
final class Executor {
    let evaluator: Evaluator
    /// Bytes a query may hold in the big things it builds (join pairs, distinct rows,
    /// results); going over is an error at the stage, rather than the OOM killer.
    let memoryLimit: Int
    /// Threads the operators that split rows may use.
    let threads: Int
    /// The stage of the step running now, for errors.
    private(set) var stageSpan: Span?

    init(cancellation: Cancellation?, memoryLimit: Int = MemoryLimit.default, threads: Int = 1) {
        evaluator = Evaluator(cancellation: cancellation)
        self.memoryLimit = memoryLimit
        self.threads = max(1, threads)
        evaluator.threads = self.threads
        evaluator.runPlan = { [unowned self] plan in try self.run(plan) }
    }

    func run(_ plan: Plan) throws -> Table {
        let relation = try execute(plan)
        // Named at the last stage: the one whose output this is.
        let outer = stageSpan
        defer { stageSpan = outer }
        stageSpan = plan.stepSpans.last ?? outer
        try checkMemory(rows: relation.count, bytesPerRow: 8 * max(1, relation.columns.count), what: "the result")
        return Table(fields: plan.schema.map { Field($0.name, $0.type) },
                     columns: relation.columns.indices.map { relation.dense($0, threads: threads) })
    }

    /// Throws when `rows` rows of `bytesPerRow` bytes go over the memory limit.
    func checkMemory(rows: Int, bytesPerRow: Int, what: String) throws {
        let (bytes, overflow) = rows.multipliedReportingOverflow(by: bytesPerRow)
        guard overflow || bytes > memoryLimit else { return }
        throw RuntimeError.make(
            "E0450", "\(what) needs more than \(MemoryLimit.describe(overflow ? .max : bytes)) "
                + "(\(rows) rows), over the memory limit of \(MemoryLimit.describe(memoryLimit))",
            stageSpan ?? Span(start: 0, end: 0),
            help: "filter or summarize first, or raise the limit with --memory-limit")
    }

    func execute(_ plan: Plan) throws -> Relation {
        var relation: Relation
        switch plan.source {
        case .table(let table): relation = Relation(table)
        case .singleRow: relation = Relation(columns: [], count: 1)
        }
        let outer = stageSpan
        defer { stageSpan = outer }
        for (index, step) in plan.steps.enumerated() {
            try evaluator.checkCancelled()
            if index < plan.stepSpans.count { stageSpan = plan.stepSpans[index] }
            relation = try apply(step, to: relation)
        }
        return relation
    }

    private func apply(_ step: Plan.Step, to input: Relation) throws -> Relation {
        switch step {
        case .filter(let condition):
            return input.selecting(try evaluator.filter(condition, over: input))
        case .project(let exprs):
            return try project(input, exprs)
        case .sort(let keys):
            return try sort(input, keys)
        case .limit(let n):
            return input.selecting((0..<Int32(min(n, input.count))).map { $0 })
        case .top(let n, let keys):
            return try top(input, n, keys)
        case .distinct:
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
        case .aggregate(let keys, let calls, let outputs):
            return try aggregate(input, keys: keys, calls: calls, outputs: outputs)
        case .count:
            return Relation(columns: [Column(.int([Int64(input.count)]))], count: 1)
        case .join(let rightPlan, let kind, let leftKeys, let rightKeys):
            return try join(input, try execute(rightPlan), kind, leftKeys: leftKeys, rightKeys: rightKeys)
        case .union(let rightPlan, let rightColumns):
            let right = try execute(rightPlan)
            return try union(input, right, rightColumns)
        }
    }

    /// Plain column references keep the selection and copy nothing; computed columns are
    /// evaluated over the selected rows.
    private func project(_ input: Relation, _ exprs: [BoundExpr]) throws -> Relation {
        let references = exprs.compactMap { expr -> Int? in
            if case .column(let index) = expr.kind { return index }
            return nil
        }
        if references.count == exprs.count {
            return input.projecting(references)
        }
        let columns = try exprs.map { try evaluator.column($0, over: input) }
        return Relation(columns: columns, count: input.count)
    }

    private func union(_ left: Relation, _ right: Relation, _ rightColumns: [BoundExpr]) throws -> Relation {
        var columns: [Column] = []
        for (index, expr) in rightColumns.enumerated() {
            // A left column of bare nulls takes the right side's type.
            var top = left.dense(index)
            if top.type != expr.type { top = Column.nulls(expr.type, count: top.count) }
            let bottom = try evaluator.column(expr, over: right)
            var accumulator = ColumnAccumulator(top.type, capacity: top.count + bottom.count)
            accumulator.append(Vector(whole: top))
            accumulator.append(Vector(whole: bottom))
            columns.append(accumulator.build())
        }
        return Relation(columns: columns, count: left.count + right.count)
    }
}

extension Vector {
    /// A whole column as one vector.
    init(whole column: Column) {
        let valid = column.validity.map { bits in (0..<column.count).map { bits[$0] } }
        switch column.values {
        case .int(let a): self.init(.int(a), valid: valid, count: column.count)
        case .float(let a): self.init(.float(a), valid: valid, count: column.count)
        case .bool(let a): self.init(.bool(a), valid: valid, count: column.count)
        case .date(let a): self.init(.date(a), valid: valid, count: column.count)
        case .string(let codes, let dictionary): self.init(.string(codes, dictionary), valid: valid, count: column.count)
        }
    }
}
