import Charts
import Columnar
import Glibc
import Diagnostics
import Driver
import Engine
import Parser
import Shell
import Syntax

/// What the fuzzer feeds arbitrary bytes to. Each target must return normally for every
/// input: a trap, a sanitizer report or a hang is a bug.
enum FuzzTarget: String, CaseIterable {
    /// The lexer and parser, then the diagnostics renderer and the tree dump.
    case parse
    /// Whole statements against the bundled tables (read from the CSV files in
    /// AMITY_FUZZ_DATA, the repository's datasets/ folder), in safe mode; results rendered
    /// in every output format, charts at a terminal of two sizes and as SVG. Each input also runs with the optimizer off, and where both
    /// runs succeed their results must be the same.
    case query
    /// The CSV, TSV and JSON loader; the first byte picks the format, the rest is the file.
    case load

    /// Runs on a large stack, as `amity` does: expression trees may be 10,000 nodes tall.
    func run(_ bytes: [UInt8]) {
        LargeStack.run {
            switch self {
            case .parse: Self.parse(bytes)
            case .query: Self.query(bytes)
            case .load: Self.load(bytes)
            }
        }
    }

    private static func parse(_ bytes: [UInt8]) {
        let source = SourceFile(name: "fuzz.q", bytes: bytes)
        let result = Parser.parse(source)
        _ = DiagnosticRenderer(useColor: true).render(result.diagnostics, in: source)
        _ = TreeDump.dump(result.statements)
    }

    /// One session for the whole run: building it per input would make the fuzzer slow.
    /// Statements that define tables (`let`) change it, so state carries over, as in a REPL.
    /// The build plugin that compiles the tables into `amity` cannot be built with the
    /// fuzzer's flags, so the tables are read from their CSV files.
    nonisolated(unsafe) private static var session: Session = makeSession(optimizes: true)
    /// The same statements, run as written: the optimizer must change nothing but speed.
    nonisolated(unsafe) private static var asWritten: Session = makeSession(optimizes: false)

    private static func makeSession(optimizes: Bool) -> Session {
        let session = Session()
        session.optimizes = optimizes
        // Both sessions sample alike, so a `sample` gives the same rows with and without the optimizer.
        session.seed = 1
        let folder = getenv("AMITY_FUZZ_DATA").map { String(cString: $0) } ?? "datasets"
        for name in ["agreements", "aid", "cities", "countries", "provinces", "totals", "visits"] {
            guard let bytes = try? FileBytes.read("\(folder)/\(name).csv"),
                  let (loaded, _) = try? DataFileReader.read(bytes, path: "\(name).csv") else {
                fail("amity-fuzz: cannot load \(folder)/\(name).csv; set AMITY_FUZZ_DATA to the datasets folder")
            }
            session.define(table: loaded.table, as: name)
        }
        session.enterSafeMode()
        return session
    }

    private static func query(_ bytes: [UInt8]) {
        let source = SourceFile(name: "fuzz.q", bytes: bytes)
        let (results, diagnostics) = session.run(source)
        _ = DiagnosticRenderer().render(diagnostics, in: source)
        let written = asWritten.run(source)
        if diagnostics.isEmpty, written.diagnostics.isEmpty {
            for (fast, slow) in zip(results, written.results) {
                guard case .table(let a, let namesA) = fast, case .table(let b, let namesB) = slow else { continue }
                if namesA != namesB || !sameCells(a, b) {
                    // A crash, so the fuzzer keeps the input.
                    let message = "amity-fuzz: the optimized plan gave another result than the plan as written\n"
                    _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
                    abort()
                }
            }
        }
        // Keep both sessions' tables alike, whichever run failed.
        for (name, table) in session.tables { asWritten.define(table: table, as: name) }
        for case .table(let table, let names) in results {
            for format in OutputFormat.allCases {
                _ = ResultFormatter(format: format, maxRows: 40, maxWidth: 80, useColor: true).render(table, columnNames: names)
            }
        }
        for case .chart(let table, _, let request) in results {
            // The map without its borders: drawing the world each time would be all the fuzzer did.
            let renderer = ChartRenderer(spec: request.spec, table: table)
            _ = renderer.terminal(width: 80, height: 24, color: true)
            _ = renderer.terminal(width: 20, height: 5, color: false)
            _ = renderer.svg()
        }
    }

    /// Cell by cell, as printed (so NaN equals NaN).
    private static func sameCells(_ a: Table, _ b: Table) -> Bool {
        guard a.rowCount == b.rowCount, a.columns.count == b.columns.count else { return false }
        for (x, y) in zip(a.columns, b.columns) where x.type != y.type { return false }
        for row in 0..<a.rowCount where a.row(row).map(\.description) != b.row(row).map(\.description) { return false }
        return true
    }

    private static func load(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let path = ["fuzz.csv", "fuzz.tsv", "fuzz.json", "fuzz.ndjson", "fuzz"][Int(selector) % 5]
        let declared: [String: DataType] = selector & 0x80 != 0 ? ["a": .int, "b": .float, "c": .date, "d": .string] : [:]
        guard let (loaded, _) = try? DataFileReader.read(Array(bytes.dropFirst()), path: path, declaredTypes: declared) else {
            return
        }
        _ = ResultFormatter(format: .table, maxRows: 10, maxWidth: 80).render(loaded.table, columnNames: loaded.table.names)
        _ = ResultFormatter(format: .json).render(loaded.table, columnNames: loaded.table.names)
    }
}
