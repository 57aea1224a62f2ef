/// What a terminal chart has around its plot: the title, the y axis with its tick labels on
/// the left, the x axis and its labels below, a legend and the footnotes. The kinds draw
/// only the plot's rows; this puts them in the frame, within `width` columns.
struct TerminalFrame {
    var width: Int
    var color: Bool
    var title: String
    /// A line above the plot naming the y axis (empty: none).
    var yName = ""
    var xName = ""
    /// Tick labels of the y axis by plot row.
    var yTicks: [(row: Int, label: String)] = []
    /// Tick labels of the x axis by plot column.
    var xTicks: [(column: Int, label: String)] = []
    var legend: [(marker: String, name: String, style: TextStyle)] = []
    var footnotes: [String] = []

    /// Lines the frame takes besides the plot's rows, so a kind can size its plot to fit.
    var overhead: Int {
        (title.isEmpty ? 0 : 1) + (yName.isEmpty ? 0 : 1) + 2 + (xName.isEmpty ? 0 : 1)
            + (legend.count > 1 ? 1 : 0) + footnotes.count
    }

    /// The columns the y labels and the axis line take on the left.
    var leftWidth: Int { (yTicks.map { TextCells.width($0.label) }.max() ?? 0) + 1 }

    /// Lines above the plot and the y axis's column of each row.
    func head() -> [String] {
        var lines: [String] = []
        if !title.isEmpty {
            var line = StyledLine(color: color)
            line.add(TextCells.truncate(title, to: width), .bold)
            lines.append(line.finished)
        }
        if !yName.isEmpty { lines.append(TextCells.truncate(yName, to: width)) }
        return lines
    }

    /// The plot's rows with the y axis on their left.
    func body(_ rows: [String]) -> [String] {
        let labelWidth = leftWidth - 1
        var labelOfRow: [Int: String] = [:]
        for tick in Self.thinned(yTicks, distinct: { $0.row }) { labelOfRow[tick.row] = tick.label }
        return rows.enumerated().map { index, row in
            var line = StyledLine(color: color)
            if let label = labelOfRow[index] {
                line.add(TextCells.padLeft(label, to: labelWidth) + "┤", .dim)
            } else {
                line.add(String(repeating: " ", count: labelWidth) + "│", .dim)
            }
            return line.finished + row
        }
    }

    /// The x axis line, its labels, the x name, the legend and the footnotes, for a plot
    /// `plotColumns` wide.
    func foot(plotColumns: Int) -> [String] {
        let left = leftWidth
        var axis = Array(repeating: "─", count: plotColumns)
        for tick in xTicks where tick.column >= 0 && tick.column < plotColumns { axis[tick.column] = "┬" }
        var axisLine = StyledLine(color: color)
        axisLine.add(String(repeating: " ", count: left - 1) + "└" + axis.joined(), .dim)
        var lines = [axisLine.finished, tickLabelLine(left: left, plotColumns: plotColumns)]
        if !xName.isEmpty {
            let name = TextCells.truncate(xName, to: width - left)
            let start = left + max(0, (plotColumns - TextCells.width(name)) / 2)
            lines.append(String(repeating: " ", count: min(start, max(0, width - TextCells.width(name)))) + name)
        }
        if legend.count > 1 { lines.append(legendLine()) }
        lines += footnotes.map { TextCells.truncate($0, to: width) }
        return lines
    }

    /// Every k-th of `ticks`, k the smallest of 1, 2, 3, 4, 5, ... that leaves no two on one
    /// `distinct` place: regular gaps read better than labels dropped here and there.
    static func thinned<T>(_ ticks: [T], distinct: (T) -> Int) -> [T] {
        guard ticks.count > 1 else { return ticks }
        for every in 1..<ticks.count {
            let kept = ticks.enumerated().filter { $0.offset % every == 0 }.map(\.element)
            if Set(kept.map(distinct)).count == kept.count { return kept }
        }
        return [ticks[0]]
    }

    /// Labels centred under their ticks and kept inside the width; when they would touch, only
    /// every k-th is written (the ticks stay).
    private func tickLabelLine(left: Int, plotColumns: Int) -> String {
        let placed = xTicks.map { tick -> (start: Int, label: String) in
            let label = TextCells.truncate(tick.label, to: width)
            let labelWidth = TextCells.width(label)
            let start = left + tick.column - (labelWidth - 1) / 2
            return (min(max(start, 0), max(0, width - labelWidth)), label)
        }
        for every in 1...max(placed.count, 1) {
            let kept = placed.enumerated().filter { $0.offset % every == 0 }.map(\.element)
            var text = ""
            var used = 0
            var fits = true
            for (start, label) in kept {
                if start < used + (used == 0 ? 0 : 1) { fits = false; break }
                text += String(repeating: " ", count: start - used) + label
                used = start + TextCells.width(label)
            }
            if fits { return text }
        }
        return placed.first.map { String(repeating: " ", count: $0.start) + $0.label } ?? ""
    }

    /// Each series' marker and name; what does not fit is counted.
    private func legendLine() -> String {
        var line = StyledLine(color: color)
        var used = 0
        for (index, entry) in legend.enumerated() {
            let remaining = legend.count - index - 1
            let more = remaining > 0 ? TextCells.width("  +\(remaining) more") : 0
            let piece = (index > 0 ? "  " : "") + entry.marker + " " + entry.name
            let pieceWidth = TextCells.width(piece)
            if used + pieceWidth + more > width {
                line.add((index > 0 ? "  " : "") + "+\(legend.count - index) more")
                break
            }
            if index > 0 { line.add("  ") }
            line.add(entry.marker, entry.style)
            line.add(" " + entry.name)
            used += pieceWidth
        }
        return line.finished
    }
}
