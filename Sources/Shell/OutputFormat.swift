import Columnar
import Diagnostics

/// How results are written: `--format` and `.mode`.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Box-drawn, aligned, for people at a terminal.
    case table
    case csv, tsv, json, ndjson, markdown
    /// One `column = value` per line, a blank line between rows: for wide rows.
    case line
}

/// Writes result tables in every ``OutputFormat``. Dates are ISO text everywhere; only the
/// table view adds thousands separators and drops what does not fit (and says so).
public struct ResultFormatter: Sendable {
    public var format: OutputFormat
    /// The table view shows at most this many rows (the first and the last half).
    public var maxRows: Int
    /// The table view's width limit in terminal columns; nil for no limit.
    public var maxWidth: Int?
    public var useColor: Bool

    public init(format: OutputFormat, maxRows: Int = 40, maxWidth: Int? = nil, useColor: Bool = false) {
        self.format = format
        self.maxRows = maxRows
        self.maxWidth = maxWidth
        self.useColor = useColor
    }

    /// The whole output for one result, ending with a newline.
    public func render(_ table: Table, columnNames: [String]) -> String {
        switch format {
        case .table: return BoxTable(formatter: self).render(table, names: columnNames)
        case .csv: return delimited(table, columnNames, separator: ",")
        case .tsv: return delimited(table, columnNames, separator: "\t")
        case .json: return JSONText.array(table, columnNames)
        case .ndjson: return JSONText.lines(table, columnNames)
        case .markdown: return markdown(table, columnNames)
        case .line: return lines(table, columnNames)
        }
    }

    /// CSV per RFC 4180 (TSV alike): fields quoted where needed; null is an empty field and
    /// the empty string a quoted one, so the two stay apart.
    private func delimited(_ table: Table, _ names: [String], separator: Character) -> String {
        func field(_ text: String) -> String {
            if separator == "\t" {
                return text.replacingCharacters { $0 == "\t" ? "\\t" : ($0 == "\n" ? "\\n" : ($0 == "\r" ? "\\r" : nil)) }
            }
            let needsQuotes = text.isEmpty || text.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }
                || text.first == " " || text.last == " "
            return needsQuotes ? "\"" + text.replacingCharacters { $0 == "\"" ? "\"\"" : nil } + "\"" : text
        }
        var out = names.map(field).joined(separator: String(separator)) + "\n"
        for row in 0..<table.rowCount {
            out += table.columns.map { column -> String in
                let value = column[row]
                if value.isNull { return "" }
                if case .string(let text) = value, separator == "\t", text.isEmpty { return "" }
                return field(value.description)
            }.joined(separator: String(separator)) + "\n"
        }
        return out
    }

    private func markdown(_ table: Table, _ names: [String]) -> String {
        func cell(_ text: String) -> String {
            text.replacingCharacters { $0 == "|" ? "\\|" : ($0 == "\n" ? "<br>" : nil) }
        }
        var out = "| " + names.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + table.fields.map { $0.type.isNumeric ? " ---: |" : " --- |" }.joined() + "\n"
        for row in 0..<table.rowCount {
            out += "| " + table.columns.map { column in
                let value = column[row]
                return value.isNull ? "" : cell(value.description)
            }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    private func lines(_ table: Table, _ names: [String]) -> String {
        let width = names.map { DisplayWidth.of($0) }.max() ?? 0
        var records: [String] = []
        for row in 0..<table.rowCount {
            records.append(zip(names, table.columns).map { name, column in
                let value = column[row]
                let pad = String(repeating: " ", count: width - DisplayWidth.of(name))
                return "\(pad)\(name) = \(value.isNull ? "NULL" : value.description)"
            }.joined(separator: "\n") + "\n")
        }
        return records.joined(separator: "\n")
    }
}

extension String {
    /// Each character replaced where `replacement` gives a text for it.
    func replacingCharacters(_ replacement: (Character) -> String?) -> String {
        var out = ""
        for character in self { out += replacement(character) ?? String(character) }
        return out
    }
}
