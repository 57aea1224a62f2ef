import Columnar
import Glibc

/// One connection to a PostgreSQL server through libpq, PostgreSQL's own client library,
/// used synchronously, as the shell and the engine are. (libpq rather than an async Swift
/// client: it is small, so `amity` still starts in a few milliseconds; its API is
/// synchronous; and it sends PostgreSQL's real cancel request.)
///
/// A statement waiting for the server checks `isCancelled` twenty times a second; when it
/// turns true, a cancel request stops the statement and ``ServerError`` `.cancelled` is
/// thrown. A server that does not answer the cancel within 3 seconds has the connection
/// closed, so the prompt always comes back.
public final class ServerConnection: @unchecked Sendable {
    public let address: ServerAddress
    private var connection: OpaquePointer?
    private let pq: LibPQ

    private init(address: ServerAddress, connection: OpaquePointer, pq: LibPQ) {
        self.address = address
        self.connection = connection
        self.pq = pq
    }

    deinit { close() }

    /// Connects (waiting at most 10 seconds) and checks the server answers; a refused
    /// connection, a failed login or a missing database is a ``ServerError`` that says which.
    public static func connect(_ address: ServerAddress) throws -> ServerConnection {
        let pq = try LibPQ.loaded.get()
        var settings = [("host", address.host), ("port", String(address.port)), ("user", address.user),
                        ("dbname", address.database), ("connect_timeout", "10"), ("client_encoding", "UTF8"),
                        ("application_name", "amity")]
        if let password = address.password { settings.append(("password", password)) }
        let connection = withCStrings(settings.map(\.0)) { keys in
            withCStrings(settings.map(\.1)) { values in pq.connectdbParams(keys, values, 0) }
        }
        guard let connection else { throw ServerError(kind: .other, message: "out of memory while connecting") }
        guard pq.status(connection) == LibPQ.connectionOK else {
            let message = pq.errorMessage(connection).map { String(cString: $0) } ?? "no answer"
            pq.finish(connection)
            throw ServerError(connecting: message, address: address)
        }
        let server = ServerConnection(address: address, connection: connection, pq: pq)
        // Dates as ISO text, whatever the server's default; the server's notices ("table
        // does not exist, skipping") are not for the analyst.
        try server.execute("SET DateStyle = ISO")
        try server.execute("SET client_min_messages = warning")
        return server
    }

    /// Runs one statement and returns its rows as a table of the given column names and types
    /// (the server's values are converted to them, or the query fails).
    public func query(_ sql: String, names: [String], types: [DataType], isCancelled: () -> Bool = { false }) throws -> Table {
        let result = try run(sql, isCancelled: isCancelled)
        defer { pq.clear(result) }
        return try ResultDecoder.table(result, names: names, types: types, pq: pq)
    }

    /// Runs statements whose rows are not wanted (`CREATE`, `DROP`, `SET`).
    public func execute(_ sql: String, isCancelled: () -> Bool = { false }) throws {
        pq.clear(try run(sql, isCancelled: isCancelled))
    }

    /// Streams `COPY ... FROM STDIN` (the statement is given whole) in PostgreSQL's text
    /// format: `produce` is called for chunk after chunk until it returns nil, and may throw
    /// to stop (the COPY then fails as a whole).
    public func copy(_ statement: String, isCancelled: () -> Bool = { false }, produce: () throws -> [UInt8]?) throws {
        let connection = try open()
        guard pq.sendQuery(connection, statement) == 1 else { throw lost() }
        let start = try wait(isCancelled: isCancelled)
        guard pq.resultStatus(start) == LibPQ.copyIn else {
            defer {
                pq.clear(start)
                drain(connection)
            }
            throw failure(start) ?? ServerError(message: "the server did not start the COPY")
        }
        pq.clear(start)
        var stopped: Error?
        do {
            while let chunk = try produce() {
                if isCancelled() { throw ServerError(kind: .cancelled, message: "cancelled") }
                let sent = chunk.withUnsafeBufferPointer { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { self.pq.putCopyData(connection, $0.baseAddress, Int32($0.count)) }
                }
                guard sent == 1 else { throw lost() }
            }
        } catch {
            stopped = error
        }
        guard pq.putCopyEnd(connection, stopped == nil ? nil : "stopped by amity") == 1 else { throw lost() }
        let end = try wait(isCancelled: { false })
        defer {
            pq.clear(end)
            drain(connection)
        }
        if let stopped { throw stopped }
        if let error = failure(end) { throw error }
    }

    /// Closes the connection (once; later calls do nothing).
    public func close() {
        if let connection { pq.finish(connection) }
        connection = nil
    }

    // MARK: - Waiting for the server

    private func open() throws -> OpaquePointer {
        guard let connection, pq.status(connection) == LibPQ.connectionOK else { throw lost() }
        return connection
    }

    private func lost() -> ServerError {
        let detail = connection.flatMap { pq.errorMessage($0) }.map { String(cString: $0) }?.split(whereSeparator: \.isNewline).first.map { ": " + $0 } ?? ""
        return ServerError(kind: .connectionLost, message: "the connection to \(address.host):\(address.port) was lost\(detail)")
    }

    /// Sends `sql` and waits for its one result, which the caller clears.
    private func run(_ sql: String, isCancelled: () -> Bool) throws -> OpaquePointer {
        let connection = try open()
        guard pq.sendQuery(connection, sql) == 1 else { throw lost() }
        let result = try wait(isCancelled: isCancelled)
        drain(connection)
        if let error = failure(result) {
            pq.clear(result)
            throw error
        }
        return result
    }

    /// Reads a statement's results to the end: until then libpq refuses the next statement
    /// ("another command is already in progress").
    private func drain(_ connection: OpaquePointer) {
        while let more = pq.getResult(connection) { pq.clear(more) }
    }

    /// The next result, polling the socket so that a cancel is heard while the server works.
    private func wait(isCancelled: () -> Bool) throws -> OpaquePointer {
        let connection = try open()
        var cancelSent: Double?
        while pq.isBusy(connection) == 1 {
            var socket = pollfd(fd: pq.socket(connection), events: Int16(POLLIN), revents: 0)
            _ = poll(&socket, 1, 50)
            guard pq.consumeInput(connection) == 1 else { throw lost() }
            if cancelSent == nil && isCancelled() {
                cancelSent = MonotonicClock.seconds()
                sendCancel(connection)
            }
            if let sent = cancelSent, MonotonicClock.seconds() - sent > 3 {
                close()
                throw ServerError(kind: .cancelled, message: "cancelled; the server did not answer, so the connection was closed")
            }
        }
        guard let result = pq.getResult(connection) else { throw lost() }
        if cancelSent != nil, failure(result)?.sqlState == "57014" {
            pq.clear(result)
            drain(connection)
            throw ServerError(kind: .cancelled, message: "cancelled")
        }
        return result
    }

    private func sendCancel(_ connection: OpaquePointer) {
        guard let cancel = pq.getCancel(connection) else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = pq.cancel(cancel, &buffer, Int32(buffer.count))
        pq.freeCancel(cancel)
    }

    /// The server's error in a result, if it is one.
    private func failure(_ result: OpaquePointer) -> ServerError? {
        let status = pq.resultStatus(result)
        guard status == LibPQ.fatalError || status == LibPQ.badResponse || status == LibPQ.nonfatalError else {
            return nil
        }
        func field(_ code: Character) -> String? {
            pq.resultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        if pq.status(connection) != LibPQ.connectionOK { return lost() }
        return ServerError(server: field("M") ?? pq.resultErrorMessage(result).map { String(cString: $0) } ?? "error", sqlState: field("C"),
                           position: field("P").flatMap { Int($0) }, hint: field("H"))
    }
}


/// Calls `body` with the strings as a NULL-terminated array of C strings.
private func withCStrings<Result>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result) -> Result {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
