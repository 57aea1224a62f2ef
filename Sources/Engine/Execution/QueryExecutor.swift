import Columnar
import Diagnostics
import Evaluation
import Semantic

/// How a query may run.
public struct ExecutionOptions: Sendable {
    /// Threads the operators that split rows may use.
    public var threads: Int
    /// Bytes a query may hold in the big things it builds (``MemoryLimit``).
    public var memoryLimit: Int
    /// Every aggregate finds its groups by hashing key words, the plainest strategy: for the
    /// tests that hold the others to it.
    public var forcesHashedGroups = false
    /// The seed of `sample`: with the same seed, data and query, a sample keeps the same rows,
    /// whatever the number of threads.
    public var seed: UInt64 = 0
    /// Told the stage of each step as it starts, for a progress line (nil: nobody watches).
    public var progress: QueryProgress?

    public init(threads: Int = 1, memoryLimit: Int = MemoryLimit.default, forcesHashedGroups: Bool = false,
                seed: UInt64 = 0, progress: QueryProgress? = nil) {
        self.progress = progress
        self.threads = max(1, threads)
        self.memoryLimit = memoryLimit
        self.forcesHashedGroups = forcesHashedGroups
        self.seed = seed
    }
}

/// What the engine knows about one step of a plan: how it runs, and, once it has run, what
/// it did.
public struct StepProfile: Sendable {
    /// How the step runs ("groups by dictionary code", "radix sort on 2 keys").
    public var detail: String?
    public var ran = false
    public var rowsIn = 0
    public var rowsOut = 0
    public var seconds = 0.0
    /// The most memory allocated while the step ran, above what was allocated when it began
    /// (measured only by `explain analyze`).
    public var peakBytes = 0
    /// The most threads the step split its rows across.
    public var threads = 1

    public init(detail: String? = nil) {
        self.detail = detail
    }
}

/// A profile per step of a plan, shaped like the plan: the source, each step, the other side
/// of each join and union (by step index), and each scalar subquery (by id).
public struct PlanProfile: Sendable {
    public var source = StepProfile()
    public var steps: [StepProfile] = []
    public var sides: [Int: PlanProfile] = [:]
    public var subqueries: [Int: PlanProfile] = [:]

    public init() {}
}

/// Runs optimized logical plans over in-memory tables: plans them physically (tables looked
/// up, expressions lowered), runs their scalar subqueries, then their steps in order.
public final class QueryExecutor {
    private let tables: [String: Table]
    private let cancellation: Cancellation?
    private let options: ExecutionOptions

    public init(tables: [String: Table], cancellation: Cancellation?, options: ExecutionOptions) {
        self.tables = tables
        self.cancellation = cancellation
        self.options = options
    }

    /// The plan's result as a table.
    public func run(_ plan: LogicalPlan) throws -> Table {
        try execute(plan, measuringMemory: false).table
    }

    /// The result and what each step did, peak memory included (`explain analyze`).
    public func profile(_ plan: LogicalPlan) throws -> (table: Table, profile: PlanProfile) {
        try execute(plan, measuringMemory: true)
    }

    /// How each step will run, without running anything (`explain`).
    public func describe(_ plan: LogicalPlan) throws -> PlanProfile {
        var planner = PhysicalPlanner(tables: tables)
        let physical = try planner.lower(plan)
        var profile = Executor.emptyProfile(physical)
        for subquery in planner.subqueries { profile.subqueries[subquery.id] = Executor.emptyProfile(subquery.plan) }
        return profile
    }

    private func execute(_ plan: LogicalPlan, measuringMemory: Bool) throws -> (table: Table, profile: PlanProfile) {
        var planner = PhysicalPlanner(tables: tables)
        let physical = try planner.lower(plan)
        let executor = Executor(cancellation: cancellation, options: options)
        if measuringMemory { executor.evaluator.gauge = MemoryGauge() }
        var subqueryProfiles: [Int: PlanProfile] = [:]
        for subquery in planner.subqueries {
            let (value, profile) = try executor.value(of: subquery)
            executor.evaluator.subqueryValues[subquery.id] = value
            subqueryProfiles[subquery.id] = profile
        }
        var (table, profile) = try executor.table(physical)
        profile.subqueries = subqueryProfiles
        return (table, profile)
    }
}
