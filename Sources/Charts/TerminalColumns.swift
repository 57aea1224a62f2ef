/// Vertical bars at a terminal, for column charts and histograms: eighth blocks from a zero
/// line, a y axis of round ticks, labels (or a histogram's bin edges) under the bars.
enum TerminalColumns {
    /// Bottom-aligned eighths, for bars growing up.
    static let upward = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func renderColumns(_ bars: Categories, title: String, width: Int, height: Int, color: Bool) -> String {
        var frame = TerminalFrame(width: width, color: color, title: title)
        frame.yName = bars.yName
        frame.xName = bars.xName
        frame.footnotes = bars.leftOut.lines(width: width)
        // Ticks from every value first, to know the labels' width; the shown ones decide after.
        frame.yTicks = bars.axis(count: bars.values.count).ticks.map { (0, $0.label) }
        let plotColumns = max(3, width - frame.leftWidth)
        let slot = max(3, min(12, plotColumns / max(bars.values.count, 1)))
        let shown = min(bars.values.count, max(1, plotColumns / slot))
        var leftOut = bars.leftOut
        if shown < bars.values.count {
            leftOut.hiddenCategories = bars.values.count - shown
            frame.footnotes = leftOut.lines(width: width)
        }
        let axis = bars.axis(count: shown)
        let rows = max(2, height - frame.overhead)
        frame.yTicks = tickRows(axis, rows: rows)
        var heights: [(start: Int, width: Int, value: Double)] = []
        for index in 0..<shown {
            heights.append((1 + index * slot, slot - 1, bars.values[index]))
            let label = TextCells.truncate(bars.label(index), to: slot - 1)
            frame.xTicks.append((1 + index * slot + (slot - 2) / 2, label))
        }
        let plot = draw(heights, axis: axis, rows: rows, columns: plotColumns, color: color, style: .series(0))
        return (frame.head() + frame.body(plot) + frame.foot(plotColumns: plotColumns)).joined(separator: "\n")
    }

    static func renderHistogram(_ histogram: Histogram, name: String, leftOut: LeftOut, title: String,
                                width: Int, height: Int, color: Bool) -> String {
        var frame = TerminalFrame(width: width, color: color, title: title)
        frame.yName = "count"
        frame.xName = name
        frame.footnotes = leftOut.lines(width: width)
        let axis = histogram.countAxis
        frame.yTicks = axis.ticks.map { (0, $0.label) }
        let binCount = histogram.counts.count
        let plotColumns = max(binCount + 1, width - frame.leftWidth - 1)
        let binWidth = max(1, (plotColumns - 1) / binCount)
        let rows = max(2, height - frame.overhead)
        frame.yTicks = tickRows(axis, rows: rows)
        let bars = histogram.counts.enumerated().map { (start: $0.offset * binWidth, width: binWidth, value: Double($0.element)) }
        // Every k-th edge is labelled, k round, so labels never touch.
        let labelWidth = histogram.edgeLabels.map { TextCells.width($0) }.max() ?? 1
        let every = [1, 2, 5, 10, 20, 50, 100, 200, 500].first { $0 * binWidth >= labelWidth + 1 } ?? binCount
        for (index, label) in histogram.edgeLabels.enumerated() where index % every == 0 {
            frame.xTicks.append((index * binWidth, label))
        }
        let plot = draw(bars, axis: axis, rows: rows, columns: plotColumns, color: color, style: .series(0))
        return (frame.head() + frame.body(plot) + frame.foot(plotColumns: plotColumns)).joined(separator: "\n")
    }

    /// The plot row of each tick: the row just above the cell boundary nearest its value.
    static func tickRows(_ axis: Axis, rows: Int) -> [(row: Int, label: String)] {
        let scale = VerticalScale(axis: axis, rows: rows)
        return axis.ticks.map { tick in
            let boundary = (scale.level(tick.value) + 4) / 8
            return (min(max(rows - 1 - boundary, 0), rows - 1), tick.label)
        }
    }

    /// The plot's rows: each bar a run of cells filled in eighths up from the zero line, or down
    /// from it for negative values (whole and half cells: Unicode has no upper eighths but ▔).
    static func draw(_ bars: [(start: Int, width: Int, value: Double)], axis: Axis, rows: Int, columns: Int,
                     color: Bool, style: TextStyle) -> [String] {
        let scale = VerticalScale(axis: axis, rows: rows)
        let zero = scale.zero
        var cells = [[String]](repeating: [String](repeating: " ", count: columns), count: rows)
        var negative = [[Bool]](repeating: [Bool](repeating: false, count: columns), count: rows)
        for bar in bars {
            var level = scale.level(bar.value)
            if bar.value > 0 { level = max(level, zero + 1) }
            if bar.value < 0 { level = min(level, zero - 1) }
            for row in 0..<rows {
                let bottom = (rows - 1 - row) * 8, top = bottom + 8
                var glyph = " "
                if level > zero, bottom >= zero {
                    glyph = upward[min(max(level - bottom, 0), 8)]
                } else if level < zero, top <= zero {
                    let fill = min(max(top - max(level, bottom), 0), 8)
                    glyph = fill == 0 ? " " : (fill >= 6 ? "█" : (fill >= 3 ? "▀" : "▔"))
                }
                guard glyph != " " else { continue }
                for column in bar.start..<min(bar.start + bar.width, columns) where column >= 0 {
                    cells[row][column] = glyph
                    negative[row][column] = bar.value < 0
                }
            }
        }
        return cells.enumerated().map { row, glyphs in
            var line = StyledLine(color: color)
            for (column, glyph) in glyphs.enumerated() {
                line.add(glyph, glyph == " " ? .plain : (negative[row][column] ? .code(31) : style))
            }
            return line.finished
        }
    }
}

/// Heights in eighths of a cell for vertical bars. Zero sits on a cell boundary so bars start
/// cleanly, and every value is measured from there with one scale, so a bar's height is exact
/// relative to zero (the axis ends may move by half a cell).
struct VerticalScale {
    let levels: Int
    let zero: Int
    let unitsPerHalfRange: Double

    init(axis: Axis, rows: Int) {
        levels = rows * 8
        zero = Int((axis.fraction(0) * Double(rows)).rounded()) * 8
        unitsPerHalfRange = axis.upper / 2 - axis.lower / 2
    }

    /// `value` in eighths from the bottom, clamped to the plot.
    func level(_ value: Double) -> Int {
        guard unitsPerHalfRange > 0, unitsPerHalfRange.isFinite else { return zero }
        let offset = (value / unitsPerHalfRange) * Double(levels) / 2
        guard offset.isFinite else { return value > 0 ? levels : 0 }
        return min(max(zero + Int(offset.rounded()), 0), levels)
    }
}
