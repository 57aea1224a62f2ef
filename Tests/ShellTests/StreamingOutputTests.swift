import Columnar
import Diagnostics
import Driver
import Foundation
import Shell
import Testing

/// Results leave the shell a chunk at a time: to standard output through `writeResult`, to
/// `.output` and `.once` files, stopped by Ctrl-C between chunks.
@Suite struct StreamingOutputTests {
    /// 200,000 rows of about 30 bytes as CSV: about 6 MB, several chunks.
    static let big: Table = {
        let rows = 200_000
        let ids = Column(.int((0..<rows).map { Int64($0) }))
        let values = Column(.float((0..<rows).map { Double($0) / 8 }))
        var names = StringDictionaryBuilder()
        let codes = (0..<rows).map { names.code(for: "name \($0 % 1_000), \($0 % 7)") }
        return Table(names: ["id", "value", "name"], columns: [ids, values, Column(.string(codes: codes, dictionary: names.build()))])
    }()

    static let csv = ResultFormatter(format: .csv)
    static let bigText = csv.render(big, columnNames: big.names)

    final class Captured {
        var standardOutput = ""
        var standardError = ""
        var chunks: [[UInt8]] = []
    }

    func shell(_ captured: Captured) -> ShellSession {
        ShellSession(engine: Session(tables: ["big": Self.big]), formatter: Self.csv) { stream, text in
            if stream == .standardOutput { captured.standardOutput += text } else { captured.standardError += text }
        }
    }

    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("amity-stream-\(UUID().uuidString).csv").path
    }

    /// Line breaks and quotes are found by scalar, not by grapheme: `"\r\n"` is one Swift
    /// `Character`, and a `"` with a combining mark another, yet CSV must quote and double them.
    @Test func aCarriageReturnNewlineIsQuotedAndAQuoteBeforeACombiningMarkDoubled() {
        var builder = StringDictionaryBuilder()
        let codes = ["a\r\nb", "x\"\u{301}y"].map { builder.code(for: $0) }
        let table = Table(names: ["s"], columns: [Column(.string(codes: codes, dictionary: builder.build()))])
        #expect(Self.csv.render(table, columnNames: ["s"]) == "s\n\"a\r\nb\"\n\"x\"\"\u{301}y\"\n")
        let tsv = ResultFormatter(format: .tsv).render(table, columnNames: ["s"])
        #expect(tsv == "s\na\\r\\nb\nx\"\u{301}y\n")
    }

    /// Colours and the terminal's width are decided per destination: a table sent to a file
    /// by `.output` or `.once` has no escape codes and is not narrowed; the screen's has both.
    @Test func aTableSentToAFileHasNoColoursAndTheScreenKeepsThem() throws {
        let captured = Captured()
        let formatter = ResultFormatter(format: .table, maxWidth: 30, useColor: true)
        let shell = ShellSession(engine: Session(tables: ["big": Self.big]), formatter: formatter) { stream, text in
            if stream == .standardOutput { captured.standardOutput += text } else { captured.standardError += text }
        }
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        for command in [".output \(path)", ".once \(path)"] {
            #expect(shell.run(SourceFile(name: "test.q", text: command + "\nbig | take 2 | derive long = name + name + name")))
        }
        #expect(shell.run(SourceFile(name: "test.q", text: ".output\nbig | take 2")))
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!file.contains("\u{1B}["), "\(file)")
        #expect(file.contains("name 1, 1name 1, 1name 1, 1"), "the file's table is not narrowed: \(file)")
        #expect(captured.standardOutput.contains("\u{1B}["), "\(captured.standardOutput)")
    }

    @Test func aLargeResultReachesStandardOutputInChunksOfAboutAMegabyte() {
        let captured = Captured()
        let shell = shell(captured)
        shell.writeResult = { chunk in
            captured.chunks.append(Array(chunk))
            return true
        }
        #expect(shell.run(SourceFile(name: "test.q", text: "big")))
        #expect(captured.chunks.count > 4)
        #expect(captured.chunks.allSatisfy { $0.count < 3 << 19 && $0.last == 0x0A })
        #expect(captured.chunks.joined().elementsEqual(Self.bigText.utf8))
    }

    @Test func withoutAByteSinkResultsArriveAsTextInPieces() {
        let captured = Captured()
        #expect(shell(captured).run(SourceFile(name: "test.q", text: "big")))
        #expect(captured.standardOutput == Self.bigText)
    }

    @Test func aLargeResultStreamsToAnOutputFile() throws {
        let path = temporaryPath()
        let captured = Captured()
        #expect(shell(captured).run(SourceFile(name: "test.q", text: ".output \(path)\nbig\nbig | take 2")))
        let expected = Self.bigText + "id,value,name\n0,0.0,\"name 0, 0\"\n1,0.125,\"name 1, 1\"\n"
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        #expect(captured.standardOutput.isEmpty && captured.standardError.isEmpty)
    }

    @Test func controlCBetweenChunksStopsTheResultAndSaysCancelled() {
        let captured = Captured()
        let shell = shell(captured)
        shell.writeResult = { chunk in
            captured.chunks.append(Array(chunk))
            if captured.chunks.count == 1 { shell.engine.cancellation.cancel() }  // as the Ctrl-C handler does
            return true
        }
        #expect(!shell.run(SourceFile(name: "test.q", text: "big\nbig | count")))
        #expect(captured.chunks.count == 1)
        #expect(captured.standardError == "cancelled\n")
        // The next entry is not cancelled.
        #expect(shell.run(SourceFile(name: "test.q", text: "big | take 1")))
        #expect(captured.chunks.count == 2)
    }

    @Test func aBrokenStandardOutputStopsEachResultButNotTheScript() {
        let captured = Captured()
        let shell = shell(captured)
        shell.writeResult = { chunk in
            captured.chunks.append(Array(chunk))
            return false
        }
        #expect(shell.run(SourceFile(name: "test.q", text: "big\nbig | count")))
        #expect(captured.chunks.count == 2)
        #expect(captured.standardError.isEmpty)
    }

    @Test func aFileThatCannotTakeALargeResultShowsAllOfItHereInstead() {
        let captured = Captured()
        let shell = shell(captured)
        #expect(!shell.run(SourceFile(name: "test.q", text: ".once /dev/full\nbig\nbig | count")))
        #expect(captured.standardOutput == Self.bigText)
        #expect(captured.standardError.contains("cannot write the result to '/dev/full': No space left on device; it is shown above instead"))
    }
}
