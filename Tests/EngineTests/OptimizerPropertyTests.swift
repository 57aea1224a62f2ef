import Columnar
import Diagnostics
import Driver
import Glibc
import GoldenSupport
import Semantic
import Synthetic
import Testing

/// The optimizer must be invisible except in speed: every random pipeline runs with and
/// without it, and wherever the plan as written succeeds, the optimized plan gives exactly
/// the same table (rows, order, names). Where the plan as written fails, the optimized plan
/// may fail the same way (same error, same place) or succeed (it may skip work nobody reads),
/// but never fail differently. No pass may have its result rejected by the plan verifier.
@Suite struct OptimizerPropertyTests {
    /// Random pipelines with the shapes the passes rewrite: filters after derives, joins and
    /// unions, sort then take across projections, unused derived columns, subqueries, pages
    /// (sort, skip, take), samples (which the optimizer must hand the same rows), cross joins
    /// followed by filters on one side or both.
    struct Generator {
        var base: RandomQueryTests.Generator

        mutating func pick<T>(_ items: [T]) -> T { base.pick(items) }
        mutating func below(_ n: Int) -> Int { base.random.below(n) }

        mutating func stage() -> String {
            switch below(24) {
            case 0: return "where \(base.expression(2))"
            case 1: return "where \(pick(["k", "n", "x", "s", "d"])) is not null and \(base.expression(1))"
            case 2: return "derive e\(below(3)) = \(base.expression(2))"
            case 3: return "select k, n, x, s, d"
            case 4: return "sort \(pick(["k", "n", "x", "s", "d"])) \(pick(["asc", "desc"])), \(pick(["n", "x", "s"]))"
            case 5: return "take \(below(30))"
            case 6: return "top \(below(8)) by \(pick(["n", "x", "s", "d"])) \(pick(["asc", "desc"]))"
            case 7: return "rename kk = k | rename k = kk"
            case 8: return "summarize n = sum(n), x = max(x), s = min(s), d = max(d) by k"
            case 9: return "join \(pick(["inner", "left", "semi", "anti"])) (u | select uk = k, un = n) on k == uk"
                + " | select k, n, x, s, d"
            case 10: return "union (u | select k, n, x, s, d)"
            case 11: return "where k \(pick(["in", "not in"])) (u | where n > \(below(500)) | select k)"
            case 12: return "derive m = if(s in (u | select s), n, 0) | drop m"
            case 13: return "where n > (u | summarize avg(n))"
            case 14: return "distinct"
            case 15: return "derive w\(below(3)) = \(pick(["row_number()", "rank()", "running_sum(n)", "lag(s)", "sum(x)", "count()"])) "
                + "by \(pick(["k", "s", "k, d"])) sort \(pick(["n", "x desc", "s, n"]))"
            case 16:
                // A filter on row_number(): the window finds only the first rows of each group
                // (not with lead or an aggregate, which read the whole group).
                let more = pick(["", ", q = rank()", ", q = lag(s)", ", q = running_sum(n)", ", q = lead(n)", ", q = sum(x)"])
                let bound = pick(["w <= \(below(4))", "w < \(below(4))", "w == \(1 + below(3))", "w in 1..\(below(4))",
                                  "\(below(4)) >= w", "w <= 1000"])
                return "derive w = row_number()\(more) \(pick(["by k ", "by k, d ", ""]))sort \(pick(["n, x", "s desc", "x desc, s, n"]))"
                    + " | where \(bound)" + (more.isEmpty ? "" : " | drop q")
            case 17: return "derive t = sum(n) by k | where t > \(below(2000) - 1000) | drop t"
            case 18: return "skip \(below(30))"
            case 19: return "sort \(pick(["k", "n", "x", "s", "d"])) \(pick(["asc", "desc"])), \(pick(["n", "x", "s"]))"
                + " | skip \(below(12))" + pick(["", " | derive e = \(base.expression(2))"]) + " | take \(below(12))"
            case 20: return "sample \(below(40))"
            case 21: return "sample \(below(101)) percent" + pick(["", " | derive e = \(base.expression(2))"])
            case 22: return "join cross (u | where n > \(below(500)) | take \(1 + below(6)) | select uk = k, un = n)"
                + " | where \(pick(["k == uk", "n > un", "uk is null", "un is not null", "true"])) and (\(base.expression(1))) is not null"
                + " | select k, n, x, s, d"
            default: return "derive unused = \(base.expression(2)), n = n"
            }
        }

        mutating func pipeline() -> String {
            var query = "t"
            for _ in 0..<(1 + below(6)) { query += " | " + stage() }
            switch below(6) {
            case 0: query += " | sort n, x, s, d, k | take \(below(20))"
            case 1: query += " | summarize c = count(), total = sum(n) by k"
            // A filter on pivot's keys moves below both of its aggregates; pruning keeps what it reads.
            case 2: query += " | pivot k using c = count(), total = sum(n), hi = max(x) by s | where s is not null"
                + pick(["", " | select s, `1_total`, `3_c`", " | select s"])
            // A filter on the columns unpivot keeps moves below it.
            case 3: query += " | unpivot n, x into what, v | where k \(pick([">", "<", "=="])) 2 and v > \(below(400))"
            default: break
            }
            return query
        }
    }

    /// `AMITY_OPTIMIZER_SEEDS=200` runs a longer search locally; CI runs the default.
    static let seeds: [UInt64] = Array(0..<UInt64(getenv("AMITY_OPTIMIZER_SEEDS").flatMap { Int(String(cString: $0)) } ?? 6))

    @Test(arguments: seeds)
    func optimizedPlansGiveTheSameResults(seed: UInt64) {
        let tables = ["t": PropertyTests.table(seed: seed, rows: 400), "u": PropertyTests.table(seed: seed + 77, rows: 60)]
        let optimized = Session(tables: tables), asWritten = Session(tables: tables)
        asWritten.optimizes = false
        for session in [optimized, asWritten] {
            session.threads = Int(seed % 2) + 1
            session.seed = seed  // both sessions sample alike
        }
        var generator = Generator(base: RandomQueryTests.Generator(random: SplitMix64(seed: seed &* 104_729)))
        var compared = 0
        for _ in 0..<250 {
            let query = generator.pipeline()
            let written = asWritten.run(query), fast = optimized.run(query)
            #expect(optimized.lastOptimization.rejections.isEmpty, "\(query): \(optimized.lastOptimization.rejections)")
            guard written.diagnostics.isEmpty, case .table(let expected, let expectedNames)? = written.results.last else {
                // The plan as written failed: the optimized one may succeed, or fail alike (the
                // same error at the same place; the value named may be another row's).
                if let error = fast.diagnostics.first, let writtenError = written.diagnostics.first {
                    #expect(error.code == writtenError.code && error.span == writtenError.span, "\(query): \(error.message)")
                }
                continue
            }
            guard case .table(let actual, let actualNames)? = fast.results.last, fast.diagnostics.isEmpty else {
                Issue.record("\(query): optimized plan failed: \(fast.diagnostics.first?.message ?? "no result")")
                continue
            }
            #expect(actualNames == expectedNames, "\(query)")
            #expect(ResultText.render(actual) == ResultText.render(expected), "\(query)")
            compared += 1
        }
        #expect(compared > 100, "most random queries should run, not only fail")
    }
}
