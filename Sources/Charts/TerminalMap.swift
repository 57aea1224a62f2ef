/// A map at a terminal: the outline in braille, points as ● on top, labels beside them where
/// they fit. Braille dots are square (2 × 4 dots in a cell twice as tall as wide), so a map
/// of 4 columns per row keeps the world's 2:1 shape.
enum TerminalMap {
    static func render(_ points: MapPoints, outline: WorldOutline?, title: String, width: Int, height: Int, color: Bool) -> String {
        var lines: [String] = []
        if !title.isEmpty {
            var line = StyledLine(color: color)
            line.add(TextCells.truncate(title, to: width), .bold)
            lines.append(line.finished)
        }
        let footnotes = points.leftOut.lines(width: width)
        let rows = max(2, min(height - lines.count - footnotes.count, width / 4))
        let columns = rows * 4
        var canvas = BrailleCanvas(columns: columns, rows: rows)
        for ring in outline?.rings ?? [] {
            for (from, to) in MapProjection.edges(ring) {
                canvas.line(from: dot(from.lon, from.lat, canvas), to: dot(to.lon, to.lat, canvas), series: 0)
            }
        }
        // Markers first, then labels, so no label covers another point.
        var cells: [(column: Int, row: Int)] = []
        for index in points.lons.indices {
            let at = dot(points.lons[index], points.lats[index], canvas)
            cells.append((at.x / 2, at.y / 4))
        }
        // One flag per cell, not a set: a million points mark at most a few thousand cells.
        var marked = [Bool](repeating: false, count: columns * rows)
        for cell in cells {
            let index = cell.row * columns + cell.column
            guard index >= 0, index < marked.count, !marked[index] else { continue }
            marked[index] = true
            canvas.write("●", column: cell.column, row: cell.row, style: .code(31))
        }
        if points.labels.count == cells.count {
            for (index, cell) in cells.enumerated() {
                let label = points.labels[index]
                let start = cell.column + 1, labelWidth = TextCells.width(label) + 1
                guard start + labelWidth <= columns,
                      (start..<start + labelWidth).allSatisfy({ !canvas.hasOverlay(column: $0, row: cell.row) }) else { continue }
                canvas.write(" " + label, column: start, row: cell.row, style: .plain)
            }
        }
        lines += (0..<rows).map { canvas.line(row: $0, color: color) { _ in .dim } }
        lines += footnotes.map { TextCells.truncate($0, to: width) }
        return lines.joined(separator: "\n")
    }

    static func dot(_ lon: Double, _ lat: Double, _ canvas: BrailleCanvas) -> (x: Int, y: Int) {
        (MapProjection.longitude.position(lon, steps: canvas.dotWidth),
         canvas.dotHeight - 1 - MapProjection.latitude.position(lat, steps: canvas.dotHeight))
    }
}
