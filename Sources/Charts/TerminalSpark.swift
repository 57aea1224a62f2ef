/// A sparkline: one line of ▁▂▃▄▅▆▇█, a character per value in row order, or per bucket of
/// values (their mean) when there are more values than columns.
enum TerminalSpark {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The values averaged into at most `columns` buckets of consecutive values.
    static func buckets(_ values: [Double], columns: Int) -> [Double] {
        let columns = max(columns, 1)
        guard values.count > columns else { return values }
        var means: [Double] = []
        means.reserveCapacity(columns)
        for bucket in 0..<columns {
            let start = bucket * values.count / columns, end = (bucket + 1) * values.count / columns
            var sum = 0.0
            // Halved so a bucket of values near Double's limit cannot sum to infinity.
            for value in values[start..<end] { sum += value / 2 }
            means.append(sum / Double(max(end - start, 1)) * 2)
        }
        return means
    }

    /// The characters for `values`: the lowest ▁, the highest █, all alike ▄.
    static func characters(_ values: [Double]) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        let axis = Axis(lower: low, upper: high, ticks: [])
        return String(values.map { low == high ? levels[3] : levels[axis.position($0, steps: levels.count)] })
    }

    static func render(_ values: [Double], name: String, leftOut: LeftOut, title: String, width: Int, color: Bool) -> String {
        var lines: [String] = []
        if !title.isEmpty {
            var line = StyledLine(color: color)
            line.add(TextCells.truncate(title, to: width), .bold)
            lines.append(line.finished)
        }
        let shown = buckets(values, columns: width)
        var spark = StyledLine(color: color)
        spark.add(characters(shown), .series(0))
        lines.append(spark.finished)
        let low = values.min() ?? 0, high = values.max() ?? 0, last = values.last ?? 0
        var summary = "\(name)  min \(NumberText.value(low))  max \(NumberText.value(high))  last \(NumberText.value(last))"
        if shown.count < values.count { summary += "  \(NumberText.integer(Int64(values.count))) values averaged" }
        lines.append(TextCells.truncate(summary, to: width))
        lines += leftOut.lines(width: width)
        return lines.joined(separator: "\n")
    }
}
