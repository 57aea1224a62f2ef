import Columnar
import Diagnostics

/// JSON output: an array of objects, or one object per line; values keep their types
/// (numbers, booleans, ISO date strings, null).
enum JSONText {
    static func array(_ table: Table, _ names: [String]) -> String {
        guard table.rowCount > 0 else { return "[]\n" }
        return "[\n" + (0..<table.rowCount).map { "  " + object(table, names, $0) }.joined(separator: ",\n") + "\n]\n"
    }

    static func lines(_ table: Table, _ names: [String]) -> String {
        (0..<table.rowCount).map { object(table, names, $0) + "\n" }.joined()
    }

    static func object(_ table: Table, _ names: [String], _ row: Int) -> String {
        "{" + zip(names, table.columns).map { "\(quote($0)): \(value($1[row]))" }.joined(separator: ", ") + "}"
    }

    static func value(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .int(let v): return String(v)
        // JSON has no NaN or infinity.
        case .float(let v): return v.isFinite ? FloatFormat.shortest(v) : "null"
        case .bool(let v): return String(v)
        case .date: return quote(value.description)
        case .string(let text): return quote(text)
        }
    }

    static func quote(_ text: String) -> String {
        TextEscaping.escape(text, .json)
    }
}
