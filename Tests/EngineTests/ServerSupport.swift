import Columnar
import Driver
import Foundation
import SQLBackend

/// A PostgreSQL server for the tests that need one: `AMITY_TEST_POSTGRES_URL` names it
/// (`scripts/test` starts a throwaway cluster and sets it). Each test gets a database of its
/// own, so tests running at once do not see each other's tables.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["AMITY_TEST_POSTGRES_URL"]
    static var isAvailable: Bool { url != nil }

    /// A new, empty database; its URL.
    static func freshDatabase(_ name: String) throws -> String {
        guard let url, let address = try? ServerAddress(url: url) else { throw ServerError(message: "no test server") }
        let admin = try ServerConnection.connect(address)
        defer { admin.close() }
        try admin.execute("DROP DATABASE IF EXISTS \(name)")
        try admin.execute("CREATE DATABASE \(name)")
        let password = address.password.map { ":" + $0 } ?? ""
        return "postgres://\(address.user)\(password)@\(address.host):\(address.port)/\(name)"
    }

    /// A session connected to a fresh database holding `tables`, pushed by `.push`.
    static func session(_ database: String, tables: [String: Table]) throws -> Session {
        let session = Session(tables: tables)
        session.seed = 42
        _ = try session.connect(try freshDatabase(database))
        for name in tables.keys.sorted() { _ = try session.push(name, as: nil) }
        return session
    }
}

/// Where two results differ, or nil when they hold the same rows in the same order. Floats
/// agree to a relative 1e-9 (PostgreSQL may add in another order); NaN equals NaN.
func firstDifference(_ memory: Table, _ server: Table) -> String? {
    guard memory.fields.map(\.type) == server.fields.map(\.type) else {
        return "types \(memory.fields.map(\.type)) vs \(server.fields.map(\.type))"
    }
    guard memory.rowCount == server.rowCount else { return "\(memory.rowCount) rows vs \(server.rowCount)" }
    for row in 0..<memory.rowCount {
        for (a, b) in zip(memory.row(row), server.row(row)) where !sameValue(a, b) {
            return "row \(row + 1): \(memory.row(row)) vs \(server.row(row))"
        }
    }
    return nil
}

func sameValue(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.float(let x), .float(let y)):
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
        if x == y { return true }
        return abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    default:
        return a == b
    }
}
