import Charts
import Columnar
import Foundation
import Testing

/// Every kind's SVG must be well-formed XML (`xmllint`) and render (`rsvg-convert`) at its size.
/// Set `AMITY_CHART_SAMPLES=/some/folder` to keep the SVGs and PNGs for looking at.
@Suite struct SVGTests {
    typealias Golden = TerminalGoldenTests
    typealias T = TestTables

    static let samples: [(name: String, spec: ChartSpec, table: Table)] = [
        ("bar", ChartSpec(kind: .bar, x: 0, y: [1], title: "visitors <by> \"city\" & more"), Golden.chineseCities),
        ("bar-negative", ChartSpec(kind: .bar, x: 0, y: [1], title: "profit"), Golden.profits),
        ("column", ChartSpec(kind: .column, x: 0, y: [1], title: "the six largest cities"), Golden.cities),
        ("column-negative", ChartSpec(kind: .column, x: 0, y: [1], title: "profit"), Golden.profits),
        ("line", ChartSpec(kind: .line, x: 0, y: [2], series: 1, title: "sales by region"), Golden.sales),
        ("line-wave", ChartSpec(kind: .line, x: 0, y: [1], title: "a slow wave"), Golden.wave),
        ("scatter", ChartSpec(kind: .scatter, x: 0, y: [1], title: "price by weight"), Golden.points),
        ("hist", ChartSpec(kind: .hist, y: [0], title: "heights"), Golden.heights),
        ("map", ChartSpec(kind: .map, x: 0, y: [1], label: 2, title: "places"), Golden.places),
        ("spark", ChartSpec(kind: .spark, y: [1], title: "signal"), Golden.wave),
        ("empty", ChartSpec(kind: .bar, x: 0, y: [1], title: "none"),
         TestTables.table(["a": TestTables.strings([]), "b": TestTables.ints([])])),
    ]

    /// The path of a tool, or a failure that says which packages to install.
    static func tool(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        Issue.record("\(name) is not installed: apt-get install -y libxml2-utils librsvg2-bin")
        return nil
    }

    /// Runs a tool; its exit status and standard error.
    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A PNG's width and height, from its IHDR chunk.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func word(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }

    @Test(arguments: samples.map(\.name))
    func parsesAndRenders(_ name: String) throws {
        guard let xmllint = Self.tool("xmllint"), let rsvg = Self.tool("rsvg-convert") else { return }
        let sample = Self.samples.first { $0.name == name }!
        let folder = ProcessInfo.processInfo.environment["AMITY_CHART_SAMPLES"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("amity-charts-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let svg = folder.appendingPathComponent("\(name).svg"), png = folder.appendingPathComponent("\(name).png")
        let text = ChartRenderer(spec: sample.spec, table: sample.table, outline: Golden.squareWorld).svg(width: 640, height: 400)
        try text.write(to: svg, atomically: true, encoding: .utf8)
        #expect(text.hasPrefix("<?xml"))
        #expect(text.contains("viewBox=\"0 0 640 400\""))
        #expect(text.contains("Noto Sans CJK SC"))
        let lint = try Self.run(xmllint, ["--noout", svg.path])
        #expect(lint.status == 0, "xmllint: \(lint.errors)")
        let render = try Self.run(rsvg, ["-o", png.path, svg.path])
        #expect(render.status == 0, "rsvg-convert: \(render.errors)")
        let size = Self.pngSize(try Data(contentsOf: png))
        #expect(size?.width == 640 && size?.height == 400, "png size \(String(describing: size))")
    }

    /// The attributes of each `<rect ... class="bar"/>`, in order.
    static func bars(_ svg: String) -> [[String: Double]] {
        svg.split(separator: "\n").filter { $0.hasPrefix("<rect") && $0.contains("class=\"bar\"") }.map { line in
            var attributes: [String: Double] = [:]
            for name in ["x", "y", "width", "height"] {
                guard let start = line.range(of: " \(name)=\"") else { continue }
                let rest = line[start.upperBound...]
                attributes[name] = Double(rest.prefix { $0 != "\"" })
            }
            return attributes
        }
    }

    @Test func barLengthsFollowTheValues() {
        let svg = ChartRenderer(spec: ChartSpec(kind: .bar, x: 0, y: [1], title: ""), table: Golden.profits).svg(width: 800, height: 300)
        let rects = Self.bars(svg)
        #expect(rects.count == 5)
        guard rects.count == 5 else { return }
        // Q1 +1,200 starts at zero; Q2 -450 ends there; Q3 is 2.5 times Q1; Q5 (0) has no length.
        let zero = rects[0]["x"]!
        #expect(abs(rects[1]["x"]! + rects[1]["width"]! - zero) < 0.2)
        #expect(abs(rects[2]["width"]! / rects[0]["width"]! - 2.5) < 0.02)
        #expect(rects[4]["width"] == 0)
        #expect(rects[3]["x"]! < rects[1]["x"]!)
    }

    @Test func histogramBinsMatchTheTerminal() {
        let spec = ChartSpec(kind: .hist, y: [0], title: "")
        let svg = ChartRenderer(spec: spec, table: Golden.heights).svg()
        let terminal = ChartRenderer(spec: spec, table: Golden.heights).terminal(width: 80, height: 14, color: false)
        // Eight bins from 130 to 210 in both.
        #expect(Self.bars(svg).count == 8)
        for edge in ["130", "170", "210"] {
            #expect(svg.contains(">\(edge)</text>"))
            #expect(terminal.contains(edge))
        }
    }

    @Test func textIsEscaped() {
        let table = TestTables.table(["k": TestTables.strings(["a<b", "x&y", "\"q\"\u{1}"]), "v": TestTables.ints([1, 2, 3])])
        let svg = ChartRenderer(spec: ChartSpec(kind: .bar, x: 0, y: [1], title: "<&>"), table: table).svg()
        #expect(svg.contains("&lt;&amp;&gt;"))
        #expect(svg.contains("a&lt;b"))
        #expect(svg.contains("x&amp;y"))
        #expect(!svg.contains("\u{1}"))
    }

    @Test func mapPointsSitWhereTheProjectionPutsThem() {
        let svg = ChartRenderer(spec: ChartSpec(kind: .map, x: 0, y: [1], title: ""), table: Golden.places).svg(width: 812, height: 420)
        // 788 × 394 map at (12, 12): lon -60 → 12 + 788 × 120/360, lat 20 → 12 + 394 × 70/180.
        #expect(svg.contains("cx=\"274.7\" cy=\"165.2\""))
    }

    /// Labels never run into each other: of two points a degree apart, the first keeps its
    /// label; a label past the right edge goes to its point's left.
    @Test func mapLabelsDoNotOverlap() {
        let table = T.table(["lon": T.floats([10, 11, 179]), "lat": T.floats([45, 45.5, -36]),
                             "name": T.strings(["First", "Second", "Whangarei"])])
        let svg = ChartRenderer(spec: ChartSpec(kind: .map, x: 0, y: [1], label: 2, title: ""), table: table).svg()
        #expect(svg.contains(">First</text>") && !svg.contains(">Second</text>"))
        #expect(svg.contains("text-anchor=\"end\" fill=\"#") && svg.contains(">Whangarei</text>"), "\(svg.suffix(600))")
    }

    @Test func manyScatterPointsAreBinned() {
        let count = 200_000
        let xs = (0..<count).map { Double($0 % 1000) }, ys = (0..<count).map { Double(($0 * 7919) % 1000) }
        let table = Table(names: ["x", "y"], columns: [Column(.float(xs)), Column(.float(ys))])
        let svg = ChartRenderer(spec: ChartSpec(kind: .scatter, x: 0, y: [1], title: ""), table: table).svg()
        #expect(svg.utf8.count < 2_000_000)
        #expect(!svg.contains("<circle"))
    }
}
