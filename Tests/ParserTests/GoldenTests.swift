import Diagnostics
import Foundation
import GoldenSupport
import Parser
import Syntax
import Testing

/// Runs every case under `Tests/Golden/syntax/`; see `GoldenCase` for the format.
@Suite struct GoldenTests {
    static let cases = GoldenFiles.load("syntax")

    /// What the parser makes of a case's input, in the form the case expects.
    static func actual(for item: GoldenCase) -> String {
        let source = SourceFile(name: "test.q", text: item.input)
        let result = Parser.parse(source)
        let errors = DiagnosticRenderer().render(result.diagnostics, in: source)
        switch item.mode {
        case .ast:
            let tree = TreeDump.dump(result.statements)
            return errors.isEmpty ? tree : tree + "\n" + errors
        case .error, .result, .plan:
            return errors.isEmpty ? "(no error)\n" + TreeDump.dump(result.statements) : errors
        }
    }

    @Test(arguments: cases)
    func golden(_ item: GoldenCase) {
        GoldenFiles.check(item, actual: Self.actual(for: item))
    }

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.filter { $0.mode == .ast }.count >= 60)
        #expect(Self.cases.filter { $0.mode == .error }.count >= 40)
        let titles = Dictionary(grouping: Self.cases, by: { "\($0.file): \($0.title)" })
        #expect(titles.values.allSatisfy { $0.count == 1 }, "case titles must be unique within a file")
    }

    /// `AMITY_RECORD=1 swift test --filter GoldenTests` rewrites the expected sections.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AMITY_RECORD"] != nil))
    func record() throws {
        try GoldenFiles.recordAll(Self.cases, actual: Self.actual)
    }
}
