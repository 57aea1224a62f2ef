import Columnar
import Engine
import Semantic
import Shell
import Testing

/// Tab completion knows the context: what fits at the cursor.
@Suite struct CompleterTests {
    func complete(_ text: String) -> (typed: String, candidates: [String]) {
        let shell = ShellSession(engine: Session(catalog: Catalog(tables: ShellGoldenTests.tables)),
                                 formatter: ResultFormatter(format: .table)) { _, _ in }
        return Completer.complete(text, shell: shell)
    }

    @Test func tablesAtTheStart() {
        #expect(complete("ci").candidates == ["cities"])
        #expect(complete("").candidates.contains("agreements"))
    }

    @Test func stagesAfterAPipe() {
        #expect(complete("aid | su").candidates == ["summarize"])
        #expect(complete("aid |\n  wh").candidates == ["where"])
    }

    @Test func columnsFlowingIntoTheStage() {
        #expect(complete("aid | where do").candidates == ["donor_id", "donor_name", "donor_country"])
        #expect(complete("aid | select n = quantity | where q").candidates == [])
        #expect(complete("aid | select n = quantity | sort n").candidates.contains("n"))
        #expect(complete("aid | where len").candidates == ["len"])
    }

    @Test func tablesAfterJoin() {
        #expect(complete("aid | join left ci").candidates == ["cities"])
        #expect(complete("aid | join ").candidates.contains("inner"))
    }

    @Test func valuesOfTheComparedColumn() {
        let found = complete(#"aid | where donor_name == "Hai"#)
        #expect(found.typed == "\"Hai")
        #expect(found.candidates == ["\"Haikou\"", "\"Hainan\""])
        #expect(complete(#"cities | where country == "Ja"#).candidates == ["\"Japan\""])
    }

    @Test func dotCommands() {
        #expect(complete(".ta").candidates == [".tables"])
        #expect(complete(".s").candidates == [".schema"])
    }
}
