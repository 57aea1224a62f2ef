/// Line, scatter and spark charts as SVG marks, over the same axes as the terminal's.
enum SVGPoints {
    /// Scatter charts with more points than this are drawn as a grid of occupied cells.
    static let circleLimit = 5_000
    static let binSize = 3.0

    static func area(_ document: SVGDocument, yAxis: Axis, legend: Bool, footnotes: Int) -> SVGPlotArea {
        let bottomRoom = 44 + (legend ? 22 : 0) + Double(footnotes) * 15
        return SVGPlotArea(left: SVGPlotArea.leftMargin(for: yAxis), top: document.top + 20,
                           right: Double(document.width) - 24, bottom: Double(document.height) - bottomRoom)
    }

    static func draw(_ set: PointSet, joined: Bool, into document: inout SVGDocument) {
        let several = set.series.count > 1
        let footnotes = set.leftOut.lines
        let plot = area(document, yAxis: set.yAxis, legend: several, footnotes: footnotes.count)
        plot.drawYAxis(set.yAxis, name: several ? "" : set.yName, into: &document)
        plot.drawXAxis(set.xAxis.ticks.map { (plot.x(set.xAxis, $0.value), $0.label) }, name: set.xName, into: &document)
        for (index, series) in set.series.enumerated() {
            if joined && series.xs.count > 1 {
                document.add(path(series, plot: plot, set: set, color: Palette.hex(index)))
            } else {
                scatter(series, plot: plot, set: set, color: Palette.hex(index), into: &document)
            }
        }
        if several { document.legend(set.series.map(\.name), y: plot.bottom + 62) }
        document.footnotes(footnotes)
    }

    /// A series as one path. Beyond a few points per pixel column, each column keeps its
    /// first, lowest, highest and last point, in order: the same shape in far fewer points.
    static func path(_ series: Series, plot: SVGPlotArea, set: PointSet, color: String) -> String {
        var commands = ""
        var count = 0
        func point(_ x: Double, _ y: Double) {
            commands += (count == 0 ? "M" : "L") + SVGDocument.number(x) + " " + SVGDocument.number(y)
            count += 1
        }
        let columns = max(Int(plot.width), 1)
        if series.xs.count <= columns * 4 {
            for index in series.xs.indices { point(plot.x(set.xAxis, series.xs[index]), plot.y(set.yAxis, series.ys[index])) }
        } else {
            var column = -1
            var kept: [Int] = []
            func flush() {
                var seen = Set<Int>()
                for index in kept.sorted() where seen.insert(index).inserted {
                    point(plot.x(set.xAxis, series.xs[index]), plot.y(set.yAxis, series.ys[index]))
                }
            }
            var first = 0, low = 0, high = 0, last = 0
            for index in series.xs.indices {
                let here = Int(set.xAxis.fraction(series.xs[index]) * Double(columns - 1))
                if here != column {
                    if column >= 0 { kept = [first, low, high, last]; flush() }
                    column = here
                    (first, low, high, last) = (index, index, index, index)
                } else {
                    if series.ys[index] < series.ys[low] { low = index }
                    if series.ys[index] > series.ys[high] { high = index }
                    last = index
                }
            }
            kept = [first, low, high, last]
            flush()
        }
        return "<path d=\"\(commands)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/>"
    }

    /// Points as circles, or when there are many, as small squares over the cells they fall in.
    static func scatter(_ series: Series, plot: SVGPlotArea, set: PointSet, color: String, into document: inout SVGDocument) {
        if set.pointCount <= circleLimit {
            for index in series.xs.indices {
                let x = SVGDocument.number(plot.x(set.xAxis, series.xs[index]))
                let y = SVGDocument.number(plot.y(set.yAxis, series.ys[index]))
                document.add("<circle cx=\"\(x)\" cy=\"\(y)\" r=\"2.5\" fill=\"\(color)\" fill-opacity=\"0.7\"/>")
            }
            return
        }
        let columns = max(Int(plot.width / binSize), 1), rows = max(Int(plot.height / binSize), 1)
        var occupied = [Bool](repeating: false, count: columns * rows)
        for index in series.xs.indices {
            let column = min(Int(set.xAxis.fraction(series.xs[index]) * Double(columns)), columns - 1)
            let row = min(Int((1 - set.yAxis.fraction(series.ys[index])) * Double(rows)), rows - 1)
            occupied[row * columns + column] = true
        }
        var marks = ""
        for cell in occupied.indices where occupied[cell] {
            let x = plot.left + Double(cell % columns) * binSize, y = plot.top + Double(cell / columns) * binSize
            marks += "M\(SVGDocument.number(x)) \(SVGDocument.number(y))h\(SVGDocument.number(binSize))v\(SVGDocument.number(binSize))h-\(SVGDocument.number(binSize))z"
        }
        document.add("<path d=\"\(marks)\" fill=\"\(color)\" fill-opacity=\"0.8\"/>")
    }

    /// A spark as a thin line across the page over the same buckets the terminal averages.
    static func spark(_ values: [Double], name: String, leftOut: LeftOut, into document: inout SVGDocument) {
        let shown = TerminalSpark.buckets(values, columns: max(document.width / 2, 1))
        let low = shown.min() ?? 0, high = shown.max() ?? 0
        let axis = low == high ? Axis(lower: low - 1, upper: high + 1, ticks: []) : Axis(lower: low, upper: high, ticks: [])
        let footnotes = leftOut.lines
        let plot = SVGPlotArea(left: 12, top: document.top + 8, right: Double(document.width) - 12,
                               bottom: Double(document.height) - 36 - Double(footnotes.count) * 15)
        let positions = Axis(lower: 0, upper: Double(max(shown.count - 1, 1)), ticks: [])
        var commands = ""
        for (index, value) in shown.enumerated() {
            commands += (index == 0 ? "M" : "L") + SVGDocument.number(plot.x(positions, Double(index))) + " "
                + SVGDocument.number(plot.y(axis, value))
        }
        if shown.count == 1 { commands += "h1" }
        document.add("<path d=\"\(commands)\" fill=\"none\" stroke=\"\(Palette.hex(0))\" stroke-width=\"1.5\"/>")
        let summary = "\(name): min \(NumberText.value(values.min() ?? 0))  max \(NumberText.value(values.max() ?? 0))  last \(NumberText.value(values.last ?? 0))"
        document.text(summary, x: 12, y: plot.bottom + 20, anchor: "start")
        document.footnotes(footnotes)
    }
}
