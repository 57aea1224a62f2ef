import Columnar
import Diagnostics
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

    static let tables: [String: Table] = {
        let folder = GoldenFiles.testsFolder.appendingPathComponent("Fixtures/tables")
        var tables: [String: Table] = [:]
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where file.hasSuffix(".csv") {
            let bytes = Array(FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) ?? Data())
            tables[String(file.dropLast(4))] = try? CSVReader().read(bytes)
        }
        return tables
    }()

    static func actual(for item: GoldenCase) -> String {
        var out = ""
        let shell = ShellSession(engine: Session(catalog: Catalog(tables: tables)),
                                 formatter: ResultFormatter(format: .table, maxRows: 40, maxWidth: 80)) { _, text in
            out += text
        }
        shell.run(SourceFile(name: "test.q", text: item.input))
        return out
    }

    @Test(arguments: cases)
    func golden(_ item: GoldenCase) {
        let actual = GoldenFiles.trimmed(Self.actual(for: item).components(separatedBy: "\n"))
        if item.mode == .error { #expect(actual.contains(": error: "), "expected an error") }
        if item.mode == .result { #expect(!actual.contains(": error: "), "expected no error") }
        #expect(actual == item.expected, "\(item.file): \(item.title)")
    }

    /// `AMITY_RECORD=1 swift test --filter ShellGoldenTests` rewrites the expected sections.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AMITY_RECORD"] != nil))
    func record() throws {
        try GoldenFiles.recordAll(Self.cases, actual: Self.actual)
    }
}
