/// Bar, column and histogram charts as SVG rectangles.
enum SVGBars {
    static let negativeColor = "#c8423b"

    /// Horizontal bars: as many as fit at 18 pixels each, in row order, like the terminal.
    static func horizontal(_ bars: Categories, into document: inout SVGDocument) {
        var leftOut = bars.leftOut
        let top = document.top + 4
        let room = Double(document.height) - top - 12 - Double(leftOut.lines.count + 1) * 15
        // Bars grow to fill the page up to a comfortable thickness; below 18 pixels they are left out.
        let shown = min(bars.values.count, max(1, Int(room / 18)))
        let rowHeight = min(36, max(18, room / Double(max(shown, 1))))
        leftOut.hiddenCategories = bars.values.count - shown
        let labels = (0..<shown).map { bars.label($0) }
        let texts = (0..<shown).map { bars.valueText($0) }
        let values = Array(bars.values.prefix(shown))
        let low = min(0, values.min() ?? 0), high = max(0, values.max() ?? 0)
        let labelCells = min(labels.map { TextCells.width($0) }.max() ?? 0, max(4, Int(Double(document.width) / 3 / SVGDocument.cellWidth)))
        let textCells = Double(texts.map { TextCells.width($0) }.max() ?? 0)
        let left = 12 + Double(labelCells) * SVGDocument.cellWidth + 8
        let negativeRoom = low < 0 ? textCells * SVGDocument.cellWidth + 8 : 0
        let plot = SVGPlotArea(left: left + negativeRoom, top: top, right: Double(document.width) - 12 - textCells * SVGDocument.cellWidth - 8,
                               bottom: top + Double(shown) * rowHeight)
        let axis = Axis(lower: low, upper: high == low ? low + 1 : high, ticks: [])
        let zero = plot.x(axis, 0)
        for index in 0..<shown {
            let y = plot.top + Double(index) * rowHeight
            let end = plot.x(axis, values[index])
            let label = TextCells.truncate(labels[index], to: labelCells)
            document.text(label, x: 12, y: y + rowHeight / 2 + 4, anchor: "start")
            let negative = values[index] < 0
            document.rect(x: min(zero, end), y: y + rowHeight * 0.15, width: abs(end - zero), height: rowHeight * 0.7,
                          fill: negative ? negativeColor : Palette.hex(0), extra: " class=\"bar\"")
            document.text(texts[index], x: negative ? end - 4 : end + 4, y: y + rowHeight / 2 + 4, anchor: negative ? "end" : "start")
        }
        document.line(x1: zero, y1: plot.top, x2: zero, y2: plot.bottom)
        document.footnotes(leftOut.lines)
    }

    /// Vertical bars over a y axis of the terminal's ticks, labels under them cut to their slot.
    static func vertical(_ bars: Categories, into document: inout SVGDocument) {
        var leftOut = bars.leftOut
        let initial = bars.axis(count: bars.values.count)
        let left = SVGPlotArea.leftMargin(for: initial)
        let plotWidth = Double(document.width) - 24 - left
        let shown = min(bars.values.count, max(1, Int(plotWidth / 14)))
        leftOut.hiddenCategories = bars.values.count - shown
        let axis = bars.axis(count: shown)
        let footnotes = leftOut.lines
        let plot = SVGPlotArea(left: left, top: document.top + 20, right: Double(document.width) - 24,
                               bottom: Double(document.height) - 44 - Double(footnotes.count) * 15)
        plot.drawYAxis(axis, name: bars.yName, into: &document)
        let slot = plot.width / Double(max(shown, 1))
        let labelCells = max(1, Int((slot - 4) / SVGDocument.cellWidth))
        var ticks: [(x: Double, label: String)] = []
        let zero = plot.y(axis, 0)
        for index in 0..<shown {
            let x = plot.left + Double(index) * slot + slot * 0.1
            let end = plot.y(axis, bars.values[index])
            document.rect(x: x, y: min(zero, end), width: slot * 0.8, height: abs(end - zero),
                          fill: bars.values[index] < 0 ? negativeColor : Palette.hex(0), extra: " class=\"bar\"")
            ticks.append((x + slot * 0.4, TextCells.truncate(bars.label(index), to: labelCells)))
        }
        plot.drawXAxis(ticks, name: bars.xName, into: &document)
        document.line(x1: plot.left, y1: zero, x2: plot.right, y2: zero)
        document.footnotes(footnotes)
    }

    /// A histogram: adjoining rectangles, the bin edges labelled on the axis (every k-th, as
    /// the terminal does when they crowd).
    static func histogram(_ histogram: Histogram, name: String, leftOut: LeftOut, into document: inout SVGDocument) {
        let axis = histogram.countAxis
        let footnotes = leftOut.lines
        let plot = SVGPlotArea(left: SVGPlotArea.leftMargin(for: axis), top: document.top + 20, right: Double(document.width) - 24,
                               bottom: Double(document.height) - 44 - Double(footnotes.count) * 15)
        plot.drawYAxis(axis, name: "count", into: &document)
        let binWidth = plot.width / Double(max(histogram.counts.count, 1))
        for (index, count) in histogram.counts.enumerated() {
            let top = plot.y(axis, Double(count))
            document.rect(x: plot.left + Double(index) * binWidth, y: top, width: binWidth, height: plot.bottom - top,
                          fill: Palette.hex(0), extra: " stroke=\"#ffffff\" stroke-width=\"0.5\" class=\"bar\"")
        }
        let labelWidth = Double(histogram.edgeLabels.map { TextCells.width($0) }.max() ?? 1) * SVGDocument.cellWidth
        let every = [1, 2, 5, 10, 20, 50, 100, 200, 500].first { Double($0) * binWidth >= labelWidth + 6 } ?? histogram.counts.count
        var ticks: [(x: Double, label: String)] = []
        for (index, label) in histogram.edgeLabels.enumerated() where index % every == 0 {
            ticks.append((plot.left + Double(index) * binWidth, label))
        }
        plot.drawXAxis(ticks, name: name, into: &document)
        document.footnotes(footnotes)
    }
}
