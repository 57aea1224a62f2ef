import Columnar
import Diagnostics
import Semantic
import Testing

/// `explain` writes expressions back in the language, with only the brackets precedence
/// needs, and names that read back.
@Suite struct PlanTextTests {
    func text(_ query: String) throws -> String {
        let plan = try PlannerSupport.plan(query)
        return PlanText().step(plan.steps[0].operation, input: plan.sourceColumns)
    }

    @Test(arguments: [
        ("t | where (n + 1) * 2 > k", "filter (n + 1) * 2 > k"),
        ("t | where n - (k - 1) > 0", "filter n - (k - 1) > 0"),
        ("t | where not (n > 1 and k < 2)", "filter not (n > 1 and k < 2)"),
        ("t | where n > 1 or k < 2 and s == \"a\"", "filter n > 1 or k < 2 and s == \"a\""),
        ("t | where (n > 1 or k < 2) and s == \"a\"", "filter (n > 1 or k < 2) and s == \"a\""),
        ("t | where s in [\"a\", \"b\\\"c\"]", "filter s in [\"a\", \"b\\\"c\"]"),
        ("t | where d in @2020-01-01..@2020-12-31", "filter d in @2020-01-01..@2020-12-31"),
        ("t | where -n < -1", "filter -n < -1"),
        ("t | where x > n", "filter x > float(n)"),
        ("t | where (n ?? k) is null", "filter n ?? k is null"),
        ("t | sort n desc, s", "sort n desc, s"),
        ("t | summarize c = count(), m = max(x) by s", "aggregate c = count(), m = max(x) by s"),
        ("t | derive `odd name` = n + 1", "project `odd name` = n + 1, 5 more passed on"),
    ])
    func expressionsReadBack(_ query: String, _ expected: String) throws {
        #expect(try text(query) == expected)
    }
}
