import Columnar

/// An error raised by the compiled SQL itself, where a value decides: a date that leaves
/// Amity's calendar, or text PostgreSQL would count or case-map otherwise than Amity.
///
/// PostgreSQL's SQL has no statement to raise an error, so the expression casts a marked text
/// to a number, which fails with the text in the server's message; ``parse(_:)`` reads it
/// back into Amity's error. The text depends on a row's value, so that PostgreSQL cannot fold
/// it while planning and fail where no row needs it.
public enum SQLFailure {
    static let marker = "amity:"

    /// An expression of `type` that fails with Amity's error `code` and `message` when it is
    /// evaluated; `row` is SQL over the row, which keeps it from being a constant (a null
    /// there must not make the failing text null).
    static func raise(_ code: String, _ message: String, type: DataType, row: String) -> String {
        let failing = "CAST(\(SQLText.string("\(marker)\(code):\(message)")) || left(COALESCE(CAST(\(row) AS text), ''), 0) AS bigint)"
        switch type {
        case .int: return failing
        case .float: return "CAST(\(failing) AS double precision)"
        case .string: return "CAST(\(failing) AS text)"
        case .date: return "(DATE '2000-01-01' + CAST(\(failing) AS integer))"
        case .bool: return "(\(failing) = 0)"
        }
    }

    /// The code and message of an error ``raise(_:_:type:row:)`` made, from the server's
    /// message (`invalid input syntax for type bigint: "amity:E0403:..."`); nil for others.
    public static func parse(_ serverMessage: String) -> (code: String, message: String)? {
        let opening = Array(("\"" + marker).utf8), bytes = Array(serverMessage.utf8)
        guard bytes.count >= opening.count,
              let start = (0...(bytes.count - opening.count)).first(where: { bytes[$0..<$0 + opening.count].elementsEqual(opening) })
        else { return nil }
        let rest = Substring(String(decoding: bytes[(start + opening.count)...], as: UTF8.self))
        guard let colon = rest.firstIndex(of: ":"), let end = rest.lastIndex(of: "\""), colon < end else { return nil }
        return (String(rest[..<colon]), String(rest[rest.index(after: colon)..<end]))
    }
}
