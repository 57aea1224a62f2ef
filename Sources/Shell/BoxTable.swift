import Columnar
import Diagnostics

/// The table view: box-drawing borders, numbers right-aligned by one rule per column
/// (``NumberCells``),
/// NULL distinct from the empty string, widths in terminal columns. A long result shows its
/// first and last rows and says how many are left out; a wide one narrows its text columns
/// (each cut cell ends with an ellipsis), then drops columns from the right and names them in
/// a footer. Nothing is cut without saying so.
struct BoxTable {
    let formatter: ResultFormatter
    /// The widest a single cell gets before it is cut with an ellipsis.
    static let maxCellWidth = 48

    func render(_ table: Table, names: [String]) -> String {
        let rowCount = table.rowCount
        let shownRows: [Int]
        var hiddenRows = 0
        if rowCount > formatter.maxRows && formatter.maxRows > 0 {
            let head = (formatter.maxRows + 1) / 2
            let tail = formatter.maxRows - head
            shownRows = Array(0..<head) + Array(rowCount - tail..<rowCount)
            hiddenRows = rowCount - shownRows.count
        } else {
            shownRows = Array(0..<rowCount)
        }
        // Cells as text, with their widths.
        var columns: [(name: String, cells: [String], width: Int, right: Bool)] = []
        for (index, column) in table.columns.enumerated() {
            let cells = table.fields[index].type.isNumeric
                ? NumberCells.cells(column, rows: shownRows, name: names[index], raw: formatter.rawNumbers)
                : shownRows.map { Self.cell(column[$0]) }
            let width = ([names[index]] + cells).map { DisplayWidth.of($0) }.max() ?? 0
            columns.append((names[index], cells, width, table.fields[index].type.isNumeric))
        }
        // Too wide for the terminal: first narrow the widest text columns (cells cut with an
        // ellipsis, headers kept whole), and only then drop columns from the right.
        var dropped: [String] = []
        if let maxWidth = formatter.maxWidth {
            // Columns are dropped only while even the narrowest the kept ones can be is too wide.
            let narrowest = { (column: (name: String, cells: [String], width: Int, right: Bool)) in
                column.right ? column.width : min(column.width, max(Self.narrowestText, DisplayWidth.of(column.name)))
            }
            while columns.count > 1, columns.map({ narrowest($0) + 3 }).reduce(1, +) > maxWidth {
                dropped.insert(columns.removeLast().name, at: 0)
            }
            var excess = columns.map({ $0.width + 3 }).reduce(1, +) - maxWidth
            while excess > 0 {
                let narrowable = columns.indices.filter {
                    !columns[$0].right && columns[$0].width > max(Self.narrowestText, DisplayWidth.of(columns[$0].name))
                }
                guard let widest = narrowable.max(by: { columns[$0].width < columns[$1].width }) else { break }
                columns[widest].width -= 1
                excess -= 1
            }
            for index in columns.indices where columns[index].cells.contains(where: { DisplayWidth.of($0) > columns[index].width }) {
                columns[index].cells = columns[index].cells.map { Self.truncated($0, to: columns[index].width) }
            }
            while columns.count > 1, columns.map({ $0.width + 3 }).reduce(1, +) > maxWidth {
                dropped.insert(columns.removeLast().name, at: 0)
            }
        }
        let rule = { (left: String, middle: String, right: String) in
            left + columns.map { String(repeating: "─", count: $0.width + 2) }.joined(separator: middle) + right + "\n"
        }
        func line(_ texts: [String], header: Bool) -> String {
            "│" + zip(texts, columns).map { text, column in
                let pad = String(repeating: " ", count: column.width - DisplayWidth.of(text))
                let shown = header ? bold(text) : (text == "NULL" ? dim(text) : text)
                return " " + (column.right && !header ? pad + shown : shown + pad) + " "
            }.joined(separator: "│") + "│\n"
        }
        var out = rule("┌", "┬", "┐") + line(columns.map(\.name), header: true) + rule("├", "┼", "┤")
        let head = hiddenRows > 0 ? (formatter.maxRows + 1) / 2 : shownRows.count
        for position in 0..<shownRows.count {
            if hiddenRows > 0 && position == head {
                let inner = columns.map { $0.width + 3 }.reduce(-1, +)
                // As much of the note as fits inside the box: a narrow table keeps its border.
                let hidden = Self.grouped(Int64(hiddenRows))
                let text = ["… \(hidden) more rows", "… \(hidden) more", "… \(hidden)", "…"]
                    .first { DisplayWidth.of($0) <= inner - 1 } ?? "…"
                out += "│ " + dim(text) + String(repeating: " ", count: max(0, inner - 1 - DisplayWidth.of(text))) + "│\n"
            }
            out += line(columns.map { $0.cells[position] }, header: false)
        }
        out += rule("└", "┴", "┘")
        out += dim("\(Self.grouped(Int64(rowCount))) row\(rowCount == 1 ? "" : "s")")
        if !dropped.isEmpty {
            out += dim(", \(dropped.count) more column\(dropped.count == 1 ? "" : "s"): " + dropped.joined(separator: ", "))
                + dim(" (.mode line shows every column)")
        }
        return out + "\n"
    }

    /// A cell of a column that is not numeric (``NumberCells`` writes those): NULL for null,
    /// control characters escaped, long text cut with an ellipsis.
    static func cell(_ value: Value) -> String {
        switch value {
        case .null: return "NULL"
        case .string(let text): return truncated(escaped(text))
        default: return value.description
        }
    }

    static func grouped(_ value: Int64, negative: Bool = false) -> String {
        Thousands.grouped(value, negative: negative)
    }

    private static func escaped(_ text: String) -> String {
        text.replacingCharacters { $0 == "\t" ? "\\t" : ($0 == "\n" ? "\\n" : ($0 == "\r" ? "\\r" : nil)) }
    }

    /// Text columns are narrowed down to this many terminal columns (or their header's
    /// width) before any column is dropped.
    static let narrowestText = 10

    /// `text` cut to at most `limit` terminal columns, the last one an ellipsis.
    static func truncated(_ text: String, to limit: Int = maxCellWidth) -> String {
        guard DisplayWidth.of(text) > limit else { return text }
        var out = ""
        var width = 0
        for character in text {
            let w = DisplayWidth.of(String(character))
            if width + w > limit - 1 { break }
            out.append(character)
            width += w
        }
        return out + "…"
    }

    private func bold(_ text: String) -> String { formatter.useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { formatter.useColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
