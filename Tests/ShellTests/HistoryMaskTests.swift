import Shell
import Testing

/// A password typed in a `.connect` URL never reaches the history; other lines are kept as typed.
@Suite struct HistoryMaskTests {
    @Test func passwordsAreMasked() {
        #expect(ShellSession.forHistory(".connect postgres://ana:s3cret@db:5432/rel") == ".connect postgres://ana:***@db:5432/rel")
        #expect(ShellSession.forHistory("  .connect postgresql://ana:p@ss@db/rel") == "  .connect postgresql://ana:***@db/rel")
        #expect(ShellSession.forHistory(".connect postgres://ana@db/rel") == ".connect postgres://ana@db/rel")
        #expect(ShellSession.forHistory("cities | where name == \"a:b@c\"") == "cities | where name == \"a:b@c\"")
    }
}
