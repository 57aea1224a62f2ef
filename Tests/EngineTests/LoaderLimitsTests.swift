import Columnar
import Foundation
import Synthetic
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

/// Loading on two threads gives exactly the table one thread gives.
@Suite struct ParallelLoadTests {
    @Test func twoThreadsLoadWhatOneLoads() throws {
        var text = "id,name,score,day,flag\n"
        var random = SplitMix64(seed: 5)
        let names = ["Haikou", "海口", "", "\"quoted, with comma\"", "Cegle\u{301}d", "x"]
        for row in 0..<400_000 {
            let name = random.below(7) == 0 ? "" : names[random.below(names.count)]
            let score = random.below(9) == 0 ? "" : String(Double(random.below(100_000)) / 8)
            let day = random.below(11) == 0 ? "" : "2020-0\(1 + random.below(9))-1\(random.below(9))"
            text += "\(row),\(name),\(score),\(day),\(random.below(2) == 0)\n"
            if row == 200_000 { text += "\n" }  // a blank line in the second half
        }
        let bytes = Array(text.utf8)
        var one = CSVReader(), two = CSVReader()
        one.threads = 1
        two.threads = 2
        let a = try one.read(bytes), b = try two.read(bytes)
        #expect(a.names == b.names)
        #expect(a.rowCount == 400_000 && b.rowCount == 400_000)
        for column in a.columns.indices {
            #expect(a.columns[column].validity == b.columns[column].validity)
            for row in stride(from: 0, to: a.rowCount, by: 97) where a.columns[column][row] != b.columns[column][row] {
                Issue.record("column \(column) row \(row): \(a.columns[column][row]) vs \(b.columns[column][row])")
                return
            }
        }
        // The same error, at the same place, when a later part holds a bad value.
        let bad = text + "400000,x,not a number,2020-01-01,true\n"
        var declared = CSVReader(declaredTypes: ["score": .float])
        declared.threads = 2
        #expect(throws: DataFileError.self) { try declared.read(Array(bad.utf8)) }
    }
}
