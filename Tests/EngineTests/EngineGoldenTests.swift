import Semantic
import Charts
import Diagnostics
import Driver
import Engine
import Foundation
import GoldenSupport
import Testing

/// Runs every case under `Tests/Golden/engine/` against the fixture tables: `--- result`
/// cases must print exactly the expected tables, `--- error` cases the expected errors, and
/// `--- plan` cases each query's plan as `explain` shows it. A case whose input has a line
/// `# memory-limit: 1MB` runs with that memory limit (a comment to the query itself).
@Suite struct EngineGoldenTests {
    static let cases = GoldenFiles.load("engine")

    static func actual(for item: GoldenCase) -> String {
        let session = Fixtures.session()
        // A `--- plan` case shows each query's plan instead of its result.
        session.explainsQueries = item.mode == .plan
        session.loadFolder = GoldenFiles.testsFolder.appendingPathComponent("Fixtures").path
        for line in item.input.split(separator: "\n") where line.hasPrefix("# memory-limit:") {
            session.memoryLimit = MemoryLimit.parse(String(line.dropFirst("# memory-limit:".count))) ?? 0
        }
        let source = SourceFile(name: "test.q", text: item.input)
        let (results, diagnostics) = session.run(source)
        var parts: [String] = []
        for result in results {
            switch result {
            case .table(let table, let names): parts.append(ResultText.render(table, columnNames: names))
            case .defined(let name): parts.append("defined \(name)")
            case .loaded(let name, let rows, let columns): parts.append(LoadReport.text(name, rows: rows, columns: columns))
            case .command(let name, let arguments): parts.append("command .\(name) \(arguments)")
            case .explanation(let text): parts.append(text)
            case .chart(let table, let names, let request):
                parts.append(Self.describe(request, names) + "\n" + ResultText.render(table, columnNames: names))
            }
        }
        let errors = DiagnosticRenderer().render(diagnostics, in: source)
        if item.mode == .error && errors.isEmpty { return "(no error)\n" + parts.joined(separator: "\n\n") }
        return (parts + (errors.isEmpty ? [] : [errors])).joined(separator: "\n\n")
    }

    /// What a chart draws, by column name: the binding of the `chart` stage.
    static func describe(_ request: ChartRequest, _ names: [String]) -> String {
        let spec = request.spec
        func name(_ index: Int?) -> String { index.map { names[$0] } ?? "-" }
        return "chart \(spec.kind.rawValue): x \(name(spec.x)), y \(spec.y.map { names[$0] }.joined(separator: ", ")), "
            + "series \(name(spec.series)), label \(name(spec.label)), bins \(spec.bins.map(String.init) ?? "-"), title \"\(spec.title)\""
            + (request.file.map { ", to \"\($0.text)\"" } ?? "")
    }

    @Test(arguments: cases)
    func golden(_ item: GoldenCase) {
        GoldenFiles.check(item, actual: Self.actual(for: item))
    }

    /// `AMITY_RECORD=1 swift test --filter EngineGoldenTests` rewrites the expected sections.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AMITY_RECORD"] != nil))
    func record() throws {
        try GoldenFiles.recordAll(Self.cases, actual: Self.actual)
    }
}
