import Columnar
import Diagnostics
import Shell

/// The row formats as `ResultFormatter` wrote them before it streamed bytes: a whole `String`,
/// value by value through `Value`, escaping scalar by scalar. Kept as the oracle the streaming
/// writer must match byte for byte (`OutputPropertyTests`). It escaped by `Character` once,
/// which left `"\r\n"` (one grapheme) unquoted in CSV and a `"` before a combining mark
/// undoubled: fields other tools could not read back.
enum ReferenceFormatter {
    static func render(_ format: OutputFormat, _ table: Table, _ names: [String]) -> String {
        switch format {
        case .table: preconditionFailure("the table view keeps its own code")
        case .csv: return delimited(table, names, separator: ",")
        case .tsv: return delimited(table, names, separator: "\t")
        case .json: return jsonArray(table, names)
        case .ndjson: return jsonLines(table, names)
        case .markdown: return markdown(table, names)
        case .line: return lines(table, names)
        }
    }

    private static func delimited(_ table: Table, _ names: [String], separator: Unicode.Scalar) -> String {
        func field(_ text: String) -> String {
            if separator == "\t" {
                return text.replacingEachCharacter { $0 == "\t" ? "\\t" : ($0 == "\n" ? "\\n" : ($0 == "\r" ? "\\r" : nil)) }
            }
            let scalars = text.unicodeScalars
            let needsQuotes = text.isEmpty || scalars.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }
                || scalars.first == " " || scalars.last == " "
            return needsQuotes ? "\"" + text.replacingEachCharacter { $0 == "\"" ? "\"\"" : nil } + "\"" : text
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

    private static func markdown(_ table: Table, _ names: [String]) -> String {
        func cell(_ text: String) -> String {
            text.replacingEachCharacter { $0 == "|" ? "\\|" : ($0 == "\n" ? "<br>" : nil) }
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

    private static func lines(_ table: Table, _ names: [String]) -> String {
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

    // JSON, as `JSONText` wrote it.

    private static func jsonArray(_ table: Table, _ names: [String]) -> String {
        guard table.rowCount > 0 else { return "[]\n" }
        return "[\n" + (0..<table.rowCount).map { "  " + object(table, names, $0) }.joined(separator: ",\n") + "\n]\n"
    }

    private static func jsonLines(_ table: Table, _ names: [String]) -> String {
        (0..<table.rowCount).map { object(table, names, $0) + "\n" }.joined()
    }

    private static func object(_ table: Table, _ names: [String], _ row: Int) -> String {
        "{" + zip(names, table.columns).map { "\(quote($0)): \(value($1[row]))" }.joined(separator: ", ") + "}"
    }

    private static func value(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .int(let v): return String(v)
        case .float(let v): return v.isFinite ? FloatFormat.shortest(v) : "null"
        case .bool(let v): return String(v)
        case .date: return quote(value.description)
        case .string(let text): return quote(text)
        }
    }

    private static func quote(_ text: String) -> String {
        TextEscaping.escape(text, .json)
    }
}

extension String {
    /// Each scalar replaced where `replacement` gives a text for it.
    fileprivate func replacingEachCharacter(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        for scalar in unicodeScalars { out += replacement(scalar) ?? String(scalar) }
        return out
    }
}
