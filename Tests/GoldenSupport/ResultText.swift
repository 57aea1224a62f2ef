import Columnar
import Diagnostics

/// A plain-text table: columns aligned by terminal width, numbers right-aligned, nulls shown
/// as `null`. The form of golden tests and of the output until the shell's formats arrive.
public enum ResultText {
    public static func render(_ table: Table, columnNames: [String]? = nil) -> String {
        let names = columnNames ?? table.names
        var cells: [[String]] = [names]
        for row in 0..<table.rowCount {
            cells.append(table.columns.map { cell($0[row]) })
        }
        let widths = names.indices.map { column in cells.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        let rightAligned = table.fields.map { $0.type.isNumeric }
        var lines: [String] = []
        for (index, row) in cells.enumerated() {
            let parts = row.enumerated().map { column, text -> String in
                let pad = String(repeating: " ", count: widths[column] - DisplayWidth.of(text))
                return rightAligned[column] && index > 0 ? pad + text : text + pad
            }
            lines.append(parts.joined(separator: " | ").trailingSpacesRemoved())
            if index == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-")) }
        }
        lines.append("(\(table.rowCount) row\(table.rowCount == 1 ? "" : "s"))")
        return lines.joined(separator: "\n")
    }

    static func cell(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .string(let text): return text.isEmpty ? "\"\"" : escaped(text)
        default: return value.description
        }
    }

    /// Control characters shown as escapes, so a tab or a newline cannot break the layout.
    static func escaped(_ text: String) -> String {
        TextEscaping.escape(text, .display)
    }
}

extension String {
    func trailingSpacesRemoved() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
