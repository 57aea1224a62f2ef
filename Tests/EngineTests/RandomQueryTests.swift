import Columnar
import Glibc
import Diagnostics
import Driver
import Engine
import Semantic
import Synthetic
import GoldenSupport
import Testing

/// Seeded random pipelines over tables with nulls and edge values. Errors are fine; a crash
/// (a trap on overflow or a bad index) fails the whole run, which is the point.
@Suite struct RandomQueryTests {
    struct Generator {
        var random: SplitMix64
        let functions = FunctionRegistry.all

        mutating func pick<T>(_ items: [T]) -> T { items[random.below(items.count)] }

        mutating func literal() -> String {
            pick(["0", "1", "-1", "7", "9223372036854775807", "-9223372036854775808", "2.5", "-0.0", "1e308",
                  "\"a\"", "\"海口\"", "\"\"", "\"Cegléd\"", "@2020-02-29", "@1970-01-01", "null", "true", "false"])
        }

        mutating func expression(_ depth: Int) -> String {
            if depth == 0 || random.below(3) == 0 {
                return random.below(2) == 0 ? pick(["k", "n", "x", "s", "d"]) : literal()
            }
            switch random.below(7) {
            case 0:
                let op = pick(["+", "-", "*", "/", "//", "%", "==", "!=", "<", ">=", "and", "or", "??"])
                return "(\(expression(depth - 1)) \(op) \(expression(depth - 1)))"
            case 1: return "not (\(expression(depth - 1)))"
            case 2: return "(\(expression(depth - 1)) is null)"
            case 3: return "(\(expression(depth - 1)) in [\(literal()), \(literal()), \(expression(depth - 1))])"
            case 4: return "(\(expression(depth - 1)) in \(literal())..\(literal()))"
            case 5: return "-(\(expression(depth - 1)))"
            default:
                let function = pick(functions)
                let count = function.arity.lowerBound + random.below(function.arity.count)
                let arguments = (0..<count).map { _ in expression(depth - 1) }
                return "\(function.name)(\(arguments.joined(separator: ", ")))"
            }
        }

        mutating func stage() -> String {
            switch random.below(15) {
            case 0: return "where \(expression(3))"
            case 1: return "select k, e = \(expression(2))"
            case 2: return "derive e = \(expression(3))"
            case 3: return "sort \(pick(["k", "n", "x", "s", "d"])) \(pick(["asc", "desc"])), \(expression(1))"
            case 4: return "take \(random.below(20))"
            case 5: return "top \(random.below(5)) by \(expression(2)) desc"
            case 6: return "distinct"
            case 7: return "summarize a = \(pick(["count()", "sum(n)", "avg(x)", "min(s)", "max(d)", "count_distinct(s)", "median(x)", "stddev(n)", "first(s)", "last(x)", "collect(s, \"/\")", "arg_min(s, x)", "arg_max(d, s)", "collect(d)", "collect(n, \";\")", "quantile(n, 0.3)", "mode(s)", "mode(k)", "mode(x)"])) by \(pick(["k", "s", "d", "k, s"]))"
            case 8: return "join \(pick(["inner", "left", "semi", "anti"])) u on t.k == u.k"
            case 9: return "count"
            case 10: return "union (u | select k, n, x, s, d)"
            case 11: return window()
            case 12: return pick(["pivot k using c = count(), t = sum(n) by s", "pivot s in [\"a\", \"Jeju\", \"海口\"] using first(d), last(n) by k",
                                  "pivot k in [0, 1, 7] using count()", "pivot k using m = min(x) by d", "pivot s using max(s)"])
            case 13: return pick(["where k in (u | select k)", "where n not in (u | where k > 2 | select n)", "derive m = s in (u | select s)",
                                  "where x > (u | summarize avg(x))", "derive c = (u | where k == 1 | summarize count())",
                                  "where not (d in (u | where n > 0 | select d)) or k == 1", "derive z = (u | select n | take 1) + n"])
            default: return pick(["unpivot n, k into what, v", "unpivot x, n into what, v", "unpivot s into what, v"])
            }
        }

        /// A windowed derive: a window function or an aggregate, per group, in an order.
        mutating func window() -> String {
            let call = pick(["row_number()", "rank()", "dense_rank()", "percent_rank()", "ntile(3)", "lag(x)", "lead(s, 2, \"z\")",
                             "lag(d, 1, @2000-01-01)", "running_sum(n)", "running_count()", "running_count(s)", "running_avg(x)",
                             "running_min(s)", "running_max(d)", "rolling_sum(x, 3)", "rolling_avg(n, 2)", "sum(n)", "count()",
                             "avg(x)", "first(s)", "max(s)", "collect(s, \",\")", "count_distinct(s)", "median(x)", "arg_max(n, d)",
                             "collect(k)"])
            let keys = pick(["", " by k", " by s", " by k, d"])
            return "derive w = \(call)\(keys) sort \(pick(["k", "n", "x", "s", "d"])) \(pick(["asc", "desc"]))"
        }

        mutating func pipeline() -> String {
            "t" + (0..<(1 + random.below(4))).map { _ in " | " + stage() }.joined()
        }
    }

    /// `AMITY_RANDOM_SEEDS=500` runs a longer search locally; CI runs the default.
    static let seeds: [UInt64] = Array(0..<UInt64(getenv("AMITY_RANDOM_SEEDS").flatMap { Int(String(cString: $0)) } ?? 8))

    @Test(arguments: seeds)
    func randomPipelinesNeverCrash(seed: UInt64) {
        let session = Session(tables: [
            "t": PropertyTests.table(seed: seed, rows: 300),
            "u": PropertyTests.table(seed: seed + 99, rows: 40),
        ])
        var generator = Generator(random: SplitMix64(seed: seed &* 7919))
        var ran = 0
        let trace = getenv("AMITY_TRACE") != nil
        for _ in 0..<300 {
            let query = generator.pipeline()
            if trace { print("query: \(query)") }
            let (results, diagnostics) = session.run(query)
            for diagnostic in diagnostics {
                #expect(diagnostic.span.end <= query.utf8.count, "\(query)")
            }
            if diagnostics.isEmpty, case .table(let table, _)? = results.last {
                _ = ResultText.render(table)
                ran += 1
            }
        }
        #expect(ran > 10, "most random queries should run, not only fail")
    }
}
