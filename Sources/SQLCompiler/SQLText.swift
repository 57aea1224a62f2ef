import Columnar

/// How names, literals and types are spelled in PostgreSQL's dialect: the compiler's, and
/// what `.push` creates tables with.
public enum SQLText {
    /// A name as an identifier: bare when PostgreSQL reads it back unchanged, else quoted.
    public static func identifier(_ name: String) -> String {
        let plain = name.utf8.first.map { $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) } ?? false
            && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        if plain && !keywords.contains(name) { return name }
        return "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A string literal. Standard-conforming strings: only the quote is doubled. Text with
    /// control characters is an escape string (`E'...\n...'`), so that the statement has no
    /// line breaks inside literals and can be indented freely.
    public static func string(_ text: String) -> String {
        let quoted = text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''")
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return "'" + quoted + "'" }
        var escaped = ""
        for scalar in quoted.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: escaped += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "E'" + escaped + "'"
    }

    /// A date as PostgreSQL writes and reads it: year 0, which PostgreSQL has not, is its
    /// 1 BC (`0001-06-30 BC`).
    public static func date(_ days: Int32) -> String {
        let text = DateFormat.format(days: days)
        return text.hasPrefix("0000") ? "0001\(text.dropFirst(4)) BC" : text
    }

    /// A date PostgreSQL wrote, as ``date(_:)`` writes them; nil outside Amity's calendar.
    public static func days<Bytes: Collection>(fromServer bytes: Bytes) -> Int32? where Bytes.Element == UInt8 {
        let suffix = Array(" BC".utf8)
        guard bytes.count == 13, bytes.suffix(3).elementsEqual(suffix), bytes.prefix(4).elementsEqual("0001".utf8) else {
            return DateFormat.parse(bytes)
        }
        return DateFormat.parse(Array("0000".utf8) + bytes.dropFirst(4).prefix(6))
    }

    /// The column type that holds an Amity type exactly.
    public static func type(_ type: DataType) -> String {
        switch type {
        case .int: return "bigint"
        case .float: return "double precision"
        case .bool: return "boolean"
        case .date: return "date"
        case .string: return "text"
        }
    }

    /// Keywords PostgreSQL reserves, fully or as column names, and type names that read
    /// oddly bare: a column with one of these names is quoted.
    static let keywords: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
        "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
        "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
        "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
        "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like",
        "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or",
        "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
        "session_user", "similar", "some", "symmetric", "table", "tablesample", "then", "to", "trailing", "true",
        "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with",
        "date", "time", "timestamp", "interval",
    ]
}
