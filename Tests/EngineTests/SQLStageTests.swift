import Diagnostics
import Driver
import Parser
@testable import SQLCompiler
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
                          "count"],
                "\(stages)")
    }
}

/// `upper` and `lower` map case under ICU's root collation where the server has one, else
/// under "C", which maps ASCII only: the guard's class of characters follows.
@Suite struct SQLCaseMappingTests {
    func compiled(_ mapping: SQLCompiler.CaseMapping) throws -> String {
        let session = Fixtures.session()
        let source = SourceFile(name: "test.q", text: "cities | select u = upper(name), l = lower(name)")
        guard case .pipeline(let pipeline)? = Parser.parse(source).statements.first?.kind else { return "" }
        let plan = try session.plan(pipeline, in: source)
        return try SQLCompiler(caseMapping: mapping).compile(plan, columnNames: plan.schema.map(\.name)).text
    }

    @Test func icuMapsEveryLetterButCapitalSigma() throws {
        let text = try compiled(.icu)
        #expect(text.contains("upper(name COLLATE \"und-x-icu\")") && text.contains("lower(name COLLATE \"und-x-icu\")"))
        #expect(text.contains("'[\\u03A3"), "capital sigma is refused: \(text.prefix(400))")
        #expect(!SQLCharacters.notMappedAlikeByICU.contains("\\u00DF"), "ß maps alike (to SS) in both")
    }

    @Test func withoutICUOnlyASCIIAndCaselessCharacters() throws {
        let text = try compiled(.asciiOnly)
        #expect(text.contains("upper(name COLLATE \"C\")"))
        let ascii = SQLCharacters.notMappedAlikeInASCII
        #expect(ascii.hasPrefix("[^\\u0001-"), "\(ascii.prefix(80))")
        // é (U+00E9) has case: outside the allowed ranges, which skip from × (D7) and ÷ (F7).
        #expect(ascii.contains("\\u00D7\\u00F7"), "\(ascii.prefix(200))")
    }
}

/// Column names in the SQL are distinct from the names already there, compared as the SQL
/// writes them (quoted or not), and cut to PostgreSQL's length on a character boundary.
@Suite struct SQLNamesTests {
    @Test func namesAvoidTheIdentifiersTaken() {
        #expect(SQLNames.unique(["p.name", "x", "Level"], avoiding: ["\"p.name\"", "x", "level"]) == ["p.name_2", "x_2", "Level"])
        #expect(SQLNames.unique(["a", "a", "amity_row"]) == ["a", "a_2", "_amity_row"])
    }

    @Test func longNamesAreCutBetweenCharacters() {
        let cut = SQLNames.unique([String(repeating: "海口", count: 20)])[0]
        #expect(cut.utf8.count <= 55 && cut.allSatisfy { $0 == "海" || $0 == "口" }, "\(cut)")
    }
}
