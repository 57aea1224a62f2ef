@testable import Columnar
import Foundation
import Synthetic
import Testing

/// The one-pass CSV loader, on one thread and cut into parts for several, reads every file
/// exactly as the two-pass reference reader does: the same names, types, notes, values and
/// nulls, or the same error at the same place. The files are random: columns that change type
/// after thousands of rows (past a batch), quoted fields with separators, doubled quotes and
/// line breaks, CRLF, blank lines, a byte order mark, and now and then one broken thing.
@Suite struct CSVLoaderPropertyTests {
    @Test(arguments: 0..<100)
    func loaderAgreesWithTheReference(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 7919 &+ 11)
        let file = RandomCSV.make(&random)
        let expected = Outcome { try ReferenceCSVReader(declaredTypes: file.declared).readWithReport(file.bytes) }
        // The same file from disk, read through windows small enough to end inside records.
        let path = "/tmp/amity-csv-property-\(getpid())-\(seed).csv"
        FileManager.default.createFile(atPath: path, contents: Data(file.bytes))
        defer { unlink(path) }
        for threads in [1, 2, 3] {
            for fromDisk in [false, true] {
                var reader = CSVReader(declaredTypes: file.declared)
                reader.threads = threads
                reader.minimumBytesPerThread = 1 + random.below(4096)
                reader.windowBytes = 64 + random.below(2048)
                let actual = Outcome {
                    guard fromDisk else { return try reader.readWithReport(file.bytes) }
                    let descriptor = open(path, O_RDONLY)
                    defer { close(descriptor) }
                    return try reader.readWithReport(descriptor: descriptor, size: file.bytes.count)
                }
                let where_ = "seed \(seed), \(threads) threads, from disk \(fromDisk)"
                #expect(actual == expected, "\(where_): \(actual.difference(from: expected))\nfile:\n\(file.preview)")
                if actual != expected { return }
            }
        }
    }

    @Test func aColumnThatTurnsToTextLateIsReadAgainAsText() throws {
        let text = "n,m\n" + (0..<10_000).map { "\($0),\($0 % 7 == 0 ? "" : "1.5")" }.joined(separator: "\n") + "\nx12,2\n"
        let loaded = try CSVReader().readWithReport(Array(text.utf8))
        #expect(loaded.columns.map(\.type) == [.string, .float])
        #expect(loaded.table.columns[0][9_999] == .string("9999"))
        #expect(loaded.table.columns[0][10_000] == .string("x12"))
        #expect(loaded.columns[0].note == "text: 10000 of 10001 values are numbers, but line 10002 has 'x12'")
        #expect(loaded.table.columns[1][7] == .null)
        #expect(loaded.table.columns[1][10_000] == .float(2))
    }

    @Test func aCutInsideAQuotedLineBreakFallsBackToOneThread() throws {
        // Every record holds a quoted field with line breaks, so a cut at a line end is
        // almost surely inside one.
        let text = "a,b\n" + (0..<3_000).map { "\($0),\"line\none\n\($0)\"" }.joined(separator: "\n") + "\n"
        var reader = CSVReader()
        reader.threads = 2
        reader.minimumBytesPerThread = 64
        let table = try reader.read(Array(text.utf8))
        #expect(table.rowCount == 3_000)
        #expect(table.columns[1][2_999] == .string("line\none\n2999"))
    }
}

/// A load's result or its error, comparable.
private enum Outcome: Equatable {
    case table(names: [String], reports: [ColumnReport], columns: [[Value]])
    case error(line: Int, column: Int, message: String)
    case other(String)

    /// The first thing that differs, in words.
    func difference(from other: Outcome) -> String {
        guard case .table(let names, let reports, let columns) = self,
              case .table(let otherNames, let otherReports, let otherColumns) = other else { return "\(self) vs \(other)" }
        if names != otherNames { return "names \(names) vs \(otherNames)" }
        for (index, report) in reports.enumerated() where report != otherReports[index] {
            return "report \(report) vs \(otherReports[index])"
        }
        for (index, column) in columns.enumerated() {
            if column.count != otherColumns[index].count { return "column \(index): \(column.count) vs \(otherColumns[index].count) rows" }
            for row in column.indices where column[row] != otherColumns[index][row] {
                return "column \(index) row \(row): \(column[row]) vs \(otherColumns[index][row])"
            }
        }
        return "equal"
    }

    init(_ load: () throws -> LoadedTable) {
        do {
            let loaded = try load()
            self = .table(names: loaded.table.names, reports: loaded.columns,
                          columns: loaded.table.columns.map { column in (0..<column.count).map { column[$0] } })
        } catch let error as DataFileError {
            self = .error(line: error.line, column: error.column, message: error.message)
        } catch {
            self = .other("\(error)")
        }
    }
}

/// Random CSV files with at most one error in them.
enum RandomCSV {
    struct File {
        var bytes: [UInt8]
        var declared: [String: DataType]
        var preview: String { String(decoding: bytes.prefix(600), as: UTF8.self) }
    }

    /// How a column's values are drawn.
    enum Flavor: CaseIterable {
        case ints, floats, intsThenFloats, bools, dates, words, numbersThenText, zeroPadded, empty, quotedEmpties, mixed
    }

    static func make(_ random: inout SplitMix64) -> File {
        let columns = 1 + random.below(5)
        let rows = [0, 1, 3, 50, 4_095, 4_097, 9_000][random.below(7)]
        let flavors = (0..<columns).map { _ in Flavor.allCases[random.below(Flavor.allCases.count)] }
        // The row where a late-changing column changes: past the first batch, sometimes.
        let turn = random.below(max(1, rows))
        let crlf = random.below(4) == 0
        let newline = crlf ? "\r\n" : "\n"
        var lines: [String] = [(0..<columns).map { "c\($0)" }.joined(separator: ",")]
        for row in 0..<rows {
            var fields = (0..<columns).map { value(flavors[$0], row: row, turn: turn, &random) }
            if random.below(50) == 0 {
                let index = random.below(columns)
                fields[index] = quoted(fields[index], &random)
            }
            lines.append(fields.joined(separator: ","))
            if random.below(500) == 0 { lines.append("") }
        }
        var declared: [String: DataType] = [:]
        for (index, flavor) in flavors.enumerated() where random.below(5) == 0 {
            switch flavor {
            case .ints, .zeroPadded: declared["c\(index)"] = .int
            case .floats, .intsThenFloats: declared["c\(index)"] = .float
            case .dates: declared["c\(index)"] = .date
            case .words, .numbersThenText, .mixed: declared["c\(index)"] = .string
            default: break
            }
        }
        var text = lines.joined(separator: newline) + (random.below(3) == 0 ? "" : newline)
        if random.below(10) == 0 { text = "\u{FEFF}" + text }
        var bytes = Array(text.utf8)
        if rows > 0, random.below(4) == 0 { breakOneThing(&bytes, &random) }
        return File(bytes: bytes, declared: declared)
    }

    private static func value(_ flavor: Flavor, row: Int, turn: Int, _ random: inout SplitMix64) -> String {
        if random.below(20) == 0 { return "" }
        switch flavor {
        case .ints: return String(Int(random.next() % 2_000_001) - 1_000_000)
        case .floats: return String(Double(Int(random.next() % 2_000_001) - 1_000_000) / 100)
        case .intsThenFloats: return row < turn ? String(random.below(1_000)) : "\(random.below(1_000)).\(random.below(10))"
        case .bools: return random.below(2) == 0 ? "true" : "false"
        case .dates: return "20\(10 + random.below(15))-0\(1 + random.below(9))-\(10 + random.below(18))"
        case .words: return ["Haikou", "海口", "Zürich", "a b", "x"][random.below(5)]
        case .numbersThenText: return row < turn ? String(random.below(100)) : ["n/a", "7", "x1"][random.below(3)]
        case .zeroPadded: return ["007", "012", "5", "0", "0.5"][random.below(5)]
        case .empty: return ""
        case .quotedEmpties: return random.below(3) == 0 ? "\"\"" : ""
        case .mixed: return ["1", "2.5", "true", "2020-01-01", "-0", "+3", "1e5", "99999999999999999999"][random.below(8)]
        }
    }

    private static func quoted(_ text: String, _ random: inout SplitMix64) -> String {
        let inner = [text, text + ", more", text + "\nnext line", "say \"\"" + text + "\"\""][random.below(4)]
        return "\"" + inner + "\""
    }

    /// One fault somewhere after the header: a ragged row, invalid UTF-8, an unterminated
    /// quote, text after a closing quote, or a stray byte in a field.
    private static func breakOneThing(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        let lineStarts = bytes.indices.filter { $0 > 0 && bytes[$0 - 1] == UInt8(ascii: "\n") && $0 < bytes.count }
        guard !lineStarts.isEmpty else { return }
        let start = lineStarts[random.below(lineStarts.count)]
        switch random.below(5) {
        case 0: bytes.insert(contentsOf: Array("extra,".utf8), at: start)
        case 1: bytes.insert(contentsOf: [0xFF, 0xFE], at: start)
        case 2: bytes.insert(contentsOf: Array("\"open".utf8), at: start)
        case 3: bytes.insert(contentsOf: Array("\"closed\"x".utf8), at: start)
        default: bytes.insert(UInt8(ascii: "z"), at: start)
        }
    }
}
