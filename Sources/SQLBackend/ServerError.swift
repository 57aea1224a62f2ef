import FoundationEssentials

/// What went wrong with the server, in words for the user: which of the usual things it was
/// (refused, login, no such database, cancelled, connection lost), or the server's own
/// message when it rejected a statement, with where in the SQL it points.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case refused, authentication, unknownDatabase, cancelled, connectionLost, rejected, other
    }

    public var kind: Kind
    public var message: String
    /// The server's SQLSTATE code, when it sent one (`42P01`: no such table).
    public var sqlState: String?
    /// Where in the statement the server points, a 1-based character offset.
    public var position: Int?
    /// The server's hint, when it gave one.
    public var hint: String?

    public init(kind: Kind = .other, message: String, sqlState: String? = nil, position: Int? = nil, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.position = position
        self.hint = hint
    }

    public var description: String { message }

    /// A connection that did not open, from libpq's message (its last line says why).
    init(connecting message: String, address: ServerAddress) {
        let place = "\(address.host):\(address.port)"
        let lines = message.split(whereSeparator: \.isNewline).map { String($0.drop(while: \.isWhitespace)) }
        var reason = lines.last ?? message
        if let fatal = reason.firstRange(of: "FATAL:") { reason = String(reason[fatal.upperBound...].drop(while: \.isWhitespace)) }
        let lower = message.lowercased()
        if lower.contains("connection refused") {
            self.init(kind: .refused, message: "cannot connect to \(place): connection refused (is the server running?)")
        } else if lower.contains("no password supplied") {
            self.init(kind: .authentication, message: "\(place) asks for a password; give it in the URL, PGPASSWORD or ~/.pgpass")
        } else if lower.contains("password authentication failed") {
            self.init(kind: .authentication, message: reason)
        } else if lower.contains("does not exist") {
            self.init(kind: .unknownDatabase, message: reason)
        } else {
            self.init(kind: .refused, message: "cannot connect to \(place): \(reason)")
        }
    }

    /// The server's error for a statement.
    init(server message: String, sqlState: String?, position: Int?, hint: String?) {
        var kind = Kind.rejected
        switch sqlState {
        case "57P01", "57P02", "57P03": kind = .connectionLost
        default: break
        }
        self.init(kind: kind, message: message, sqlState: sqlState, position: position, hint: hint)
    }
}
