import Columnar
import Diagnostics
import Evaluation
import Glibc
import Semantic

/// Runs a physical plan: the source, then each step in order, timing each and counting its
/// rows for `explain analyze`.
final class Executor {
    let evaluator: Evaluator
    /// Read directly by work split across threads, which cannot share the evaluator.
    let cancellation: Cancellation?
    /// Bytes a query may hold in the big things it builds (join pairs, distinct rows,
    /// results); going over is an error at the stage, rather than the OOM killer.
    let memoryLimit: Int
    /// Threads the operators that split rows may use.
    let threads: Int
    /// Aggregates always hash their keys (``ExecutionOptions/forcesHashedGroups``).
    let forcesHashedGroups: Bool
    /// What `sample` draws its random numbers from (``ExecutionOptions/seed``).
    let seed: UInt64
    let progress: QueryProgress?
    /// The stage of the step running now, for errors.
    private(set) var stageSpan: Span?
    /// The time the step running now spent on its other side, which that side's steps count.
    private var sideSeconds = 0.0

    init(cancellation: Cancellation?, options: ExecutionOptions) {
        evaluator = Evaluator(cancellation: cancellation, threads: options.threads)
        self.cancellation = cancellation
        memoryLimit = options.memoryLimit
        threads = options.threads
        forcesHashedGroups = options.forcesHashedGroups
        seed = options.seed
        progress = options.progress
    }

    /// The plan's result as a table, its columns made dense.
    func table(_ plan: PhysicalPlan) throws -> (Table, PlanProfile) {
        var profile = Self.emptyProfile(plan)
        let relation = try execute(plan, profile: &profile)
        // Named at the last stage: the one whose output this is.
        let outer = stageSpan
        defer { stageSpan = outer }
        stageSpan = plan.steps.last?.span ?? outer
        try checkMemory(rows: relation.count, bytesPerRow: 8 * max(1, relation.columns.count), what: "the result")
        // A column at a time, so Ctrl-C need not wait for the gathers of a whole wide result.
        let columns = try relation.columns.indices.map { index in
            try evaluator.checkCancelled()
            return relation.dense(index, threads: threads)
        }
        let table = Table(fields: plan.output.map { Field($0.name, $0.type) }, columns: columns)
        return (table, profile)
    }

    /// A scalar subquery's value: null for no rows, an error for more than one.
    func value(of subquery: PhysicalSubquery) throws -> (Value, PlanProfile) {
        var profile = Self.emptyProfile(subquery.plan)
        let relation = try execute(subquery.plan, profile: &profile)
        guard relation.count <= 1 else {
            throw RuntimeError.make("E0314", "a pipeline used as a value gave \(relation.count) rows; it must give one",
                                    subquery.span, help: "summarize it, or keep one row with take 1")
        }
        return (relation.count == 0 ? .null : relation.dense(0)[0], profile)
    }

    /// The profile of a plan that has not run: how each step will run.
    static func emptyProfile(_ plan: PhysicalPlan) -> PlanProfile {
        var profile = PlanProfile()
        profile.steps = plan.steps.map { StepProfile(detail: $0.detail) }
        for (index, step) in plan.steps.enumerated() {
            switch step.operation {
            case .join(let join): profile.sides[index] = emptyProfile(join.right)
            case .union(let union): profile.sides[index] = emptyProfile(union.right)
            default: break
            }
        }
        return profile
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

    func execute(_ plan: PhysicalPlan, profile: inout PlanProfile) throws -> Relation {
        var relation: Relation
        let outer = stageSpan
        defer { stageSpan = outer }
        let sourceStart = StepClock(evaluator.gauge)
        switch plan.source {
        case .table(_, let table, let fields):
            relation = Relation(columns: fields.map { table.columns[$0] }, count: table.rowCount)
        case .singleRow:
            relation = Relation(columns: [], count: 1)
        }
        sourceStart.finish(&profile.source, rowsIn: relation.count, rowsOut: relation.count)
        for (index, step) in plan.steps.enumerated() {
            try evaluator.checkCancelled()
            stageSpan = step.span
            progress?.begin(stage: step.span, rowsIn: relation.count)
            let clock = StepClock(evaluator.gauge)
            let rowsIn = relation.count
            sideSeconds = 0
            relation = try apply(step.operation, to: relation, side: &profile.sides[index], detail: &profile.steps[index].detail)
            clock.finish(&profile.steps[index], rowsIn: rowsIn, rowsOut: relation.count, excluding: sideSeconds)
        }
        return relation
    }

    private func apply(_ operation: PhysicalOperation, to input: Relation, side: inout PlanProfile?,
                       detail: inout String?) throws -> Relation {
        switch operation {
        case .filter(let condition):
            return input.selecting(try evaluator.filter(condition, over: input))
        case .project(let exprs):
            return try project(input, exprs)
        case .sort(let keys):
            return try sort(input, keys, detail: &detail)
        case .limit(let count):
            let n = try rowCount(count, stage: "take")
            return input.selecting((0..<Int32(min(n, input.count))).map { $0 })
        case .skip(let count):
            return try skip(input, try rowCount(count, stage: "skip"))
        case .sample(let sample):
            let rows = sample.isPercent ? try sampleSize(percent: sample.size, of: input.count)
                : try rowCount(sample.size, stage: "sample")
            return try self.sample(input, rows: rows, stream: sample.stream)
        case .top(let count, let keys):
            return try top(input, try rowCount(count, stage: "top"), keys, detail: &detail)
        case .distinct:
            return try distinct(input)
        case .aggregate(let keys, let calls):
            return try aggregate(input, keys: keys, calls: calls, detail: &detail)
        case .window(let window):
            return try self.window(input, window, detail: &detail)
        case .join(let join):
            let right = try execute(otherSide: join.right, profile: &side)
            if join.kind == .cross { return try crossJoin(input, right) }
            return try self.join(input, right, join, detail: &detail)
        case .union(let union):
            let right = try execute(otherSide: union.right, profile: &side)
            return try self.union(input, right, union)
        case .unpivot(let unpivot):
            return try self.unpivot(input, unpivot)
        case .pivot(let pivot):
            return try self.pivot(input, pivot, detail: &detail)
        }
    }

    /// A join's or a union's other side, its time noted so the step does not count it twice.
    private func execute(otherSide plan: PhysicalPlan, profile: inout PlanProfile?) throws -> Relation {
        let start = MonotonicClock.seconds()
        var sideProfile = profile ?? PlanProfile()
        let relation = try execute(plan, profile: &sideProfile)
        profile = sideProfile
        sideSeconds = MonotonicClock.seconds() - start
        return relation
    }

    /// The row count of `take`, `skip` or `top`, a constant the planner checked for type: here its
    /// value, which a parameter or a subquery may make null or negative.
    private func rowCount(_ expr: BoundExpr, stage: String) throws -> Int {
        switch try evaluator.constant(expr) {
        case .int(let value) where value >= 0:
            return Int(value)
        case .int(let value):
            throw RuntimeError.make("E0350", "'\(stage)' needs zero or more rows, found \(value)", expr.span)
        default:
            throw RuntimeError.make("E0350", "'\(stage)' needs a number of rows, found null", expr.span)
        }
    }
}

/// Times one step and reads how many threads and how much memory it used.
private struct StepClock {
    let start: Double
    let gauge: MemoryGauge?

    init(_ gauge: MemoryGauge?) {
        self.gauge = gauge
        gauge?.reset()
        Parallel.resetWidest()
        start = MonotonicClock.seconds()
    }

    func finish(_ profile: inout StepProfile, rowsIn: Int, rowsOut: Int, excluding otherSide: Double = 0) {
        profile.ran = true
        profile.rowsIn += rowsIn
        profile.rowsOut += rowsOut
        profile.seconds += max(0, MonotonicClock.seconds() - start - otherSide)
        profile.threads = max(profile.threads, Parallel.widestSinceReset)
        if let gauge { profile.peakBytes = max(profile.peakBytes, gauge.peakAbove()) }
    }

}
