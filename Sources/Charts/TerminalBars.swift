/// Horizontal bars at a terminal: labels on the left aligned by display width, bars of
/// eighth blocks from a zero line, each value at its bar's end.
enum TerminalBars {
    /// Left-aligned eighths, for bars growing right.
    static let rightward = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    static func render(_ bars: Categories, title: String, width: Int, height: Int, color: Bool) -> String {
        var lines: [String] = []
        if !title.isEmpty {
            var line = StyledLine(color: color)
            line.add(TextCells.truncate(title, to: width), .bold)
            lines.append(line.finished)
        }
        var leftOut = bars.leftOut
        let room = max(1, height - lines.count - leftOut.lines(width: width).count)
        var shown = min(bars.values.count, room)
        if shown < bars.values.count {
            // The line saying how many more takes a row of its own.
            shown = max(1, min(shown, room - 1))
            leftOut.hiddenCategories = bars.values.count - shown
        }
        let values = Array(bars.values.prefix(shown))
        let labels = (0..<shown).map { bars.label($0) }
        let texts = (0..<shown).map { bars.valueText($0) }
        let low = min(0, values.min() ?? 0), high = max(0, values.max() ?? 0)
        let negativeText = values.indices.filter { values[$0] < 0 }.map { TextCells.width(texts[$0]) }.max()
        let positiveText = values.indices.filter { values[$0] >= 0 }.map { TextCells.width(texts[$0]) }.max() ?? 0
        // Labels get up to a third of the width; the rest is bars and their values.
        let labelWidth = min(labels.map { TextCells.width($0) }.max() ?? 0, max(4, width / 3))
        let negativeRoom = negativeText.map { $0 + 1 } ?? 0
        let zeroLine = low < 0 ? 1 : 0
        let barRoom = max(2, width - labelWidth - 1 - negativeRoom - zeroLine - (positiveText + 1))
        let negativeCells = high > low ? Int((Double(barRoom) * fraction(-low / 2, of: high / 2 - low / 2)).rounded()) : 0
        let positiveCells = barRoom - negativeCells
        // One scale for both sides, so equal values make equal bars.
        let eighthsPerUnit = high > low ? Double(barRoom * 8) / (high / 2 - low / 2) / 2 : 0
        for index in 0..<shown {
            var line = StyledLine(color: color)
            line.add(TextCells.padRight(TextCells.truncate(labels[index], to: labelWidth), to: labelWidth) + " ")
            let value = values[index]
            var eighths = value == 0 ? 0 : max(1, Int(min(abs(value) * eighthsPerUnit, Double(barRoom * 8)).rounded()))
            if value < 0 {
                eighths = min(eighths, negativeCells * 8)
                let bar = String(repeating: "█", count: eighths / 8) + ""
                let partial = eighths % 8 == 0 ? "" : (eighths % 8 >= 4 ? "▐" : "▕")
                let drawn = partial + bar
                let textPart = texts[index] + " "
                let pad = max(0, negativeRoom + negativeCells - TextCells.width(textPart) - TextCells.width(drawn))
                line.add(String(repeating: " ", count: pad) + textPart)
                line.add(drawn, .code(31))
                line.add("│", .dim)
            } else {
                eighths = min(eighths, positiveCells * 8)
                if zeroLine == 1 {
                    line.add(String(repeating: " ", count: negativeRoom + negativeCells))
                    line.add("│", .dim)
                }
                line.add(String(repeating: "█", count: eighths / 8) + rightward[eighths % 8], .series(0))
                line.add(" " + texts[index])
            }
            lines.append(line.finished)
        }
        lines += leftOut.lines(width: width)
        return lines.joined(separator: "\n")
    }

    private static func fraction(_ part: Double, of whole: Double) -> Double {
        let value = (part / 2) / (whole / 2)
        return value.isFinite ? min(max(value, 0), 1) : 0
    }
}
