import Columnar
import Foundation
import Testing

/// Files at the edges of what a loader meets: very wide, one huge field, one huge line with
/// no line break, a load stopped half way.
@Suite struct LoaderLimitsTests {
    @Test func tenThousandColumns() throws {
        let header = (0..<10_000).map { "c\($0)" }.joined(separator: ",")
        let rows = (0..<3).map { row in (0..<10_000).map { String(row * $0) }.joined(separator: ",") }
        let table = try CSVReader().read(Array(([header] + rows).joined(separator: "\n").utf8))
        #expect(table.names.count == 10_000)
        #expect(table.rowCount == 3)
        #expect(table.columns[9_999][2] == .int(19_998))
    }

    @Test func aHundredMegabyteField() throws {
        var bytes = Array("a,b\n1,\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 100_000_000)
        bytes += Array("\"\n".utf8)
        let table = try CSVReader().read(bytes)
        #expect(table.rowCount == 1)
        guard case .string(let codes, let dictionary) = table.columns[1].values else { Issue.record("not text"); return }
        #expect(dictionary.bytes(of: codes[0]).count == 100_000_000)
    }

    @Test func aHundredMegabyteLineWithNoLineBreakIsAHeaderOnly() throws {
        let table = try CSVReader().read([UInt8](repeating: UInt8(ascii: "y"), count: 100_000_000))
        #expect(table.rowCount == 0)
        #expect(table.names.count == 1)
    }

    @Test func aCheckpointThatThrowsStopsTheLoad() {
        struct Stop: Error {}
        let text = "a,b\n" + String(repeating: "1,x\n", count: 200_000)
        var reader = CSVReader()
        var calls = 0
        reader.checkpoint = { _, fraction in
            calls += 1
            #expect((0...1).contains(fraction))
            throw Stop()
        }
        #expect(throws: Stop.self) { try reader.read(Array(text.utf8)) }
        #expect(calls == 1)
    }
}
