import Columnar
import Diagnostics
import Driver
import Foundation
import SQLBackend
import Testing

/// Server addresses as users write them (no server needed), and what the user is told when
/// the server refuses, rejects or drops the connection (with the test server).
@Suite struct ServerAddressTests {
    @Test func urlsAreRead() throws {
        let full = try ServerAddress(url: "postgres://ana:s%40cret@db.example.org:6543/relations", environment: [:], home: nil)
        #expect(full == ServerAddress(user: "ana", password: "s@cret", host: "db.example.org", port: 6543, database: "relations"))
        #expect(full.description == "postgres://ana@db.example.org:6543/relations", "the password is never shown")
        let plain = try ServerAddress(url: "postgresql://ana@localhost/x", environment: ["PGPASSWORD": "env"], home: nil)
        #expect(plain.port == 5432 && plain.password == "env")
        let defaults = try ServerAddress(url: "postgres://", environment: ["USER": "li"], home: nil)
        #expect(defaults.user == "li" && defaults.host == "localhost" && defaults.database == "li")
    }

    @Test func badUrlsSayWhy() {
        for (url, reason) in [("mysql://x", "postgres://USER@HOST:PORT/DATABASE"), ("postgres://a@h:99999/d", "port must be"),
                              ("postgres://a@h:x/d", "port must be")] {
            #expect(throws: ServerAddress.Invalid.self) { try ServerAddress(url: url, environment: [:], home: nil) }
            let message = (try? ServerAddress(url: url, environment: [:], home: nil)).map { _ in "" }
                ?? { do { _ = try ServerAddress(url: url, environment: [:], home: nil); return "" } catch let error as ServerAddress.Invalid { return error.reason } catch { return "" } }()
            #expect(message.contains(reason), "\(url): \(message)")
        }
    }

    @Test func thePasswordFileIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        try "# comment\nother:5432:*:ana:no\ndb:*:rel:ana:pa\\:ss\n*:*:*:*:fallback\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let address = try ServerAddress(url: "postgres://ana@db:7000/rel", environment: ["PGPASSFILE": path], home: nil)
        #expect(address.password == "pa:ss")
        let other = try ServerAddress(url: "postgres://bo@elsewhere/rel", environment: ["PGPASSFILE": path], home: nil)
        #expect(other.password == "fallback")
    }
}

@Suite(.enabled(if: TestServer.isAvailable, "needs AMITY_TEST_POSTGRES_URL; scripts/test starts a server"), .serialized)
struct ServerConnectionTests {
    func failure(_ work: () throws -> Void) -> String {
        do { try work() } catch let error as SessionError { return error.message } catch { return "\(error)" }
        return "(no error)"
    }

    @Test func refusedAndFailedConnectionsAreNamed() throws {
        let address = try ServerAddress(url: TestServer.url!)
        let session = Session()
        #expect(failure { _ = try session.connect("postgres://\(address.user):wrong@\(address.host):\(address.port)/postgres") }
            .contains("password authentication failed"))
        #expect(failure { _ = try session.connect("postgres://\(address.user)@127.0.0.1:1/postgres") }.contains("connection refused"))
        let password = address.password.map { ":" + $0 } ?? ""
        #expect(failure { _ = try session.connect("postgres://\(address.user)\(password)@\(address.host):\(address.port)/no_such_db") }
            .contains("does not exist"))
        #expect(session.server == nil, "a failed connect leaves the session in memory")
    }

    @Test func safeModeRefusesConnectAndPush() {
        let session = Session(tables: ["t": Table(names: ["a"], columns: [Column(.int([1]))])])
        session.enterSafeMode()
        #expect(failure { _ = try session.connect(TestServer.url!) }.contains("safe mode"))
        #expect(failure { _ = try session.push("t", as: nil) }.contains("safe mode"))
    }

    @Test func aLostConnectionIsReportedAndTheSessionGoesOn() throws {
        let table = Table(names: ["a"], columns: [Column(.int([1, 2, 3]))])
        let session = try TestServer.session("amity_lost", tables: ["t": table])
        #expect(session.run("t | count").diagnostics.isEmpty)
        // Another connection ends this one's server process.
        let admin = try ServerConnection.connect(try ServerAddress(url: TestServer.url!))
        defer { admin.close() }
        try admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'amity_lost' AND pid <> pg_backend_pid()")
        let lost = session.run("t | count")
        #expect(lost.diagnostics.first?.message.contains("was lost") == true, "\(lost.diagnostics)")
        #expect(session.server == nil)
        guard case .table(let count, _)? = session.run("t | count").results.last else {
            Issue.record("the in-memory table is back")
            return
        }
        #expect(count.row(0) == [.int(3)])
    }

    /// Tab's look-ups of values run with a short limit: the server stops a slow one.
    @Test func aStatementTimeoutStopsASlowQueryOnly() throws {
        let numbers = Table(names: ["a"], columns: [Column(.int(Array(0..<3_000)))])
        let session = try TestServer.session("amity_timeout", tables: ["t": numbers])
        defer { session.disconnect() }
        session.serverTimeoutMilliseconds = 1
        let slow = session.run("t | join cross t as u | join cross t as v | summarize n = count_distinct(t.a + u.a * v.a)")
        #expect(slow.diagnostics.first?.message.contains("statement timeout") == true, "\(slow.diagnostics)")
        session.serverTimeoutMilliseconds = nil
        guard case .table(let count, _)? = session.run("t | count").results.last else {
            Issue.record("the session answers after a timeout")
            return
        }
        #expect(count.row(0) == [.int(3_000)])
    }

    /// Overflow and division by zero read as they do in memory, at the stage that failed.
    @Test func arithmeticErrorsHaveAmitysWords() throws {
        let table = Table(names: ["n"], columns: [Column(.int([1, 2, 0]))])
        let memory = Session(tables: ["t": table])
        let session = try TestServer.session("amity_arithmetic", tables: ["t": table])
        defer { session.disconnect() }
        for (query, words) in [("t | where n > 0 | select x = n * 9_223_372_036_854_775_807", "integer overflow"),
                               ("t | select x = 10 // n", "integer division by zero")] {
            let inMemory = memory.run(query).diagnostics.first, onServer = session.run(query).diagnostics.first
            #expect(inMemory?.message.hasPrefix(words) == true, "\(query): \(String(describing: inMemory))")
            #expect(onServer?.message == words, "\(query): \(String(describing: onServer))")
            #expect(onServer?.code == inMemory?.code)
            #expect(onServer?.help == inMemory?.help)
        }
    }

    /// A table loaded or kept in memory while connected is not the server's: the error says
    /// how to reach it.
    @Test func anInMemoryTableWhileConnectedSaysHowToReachIt() throws {
        let table = Table(names: ["a"], columns: [Column(.int([1]))])
        let session = try TestServer.session("amity_hint", tables: ["t": table])
        defer { session.disconnect() }
        session.define(table: table, as: "local")
        let error = session.run("local | count").diagnostics.first
        #expect(error?.message == "unknown table 'local'")
        #expect(error?.notes.contains { $0.contains("'.push local' uploads it") } == true, "\(String(describing: error))")
        #expect(session.run("nowhere | count").diagnostics.first?.notes.isEmpty == true)
    }

    @Test func pushedTablesKeepTheirValues() throws {
        let text = "i,f,b,d,s\n1,1.5,true,2024-02-29,北京\n,,,,\n-7,-0.0,false,1970-01-01,\"tab\there \\\\ \"\"quoted\"\"\nline\"\n"
        let table = try CSVReader().read(Array(text.utf8))
        let session = try TestServer.session("amity_values", tables: ["t": table])
        guard case .table(let back, _)? = session.run("t").results.last else {
            Issue.record("\(session.run("t").diagnostics)")
            return
        }
        #expect(firstDifference(table, back) == nil)
    }
}
