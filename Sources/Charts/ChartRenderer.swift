import Columnar

/// Draws a `ChartSpec` over a table: as text for a terminal, or as a standalone SVG document.
/// Both come from the same reading of the table, the same ticks, bins, series and projection.
///
/// Nothing here traps on data: empty tables, one row, nulls, NaN, infinities and huge values
/// give a picture or a one-line message saying why there is none.
public struct ChartRenderer {
    public let spec: ChartSpec
    public let table: Table
    public let outline: WorldOutline?

    public init(spec: ChartSpec, table: Table, outline: WorldOutline? = nil) {
        self.spec = spec
        self.table = table
        self.outline = outline
    }

    /// The picture for a terminal `width` columns wide and `height` rows tall (the shell passes the
    /// terminal's size; the chart uses at most that), ANSI colours only when `color`.
    public func terminal(width: Int, height: Int, color: Bool) -> String {
        let width = max(width, 12), height = max(height, 4)
        let text: String
        switch prepare(plotColumns: width - 8) {
        case .message(let message):
            text = message
        case .categories(let bars):
            text = spec.kind == .bar
                ? TerminalBars.render(bars, title: title, width: width, height: height, color: color)
                : TerminalColumns.renderColumns(bars, title: title, width: width, height: height, color: color)
        case .points(let set):
            text = TerminalPoints.render(set, joined: spec.kind == .line, title: title, width: width, height: height, color: color)
        case .histogram(let histogram, let name, let leftOut):
            text = TerminalColumns.renderHistogram(histogram, name: name, leftOut: leftOut, title: title,
                                                   width: width, height: height, color: color)
        case .spark(let values, let name, let leftOut):
            text = TerminalSpark.render(values, name: name, leftOut: leftOut, title: title, width: width, color: color)
        case .map(let points):
            text = TerminalMap.render(points, outline: outline, title: title, width: width, height: height, color: color)
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Self.trimmingTrailingSpaces(Self.clip(String($0), to: width)) }.joined(separator: "\n")
    }

    /// A standalone SVG document: the same picture.
    public func svg(width: Int = 800, height: Int = 500) -> String {
        let width = min(max(width, 200), 20_000), height = min(max(height, 120), 20_000)
        var document = SVGDocument(width: width, height: height, title: title)
        switch prepare(plotColumns: 200) {
        case .message(let message): document.message(message)
        case .categories(let bars):
            if spec.kind == .bar { SVGBars.horizontal(bars, into: &document) } else { SVGBars.vertical(bars, into: &document) }
        case .points(let set): SVGPoints.draw(set, joined: spec.kind == .line, into: &document)
        case .histogram(let histogram, let name, let leftOut): SVGBars.histogram(histogram, name: name, leftOut: leftOut, into: &document)
        case .spark(let values, let name, let leftOut): SVGPoints.spark(values, name: name, leftOut: leftOut, into: &document)
        case .map(let points): SVGMap.draw(points, outline: outline, into: &document)
        }
        return document.text
    }

    private var title: String { TextCells.printable(spec.title) }

    /// What a kind draws, read from the table once for either output.
    enum Prepared {
        case message(String)
        case categories(Categories)
        case points(PointSet)
        case histogram(Histogram, name: String, leftOut: LeftOut)
        case spark([Double], name: String, leftOut: LeftOut)
        case map(MapPoints)
    }

    func prepare(plotColumns: Int) -> Prepared {
        if let problem = specProblem { return .message("cannot draw: \(problem)") }
        if table.rowCount == 0 { return .message("nothing to draw: no rows") }
        let nothing = Prepared.message("nothing to draw: every row has a null, NaN or infinite value in a drawn column")
        switch spec.kind {
        case .bar, .column:
            guard let bars = Categories.read(spec: spec, table: table), !bars.values.isEmpty else { return nothing }
            return .categories(bars)
        case .line, .scatter:
            guard let set = PointSet.read(spec: spec, table: table, sortByX: spec.kind == .line).0 else { return nothing }
            return .points(set)
        case .hist, .spark:
            guard let y = spec.y.first, let numbers = ChartData.numbers(table.columns[y]) else { return nothing }
            let (keep, leftOut) = ChartData.usableRows(table, [y])
            var values: [Double] = []
            values.reserveCapacity(table.rowCount)
            for row in 0..<table.rowCount where keep[row] { values.append(numbers[row]) }
            guard !values.isEmpty else { return nothing }
            let name = TextCells.printable(table.fields[y].name)
            if spec.kind == .spark { return .spark(values, name: name, leftOut: leftOut) }
            guard let histogram = Histogram.make(values, wanted: spec.bins, maxBins: max(plotColumns, 1)) else {
                return .message("cannot draw: the values are too close to the largest number for round bins")
            }
            return .histogram(histogram, name: name, leftOut: leftOut)
        case .map:
            return readMap().map { .map($0) } ?? nothing
        }
    }

    private func readMap() -> MapPoints? {
        guard let x = spec.x, let y = spec.y.first,
              let lons = ChartData.numbers(table.columns[x]), let lats = ChartData.numbers(table.columns[y]) else { return nil }
        let (keep, leftOut) = ChartData.usableRows(table, [x, y])
        var points = MapPoints(leftOut: leftOut)
        for row in 0..<table.rowCount where keep[row] {
            points.lons.append(lons[row])
            points.lats.append(lats[row])
        }
        if let label = spec.label, points.lons.count <= MapPoints.labelLimit {
            points.labels = (0..<table.rowCount).filter { keep[$0] }.map { ChartData.label(table.columns[label], $0) }
        }
        return points.lons.isEmpty ? nil : points
    }

    /// What is wrong with the spec itself: a column it names that the table lacks, or a kind
    /// without the columns it needs. The planner checks these; this keeps a bad call from trapping.
    private var specProblem: String? {
        let named = [spec.x, spec.series, spec.label].compactMap { $0 } + spec.y
        if let bad = named.first(where: { $0 < 0 || $0 >= table.columns.count }) {
            return "column \(bad) is not in the table (it has \(table.columns.count))"
        }
        let needsX: Set<ChartKind> = [.bar, .column, .line, .scatter, .map]
        if needsX.contains(spec.kind), spec.x == nil { return "a \(spec.kind.rawValue) chart needs an x column" }
        if spec.y.isEmpty { return "a \(spec.kind.rawValue) chart needs a y column" }
        let numeric = spec.y.allSatisfy { table.fields[$0].type != .string }
        if !numeric { return "y must be a number column" }
        if [.line, .scatter, .map].contains(spec.kind), let x = spec.x, table.fields[x].type == .string {
            return "x of a \(spec.kind.rawValue) chart must be a number or a date"
        }
        return nil
    }

    /// Empty plot cells leave spaces at line ends that only get in the way of copying the text.
    static func trimmingTrailingSpaces(_ line: String) -> String {
        var scalars = Substring(line).unicodeScalars
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }

    /// A line cut to `width` display columns, escape sequences passed through uncounted; the
    /// kinds keep within the width themselves, this makes sure of it.
    static func clip(_ line: String, to width: Int) -> String {
        var out = ""
        var used = 0
        var inEscape = false
        var cut = false
        for scalar in line.unicodeScalars {
            if inEscape {
                if !cut { out.unicodeScalars.append(scalar) }
                if scalar == "m" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; if !cut { out.unicodeScalars.append(scalar) }; continue }
            if cut { continue }
            let cells = TextCells.width(String(scalar))
            if used + cells > width { cut = true; continue }
            used += cells
            out.unicodeScalars.append(scalar)
        }
        if cut, line.contains("\u{1B}") { out += "\u{1B}[0m" }
        return out
    }
}
