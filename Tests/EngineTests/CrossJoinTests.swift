import Columnar
import Diagnostics
import Driver
import Testing

/// `join cross` on products too big for the fixtures: every pair in order on any number of
/// threads, and the limits checked before any pair is made.
@Suite struct CrossJoinTests {
    /// `id` 0..<rows.
    static func table(rows: Int) -> Table {
        var id = ColumnBuilder(.int)
        for row in 0..<rows { id.append(.int(Int64(row))) }
        return Table(names: ["id"], columns: [id.build()])
    }

    static func session(left: Int, right: Int) -> Session {
        Session(tables: ["l": table(rows: left), "r": table(rows: right)])
    }

    @Test(arguments: [1, 2])
    func everyPairInOrderOnAnyThreads(threads: Int) throws {
        // 3,000 × 1,000 pairs: several chunks of work on several threads.
        let session = Self.session(left: 3_000, right: 1_000)
        session.threads = threads
        let (results, diagnostics) = session.run("l | where id % 2 == 0 | join cross r as b")
        #expect(diagnostics.isEmpty)
        guard case .table(let table, _)? = results.last else { return }
        #expect(table.rowCount == 1_500_000)
        for row in stride(from: 0, to: table.rowCount, by: 997) {
            #expect(table.columns[0][row] == .int(Int64(row / 1_000 * 2)), "left row of pair \(row)")
            #expect(table.columns[1][row] == .int(Int64(row % 1_000)), "right row of pair \(row)")
        }
        #expect(table.columns[0][table.rowCount - 1] == .int(2_998))
        #expect(table.columns[1][table.rowCount - 1] == .int(999))
    }

    /// A pair holds two row numbers, and one more for the left side's selection (the rows
    /// `where` kept), which is composed with them: 12 bytes.
    @Test func overTheMemoryLimitItStopsBeforeMakingPairs() {
        let session = Self.session(left: 20_000, right: 10_000)
        session.memoryLimit = 100 << 20
        let source = SourceFile(name: "q.q", text: "l | where id >= 0\n  | join cross r as b\n  | count")
        let (_, diagnostics) = session.run(source)
        #expect(DiagnosticRenderer().render(diagnostics, in: source) == """
            q.q:2:5: error: the cross join needs 20000 × 10000 = 200000000 rows (2.2 GB), over the memory limit of 100 MB
              2 |   | join cross r as b
                |     ^^^^^^^^^^^^^^^^^
                = help: filter or take fewer rows on either side first, or raise the limit with --memory-limit

            """)
    }

    @Test func moreRowsThanAResultMayHaveIsAnError() {
        let session = Self.session(left: 50_000, right: 50_000)
        session.memoryLimit = 1 << 40
        let (_, diagnostics) = session.run("l | join cross r as b | count")
        #expect(diagnostics.first?.code == "E0451")
        #expect(diagnostics.first?.message == "the cross join would give 50000 × 50000 = 2500000000 rows, more than the 2147483647 a result may have")
    }

    @Test func aFilterOnOneSideRunsOnThatSideOnly() {
        // Filtered before the product, the pairs fit; after it, 200 million would not.
        let session = Self.session(left: 20_000, right: 10_000)
        session.memoryLimit = 100 << 20
        let (results, diagnostics) = session.run("l | join cross r as b | where l.id < 10 and b.id < 5 | count")
        #expect(diagnostics.isEmpty, "\(diagnostics.first?.message ?? "")")
        guard case .table(let table, _)? = results.last else { return }
        #expect(table.columns[0][0] == .int(50))
    }
}
