import Charts
import Columnar
import Diagnostics
import Foundation
import Testing

/// Every kind over tables that have broken charting code before: nothing may trap, every
/// terminal line stays within the width, and the SVG stays well-formed enough to start right.
@Suite struct HostileInputTests {
    typealias T = TestTables

    static let tables: [(String, Table)] = [
        ("empty", T.table(["x": T.floats([]), "y": T.floats([]), "s": T.strings([])])),
        ("one row", T.table(["x": T.floats([1]), "y": T.floats([2]), "s": T.strings(["a"])])),
        ("all null", T.table(["x": T.floats([nil, nil]), "y": T.floats([nil, nil]), "s": T.strings([nil, nil])])),
        ("NaN and inf", T.table(["x": T.floats([.nan, .infinity, 1, -.infinity]), "y": T.floats([1, 2, .nan, 4]),
                                 "s": T.strings(["a", "b", "c", "d"])])),
        ("huge", T.table(["x": T.floats([-.greatestFiniteMagnitude, 0, .greatestFiniteMagnitude]),
                          "y": T.floats([.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude]),
                          "s": T.strings(["a", "a", "b"])])),
        ("int extremes", T.table(["x": T.ints([.min, .max, 0]), "y": T.ints([.max, .min, -1]), "s": T.strings(["x", "y", "z"])])),
        ("equal values", T.table(["x": T.floats([3, 3, 3]), "y": T.floats([-2, -2, -2]), "s": T.strings(["", "", ""])])),
        ("date extremes", T.table(["x": T.dates([.min, .max, 0]), "y": T.ints([1, 2, 3]), "s": T.strings(["\n", "\u{1B}[2J", "海口海口海口海口海口海口海口海口"])])),
    ]

    static let specs: [ChartSpec] = [
        ChartSpec(kind: .bar, x: 2, y: [1], title: "bar"),
        ChartSpec(kind: .column, x: 2, y: [1], title: "column"),
        ChartSpec(kind: .line, x: 0, y: [1], series: 2, title: "line"),
        ChartSpec(kind: .line, x: 0, y: [1, 0], title: "two lines"),
        ChartSpec(kind: .scatter, x: 0, y: [1], title: "scatter"),
        ChartSpec(kind: .hist, y: [1], title: "hist"),
        ChartSpec(kind: .hist, y: [1], bins: 1_000_000, title: "hist, too many bins"),
        ChartSpec(kind: .hist, y: [1], bins: 0, title: "hist, no bins"),
        ChartSpec(kind: .map, x: 0, y: [1], label: 2, title: "map"),
        ChartSpec(kind: .spark, y: [1], title: "spark"),
        ChartSpec(kind: .bar, x: 9, y: [-1], title: "columns that do not exist"),
        ChartSpec(kind: .line, x: nil, y: [], title: "no columns"),
    ]

    @Test(arguments: tables.map(\.0))
    func nothingTraps(_ name: String) {
        let table = Self.tables.first { $0.0 == name }!.1
        let outline = WorldOutline(rings: [[(-190, 100), (200, -100), (.nan, 0)], [], [(0, 0)]])
        for spec in Self.specs {
            let renderer = ChartRenderer(spec: spec, table: table, outline: outline)
            for (width, height) in [(12, 4), (40, 10), (80, 24), (0, 0), (-5, 1_000)] {
                let text = renderer.terminal(width: width, height: height, color: width == 40)
                #expect(!text.isEmpty, "\(spec.title) on \(name)")
                for line in text.split(separator: "\n") {
                    let visible = String(line).replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
                    #expect(DisplayWidth.of(visible) <= max(width, 12), "\(spec.title) on \(name) at \(width): \(visible)")
                }
            }
            let svg = renderer.svg(width: 300, height: 200)
            #expect(svg.hasPrefix("<?xml") && svg.hasSuffix("</svg>\n"), "\(spec.title) on \(name)")
            #expect(!svg.contains("=\"NaN") && !svg.contains("inf\"") && !svg.contains("nan "), "\(spec.title) on \(name)")
        }
    }

    @Test func emptyAndAllNullSaySo() {
        let empty = ChartRenderer(spec: Self.specs[0], table: Self.tables[0].1).terminal(width: 80, height: 10, color: false)
        #expect(empty == "nothing to draw: no rows")
        let nulls = ChartRenderer(spec: Self.specs[4], table: Self.tables[2].1).terminal(width: 80, height: 10, color: true)
        #expect(nulls.hasPrefix("nothing to draw"))
    }

    @Test func colourOnlyWhenAsked() {
        let table = Self.tables[3].1
        for spec in Self.specs {
            let plain = ChartRenderer(spec: spec, table: table).terminal(width: 60, height: 12, color: false)
            #expect(!plain.contains("\u{1B}"), "\(spec.title)")
        }
        let coloured = ChartRenderer(spec: Self.specs[4], table: Self.tables[1].1).terminal(width: 60, height: 12, color: true)
        #expect(coloured.contains("\u{1B}[34m"))
    }
}
