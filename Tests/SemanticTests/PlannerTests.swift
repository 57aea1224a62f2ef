import Columnar
import Diagnostics
import Semantic
import Testing

/// What the planner makes of pipelines: ids that survive, the shapes subqueries become, and
/// the places errors point at.
@Suite struct PlannerTests {
    @Test func everyColumnIDIsMadeOnceInAStatement() throws {
        let plan = try PlannerSupport.plan("""
            t | derive y = n + 1 | join (u | select k2 = k) on k == k2 | union (t | select k, n, x, s, d, y = n, k2 = k)
              | summarize c = count(), m = max(y) by s | where s in (u | select s)
            """)
        let ids = PlannerSupport.definedIDs(plan)
        #expect(Set(ids).count == ids.count, "ids are unique: \(ids)")
    }

    @Test func columnsPassedOnKeepTheirIDsEvenRenamed() throws {
        let plan = try PlannerSupport.plan("t | select s, n | rename count = n | sort count")
        let source = plan.sourceColumns
        let schema = plan.schema
        #expect(schema.map(\.name) == ["s", "count"])
        #expect(schema[0].id == source.first { $0.name == "s" }!.id)
        #expect(schema[1].id == source.first { $0.name == "n" }!.id)
    }

    @Test func aComputedColumnOfAnExistingNameGetsANewID() throws {
        let plan = try PlannerSupport.plan("t | derive n = n * 2")
        let old = plan.sourceColumns.first { $0.name == "n" }!.id
        let new = plan.schema.first { $0.name == "n" }!
        #expect(new.id != old)
        #expect(plan.schema.map(\.name) == ["k", "n", "x", "s", "d"], "replaced in place")
    }

    @Test func inAsAWholeConjunctIsASemiJoinAndNotInANullAwareAntiJoin() throws {
        let semi = try PlannerSupport.plan("t | where n > 0 and k in (u | select k) and x < 1")
        #expect(semi.steps.map(\.operation.name) == ["filter", "semi join", "filter"], "in the order written")
        let anti = try PlannerSupport.plan("t | where k not in (u | select k)")
        #expect(anti.steps.map(\.operation.name) == ["null-aware anti join"])
    }

    @Test func inInsideAnExpressionIsAMarkJoinWhoseColumnIsDroppedAfter() throws {
        let plan = try PlannerSupport.plan("t | where n > 0 or k in (u | select k)")
        #expect(plan.steps.map(\.operation.name) == ["mark join", "filter", "project"])
        #expect(plan.schema.map(\.name) == ["k", "n", "x", "s", "d"])
        let value = try PlannerSupport.plan("1 in (u | select k)")
        #expect(value.steps.map(\.operation.name) == ["mark join", "project"])
    }

    @Test func anIntTestedAgainstFloatsWidensBothSides() throws {
        let plan = try PlannerSupport.plan("t | where n in (t | select x)")
        guard case .join(let join) = plan.steps[0].operation else { Issue.record("a join"); return }
        #expect(join.leftKeys[0].type == .float)
        #expect(join.rightKeys[0].type == .float)
    }

    @Test func aPipelineOrALetTableAsAValueIsAScalarSubquery() throws {
        for query in ["t | where n > (t | summarize avg(n))", "t | derive m = n / one"] {
            let plan = try PlannerSupport.plan(query)
            let subqueries = plan.steps.flatMap(\.operation.allExpressions).flatMap(\.subqueries)
            #expect(subqueries.count == 1, "\(query)")
        }
    }

    @Test func aValueOfSeveralColumnsIsAnErrorAtItsPlace() {
        #expect(throws: Diagnostic.self) { try PlannerSupport.plan("t | where n > (t | select n, k)") }
        do {
            _ = try PlannerSupport.plan("t | where n > u")
        } catch let error as Diagnostic {
            #expect(error.message == "the table 'u' used as a value must give one column, not 2")
            #expect(error.span == Span(start: 14, end: 15))
        } catch {
            Issue.record("a diagnostic")
        }
    }

    @Test func takeCountsAreConstantExpressions() throws {
        let plan = try PlannerSupport.plan("t | take limit + 1")
        guard case .limit(let count) = plan.steps[0].operation else { Issue.record("a limit"); return }
        #expect(count.columns.isEmpty && count.type == .int)
        #expect(throws: Diagnostic.self) { try PlannerSupport.plan("t | take n") }
        #expect(throws: Diagnostic.self) { try PlannerSupport.plan("t | take -1") }
        #expect(throws: Diagnostic.self) { try PlannerSupport.plan("t | take 1.5") }
    }

    @Test func loadResolvesTypeNames() throws {
        guard case .load(let request) = try PlannerSupport.bind(#"load "a.csv" as a with (x: int, y: string)"#) else {
            Issue.record("a load")
            return
        }
        #expect(request.declaredTypes == ["x": .int, "y": .string])
        do {
            _ = try PlannerSupport.bind(#"load "a.csv" as a with (x: integer)"#)
        } catch let error as Diagnostic {
            #expect(error.help == "Amity calls this type 'int'")
        }
    }

    @Test func schemasAreOnePerStepAndOneForTheSource() throws {
        let plan = try PlannerSupport.plan("t | where n > 1 | select s | distinct")
        #expect(plan.schemas.count == plan.steps.count + 1)
        #expect(plan.schemas.last!.map(\.name) == plan.schema.map(\.name))
    }
}
