/// A standalone SVG document being written: the page, its title, and helpers for the marks
/// every chart uses. Coordinates are pixels from the top left, written with one decimal.
struct SVGDocument {
    let width: Int
    let height: Int
    let title: String
    private(set) var body: [String] = []

    /// System fonts first, then fonts with Chinese, Japanese and Korean glyphs, so labels like 海口 render.
    static let fontFamily = "system-ui, -apple-system, &quot;Segoe UI&quot;, &quot;Noto Sans&quot;, &quot;Noto Sans CJK SC&quot;, &quot;PingFang SC&quot;, &quot;Microsoft YaHei&quot;, sans-serif"
    static let fontSize = 12.0
    /// About how wide one terminal column of text is at `fontSize`: used to keep labels apart.
    static let cellWidth = 7.2
    static let ink = "#333333"
    static let grid = "#e3e6ea"

    init(width: Int, height: Int, title: String) {
        self.width = width
        self.height = height
        self.title = title
        if !title.isEmpty {
            text(title, x: 12, y: 22, anchor: "start", size: 15, weight: "bold")
        }
    }

    /// The top of the area under the title.
    var top: Double { title.isEmpty ? 12 : 36 }

    var text: String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\""
        out += " font-family=\"\(Self.fontFamily)\" font-size=\"\(Self.number(Self.fontSize))\">\n"
        if !title.isEmpty { out += "<title>\(Self.escape(title))</title>\n" }
        out += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        for element in body { out += element + "\n" }
        return out + "</svg>\n"
    }

    mutating func add(_ element: String) { body.append(element) }

    mutating func text(_ content: String, x: Double, y: Double, anchor: String = "middle", size: Double? = nil,
                       weight: String? = nil, fill: String = ink, rotate: Bool = false) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let size { attributes += " font-size=\"\(Self.number(size))\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if rotate { attributes += " transform=\"rotate(-90 \(Self.number(x)) \(Self.number(y)))\"" }
        add("<text \(attributes)>\(Self.escape(content))</text>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: String = "") {
        add("<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(width, 0)))\" height=\"\(Self.number(max(height, 0)))\" fill=\"\(fill)\"\(extra)/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = ink, width: Double = 1) {
        add("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"/>")
    }

    /// A one-line message in place of a picture.
    mutating func message(_ content: String) {
        text(content, x: Double(width) / 2, y: Double(height) / 2, size: 14)
    }

    /// Footnotes at the bottom left, last line lowest.
    mutating func footnotes(_ lines: [String]) {
        for (index, line) in lines.reversed().enumerated() {
            text(line, x: 12, y: Double(height) - 8 - Double(index) * 15, anchor: "start", size: 11, fill: "#666666")
        }
    }

    /// The legend as one row of swatches and names; what does not fit is counted.
    mutating func legend(_ names: [String], y: Double) {
        var x = 12.0
        for (index, name) in names.enumerated() {
            let needed = 18 + Double(TextCells.width(name)) * Self.cellWidth + 16
            if x + needed > Double(width) - 60 && index > 0 {
                text("+\(names.count - index) more", x: x, y: y, anchor: "start")
                break
            }
            rect(x: x, y: y - 9, width: 12, height: 10, fill: Palette.hex(index))
            text(name, x: x + 16, y: y, anchor: "start")
            x += needed
        }
    }

    /// `&`, `<`, `>` and quotes as entities; characters XML 1.0 forbids as U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let value = scalar.value
                let allowed = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF)
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// A coordinate with at most one decimal ("12", "12.5"), never NaN: geometry comes from
    /// clamped fractions, and anything else is written as 0.
    static func number(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e9 else { return "0" }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? sign + String(magnitude / 10) : sign + "\(magnitude / 10).\(magnitude % 10)"
    }
}

/// The rectangle a chart's marks go in, and its two axes drawn with grid lines and labels.
struct SVGPlotArea {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    var width: Double { right - left }
    var height: Double { bottom - top }

    func x(_ axis: Axis, _ value: Double) -> Double { left + axis.fraction(value) * width }
    func y(_ axis: Axis, _ value: Double) -> Double { bottom - axis.fraction(value) * height }

    /// The left margin a y axis with these labels needs.
    static func leftMargin(for axis: Axis) -> Double {
        Double(axis.ticks.map { TextCells.width($0.label) }.max() ?? 1) * SVGDocument.cellWidth + 20
    }

    /// Horizontal grid lines at the y ticks, their labels on the left, and the y name above.
    func drawYAxis(_ axis: Axis, name: String, into document: inout SVGDocument) {
        for tick in axis.ticks {
            let y = self.y(axis, tick.value)
            document.line(x1: left, y1: y, x2: right, y2: y, stroke: SVGDocument.grid)
            document.text(tick.label, x: left - 6, y: y + 4, anchor: "end")
        }
        document.line(x1: left, y1: top, x2: left, y2: bottom)
        if !name.isEmpty { document.text(name, x: left, y: top - 8, anchor: "start", weight: "bold") }
    }

    /// Tick marks and labels along the bottom at `ticks` (pixel positions); a label that would
    /// overlap the one before is left out, like the terminal's.
    func drawXAxis(_ ticks: [(x: Double, label: String)], name: String, into document: inout SVGDocument) {
        document.line(x1: left, y1: bottom, x2: right, y2: bottom)
        var lastEnd = -Double.infinity
        for tick in ticks {
            document.line(x1: tick.x, y1: bottom, x2: tick.x, y2: bottom + 5)
            let halfWidth = Double(TextCells.width(tick.label)) * SVGDocument.cellWidth / 2
            guard tick.x - halfWidth > lastEnd + 4 else { continue }
            document.text(tick.label, x: tick.x, y: bottom + 18)
            lastEnd = tick.x + halfWidth
        }
        if !name.isEmpty { document.text(name, x: (left + right) / 2, y: bottom + 36, weight: "bold") }
    }
}
