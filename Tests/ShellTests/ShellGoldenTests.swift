import Columnar
import Diagnostics
import Driver
import Engine
import Foundation
import GoldenSupport
import Semantic
import Shell
import Testing

/// Runs every case under `Tests/Golden/shell/` through the shell over the fixture tables,
/// with the table view 80 columns wide and no colour; the expected text is standard output
/// and standard error as the user would see them, in order.
@Suite struct ShellGoldenTests {
    static let cases = GoldenFiles.load("shell")

    static let tables = FixtureTables.tables

    static func actual(for item: GoldenCase) -> String {
        var out = ""
        let shell = ShellSession(engine: Session(tables: tables),
                                 formatter: ResultFormatter(format: .table, maxRows: 40, maxWidth: 80)) { _, text in
            out += text
        }
        shell.run(SourceFile(name: "test.q", text: item.input))
        return out
    }

    @Test(arguments: cases)
    func golden(_ item: GoldenCase) {
        GoldenFiles.check(item, actual: Self.actual(for: item))
    }

    /// `AMITY_RECORD=1 swift test --filter ShellGoldenTests` rewrites the expected sections.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AMITY_RECORD"] != nil))
    func record() throws {
        try GoldenFiles.recordAll(Self.cases, actual: Self.actual)
    }
}
