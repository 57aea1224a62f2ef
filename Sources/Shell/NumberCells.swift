import Columnar

/// How the table view writes a column of numbers: one rule for the whole column, so that
/// values written one under the other read alike.
///
/// - Thousands separators go on every value of four or more digits, in a column where some
///   value has five or more: a column of years stays `1990`, and `9,388` sits above `10,642`.
///   Columns named like ids (`id`, `..._id`, `...id`) never get them.
/// - A float keeps its shortest exact text; the decimal points line up, the fractions padded
///   with spaces; a column whose floats are all whole shows them without `.0`.
/// - With `raw` (`.numbers raw`), each value is its plain shortest text.
enum NumberCells {
    static func cells(_ column: Column, rows: [Int], name: String, raw: Bool) -> [String] {
        switch column.values {
        case .int(let values):
            let shown = rows.map { column.isNull($0) ? nil : values[$0] }
            let grouping = !raw && !isIDLike(name) && shown.contains { ($0?.magnitude ?? 0) >= 10_000 }
            return shown.map { value in
                guard let value else { return "NULL" }
                return grouping && value.magnitude >= 1_000 ? BoxTable.grouped(value) : String(value)
            }
        case .float(let values):
            let shown = rows.map { column.isNull($0) ? nil : values[$0] }
            if raw { return shown.map { $0.map(FloatFormat.shortest) ?? "NULL" } }
            return floats(shown, grouping: !isIDLike(name))
        default:
            return rows.map { column[$0].description }
        }
    }

    /// Floats as (whole part, fraction with its point) lined up on the point.
    private static func floats(_ shown: [Double?], grouping allowed: Bool) -> [String] {
        let finite = shown.compactMap { $0 }.filter { $0.isFinite && abs($0) < 1e15 }
        let allWhole = finite.allSatisfy { $0 == $0.rounded() }
        let grouping = allowed && finite.contains { abs($0) >= 10_000 }
        let parts: [(whole: String, fraction: String)?] = shown.map { value in
            guard let value else { return nil }
            let text = FloatFormat.shortest(value)
            guard value.isFinite, abs(value) < 1e15, let point = text.firstIndex(of: "."), !text.contains("e") else {
                return (text, "")
            }
            var whole = String(text[..<point])
            let fraction = allWhole ? "" : String(text[point...])
            if grouping, abs(value) >= 1_000 {
                whole = BoxTable.grouped(Int64(value.rounded(.towardZero)), negative: value.sign == .minus)
            }
            return (whole, fraction)
        }
        let fractionWidth = parts.map { $0?.fraction.count ?? 0 }.max() ?? 0
        return parts.map { part in
            guard let part else { return "NULL" }
            return part.whole + part.fraction + String(repeating: " ", count: fractionWidth - part.fraction.count)
        }
    }

    /// Names of identifiers, whose digits are not a quantity: `id`, `city_id`, `city-id`,
    /// `cityId` (not `paid` or `grid`).
    static func isIDLike(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "id" || lower.hasSuffix("_id") || lower.hasSuffix("-id") || lower.hasSuffix(" id")
            || name.hasSuffix("Id") || name.hasSuffix("ID")
    }
}
