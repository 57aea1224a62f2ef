import Foundation
import Columnar
import Driver
import Engine
import Semantic
import Synthetic
import Testing

/// Queries split across threads give what one thread gives: groups in the same order,
/// ints equal, floats equal up to the order of additions.
@Suite struct ThreadsTests {
    static let table = GroupingTests.table(rows: 600_000)

    static func run(_ query: String, threads: Int, expectError: Bool = false, hashing: Bool = false) -> Table? {
        let session = Session(tables: ["t": table])
        session.threads = threads
        session.forcesHashedGroups = hashing
        let (results, diagnostics) = session.run(query)
        #expect(diagnostics.isEmpty != expectError, "\(diagnostics.first?.message ?? "")")
        if expectError { #expect(diagnostics.first?.code == "E0401") }
        guard case .table(let result, _)? = results.last else { return nil }
        return result
    }

    @Test(arguments: [
        "t | summarize n = count(), c = count(k), total = sum(k), f = sum(x), a = avg(k), m = avg(x), kinds = count_distinct(s) by s",
        "t | where wide < 0 | summarize n = count(), total = sum(k), kinds = count_distinct(big1) by k, b",
        "t | summarize n = count() by big1, big2",
        "t | summarize n = count(), s = sum(k), a = avg(x)",
        "t | where k > 0 | summarize kinds = count_distinct(s), total = sum(k) by d",
        "t | join (t | select s2 = s, kk = k | distinct) as r on s == r.s2 | summarize n = count(), m = sum(r.kk) by big1",
        // Several keys combined into one slot, nulls in every key.
        "t | summarize n = count(), c = count(k), total = sum(k), f = sum(x), a = avg(x), kinds = count_distinct(s) by s, k, b",
        "t | summarize n = count(), first = min(x) by d, b, s",
        "t | where k > -2 | summarize total = sum(k), m = avg(k) by b, s",
        // Joins on unique right keys: some left rows unmatched (null keys), then every left
        // row matched after a filter, then a left join; each followed by a summarize.
        "t | join (t | summarize kk = max(k) by s2 = s) as r on s == r.s2 | summarize n = count(), m = sum(r.kk) by r.s2, b",
        "t | where s is not null | join (t | summarize kk = max(k) by s2 = s) as r on s == r.s2 "
            + "| summarize n = count(), m = sum(k) by r.s2",
        "t | join left (t | where k > 0 | summarize kk = max(k) by s2 = s) as r on s == r.s2 "
            + "| summarize n = count(), c = count(r.kk), m = avg(x) by r.s2",
        "t | join left (t | where k > 0 | summarize kk = max(k) by s2 = s) as r on s == r.s2 | summarize n = count() by r.s2, k",
        "t | join left (t | where b | summarize kk = max(k) by s2 = s) as r on s == r.s2 | where big1 > \"m\" | sort big2 "
            + "| select big1, big2, r.s2, r.kk",
        // Filters decided per dictionary entry, one after another, on every thread; then
        // top with ties (row order breaks them) and nulls, and a full sort.
        "t | where big1 > \"c3\" and s != \"a\" | select big1, k, s",
        "t | where big2 >= \"d5\" and k > 0 and big1 < \"c7\" | count",
        "t | top 1000 by k desc, s | select k, s, big1",
        "t | top 37 by x | select x, k",
        "t | top 5000 by d desc | select d, k",
        "t | sort s desc, k | select s, k",
        // The aggregates of issue 13: moments merged by Chan's formulas, picks and gathers.
        "t | summarize q = quantile(k, 0.9), v = var(k), c = covar(k, wide), r = corr(k, wide), m = mode(big1), ci = count_if(b), "
            + "am = arg_max(big2, k), an = arg_min(s, d), fd = count_distinct(x), bd = count_distinct(b) by s",
        "t | summarize v = var(wide), vx = var(x), m = mode(x), q = quantile(x, 0.5), am = arg_max(big1, x) by k, b",
        "t | where k > 0 | derive t = case(k == 1, big1, k == 2, s, big2) | summarize m = mode(t), n = count_if(matches(t, \"^c1\")) by d",
        // Expressions evaluated with the rows split across threads: numbers, predicates on
        // text (per dictionary entry, on each thread), nulls, and a text result (one thread).
        "t | derive y = k * 3 - 1, z = x / 2.0, p = big1 > \"c5\" and k > 0, q = upper(s) | summarize n = count_if(p), "
            + "a = sum(y), f = sum(z), m = max(q) by d",
        "t | summarize g = sum(k * k), h = avg(if(b, x, -x)), c = count_if(x > 0.5 or s == \"a\") by big1",
    ])
    func twoThreadsAgreeWithOne(_ query: String) throws {
        guard let one = Self.run(query, threads: 1), let two = Self.run(query, threads: 2) else { return }
        #expect(one.names == two.names)
        #expect(one.rowCount == two.rowCount)
        for (a, b) in zip(one.columns, two.columns) {
            for row in 0..<min(one.rowCount, 50_000) {
                switch (a[row], b[row]) {
                case (.float(let x), .float(let y)):
                    #expect(x == y || abs(x - y) <= 1e-9 * max(abs(x), abs(y)) || (x.isNaN && y.isNaN), "row \(row)")
                case (let x, let y):
                    #expect(x == y, "row \(row)")
                }
                if a[row] != b[row], case .float = a[row] {} else if a[row] != b[row] { return }
            }
        }
    }

    /// Each aggregation strategy (by dictionary code, by combined small keys, by group number)
    /// gives what the plainest one, hashing every key, gives: the same groups in the same
    /// order, the same values.
    @Test(arguments: [
        "t | summarize n = count(), c = count(k), total = sum(k), kinds = count_distinct(s), lo = min(s), hi = max(x) by s, k, b",
        "t | summarize n = count(), f = first(big1), l = last(x), md = median(k), sd = stddev(k) by s",
        "t | join (t | summarize kk = max(k) by s2 = s) as r on s == r.s2 | summarize n = count(), m = sum(r.kk) by r.s2",
        "t | join left (t | where k > 0 | summarize kk = max(k) by s2 = s) as r on s == r.s2 "
            + "| summarize n = count(), c = count(r.kk), m = sum(r.kk), d = count_distinct(d) by r.s2",
        "t | join left (t | where k > 0 | summarize kk = max(k) by s2 = s) as r on s == r.s2 | summarize n = count(), c = count(r.kk) by r.s2, b",
        "t | summarize n = count(), m = min(d), distinct = count_distinct(k) by big1, big2",
        "t | summarize n = count(), s = sum(k), sd = stddev(x), md = median(x), all = collect(b, \"\") by d",
        "t | summarize q = quantile(k, 0.25), v = var(k), c = corr(wide, k), m = mode(big1), ci = count_if(b), "
            + "am = arg_max(big2, k), an = arg_min(x, d), fd = count_distinct(x) by s, k, b",
        "t | summarize m = mode(s), am = arg_max(s, big1), c = covar(wide, k), q = quantile(wide, 0.7) by big1, big2",
    ])
    func everyStrategyAgreesWithHashing(_ query: String) throws {
        for threads in [1, 2] {
            guard let chosen = Self.run(query, threads: threads), let hashed = Self.run(query, threads: threads, hashing: true)
            else { return }
            #expect(chosen.rowCount == hashed.rowCount)
            for (a, b) in zip(chosen.columns, hashed.columns) {
                #expect((0..<chosen.rowCount).allSatisfy { a[$0] == b[$0] || (a[$0].description == b[$0].description) },
                        "\(query) on \(threads) threads")
            }
        }
    }

    @Test func anIntSumOverflowIsAnErrorOnTwoThreadsToo() {
        // wide holds values near both ends of the int range: the partial sums overflow.
        _ = Self.run("t | summarize total = sum(wide)", threads: 1, expectError: true)
        _ = Self.run("t | summarize total = sum(wide)", threads: 2, expectError: true)
    }

    /// An expression that overflows on rows in both halves fails alike on two threads: the
    /// error of the first range, at the same span, as one thread meets it first.
    @Test func anExpressionOverflowIsTheSameErrorOnTwoThreads() {
        let query = "t | derive y = k * 2 + wide * 2 | summarize n = count(y)"
        let errors = [1, 2].map { threads in
            let session = Session(tables: ["t": Self.table])
            session.threads = threads
            return session.run(query).1.first
        }
        #expect(errors[0]?.code == "E0401" && errors[1]?.code == "E0401")
        #expect(errors[0]?.span == errors[1]?.span && errors[0]?.message == errors[1]?.message)
    }
}
