import BundledData
import Columnar
import Diagnostics
import Driver
import Foundation
import GoldenSupport
import Synthetic
import Testing

/// The same pipelines in memory and on PostgreSQL, over the same tables, compared row for
/// row: random pipelines (joins, unions, aggregates, nulls, edge values) and the bundled
/// tables' reference questions. A pipeline the compiler refuses (E0700) is counted, not
/// compared; one that fails in memory must fail on the server too, and the other way round.
@Suite(.enabled(if: TestServer.isAvailable, "needs AMITY_TEST_POSTGRES_URL; scripts/test starts a server"), .serialized)
struct ServerDifferentialTests {
    struct Tally: CustomStringConvertible {
        var compared = 0, bothFailed = 0, notCompiled = 0
        /// PostgreSQL refuses float arithmetic that leaves the doubles (docs/scale-out.md);
        /// Amity gives inf or 0, as IEEE 754 does.
        var floatRange = 0
        var disagreements: [String] = []
        /// Pipelines compared with a window, a pivot or an unpivot in them: the stages the
        /// generator writes seldom succeed after others, so the count is worth seeing.
        var windows = 0, pivots = 0, unpivots = 0, subqueries = 0
        var description: String {
            "\(compared) compared (\(windows) with windows, \(pivots) with pivot, \(unpivots) with unpivot, \(subqueries) with a pipeline in an expression), "
                + "\(bothFailed) failed on both, \(notCompiled) not compiled, "
                + "\(floatRange) float range errors on the server only, \(disagreements.count) disagreements"
        }
    }

    /// Runs `query` both ways and counts what happened.
    static func compare(_ query: String, memory: Session, server: Session, into tally: inout Tally) {
        let inMemory = memory.run(query), onServer = server.run(query)
        if onServer.diagnostics.first?.code == "E0700" {
            tally.notCompiled += 1
            return
        }
        switch (inMemory.diagnostics.first, onServer.diagnostics.first) {
        case (nil, nil):
            guard case .table(let a, _)? = inMemory.results.last, case .table(let b, _)? = onServer.results.last else { return }
            tally.compared += 1
            let stages = query.split(separator: "|")
            if stages.contains(where: { $0.contains("derive") && ($0.contains(" sort ") || $0.contains(" by ")) }) { tally.windows += 1 }
            if query.contains("| pivot") { tally.pivots += 1 }
            if query.contains("| unpivot") { tally.unpivots += 1 }
            if query.contains(" in (") || query.contains("> (") || query.contains("= (") { tally.subqueries += 1 }
            if let difference = firstDifference(a, b) { tally.disagreements.append("\(query)\n  \(difference)") }
        case (.some, .some):
            tally.bothFailed += 1
        case (.some(let error), nil):
            tally.disagreements.append("\(query)\n  fails in memory only: \(error.message)")
        case (nil, .some(let error)) where error.message.hasSuffix("value out of range: overflow")
            || error.message.hasSuffix("value out of range: underflow"):
            tally.floatRange += 1
        case (nil, .some(let error)):
            tally.disagreements.append("\(query)\n  fails on the server only: \(error.message)")
        }
    }

    static let seeds = Int(ProcessInfo.processInfo.environment["AMITY_SERVER_SEEDS"] ?? "") ?? 12

    @Test func randomPipelinesGiveTheSameRows() throws {
        var total = Tally()
        for seed in 0..<UInt64(Self.seeds) {
            let tables = ["t": PropertyTests.table(seed: seed, rows: 200), "u": PropertyTests.table(seed: seed + 99, rows: 40)]
            let memory = Session(tables: tables)
            let server = try TestServer.session("amity_random_\(seed)", tables: tables)
            defer { server.disconnect() }
            var generator = RandomQueryTests.Generator(random: SplitMix64(seed: seed &* 7919 &+ 1))
            for _ in 0..<150 { Self.compare(generator.pipeline(), memory: memory, server: server, into: &total) }
        }
        print("random pipelines on PostgreSQL: \(total)")
        #expect(total.disagreements.isEmpty, "\(total)\n\(total.disagreements.prefix(10).joined(separator: "\n"))")
        // The generator also writes pipelines that fail (on purpose: type errors, overflow).
        #expect(total.compared >= 40 * Self.seeds, "enough pipelines should compile and run: \(total)")
    }
}

/// The reference's examples (docs/language.md), on the bundled tables pushed to the server.
@Suite(.enabled(if: TestServer.isAvailable, "needs AMITY_TEST_POSTGRES_URL; scripts/test starts a server"), .serialized)
struct ServerReferenceTests {
    static func examples() throws -> [String] {
        let text = try String(contentsOf: GoldenFiles.testsFolder.deletingLastPathComponent().appendingPathComponent("docs/language.md"),
                              encoding: .utf8)
        var blocks: [String] = [], current: [String]?
        for line in text.components(separatedBy: "\n") {
            if line == "```amity" { current = [] } else if line.hasPrefix("```"), let block = current {
                blocks.append(block.joined(separator: "\n"))
                current = nil
            } else { current?.append(line) }
        }
        return blocks
    }

    @Test func referenceExamplesGiveTheSameRows() throws {
        var tables: [String: Table] = [:]
        for (name, table) in try BundledDatasets.tables() { tables[name] = table }
        let memory = Session(tables: tables)
        memory.seed = 42
        let server = try TestServer.session("amity_reference", tables: tables)
        defer { server.disconnect() }
        var tally = ServerDifferentialTests.Tally()
        // Statements that read files or run dot commands stay in memory; the rest go both ways.
        for example in try Self.examples() where !example.contains("load ") && !example.contains("\n.") && !example.hasPrefix(".") {
            ServerDifferentialTests.compare(example, memory: memory, server: server, into: &tally)
        }
        print("reference examples on PostgreSQL: \(tally)")
        #expect(tally.disagreements.isEmpty, "\(tally)\n\(tally.disagreements.prefix(10).joined(separator: "\n"))")
        #expect(tally.compared >= 30, "\(tally)")
    }

    /// Aggregates, joins and filters run on the server: its plan does the work, and only the
    /// result comes back.
    @Test func theServerDoesTheWork() throws {
        var tables: [String: Table] = [:]
        for (name, table) in try BundledDatasets.tables() where ["agreements", "cities"].contains(name) { tables[name] = table }
        let server = try TestServer.session("amity_plans", tables: tables)
        defer { server.disconnect() }
        let query = "explain agreements | where year >= 2000 | join cities as p on partner_id == p.city_id "
            + "| summarize n = count() by p.country | top 3 by n desc"
        guard case .explanation(let text)? = server.run(query).results.last else {
            Issue.record("no explanation: \(server.run(query).diagnostics)")
            return
        }
        #expect(text.contains("PostgreSQL's plan:"))
        #expect(text.contains("Aggregate"), "the server groups: \(text)")
        #expect(text.contains("Join"), "the server joins: \(text)")
        #expect(text.contains("Filter: (agreements.year >= 2000)") || text.contains("year >= 2000"), "the server filters: \(text)")
        #expect(text.contains("Limit"), "the server takes the top rows: \(text)")

        // Windows and pivots too: PostgreSQL's WindowAgg numbers the rows, its Aggregate pivots.
        let windowed = "explain cities | derive r = rank() by country sort population desc | where r <= 2 "
            + "| pivot r using n = count() by continent"
        guard case .explanation(let plan)? = server.run(windowed).results.last else {
            Issue.record("no explanation: \(server.run(windowed).diagnostics)")
            return
        }
        #expect(plan.contains("WindowAgg"), "the server ranks: \(plan)")
        #expect(plan.contains("Aggregate"), "the server pivots: \(plan)")
        // PostgreSQL 15 stops each partition's ranking at the limit ("Run Condition").
        #expect(plan.contains("Filter") || plan.contains("Run Condition"), "the server filters the ranks: \(plan)")
    }
}
