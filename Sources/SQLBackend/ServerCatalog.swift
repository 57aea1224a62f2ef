import Columnar

/// A table or view of the server, as Amity sees it: its columns with Amity's types, whether
/// it keeps Amity's row order (a table pushed by `.push` has `amity_row`), and the columns
/// left out because no Amity type holds them.
public struct ServerTable: Sendable, Equatable {
    public var name: String
    public var fields: [Field]
    public var keepsRowOrder: Bool
    /// Columns of types Amity has no type for (`timestamp`, `json`, arrays): "name (type)".
    public var skipped: [String]
}

extension ServerConnection {
    /// The tables and views of the current schema, and this session's temporary views (what
    /// `let` makes while connected), by name.
    public func tables(isCancelled: () -> Bool = { false }) throws -> [ServerTable] {
        let sql = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE (n.nspname = current_schema() OR n.oid = pg_my_temp_schema())
              AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """
        let rows = try query(sql, names: ["table", "column", "type"], types: [.string, .string, .string], isCancelled: isCancelled)
        var tables: [ServerTable] = []
        for row in 0..<rows.rowCount {
            guard case .string(let table) = rows.columns[0][row], case .string(let column) = rows.columns[1][row],
                  case .string(let type) = rows.columns[2][row] else { continue }
            if tables.last?.name != table { tables.append(ServerTable(name: table, fields: [], keepsRowOrder: false, skipped: [])) }
            if column == "amity_row" {
                tables[tables.count - 1].keepsRowOrder = true
            } else if let amityType = Self.amityType(type) {
                tables[tables.count - 1].fields.append(Field(column, amityType))
            } else {
                tables[tables.count - 1].skipped.append("\(column) (\(type))")
            }
        }
        return tables
    }

    /// The Amity type that holds a PostgreSQL type's values, by its `format_type` name.
    static func amityType(_ type: String) -> DataType? {
        let base = type.split(separator: "(").first.map(String.init) ?? type
        switch base {
        case "bigint", "integer", "smallint": return .int
        case "double precision", "real", "numeric": return .float
        case "boolean": return .bool
        case "date": return .date
        case "text", "character varying", "character", "name", "citext": return .string
        default: return nil
        }
    }
}
