import Columnar
import Dispatch
import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// One connection to a PostgreSQL server, used synchronously: the shell and the engine wait
/// for each answer, and the async client never leaves this module. A statement waiting for
/// the server checks `isCancelled` twenty times a second; when it turns true, PostgreSQL's
/// own cancel (`pg_cancel_backend`, from a second connection) stops the query and
/// ``ServerError/cancelled`` is thrown.
public final class ServerConnection: @unchecked Sendable {
    public let address: ServerAddress
    private let connection: PostgresConnection
    /// The server process serving this connection, which a cancel names.
    private let backendProcess: Int32
    private let closed = Mutex(false)
    private let logger: Logger = {
        var logger = Logger(label: "amity.postgres")
        logger.logLevel = .critical
        return logger
    }()

    private init(address: ServerAddress, connection: PostgresConnection, backendProcess: Int32) {
        self.address = address
        self.connection = connection
        self.backendProcess = backendProcess
    }

    /// Connects and checks the server answers; a refused connection, a failed login or a
    /// missing database is a ``ServerError`` that says which.
    public static func connect(_ address: ServerAddress, isCancelled: @escaping () -> Bool = { false }) throws -> ServerConnection {
        let connection = try waiting(address: address, isCancelled: isCancelled, onCancel: {}) {
            try await PostgresConnection.connect(configuration: configuration(address), id: 1, logger: Logger(label: "amity.postgres"))
        }
        do {
            let rows = try waiting(address: address, isCancelled: isCancelled, onCancel: {}) {
                try await connection.query("SELECT pg_backend_pid()", logger: Logger(label: "amity.postgres")).collect()
            }
            let process = try rows.first?.decode(Int32.self) ?? 0
            return ServerConnection(address: address, connection: connection, backendProcess: process)
        } catch {
            try? connection.close().wait()
            throw ServerError(error, address: address)
        }
    }

    static func configuration(_ address: ServerAddress) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(host: address.host, port: address.port, username: address.user,
                                                             password: address.password, database: address.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// Runs one statement and returns its rows as a table of the given column names and types
    /// (the server's values are converted to them, or the query fails).
    public func query(_ sql: String, names: [String], types: [DataType], isCancelled: @escaping () -> Bool = { false }) throws -> Table {
        try checkOpen()
        let connection = connection, logger = logger, address = address
        let rows = try Self.waiting(address: address, isCancelled: isCancelled, onCancel: { [weak self] in self?.cancelRunningQuery() },
                                      onAbandon: { [weak self] in self?.abandon() }) {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
        }
        return try ResultDecoder.table(rows, names: names, types: types)
    }

    /// Runs statements whose rows are not wanted (`CREATE`, `DROP`, `SET`).
    public func execute(_ sql: String, isCancelled: @escaping () -> Bool = { false }) throws {
        _ = try query(sql, names: [], types: [], isCancelled: isCancelled)
    }

    /// Streams `COPY table (columns) FROM STDIN` in PostgreSQL's text format: `produce` is
    /// called for chunk after chunk until it returns nil, and may throw to stop (nothing is
    /// then kept: the COPY fails as a whole).
    public func copy(into table: String, columns: [String], isCancelled: @escaping () -> Bool = { false },
                     produce: @escaping @Sendable () throws -> [UInt8]?) throws {
        try checkOpen()
        let connection = connection, logger = logger, address = address
        try Self.waiting(address: address, isCancelled: isCancelled, onCancel: { [weak self] in self?.cancelRunningQuery() },
                                      onAbandon: { [weak self] in self?.abandon() }) {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                while let chunk = try produce() {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
            }
        }
    }

    /// A statement written to a connection the server has closed would wait for ever (the
    /// client drops it): a closed connection is reported before anything is sent.
    private func checkOpen() throws {
        if connection.isClosed {
            throw ServerError(kind: .connectionLost, message: "the connection to \(address.host):\(address.port) was lost")
        }
    }

    /// Asks the server to stop this connection's running statement, from a second connection.
    public func cancelRunningQuery() {
        let address = address, process = backendProcess
        Task(executorPreference: ServerExecutor.shared) {
            guard let other = try? await PostgresConnection.connect(configuration: Self.configuration(address), id: 2,
                                                                    logger: Logger(label: "amity.postgres")) else { return }
            _ = try? await other.query("SELECT pg_cancel_backend(\(process))", logger: Logger(label: "amity.postgres")).collect()
            try? await other.close()
        }
    }

    /// Closes the channel without waiting for the server: what is left when it stops answering.
    private func abandon() {
        let future: EventLoopFuture<Void> = connection.close()
        _ = future
    }

    /// Closes the connection (once; later calls do nothing).
    public func close() {
        guard !closed.withLock({ closed in defer { closed = true }; return closed }) else { return }
        try? connection.close().wait()
    }

    deinit { close() }

    /// Waits for async work, polling `isCancelled`; a server error becomes a ``ServerError``.
    @discardableResult
    static func waiting<Result: Sendable>(address: ServerAddress, isCancelled: () -> Bool, onCancel: () -> Void,
                                          onAbandon: () -> Void = {},
                                          _ work: @escaping @Sendable () async throws -> Result) throws -> Result {
        let outcome = Outcome<Result>()
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: ServerExecutor.shared) {
            do {
                outcome.value = .success(try await work())
            } catch {
                outcome.value = .failure(error)
            }
            done.signal()
        }
        var cancelSent: DispatchTime?
        while done.wait(timeout: .now() + 0.05) == .timedOut {
            if cancelSent == nil && isCancelled() {
                cancelSent = .now()
                onCancel()
            }
            // A server (or network) that does not answer a cancel must not keep the prompt:
            // the connection is given up, and the next statement says it was lost.
            if let sent = cancelSent, DispatchTime.now().uptimeNanoseconds - sent.uptimeNanoseconds > 3_000_000_000 {
                onAbandon()
                throw ServerError(kind: .cancelled, message: "cancelled; the server did not answer, so the connection was closed")
            }
        }
        switch outcome.value {
        case .success(let value)?: return value
        case .failure(let error)?: throw error is ServerError ? error : ServerError(error, address: address, cancelled: cancelSent != nil)
        case nil: throw ServerError(message: "the server's answer was lost")
        }
    }
}

/// What async work left for the thread waiting on it.
private final class Outcome<Value>: @unchecked Sendable {
    var value: Result<Value, any Error>?
}
