import Diagnostics
import Driver
import Parser
import SQLCompiler
import Testing

/// Each CTE of the compiled SQL remembers the stage it was made for, so that a server's
/// error inside it points there: a join's CTE at the join, not at the other side's last stage
/// (`count` is an aggregate and a projection).
@Suite struct SQLStageTests {
    @Test func everyCTEPointsAtItsStage() throws {
        let session = Fixtures.session()
        let text = "agreements | where year > 2000 | join (cities | where country == \"Japan\") as c on partner_id == c.city_id | count"
        let source = SourceFile(name: "test.q", text: text)
        guard case .pipeline(let pipeline)? = Parser.parse(source).statements.first?.kind else {
            Issue.record("the query does not parse")
            return
        }
        let plan = try session.plan(pipeline, in: source)
        let compiled = try SQLCompiler().compile(plan, columnNames: plan.schema.map(\.name))
        let stages = compiled.stages.map { source.text(of: $0.span) }
        #expect(stages == ["where year > 2000", "where country == \"Japan\"", "join (cities | where country == \"Japan\") as c on partner_id == c.city_id",
                          "count", "count"],
                "\(stages)")
    }
}
