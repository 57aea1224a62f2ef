import Charts
import Columnar
import Foundation
import Testing

/// Terminal pictures at fixed sizes, compared with `Golden/terminal.txt`.
@Suite struct TerminalGoldenTests {
    typealias T = TestTables

    static let cities = T.table([
        "city": T.strings(["Shanghai", "Beijing", "Chongqing", "Tianjin", "Guangzhou", "Shenzhen"]),
        "population": T.ints([24_870_895, 21_893_095, 32_054_159, 13_866_009, 18_676_605, 17_560_061]),
    ])

    static let chineseCities = T.table([
        "城市": T.strings(["海口", "北京", "乌鲁木齐", "Paris", "上海"]),
        "visitors": T.floats([1_250.5, 98_000, 12_345.75, 40_000, 77_777]),
    ])

    static let profits = T.table([
        "quarter": T.strings(["Q1", "Q2", "Q3", "Q4", "Q5"]),
        "profit": T.ints([1_200, -450, 3_000, -2_750, 0]),
    ])

    static let withNulls = T.table([
        "item": T.strings(["bolts", "nuts", nil, "gears", "springs", "cams", "axles"]),
        "stock": T.floats([120, nil, 30, .nan, 75, .infinity, 10]),
    ])

    static let wave: Table = {
        let values = (0..<1000).map { Double($0) }
        return T.table([
            "t": T.floats(values),
            "signal": T.floats(values.map { sin($0 / 80) * 100 + $0 / 10 }),
        ])
    }()

    static let sales: Table = {
        // Three years of monthly sales in two regions, the series column interleaved.
        var days: [Int32?] = [], regions: [String?] = [], amounts: [Double?] = []
        for month in 0..<36 {
            let day = DateFormat.days(year: 2021 + month / 12, month: month % 12 + 1, day: 1)
            for (index, region) in ["north", "south"].enumerated() {
                days.append(day)
                regions.append(region)
                amounts.append(1_000 + Double(month) * 40 * Double(index + 1) + sin(Double(month)) * 300)
            }
        }
        return T.table(["month": T.dates(days), "region": T.strings(regions), "sales": T.floats(amounts)])
    }()

    static let heights: Table = {
        var numbers = T.Numbers(seed: 7)
        return T.table(["height_cm": T.floats((0..<1000).map { _ in numbers.normal(mean: 170, spread: 20) })])
    }()

    static let points: Table = {
        var numbers = T.Numbers(seed: 3)
        let xs = (0..<300).map { _ in numbers.next() * 50 }
        return T.table(["weight": T.floats(xs), "price": T.floats(xs.map { $0 * 2.5 + numbers.normal(mean: 0, spread: 20) })])
    }()

    static let places = T.table([
        "lon": T.floats([-60, 40]), "lat": T.floats([20, -30]), "name": T.strings(["Alpha", "海口"]),
    ])

    /// A square continent from 80°W to 20°E and 50°N to 40°S, and a small island.
    static let squareWorld = WorldOutline(rings: [
        [(-80, 50), (20, 50), (20, -40), (-80, -40)],
        [(100, 10), (140, 10), (140, -20)],
    ])

    static func picture(_ spec: ChartSpec, _ table: Table, _ width: Int, _ height: Int, outline: WorldOutline? = nil) -> String {
        ChartRenderer(spec: spec, table: table, outline: outline).terminal(width: width, height: height, color: false)
    }

    static let cases: [(name: String, description: String, render: @Sendable () -> String)] = [
        ("bar at 80 columns", "bar x=city y=population (6 cities), 80x12, titled",
         { picture(ChartSpec(kind: .bar, x: 0, y: [1], title: "population by city"), cities, 80, 12) }),
        ("bar at 40 columns", "bar x=city y=population, 40x12",
         { picture(ChartSpec(kind: .bar, x: 0, y: [1], title: "population by city"), cities, 40, 12) }),
        ("bar with Chinese labels", "bar x=城市 y=visitors (float), 60x10: labels aligned by display width",
         { picture(ChartSpec(kind: .bar, x: 0, y: [1], title: "visitors"), chineseCities, 60, 10) }),
        ("bar with negative values", "bar x=quarter y=profit with losses, 60x10",
         { picture(ChartSpec(kind: .bar, x: 0, y: [1], title: "profit"), profits, 60, 10) }),
        ("bar with nulls and NaN", "bar x=item y=stock: a null label, a null value, NaN and inf, 60x10",
         { picture(ChartSpec(kind: .bar, x: 0, y: [1], title: "stock"), withNulls, 60, 10) }),
        ("bar with more categories than rows", "bar of 1000 wave rows x=t y=signal in 40x8",
         { picture(ChartSpec(kind: .bar, x: 0, y: [1], title: ""), wave, 40, 8) }),
        ("empty table", "bar over 0 rows",
         { picture(ChartSpec(kind: .bar, x: 0, y: [1], title: "none"), T.table(["a": T.strings([]), "b": T.ints([])]), 80, 10) }),
        ("all values null", "line where every y is null",
         { picture(ChartSpec(kind: .line, x: 0, y: [1], title: "nulls"), T.table(["a": T.ints([1, 2]), "b": T.floats([nil, nil])]), 80, 10) }),
        ("one row: bar", "bar of one row", { picture(ChartSpec(kind: .bar, x: 0, y: [1], title: ""), T.table(["a": T.strings(["only"]), "b": T.ints([42])]), 40, 6) }),
        ("one row: line", "line of one row, 40x8", { picture(ChartSpec(kind: .line, x: 0, y: [1], title: ""), T.table(["a": T.ints([5]), "b": T.ints([42])]), 40, 8) }),
        ("one row: hist", "hist of one value, 40x8", { picture(ChartSpec(kind: .hist, y: [0], title: ""), T.table(["v": T.floats([3.5])]), 40, 8) }),
        ("column at 80 columns", "column x=city y=population, 80x14",
         { picture(ChartSpec(kind: .column, x: 0, y: [1], title: "the six largest cities"), cities, 80, 14) }),
        ("column at 40 columns, labels cut", "column x=city y=population, 40x12",
         { picture(ChartSpec(kind: .column, x: 0, y: [1], title: "the six largest cities"), cities, 40, 12) }),
        ("column with negative values", "column x=quarter y=profit, 50x12",
         { picture(ChartSpec(kind: .column, x: 0, y: [1], title: "profit by quarter"), profits, 50, 12) }),
        ("line of a thousand values", "line x=t y=signal, 1000 rows, 80x16",
         { picture(ChartSpec(kind: .line, x: 0, y: [1], title: "a slow wave"), wave, 80, 16) }),
        ("line at 40 columns", "line x=t y=signal, 1000 rows, 40x10",
         { picture(ChartSpec(kind: .line, x: 0, y: [1], title: "a slow wave"), wave, 40, 10) }),
        ("spark of a thousand values", "spark y=signal, 1000 values bucketed into 80",
         { picture(ChartSpec(kind: .spark, y: [1], title: "signal"), wave, 80, 5) }),
        ("spark of a few values", "spark y=stock with nulls and NaN",
         { picture(ChartSpec(kind: .spark, y: [1], title: ""), withNulls, 40, 5) }),
        ("line over dates with series", "line x=month y=sales series=region, 36 months, 80x16",
         { picture(ChartSpec(kind: .line, x: 0, y: [2], series: 1, title: "sales by region"), sales, 80, 16) }),
        ("line of two y columns", "line x=t y=[signal, t], 60x12",
         { picture(ChartSpec(kind: .line, x: 0, y: [1, 0], title: ""), wave, 60, 12) }),
        ("hist with nice edges", "hist y=height_cm, 1000 values, default bins, 80x14",
         { picture(ChartSpec(kind: .hist, y: [0], title: "heights"), heights, 80, 14) }),
        ("hist with 5 bins at 40 columns", "hist y=height_cm bins=5, 40x10",
         { picture(ChartSpec(kind: .hist, y: [0], bins: 5, title: "heights"), heights, 40, 10) }),
        ("scatter", "scatter x=weight y=price, 300 points, 80x14",
         { picture(ChartSpec(kind: .scatter, x: 0, y: [1], title: "price by weight"), points, 80, 14) }),
        ("scatter with series, without colour", "scatter x=x y=y series=group, each point its series' marker, 50x10",
         {
             let xs = (0..<12).map { Double($0) }
             let table = T.table(["x": T.floats(xs + xs), "y": T.floats(xs.map { $0 * 2 } + xs.map { 24 - $0 * 2 }),
                                  "group": T.strings(Array(repeating: "up", count: 12) + Array(repeating: "down", count: 12))])
             return picture(ChartSpec(kind: .scatter, x: 0, y: [1], series: 2, title: "two groups"), table, 50, 10)
         }),
        ("map with two labelled points", "map x=lon y=lat label=name over a square continent and an island, 80x24",
         { picture(ChartSpec(kind: .map, x: 0, y: [1], label: 2, title: "places"), places, 80, 24, outline: squareWorld) }),
        ("huge values", "bar with ±1e300 and line with Int64 extremes",
         {
             picture(ChartSpec(kind: .bar, x: 0, y: [1], title: ""), T.table(["k": T.strings(["big", "small"]), "v": T.floats([1e300, -1e300])]), 40, 6)
                 + "\n" + picture(ChartSpec(kind: .line, x: 0, y: [1], title: ""), T.table(["x": T.ints([.min, .max]), "y": T.ints([.max, .min])]), 40, 8)
         }),
    ]

    @Test func picturesMatchTheGoldenFile() throws {
        try GoldenPictures.check(file: "terminal.txt", cases: Self.cases)
    }

    @Test func noLineIsWiderThanTheTerminal() {
        for width in [40, 80] {
            let specs: [(ChartSpec, Table)] = [
                (ChartSpec(kind: .bar, x: 0, y: [1], title: "a long title that goes on and on and on past forty columns"), Self.chineseCities),
                (ChartSpec(kind: .column, x: 0, y: [1], title: ""), Self.wave),
                (ChartSpec(kind: .line, x: 0, y: [2], series: 1, title: ""), Self.sales),
                (ChartSpec(kind: .hist, y: [0], bins: 100, title: ""), Self.heights),
                (ChartSpec(kind: .scatter, x: 0, y: [1], title: ""), Self.points),
                (ChartSpec(kind: .spark, y: [1], title: ""), Self.wave),
                (ChartSpec(kind: .map, x: 0, y: [1], label: 2, title: ""), Self.places),
            ]
            for (spec, table) in specs {
                for color in [false, true] {
                    let text = ChartRenderer(spec: spec, table: table, outline: Self.squareWorld).terminal(width: width, height: 20, color: color)
                    for line in text.split(separator: "\n") {
                        let visible = String(line).replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
                        #expect(DisplayWidthProbe.width(visible) <= width, "\(spec.kind) at \(width): \(visible)")
                    }
                    #expect(color || !text.contains("\u{1B}"), "\(spec.kind): escape codes without colour")
                    #expect(text.split(separator: "\n").count <= 20, "\(spec.kind): taller than the terminal")
                }
            }
        }
    }
}
