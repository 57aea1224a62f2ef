import Foundation
import PostgresNIO

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

    init(_ error: any Error, address: ServerAddress? = nil, cancelled: Bool = false) {
        let place = address.map { "\($0.host):\($0.port)" } ?? "the server"
        guard let error = error as? PSQLError else {
            self.init(kind: .other, message: "\(error)")
            return
        }
        switch error.code {
        case .server:
            let info = error.serverInfo
            let state = info?[.sqlState]
            let text = info?[.message] ?? "the server rejected the statement"
            var kind = Kind.rejected
            switch state {
            case "28P01", "28000": kind = .authentication
            case "3D000": kind = .unknownDatabase
            case "57014": kind = cancelled ? .cancelled : .rejected
            case "57P01", "57P02", "57P03": kind = .connectionLost
            default: break
            }
            self.init(kind: kind, message: text, sqlState: state, position: info?[.position].flatMap { Int($0) },
                      hint: info?[.hint])
        case .authMechanismRequiresPassword:
            self.init(kind: .authentication, message: "\(place) asks for a password; give it in the URL, PGPASSWORD or ~/.pgpass")
        case .connectionError:
            let reason = error.underlying.map { "\($0)" } ?? "no answer"
            let refused = reason.lowercased().contains("refused")
            self.init(kind: .refused, message: refused ? "cannot connect to \(place): connection refused (is the server running?)"
                                                       : "cannot connect to \(place): \(reason)")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            self.init(kind: .connectionLost, message: "the connection to \(place) was lost")
        case .queryCancelled:
            self.init(kind: .cancelled, message: "cancelled")
        default:
            self.init(kind: .other, message: "\(error.code)")
        }
    }
}
