// Times the Charts module on a million points: scatter, hist, line, spark and map, at a terminal and as SVG, best and
// median of several runs after a warm-up. Run through bench/charts.sh (a release build).
//
// Usage: amity-chartbench [--rows N] [--runs N]
import Charts
import Columnar
#if canImport(Glibc)
import Glibc
#endif

var rows = 1_000_000
var runs = 7
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    switch flag {
    case "--rows": rows = Int(arguments.popFirst() ?? "") ?? rows
    case "--runs": runs = max(1, Int(arguments.popFirst() ?? "") ?? runs)
    default:
        print("usage: amity-chartbench [--rows N] [--runs N]")
        exit(2)
    }
}

/// Seeded numbers in 0..<1, the same every run.
struct Numbers {
    var state: UInt64 = 42
    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
}
var numbers = Numbers()
@MainActor func next() -> Double { numbers.next() }

let xs = (0..<rows).map { _ in next() * 1_000 }
let ys = xs.map { $0 * 0.5 + (next() + next() + next() - 1.5) * 200 }
let ordered = (0..<rows).map { Double($0) }
let walk: [Double] = {
    var value = 0.0
    return (0..<rows).map { _ in value += next() - 0.5; return value }
}()
let scatterTable = Table(names: ["x", "y"], columns: [Column(.float(xs)), Column(.float(ys))])
let lineTable = Table(names: ["t", "value"], columns: [Column(.float(ordered)), Column(.float(walk))])
let histTable = Table(names: ["value"], columns: [Column(.float(ys))])
let mapTable = Table(names: ["lon", "lat"], columns: [Column(.float(xs.map { $0 * 0.36 - 180 })), Column(.float(ys.map { max(-90, min(90, $0 / 6)) }))])

let cases: [(String, ChartSpec, Table)] = [
    ("scatter", ChartSpec(kind: .scatter, x: 0, y: [1], title: "scatter"), scatterTable),
    ("hist", ChartSpec(kind: .hist, y: [0], title: "hist"), histTable),
    ("line", ChartSpec(kind: .line, x: 0, y: [1], title: "line"), lineTable),
    ("spark", ChartSpec(kind: .spark, y: [1], title: "spark"), lineTable),
    ("map", ChartSpec(kind: .map, x: 0, y: [1], title: "map"), mapTable),
]

func milliseconds(runs: Int, _ body: () -> Int) -> (best: Double, median: Double, bytes: Int) {
    var bytes = body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = MonotonicClock.seconds()
        bytes = body()
        times.append((MonotonicClock.seconds() - start) * 1_000)
    }
    times.sort()
    return (times[0], times[times.count / 2], bytes)
}

func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
func format(_ value: Double) -> String { String(Double(Int(value * 10)) / 10) }

print("rows: \(rows), runs: \(runs) after one warm-up, milliseconds")
print("kind     output            best   median   output bytes")
for (name, spec, table) in cases {
    let renderer = ChartRenderer(spec: spec, table: table)
    let terminal = milliseconds(runs: runs) { renderer.terminal(width: 120, height: 40, color: true).utf8.count }
    let svg = milliseconds(runs: runs) { renderer.svg().utf8.count }
    for (output, result) in [("terminal 120x40", terminal), ("svg 800x500", svg)] {
        print("\(name.padding(8)) \(output.padding(15)) \(pad(format(result.best), 7)) \(pad(format(result.median), 8)) \(pad(String(result.bytes), 14))")
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
