import BundledData
import Charts
import Columnar
import Diagnostics
import Driver
import Foundation
import Shell
import Testing

/// Where a chart goes: drawn at a terminal, written to a file with `to` in any mode, and
/// anywhere else passed on as rows, so that scripts and pipes get what they can use.
@Suite struct ChartShellTests {
    final class Captured {
        var standardOutput = ""
        var standardError = ""
    }

    static let tables = Dictionary(uniqueKeysWithValues: (try? BundledDatasets.tables()) ?? [])

    func shell(_ captured: Captured, format: OutputFormat = .table, screen: ChartScreen? = ChartScreen(columns: 80, rows: 24),
               safe: Bool = false) -> ShellSession {
        let session = Session(tables: Self.tables)
        if safe { session.enterSafeMode() }
        let shell = ShellSession(engine: session, formatter: ResultFormatter(format: format, maxWidth: 80)) { stream, text in
            if stream == .standardOutput { captured.standardOutput += text } else { captured.standardError += text }
        }
        if let screen { shell.chartScreen = { screen } }
        shell.worldOutline = { WorldOutline(rings: try BundledDatasets.worldOutline()) }
        return shell
    }

    static let query = "aid | summarize v = sum(quantity) by item | top 3 by v desc | chart bar item, v"

    @Test func aTerminalGetsThePicture() {
        let captured = Captured()
        #expect(shell(captured).run(SourceFile(name: "t", text: Self.query)))
        #expect(captured.standardOutput.contains("█"), "\(captured.standardOutput)")
        #expect(captured.standardOutput.contains("masks") && captured.standardOutput.contains("3,344,760"))
        // Every line fits the terminal's 80 columns.
        #expect(captured.standardOutput.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func aPipeAFileOrAnotherFormatGetsTheRows() {
        for (format, screen) in [(OutputFormat.table, nil as ChartScreen?), (.csv, ChartScreen(columns: 80, rows: 24))] {
            let captured = Captured()
            #expect(shell(captured, format: format, screen: screen).run(SourceFile(name: "t", text: Self.query)))
            #expect(!captured.standardOutput.contains("█"))
            #expect(captured.standardOutput.contains("masks") && (captured.standardOutput.contains("3344760") || captured.standardOutput.contains("3,344,760")),
                    "\(captured.standardOutput)")
        }
        // `_` is the chart's rows, as after any query.
        let captured = Captured()
        let session = shell(captured, screen: nil)
        #expect(session.run(SourceFile(name: "t", text: Self.query + "\n_ | count")))
        #expect(captured.standardOutput.contains("3"))
    }

    @Test func toWritesTheSVGInAnyModeButSafe() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("amity-chart-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        for screen in [ChartScreen(columns: 80, rows: 24), nil] {
            let captured = Captured()
            #expect(shell(captured, screen: screen).run(SourceFile(name: "t", text: Self.query.replacingOccurrences(of: "item, v", with: "item, v to \"\(path)\""))))
            let svg = try String(contentsOfFile: path, encoding: .utf8)
            #expect(svg.hasPrefix("<?xml") && svg.contains("<svg") && svg.contains("masks"))
            #expect(captured.standardError.contains("wrote \(path)"), "\(captured.standardError)")
            #expect(captured.standardOutput.isEmpty)
        }
        let captured = Captured()
        let refused = shell(captured, safe: true).run(SourceFile(name: "t", text: "aid | chart hist quantity to \"\(path).2.svg\""))
        #expect(!refused)
        #expect(captured.standardError.contains("writing a chart to a file is not allowed in safe mode"), "\(captured.standardError)")
        #expect(!FileManager.default.fileExists(atPath: path + ".2.svg"))
    }

    @Test func aFileThatCannotBeWrittenIsAnErrorAndLeavesNothing() {
        let captured = Captured()
        let folder = "/nonexistent-\(UUID().uuidString)"
        #expect(!shell(captured).run(SourceFile(name: "t", text: "aid | chart hist quantity to \"\(folder)/a.svg\"")))
        #expect(captured.standardError.contains("cannot write the chart to '\(folder)/a.svg'"), "\(captured.standardError)")
    }

    @Test func theMapIsDrawnOnTheWorldsBorders() {
        let captured = Captured()
        let query = "cities | where name in [\"Haikou\", \"Rosario\", \"Oslo\"] | chart map lat, lon label name"
        #expect(shell(captured, screen: ChartScreen(columns: 100, rows: 40)).run(SourceFile(name: "t", text: query)))
        // Braille dots for the borders, and the labels.
        #expect(captured.standardOutput.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count > 200)
        #expect(captured.standardOutput.contains("Haikou"), "\(captured.standardOutput)")
    }
}
