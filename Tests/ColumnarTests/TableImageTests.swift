@testable import Columnar
import Synthetic
import Testing

/// Table images (how the bundled tables are compiled in) give back the table they were made
/// from, and an image that does not fit together is refused, never trusted.
@Suite struct TableImageTests {
    @Test(arguments: 0..<60)
    func imageGivesBackTheTable(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 104_729 &+ 3)
        guard let table = try? CSVReader().read(RandomCSV.make(&random).bytes) else { return }
        let decoded = try TableImage(table).table()
        #expect(decoded.fields == table.fields)
        #expect(decoded.rowCount == table.rowCount)
        for (original, copy) in zip(table.columns, decoded.columns) {
            #expect(original.nullCount == copy.nullCount)
            for row in 0..<table.rowCount {
                // Compares NaN by its bits too.
                #expect(original[row] == copy[row] || "\(original[row])" == "\(copy[row])")
            }
        }
    }

    @Test func everyTypeAndNullsSurvive() throws {
        let text = "i,f,b,d,s\n1,1.5,true,2024-02-29,北京\n,,,,\n-7,-0.25,false,1970-01-01,\"a,b\"\n"
        let table = try CSVReader().read(Array(text.utf8))
        let decoded = try TableImage(table).table()
        #expect(decoded.fields.map(\.type) == [.int, .float, .bool, .date, .string])
        for row in 0..<3 { #expect(decoded.row(row) == table.row(row)) }
    }

    @Test func anImageThatDoesNotFitIsRefused() throws {
        let table = try CSVReader().read(Array("n,s\n1,x\n2,yy\n".utf8))
        let image = TableImage(table)
        var short = image
        short.binary.removeLast()
        #expect(throws: (any Error).self) { try short.table() }
        var long = image
        long.text.append(0x41)
        #expect(throws: (any Error).self) { try long.table() }
        var badCode = image
        badCode.binary[2 * 8] = 9  // the first code of column s, past its two entries
        #expect(throws: (any Error).self) { try badCode.table() }
        var moreRows = image
        moreRows.rowCount = 1 << 40
        #expect(throws: (any Error).self) { try moreRows.table() }
    }
}
