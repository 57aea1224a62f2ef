import Diagnostics

/// Text measured and cut in terminal columns, where a Chinese character takes two.
enum TextCells {
    static func width(_ text: String) -> Int { DisplayWidth.of(text) }

    /// `text` cut to at most `limit` columns, ending in … when anything was cut.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard limit > 0 else { return "" }
        guard width(text) > limit else { return text }
        var out = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let cells = DisplayWidth.of(scalar)
            if used + cells > limit - 1 { break }
            out.unicodeScalars.append(scalar)
            used += cells
        }
        return out + "…"
    }

    /// `text` broken at spaces into lines of at most `limit` columns (a word longer than that is cut).
    static func wrap(_ text: String, to limit: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if width(candidate) <= limit || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map { truncate($0, to: limit) }
    }

    /// `text` padded with spaces on the left to `columns` columns (numbers and labels line up
    /// on their right edge).
    static func padLeft(_ text: String, to columns: Int) -> String {
        String(repeating: " ", count: max(0, columns - width(text))) + text
    }

    static func padRight(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - width(text)))
    }

    /// A label with control characters (which would move the cursor or break the line) shown
    /// as escapes, the way result tables show them.
    static func printable(_ text: String) -> String {
        var clean = TextEscaping.escape(text, .display)
        // C1 controls and the escape character's friends are not caught by the display style.
        if clean.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) {
            clean = String(String.UnicodeScalarView(clean.unicodeScalars.map { (0x80...0x9F).contains($0.value) ? "?" : $0 }))
        }
        return clean
    }
}

/// The small palette series are told apart by: ANSI colours for the terminal, and the
/// hex colours of the SVG that look like them.
enum Palette {
    static let ansi = [34, 33, 32, 31, 35, 36]
    static let hex = ["#3b75af", "#e3a232", "#4a9a4a", "#c8423b", "#8e5fb4", "#2aa3b8"]
    /// Markers for a legend and a line's last point, so series can be told apart without colour.
    static let markers: [Character] = ["●", "■", "▲", "◆", "○", "□"]

    static func ansi(_ series: Int) -> Int { ansi[series % ansi.count] }
    static func hex(_ series: Int) -> String { hex[series % hex.count] }
    static func marker(_ series: Int) -> Character { markers[series % markers.count] }
}

/// How a run of terminal text is drawn.
enum TextStyle: Equatable {
    case plain
    case bold
    case dim
    case series(Int)
    case code(Int)

    var sgr: String? {
        switch self {
        case .plain: return nil
        case .bold: return "1"
        case .dim: return "90"
        case .series(let index): return String(Palette.ansi(index))
        case .code(let code): return String(code)
        }
    }
}

/// Builds one line of terminal text from styled runs, writing SGR escapes only when colour
/// is on, and only where the style changes.
struct StyledLine {
    let color: Bool
    private(set) var text = ""
    private var current: TextStyle = .plain

    init(color: Bool) { self.color = color }

    mutating func add(_ run: String, _ style: TextStyle = .plain) {
        if color, style != current {
            if current != .plain { text += "\u{1B}[0m" }
            if let sgr = style.sgr { text += "\u{1B}[\(sgr)m" }
            current = style
        }
        text += run
    }

    mutating func add(_ character: Character, _ style: TextStyle = .plain) { add(String(character), style) }

    /// The line with any colour reset at its end.
    var finished: String { color && current != .plain ? text + "\u{1B}[0m" : text }
}
