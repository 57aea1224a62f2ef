import Columnar

/// How many rows were left out of a picture, and why: written as the footnote.
struct LeftOut {
    /// Rows with a null in a drawn column.
    var nullRows = 0
    /// Rows with NaN or an infinity in a drawn column (and no null).
    var nonFiniteRows = 0
    /// Categories or series there was no room for.
    var hiddenCategories = 0
    /// What the hidden ones are, singular and plural.
    var hiddenNoun = ("category", "categories")

    /// The footnotes wrapped to a terminal's width.
    func lines(width: Int) -> [String] { lines.flatMap { TextCells.wrap($0, to: width) } }

    var lines: [String] {
        var parts: [String] = []
        if nullRows > 0 { parts.append("\(NumberText.integer(Int64(nullRows))) \(nullRows == 1 ? "row" : "rows") with nulls") }
        if nonFiniteRows > 0 {
            let noun = nullRows > 0 ? "" : (nonFiniteRows == 1 ? " row" : " rows")
            parts.append("\(NumberText.integer(Int64(nonFiniteRows)))\(noun) with NaN or inf")
        }
        var lines: [String] = []
        if !parts.isEmpty { lines.append(parts.joined(separator: " and ") + " left out") }
        if hiddenCategories > 0 {
            lines.append("\(NumberText.integer(Int64(hiddenCategories))) more \(hiddenCategories == 1 ? hiddenNoun.0 : hiddenNoun.1) not shown")
        }
        return lines
    }
}

/// Reading the table's columns as the charts need them: numbers as `Double`, labels as text.
enum ChartData {
    /// A column's values as numbers (dates as days since 1970, bools as 0 and 1); nil for text.
    static func numbers(_ column: Column) -> [Double]? {
        switch column.values {
        case .float(let values): return values
        case .int(let values): return values.map { Double($0) }
        case .date(let values): return values.map { Double($0) }
        case .bool(let values): return values.map { $0 ? 1 : 0 }
        case .string: return nil
        }
    }

    /// One row's value as a label: text as it is, numbers without separators (years and ids
    /// read wrong with commas), dates as YYYY-MM-DD, null as "null".
    static func label(_ column: Column, _ row: Int) -> String {
        if column.isNull(row) { return "null" }
        switch column.values {
        case .string(let codes, let dictionary): return TextCells.printable(dictionary.string(codes[row]))
        case .int(let values): return String(values[row])
        case .float(let values): return NumberText.value(values[row])
        case .date(let values): return DateFormat.format(days: values[row])
        case .bool(let values): return values[row] ? "true" : "false"
        }
    }

    /// Which rows to draw: those where every column in `columns` has a value, and every number
    /// among them is finite. Counts what was left out.
    static func usableRows(_ table: Table, _ columns: [Int]) -> (keep: [Bool], leftOut: LeftOut) {
        var keep = [Bool](repeating: true, count: table.rowCount)
        var hasNull = [Bool](repeating: false, count: table.rowCount)
        for index in columns {
            let column = table.columns[index]
            if let validity = column.validity {
                for row in 0..<table.rowCount where !validity[row] { hasNull[row] = true; keep[row] = false }
            }
            if case .float(let values) = column.values {
                for row in 0..<table.rowCount where !values[row].isFinite { keep[row] = false }
            }
        }
        var leftOut = LeftOut()
        for row in 0..<table.rowCount where !keep[row] {
            if hasNull[row] { leftOut.nullRows += 1 } else { leftOut.nonFiniteRows += 1 }
        }
        return (keep, leftOut)
    }
}

/// One series of points of a line or scatter chart.
struct Series {
    var name: String
    var xs: [Double]
    var ys: [Double]
}

/// The points of a line or scatter chart, split into series, with their axes.
struct PointSet {
    var series: [Series]
    var xAxis: Axis
    var yAxis: Axis
    var xName: String
    var yName: String
    var leftOut: LeftOut

    var pointCount: Int { series.reduce(0) { $0 + $1.xs.count } }

    /// Points of `spec` from `table`: several y columns make several series, else the distinct
    /// values of the series column do, in the order they first appear. Nil when nothing is left.
    static func read(spec: ChartSpec, table: Table, sortByX: Bool) -> (PointSet?, LeftOut) {
        guard let xIndex = spec.x, let xs = ChartData.numbers(table.columns[xIndex]) else { return (nil, LeftOut()) }
        let yIndexes = spec.y
        let yColumns = yIndexes.compactMap { ChartData.numbers(table.columns[$0]) }
        guard yColumns.count == yIndexes.count, !yIndexes.isEmpty else { return (nil, LeftOut()) }
        var series: [Series] = []
        var leftOut = LeftOut()
        if let seriesIndex = spec.series, yIndexes.count == 1 {
            let (keep, counted) = ChartData.usableRows(table, [xIndex, yIndexes[0], seriesIndex])
            leftOut = counted
            let keys = SeriesKeys(table.columns[seriesIndex])
            var slotOfKey: [Int64: Int] = [:]
            let ys = yColumns[0]
            for row in 0..<table.rowCount where keep[row] {
                let key = keys.key(row)
                let slot: Int
                if let found = slotOfKey[key] {
                    slot = found
                } else {
                    slot = series.count
                    slotOfKey[key] = slot
                    series.append(Series(name: ChartData.label(table.columns[seriesIndex], row), xs: [], ys: []))
                }
                series[slot].xs.append(xs[row])
                series[slot].ys.append(ys[row])
            }
        } else {
            // Each y column is its own series: a null in one drops that point, not the row's others.
            for (position, yIndex) in yIndexes.enumerated() {
                let (keep, _) = ChartData.usableRows(table, [xIndex, yIndex])
                var one = Series(name: table.fields[yIndex].name, xs: [], ys: [])
                let ys = yColumns[position]
                for row in 0..<table.rowCount where keep[row] {
                    one.xs.append(xs[row])
                    one.ys.append(ys[row])
                }
                series.append(one)
            }
            // The footnote counts rows that lost a point in any series.
            leftOut = ChartData.usableRows(table, [xIndex] + yIndexes).leftOut
        }
        series.removeAll { $0.xs.isEmpty }
        guard !series.isEmpty else { return (nil, leftOut) }
        if sortByX { series = series.map(sortedByX) }
        var xRange = (Double.infinity, -Double.infinity), yRange = (Double.infinity, -Double.infinity)
        for one in series {
            for x in one.xs { xRange = (min(xRange.0, x), max(xRange.1, x)) }
            for y in one.ys { yRange = (min(yRange.0, y), max(yRange.1, y)) }
        }
        let xAxis = table.fields[xIndex].type == .date
            ? Axis.dates(Int32(clamping: Int(xRange.0)), Int32(clamping: Int(xRange.1)), target: 5)
            : Axis.numeric(xRange.0, xRange.1, target: 5)
        let yName = yIndexes.count == 1 ? table.fields[yIndexes[0]].name : ""
        let set = PointSet(series: series, xAxis: xAxis, yAxis: Axis.numeric(yRange.0, yRange.1, target: 4),
                           xName: table.fields[xIndex].name, yName: yName, leftOut: leftOut)
        return (set, leftOut)
    }

    /// A line joins points in x order; rows usually come sorted, so check before sorting.
    private static func sortedByX(_ series: Series) -> Series {
        let xs = series.xs
        var sorted = true
        for index in xs.indices.dropFirst() where xs[index] < xs[index - 1] { sorted = false; break }
        if sorted { return series }
        let order = xs.indices.sorted { xs[$0] < xs[$1] }
        return Series(name: series.name, xs: order.map { xs[$0] }, ys: order.map { series.ys[$0] })
    }
}

/// A series column's values as 64-bit keys, for telling series apart without making strings.
private struct SeriesKeys {
    let column: Column

    init(_ column: Column) { self.column = column }

    func key(_ row: Int) -> Int64 {
        switch column.values {
        case .string(let codes, _): return Int64(codes[row])
        case .int(let values): return values[row]
        case .date(let values): return Int64(values[row])
        case .bool(let values): return values[row] ? 1 : 0
        case .float(let values): return Int64(bitPattern: values[row].bitPattern)
        }
    }
}
