import Columnar
import Shell
import Testing

/// The streaming writer against ``ReferenceFormatter`` (the code it replaced) on seeded random
/// tables full of edge cases: every row format must come out byte for byte the same, in
/// chunks that each end at a row's end.
@Suite struct OutputPropertyTests {
    static let rowFormats: [OutputFormat] = [.csv, .tsv, .json, .ndjson, .markdown, .line]

    @Test(arguments: 0..<60)
    func randomTablesMatchTheReference(seed: UInt64) {
        var random = Random(seed: seed)
        let rows = [0, 1, 2, 3, 17, 64, 65, 300, 1_100, 2_500][Int(seed) % 10]
        let table = Self.table(rows: rows, &random)
        var names = table.names
        // Names and columns pair up in the shell; the formats also agree when they do not.
        if seed % 13 == 5 { names.append("extra") }
        if seed % 13 == 7, !names.isEmpty { names.removeLast() }
        for format in Self.rowFormats {
            let chunkSize = [1, 7, 100, 4_096, 1 << 20][random.below(5)]
            Self.check(format, table, names, chunkSize: chunkSize, threads: random.below(3) + 1)
        }
    }

    /// Floats from random bit patterns, the values FloatFormat.shortest special-cases, and
    /// whole numbers near its 1e15 edge.
    @Test func floatsPrintAsFloatFormatShortest() {
        var random = Random(seed: 42)
        var values: [Double] = Self.specialFloats
        for _ in 0..<60_000 {
            values.append(Double(bitPattern: random.next()))
            values.append(Double(Int64(bitPattern: random.next()) >> Int64(random.below(64))))
            values.append(Double(random.below(100_000_000)) / 100)
            values.append(Double(sign: random.below(2) == 0 ? .plus : .minus, exponent: random.below(120) - 60,
                                 significand: 1 + Double(random.below(1 << 20)) / Double(1 << 20)))
        }
        // Decimals of one to six places at every magnitude the short path takes and around
        // its edges, and their neighbouring doubles, which are not short.
        for _ in 0..<40_000 {
            let places = random.below(6) + 1
            let digits = Int64(random.next() >> UInt64(random.below(63) + 1))
            let value = Double(digits) / [10.0, 100, 1_000, 10_000, 100_000, 1_000_000][places - 1]
            values += [value, -value, value.nextUp, value.nextDown]
        }
        values += [1e-3, 1e-3.nextDown, 0.0015, 99_999_999_999.9999, 1e11, 1e11.nextDown, 1e11 - 0.5, 0.30000000000000004,
                   0.1 + 0.2, 1.005, 2.675, 1.45, 8_589_973_000.0001]
        let table = Table(names: ["x"], columns: [Column(.float(values))])
        for format in [OutputFormat.csv, .json, .line] { Self.check(format, table, ["x"], chunkSize: 1 << 16, threads: 2) }
    }

    /// Every day in a few thousand years around the edges of the calendar and of Int32.
    @Test func datesPrintAsDateFormat() {
        var days: [Int32] = Self.specialDays
        for start in [Int32.min, -800_000, -3_000, 2_900_000, Int32.max - 3_000] {
            days += (0..<3_000).map { start + Int32($0) }
        }
        let table = Table(names: ["d"], columns: [Column(.date(days))])
        for format in [OutputFormat.csv, .json] { Self.check(format, table, ["d"], chunkSize: 1 << 16) }
    }

    /// Many rows over a few years (the first and last of the four-digit years among them),
    /// with nulls: the days' texts are made once and copied.
    @Test func datesOverAShortStretchPrintAsDateFormat() {
        var random = Random(seed: 7)
        for first: Int32 in [-719_528, 16_436, 2_932_896 - 3_000] {
            let days = (0..<20_000).map { _ in first + Int32(random.below(3_001)) }
            let validity = Bitmap((0..<20_000).map { _ in random.below(10) != 0 })
            let table = Table(names: ["d"], columns: [Column(.date(days), validity: validity)])
            for format in [OutputFormat.csv, .json, .markdown] { Self.check(format, table, ["d"], chunkSize: 4_096, threads: 2) }
        }
    }

    static func check(_ format: OutputFormat, _ table: Table, _ names: [String], chunkSize: Int, threads: Int = 1,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = ReferenceFormatter.render(format, table, names)
        var bytes: [UInt8] = []
        var chunksWhole = true
        ResultFormatter(format: format).write(table, columnNames: names, chunkSize: chunkSize, threads: threads) { chunk in
            // A chunk ends at a row's end, so it is whole UTF-8 on its own.
            if String(validating: chunk, as: UTF8.self) == nil { chunksWhole = false }
            bytes.append(contentsOf: chunk)
        }
        #expect(chunksWhole, "\(format): a chunk cut a character", sourceLocation: sourceLocation)
        let actual = String(decoding: bytes, as: UTF8.self)
        if bytes != Array(expected.utf8) {
            let at = zip(bytes, expected.utf8).prefix { $0 == $1 }.count
            let got = actual.utf8.dropFirst(max(0, at - 40)).prefix(80).debugText
            let wanted = expected.utf8.dropFirst(max(0, at - 40)).prefix(80).debugText
            Issue.record("\(format) differs at byte \(at): \(got), expected \(wanted)", sourceLocation: sourceLocation)
        }
        #expect(ResultFormatter(format: format).render(table, columnNames: names) == expected, sourceLocation: sourceLocation)
    }

    // MARK: Random tables

    /// Pieces that strings are made of: everything a format escapes, grapheme clusters that
    /// hide a special character (CR LF, a combining mark or ZWJ after one, a prepended mark
    /// before one), control characters, wide and composed characters.
    static let pieces = ["", ",", "\"", "\n", "\r", "\r\n", "\t", " ", "  ", "|", "\\", "a", "Z", "0", "海口", "e\u{301}",
                         "\u{301}", "\u{200D}", "\u{600}", "\u{1}", "\u{1F}", "\u{7F}", "\u{0}", "é", "😀", "👍🏽", "<br>",
                         "NULL", "null", "-", "1e5", "Cegléd", " x ", "\u{FEFF}", "\u{2028}"]

    static let specialFloats: [Double] = [
        .nan, -.nan, .infinity, -.infinity, 0, -0.0, 1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 1e-300, 2 * .leastNonzeroMagnitude, 0.1, 1.0 / 3, -2.5,
        1e15, -1e15, 1e15 - 1, -(1e15 - 1), 999_999_999_999_999.5, 1e16, 9_007_199_254_740_992, 9_007_199_254_740_994,
        1e14, 123_456_789_012_345.6, 0.000_01, 0.000_1, 1e-7, 100, -100, 602_986.44, 1e21, 1e22, 1e23, 2e-5,
    ]

    static let specialDays: [Int32] = [
        .min, .max, 0, -1, 1, -719_468, -719_469, -719_162, -719_163, 2_932_896, 2_932_897, 2_932_896 + 365 * 90_000,
        -719_528, 11_016, 18_321, 19_782, -141_428, -141_427,
    ]

    static func table(rows: Int, _ random: inout Random) -> Table {
        let columnCount = random.below(6) + (rows == 0 && random.below(3) == 0 ? 0 : 1)
        var names: [String] = []
        var columns: [Column] = []
        for index in 0..<columnCount {
            names.append(random.below(3) == 0 ? text(&random) : "c\(index)")
            columns.append(column(rows: rows, &random))
        }
        return Table(names: names, columns: columns)
    }

    static func text(_ random: inout Random) -> String {
        (0..<random.below(5)).map { _ in pieces[random.below(pieces.count)] }.joined()
    }

    static func column(rows: Int, _ random: inout Random) -> Column {
        let nullEvery = [0, 0, 4, 2, 1][random.below(5)]  // 0: no nulls, 1: all null
        func isNull(_ random: inout Random) -> Bool { nullEvery > 0 && random.below(nullEvery) == 0 }
        func validity(_ random: inout Random) -> Bitmap? {
            nullEvery == 0 ? nil : Bitmap((0..<rows).map { _ in !isNull(&random) })
        }
        switch random.below(8) {
        case 0:
            let values = (0..<rows).map { _ -> Int64 in
                switch random.below(4) {
                case 0: return [Int64.min, .max, 0, -1, 1, -9_999, 10_000][random.below(7)]
                case 1: return Int64(bitPattern: random.next())
                default: return Int64(random.below(2_000_001)) - 1_000_000
                }
            }
            return Column(.int(values), validity: validity(&random))
        case 1:
            let values = (0..<rows).map { _ -> Double in
                switch random.below(3) {
                case 0: return specialFloats[random.below(specialFloats.count)]
                case 1: return Double(bitPattern: random.next())
                default: return Double(random.below(2_000_000)) / 100 - 10_000
                }
            }
            return Column(.float(values), validity: validity(&random))
        case 2:
            return Column(.bool((0..<rows).map { _ in random.below(2) == 0 }), validity: validity(&random))
        case 3:
            let values = (0..<rows).map { _ -> Int32 in
                switch random.below(3) {
                case 0: return specialDays[random.below(specialDays.count)]
                case 1: return Int32(truncatingIfNeeded: random.next())
                default: return Int32(random.below(40_000)) - 5_000
                }
            }
            return Column(.date(values), validity: validity(&random))
        case 4:
            // A dictionary far larger than the rows, as a filtered table has: escaped per row.
            var builder = StringDictionaryBuilder()
            for entry in 0..<5_000 { _ = builder.code(for: "#\(entry)#" + text(&random)) }
            let codes = (0..<rows).map { _ in UInt32(random.below(builder.count)) }
            return Column(.string(codes: codes, dictionary: builder.build()), validity: validity(&random))
        case 5:
            // Bytes that are not UTF-8, which output has always repaired.
            let bytePool: [UInt8] = [0xFF, 0xC3, 0xA9, 0xE6, 0xB5, 0xB7, 0x80, 0x2C, 0x22, 0x0D, 0x0A, 0x09, 0x7C, 0x20, 0x61]
            var bytes: [UInt8] = []
            var offsets = [0]
            for _ in 0..<random.below(12) + 1 {
                bytes += (0..<random.below(6)).map { _ in bytePool[random.below(bytePool.count)] }
                offsets.append(bytes.count)
            }
            let dictionary = StringDictionary(bytes: bytes, offsets: offsets)
            let codes = (0..<rows).map { _ in UInt32(random.below(dictionary.count)) }
            return Column(.string(codes: codes, dictionary: dictionary), validity: validity(&random))
        default:
            var builder = ColumnBuilder(.string)
            let distinct = (0..<random.below(40) + 1).map { _ in text(&random) }
            for _ in 0..<rows { builder.append(isNull(&random) ? .null : .string(distinct[random.below(distinct.count)])) }
            return builder.build()
        }
    }

    struct Random {
        private var state: UInt64

        init(seed: UInt64) { state = seed &* 0x2545_F491_4F6C_DD1D &+ 1 }

        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

extension Collection where Element == UInt8 {
    /// The bytes as text with control characters visible, for failure messages.
    fileprivate var debugText: String { String(reflecting: String(decoding: self, as: UTF8.self)) }
}
