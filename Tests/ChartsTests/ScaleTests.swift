@testable import Charts
import Columnar
import Testing

/// Round ticks, date ticks, histogram edges and number text.
@Suite struct ScaleTests {
    func values(_ axis: Axis) -> [Double] { axis.ticks.map(\.value) }
    func labels(_ axis: Axis) -> [String] { axis.ticks.map(\.label) }

    @Test func ticksAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(values(Axis.numeric(0, 97, target: 5)) == [0, 20, 40, 60, 80, 100])
        #expect(values(Axis.numeric(3, 48, target: 4)) == [0, 10, 20, 30, 40, 50])
        #expect(labels(Axis.numeric(0.013, 0.092, target: 4)) == ["0.00", "0.02", "0.04", "0.06", "0.08", "0.10"])
        // Separators once a label has five digits, as the table view writes a column: years read 1990.
        #expect(labels(Axis.numeric(-4_500, 2_100, target: 4)) == ["-6000", "-4000", "-2000", "0", "2000", "4000"])
        #expect(labels(Axis.numeric(1_973, 2_024, target: 5)) == ["1970", "1980", "1990", "2000", "2010", "2020", "2030"])
        #expect(labels(Axis.numeric(0, 24_000, target: 4)) == ["0", "5,000", "10,000", "15,000", "20,000", "25,000"])
    }

    @Test func longTickLabelsBecomeCompact() {
        #expect(labels(Axis.numeric(0, 12_000_000, target: 4)) == ["0", "5M", "10M", "15M"])
        #expect(labels(Axis.numeric(0, 2_500_000, target: 5)) == ["0", "0.5M", "1.0M", "1.5M", "2.0M", "2.5M"])
        #expect(labels(Axis.numeric(0, 9_000, target: 3)) == ["0", "5,000", "10,000"])
        #expect(labels(Axis.numeric(0, 123_456_789, target: 4)) == ["0", "50M", "100M", "150M"])
    }

    @Test func degenerateRangesStillGiveAnAxis() {
        #expect(values(Axis.numeric(42, 42, target: 4)) == [30, 35, 40, 45, 50, 55])
        #expect(values(Axis.numeric(0, 0, target: 2)) == [-1, 0, 1])
        #expect(values(Axis.numeric(.nan, 1)) == values(Axis.numeric(0, 1)))
        let huge = Axis.numeric(-.greatestFiniteMagnitude, .greatestFiniteMagnitude)
        #expect(huge.ticks.count >= 2)
        #expect(huge.fraction(0) == 0.5)
        #expect(huge.position(.greatestFiniteMagnitude, steps: 100) == 99)
    }

    @Test func dateTicksFollowTheSpan() {
        let day = { (year: Int, month: Int, day: Int) in DateFormat.days(year: year, month: month, day: day) }
        #expect(labels(Axis.dates(day(2014, 3, 5), day(2024, 7, 1))) == ["2016", "2018", "2020", "2022", "2024"])
        #expect(labels(Axis.dates(day(2024, 1, 15), day(2024, 9, 1))) == ["2024-03", "2024-05", "2024-07", "2024-09"])
        #expect(labels(Axis.dates(day(2024, 2, 27), day(2024, 3, 4))) ==
            ["2024-02-27", "2024-02-29", "2024-03-02", "2024-03-04"])
        #expect(labels(Axis.dates(day(2024, 5, 1), day(2024, 5, 1))).count == 3)
        // The ends of Int32's days must not trap on the months just past them.
        #expect(!Axis.dates(.min, .max).ticks.isEmpty)
        #expect(Axis.dates(.max - 100, .max).ticks.count > 0)
        #expect(Axis.dates(.min, .min + 100).ticks.count > 0)
    }

    @Test func histogramEdgesAreRound() throws {
        let hundred = try #require(Histogram.make((0..<100).map(Double.init), wanted: 10))
        #expect(hundred.edges == stride(from: 0.0, through: 100, by: 10).map { $0 })
        #expect(hundred.counts == Array(repeating: 10, count: 10))
        let quarter = try #require(Histogram.make((0..<25).map(Double.init), wanted: 10))
        #expect(quarter.step == 2.5)
        #expect(quarter.edgeLabels.prefix(3) == ["0.0", "2.5", "5.0"])
        #expect(quarter.counts.reduce(0, +) == 25)
        let negative = try #require(Histogram.make([-7.5, -3, 0, 2, 9.9], wanted: 4))
        #expect(negative.edges.first! <= -7.5 && negative.edges.last! > 9.9)
        #expect(negative.step == 5)
        let one = try #require(Histogram.make([3.5], wanted: nil))
        #expect(one.counts == [1])
        let extremes = try #require(Histogram.make([-1e308, 1e308], wanted: nil))
        #expect(extremes.counts.reduce(0, +) == 2)
        #expect(Histogram.make([], wanted: 3) == nil)
    }

    @Test func defaultBinsFollowSturges() throws {
        let thousand = try #require(Histogram.make((0..<1000).map { Double($0) / 10 }, wanted: nil))
        #expect((8...12).contains(thousand.counts.count))
    }

    @Test func numbersHaveSeparators() {
        #expect(NumberText.grouped(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(NumberText.grouped(-0.001, decimals: 0) == "0")
        #expect(NumberText.integer(.min) == "-9,223,372,036,854,775,808")
        #expect(NumberText.value(12_345.75) == "12,345.75")
        #expect(NumberText.value(0.000123456) == "0.000123")
        #expect(NumberText.value(.nan) == "NaN")
        #expect(NumberText.value(1e300) == "1e300")
        #expect(NumberText.value(-.greatestFiniteMagnitude) == "-1.8e308")
        #expect(NumberText.value(9.996e18) == "1e19")
        #expect(NumberText.value(.leastNonzeroMagnitude) == "4.94e-324")
    }
}

/// Braille rasterizing and display-width text.
@Suite struct CanvasTests {
    @Test func dotsMapToBrailleBits() {
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        canvas.set(x: 0, y: 0)
        canvas.set(x: 3, y: 3)
        #expect(canvas.line(row: 0, color: false) { _ in .plain } == "⠁⢀")
        canvas.set(x: 99, y: -1)
        #expect(canvas.bits == [0x01, 0x80])
    }

    @Test func linesAreContinuous() {
        var canvas = BrailleCanvas(columns: 4, rows: 4)
        canvas.line(from: (0, 0), to: (7, 15))
        // Bresenham on a steep line lights exactly one dot in every dot row.
        var lit = 0
        for cell in canvas.bits { lit += cell.nonzeroBitCount }
        #expect(lit == 16)
        var single = BrailleCanvas(columns: 1, rows: 1)
        single.line(from: (1, 2), to: (1, 2))
        #expect(single.bits == [0x20])
    }

    @Test func textIsMeasuredInTerminalColumns() {
        #expect(TextCells.width("海口") == 4)
        #expect(TextCells.padLeft("海口", to: 6) == "  海口")
        #expect(TextCells.padRight("Paris", to: 8) == "Paris   ")
        #expect(TextCells.truncate("乌鲁木齐", to: 5) == "乌鲁…")
        #expect(TextCells.width(TextCells.truncate("乌鲁木齐", to: 6)) <= 6)
        #expect(TextCells.truncate("short", to: 5) == "short")
        #expect(TextCells.printable("a\nb\u{1B}[31m") == "a\\nb\\u{1b}[31m")
        #expect(TextCells.wrap("one two three four", to: 9) == ["one two", "three", "four"])
    }

    @Test func clippingKeepsEscapesAndWidth() {
        let line = "\u{1B}[34m海口海口\u{1B}[0m tail"
        let clipped = ChartRenderer.clip(line, to: 5)
        #expect(clipped == "\u{1B}[34m海口\u{1B}[0m")
    }
}
