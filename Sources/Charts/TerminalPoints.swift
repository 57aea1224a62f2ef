/// Line and scatter charts at a terminal: points rasterized into a braille canvas, with the
/// frame's axes around it.
enum TerminalPoints {
    static func render(_ set: PointSet, joined: Bool, title: String, width: Int, height: Int, color: Bool) -> String {
        var frame = TerminalFrame(width: width, color: color, title: title)
        let several = set.series.count > 1
        frame.yName = several ? "" : set.yName
        frame.xName = set.xName
        frame.footnotes = set.leftOut.lines(width: width)
        if several {
            frame.legend = set.series.indices.map { index in
                (String(Palette.marker(index)), set.series[index].name, .series(index))
            }
        }
        let rows = max(2, height - frame.overhead)
        // Tick rows first: the labels' width decides how wide the plot can be.
        frame.yTicks = set.yAxis.ticks.map { tick in
            ((rows * 4 - 1 - set.yAxis.position(tick.value, steps: rows * 4)) / 4, tick.label)
        }
        let columns = max(4, width - frame.leftWidth - 1)
        var canvas = BrailleCanvas(columns: columns, rows: rows)
        for (index, series) in set.series.enumerated() {
            draw(series, index: index, joined: joined, on: &canvas, xAxis: set.xAxis, yAxis: set.yAxis)
        }
        if several && joined {
            // A marker at each line's end tells the series apart where colour cannot.
            for (index, series) in set.series.enumerated() {
                guard let x = series.xs.last, let y = series.ys.last else { continue }
                let column = set.xAxis.position(x, steps: canvas.dotWidth) / 2
                let row = (canvas.dotHeight - 1 - set.yAxis.position(y, steps: canvas.dotHeight)) / 4
                canvas.write(String(Palette.marker(index)), column: column, row: row, style: .series(index))
            }
        }
        if several && !joined && !color {
            // Without colour, dots cannot say which series they belong to: each point is its
            // series' marker instead, as the legend shows it (later series on top).
            for (index, series) in set.series.enumerated() {
                let marker = String(Palette.marker(index))
                for point in 0..<series.xs.count {
                    let column = set.xAxis.position(series.xs[point], steps: canvas.dotWidth) / 2
                    let row = (canvas.dotHeight - 1 - set.yAxis.position(series.ys[point], steps: canvas.dotHeight)) / 4
                    canvas.write(marker, column: column, row: row, style: .series(index))
                }
            }
        }
        frame.xTicks = set.xAxis.ticks.map { (set.xAxis.position($0.value, steps: canvas.dotWidth) / 2, $0.label) }
        let plot = (0..<rows).map { canvas.line(row: $0, color: color) { .series($0) } }
        return (frame.head() + frame.body(plot) + frame.foot(plotColumns: columns)).joined(separator: "\n")
    }

    /// One series into the canvas: its points' dots, and for a line the dots between them.
    static func draw(_ series: Series, index: Int, joined: Bool, on canvas: inout BrailleCanvas, xAxis: Axis, yAxis: Axis) {
        let width = canvas.dotWidth, height = canvas.dotHeight
        var previous: (x: Int, y: Int)?
        for point in 0..<series.xs.count {
            let dot = (x: xAxis.position(series.xs[point], steps: width),
                       y: height - 1 - yAxis.position(series.ys[point], steps: height))
            if joined, let previous {
                canvas.line(from: previous, to: dot, series: index)
            } else {
                canvas.set(x: dot.x, y: dot.y, series: index)
            }
            previous = dot
        }
    }
}
