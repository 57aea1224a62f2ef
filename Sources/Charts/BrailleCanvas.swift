/// A grid of terminal cells, each a braille character of 2 × 4 dots (U+2800 to U+28FF), that
/// points and lines are rasterized into before any text is made: a million points cost a
/// million bit operations, never a million strings.
///
/// Dot (0, 0) is the top left. Each cell remembers the series that drew last in it, for its colour.
struct BrailleCanvas {
    let columns: Int
    let rows: Int
    private(set) var bits: [UInt8]
    private(set) var owner: [UInt8]
    /// Text written over cells (markers and labels); a wide character's second cell holds "".
    private(set) var overlay: [Int: (text: String, style: TextStyle)] = [:]

    var dotWidth: Int { columns * 2 }
    var dotHeight: Int { rows * 4 }

    init(columns: Int, rows: Int) {
        self.columns = max(columns, 1)
        self.rows = max(rows, 1)
        bits = [UInt8](repeating: 0, count: self.columns * self.rows)
        owner = [UInt8](repeating: 0, count: self.columns * self.rows)
    }

    /// The bit of each dot within its cell, by (column within cell, row within cell).
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    mutating func set(x: Int, y: Int, series: Int = 0) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y >> 2) * columns + (x >> 1)
        bits[cell] |= Self.dotBits[x & 1][y & 3]
        owner[cell] = UInt8(truncatingIfNeeded: series)
    }

    /// A line of dots from one point to another (Bresenham), both ends included.
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), series: Int = 0) {
        var (x, y) = start
        let dx = abs(end.x - x), dy = -abs(end.y - y)
        let stepX = x < end.x ? 1 : -1, stepY = y < end.y ? 1 : -1
        var error = dx + dy
        while true {
            set(x: x, y: y, series: series)
            if x == end.x && y == end.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += stepX }
            if doubled <= dx { error += dx; y += stepY }
        }
    }

    func isEmpty(column: Int, row: Int) -> Bool {
        let cell = row * columns + column
        return bits[cell] == 0 && overlay[cell] == nil
    }

    func hasOverlay(column: Int, row: Int) -> Bool { overlay[row * columns + column] != nil }

    /// Writes `text` over the cells from `column` on; the caller checks it fits.
    mutating func write(_ text: String, column: Int, row: Int, style: TextStyle) {
        guard row >= 0, row < rows else { return }
        var at = column
        for scalar in text.unicodeScalars {
            let cells = max(TextCells.width(String(scalar)), 1)
            guard at >= 0, at + cells <= columns else { return }
            overlay[row * columns + at] = (String(scalar), style)
            if cells == 2 { overlay[row * columns + at + 1] = ("", style) }
            at += cells
        }
    }

    /// One row as text: braille where dots are, spaces elsewhere, overlays on top; `styleOf`
    /// gives the style of the series that owns a cell.
    func line(row: Int, color: Bool, styleOf: (Int) -> TextStyle) -> String {
        var out = StyledLine(color: color)
        for column in 0..<columns {
            let cell = row * columns + column
            if let written = overlay[cell] {
                out.add(written.text, written.style)
            } else if bits[cell] == 0 {
                out.add(" ")
            } else {
                let scalar = Unicode.Scalar(0x2800 + UInt32(bits[cell]))!
                out.add(String(Character(scalar)), styleOf(Int(owner[cell])))
            }
        }
        return out.finished
    }
}
