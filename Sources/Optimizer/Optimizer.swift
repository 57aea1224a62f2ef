import Columnar
import Diagnostics
import Glibc
import Semantic

/// One rewrite of a logical plan. A pass sees one plan at a time (the optimizer hands it the
/// other sides of joins and unions and the pipelines inside expressions too, innermost
/// first) and returns it rewritten; it must keep the plan's result the same.
public struct OptimizerPass: Sendable {
    /// The name `explain`, `.optimize` and the tests use.
    public let name: String
    /// One line on what the pass does.
    public let summary: String
    let rewrite: @Sendable (LogicalPlan) -> LogicalPlan
}

/// What one optimizer run did, pass by pass.
public struct OptimizationReport: Sendable {
    public struct PassRun: Sendable {
        public var name: String
        public var seconds: Double
        /// Why the pass's result was thrown away (a plan that failed verification: a bug).
        public var rejected: String?
    }

    public var passes: [PassRun] = []

    public init() {}

    /// The passes whose results were thrown away, with the reason.
    public var rejections: [String] { passes.compactMap { run in run.rejected.map { "\(run.name): \($0)" } } }
}

/// Rewrites logical plans with named passes, run in order, each timed and each one
/// switchable off; the plan is verified after each, and a pass whose result does not verify
/// is skipped (and reported), so a bug in one rewrite costs speed, never a wrong answer.
///
/// Every pass keeps the result of the plan the same, and never makes it fail where it did
/// not: a rewrite that makes an expression run on rows it did not run on before only moves
/// expressions that cannot fail (``Semantic/BoundExpr/cannotFail``). A rewrite may make a
/// plan succeed that failed as written, by not computing what nobody reads.
public enum Optimizer {
    /// Every pass, in the order they run.
    public static let passes: [OptimizerPass] = [
        OptimizerPass(name: "fold-constants", summary: "computes expressions without columns once, before the rows",
                      rewrite: ConstantFolding.rewrite),
        OptimizerPass(name: "filter-pushdown", summary: "moves filters toward the tables, into join and union sides",
                      rewrite: FilterPushdown.rewrite),
        OptimizerPass(name: "merge-filters", summary: "joins adjacent filters into one",
                      rewrite: MergeFilters.rewrite),
        OptimizerPass(name: "top-n", summary: "sort then take becomes top, also across select, derive, rename and drop; "
                          + "a filter on row_number() finds only the first rows of each group",
                      rewrite: TopN.rewrite),
        OptimizerPass(name: "limit-pushdown", summary: "moves take below projections and into union sides",
                      rewrite: LimitPushdown.rewrite),
        OptimizerPass(name: "prune-columns", summary: "computes, reads and joins only the columns read later",
                      rewrite: ColumnPruning.rewrite),
    ]

    public static var passNames: [String] { passes.map(\.name) }

    /// The plan rewritten by every pass not in `disabled`.
    public static func optimize(_ plan: LogicalPlan, disabled: Set<String> = []) -> (LogicalPlan, OptimizationReport) {
        var current = plan
        var report = OptimizationReport()
        for pass in passes where !disabled.contains(pass.name) {
            let start = MonotonicClock.seconds()
            let rewritten = current.rewritingPlans(pass.rewrite)
            var run = OptimizationReport.PassRun(name: pass.name, seconds: 0)
            if let problem = PlanVerifier.problem(in: rewritten) {
                run.rejected = problem
            } else {
                current = rewritten
            }
            run.seconds = MonotonicClock.seconds() - start
            report.passes.append(run)
        }
        return (current, report)
    }

}
