import Columnar
import Diagnostics

/// What a `load` tells the analyst: rows read, each column's type, and why where the
/// inference may surprise.
public enum LoadReport {
    public static func text(_ name: String, rows: Int, columns: [ColumnReport]) -> String {
        let width = columns.map { DisplayWidth.of($0.name) }.max() ?? 0
        var lines = ["loaded \(name): \(rows) row\(rows == 1 ? "" : "s"), \(columns.count) column\(columns.count == 1 ? "" : "s")"]
        for column in columns {
            let pad = String(repeating: " ", count: width - DisplayWidth.of(column.name))
            var line = "  \(column.name)\(pad)  \(column.type.rawValue.padding(6))"
            if column.declared { line += "  (declared)" }
            if let note = column.note { line += "  \(note)" }
            lines.append(line.trailingSpacesRemoved())
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
