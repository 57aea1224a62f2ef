import Foundation
import Testing

/// Runs the built `amity` executable the way users and scripts do.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable sits next to the test bundle in the build folder.
    static let executable: URL = {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("amity").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("amity")
    }()

    func amity(_ arguments: [String], stdin: String? = nil, folder: String? = nil, environment extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                   stderr: String(decoding: err, as: UTF8.self))
    }

    func script(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("amity-\(UUID().uuidString).q").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A chain of thousands of terms is a tall tree, not nesting: every stage walks it on the
    /// large stack the program runs on, in a debug build too.
    @Test func aSumOfThousandsOfTermsRuns() throws {
        let terms = Array(repeating: "population", count: 3_000).joined(separator: " + ")
        let run = try amity(["-c", "cities | where name == \"Haikou\" | select s = \(terms) - 2999 * population, population"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "s,population\n2873358,2873358\n")
        let tooTall = try amity(["-c", "1" + String(repeating: " + 1", count: 10_000)])
        #expect(tooTall.status == 1)
        #expect(tooTall.stderr.contains("expression too deeply nested: more than 10000 levels"))
    }

    /// In a pipe a chart passes its rows on, in the pipe's format; `to` writes the SVG there
    /// too, and a chart's errors exit 1 with the place.
    @Test func aChartInAPipeGivesItsRowsOrItsFile() throws {
        let query = "aid | summarize v = sum(quantity) by item | top 2 by v desc | chart bar item, v"
        let piped = try amity(["-c", query])
        #expect(piped.status == 0 && piped.stdout == "item,v\nmasks,3344760\nppe,200000\n", "\(piped)")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("amity-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let written = try amity(["-c", query + " to \"\(path)\""])
        #expect(written.status == 0 && written.stdout.isEmpty && written.stderr.hasPrefix("wrote \(path)"), "\(written)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("</svg>"))
        let wrong = try amity(["-c", "cities | chart hist name"])
        #expect(wrong.status == 1 && wrong.stderr.contains("<command line>:1:21: error: chart hist needs numbers"), "\(wrong)")
        let safe = try amity(["--safe", "-c", query + " to \"\(path).x.svg\""])
        #expect(safe.status == 1 && safe.stderr.contains("not allowed in safe mode"), "\(safe)")
    }

    @Test func checkAcceptsAValidScript() throws {
        let path = try script("cities | where country == \"Japan\" | take 5\nlet x = @2020-01-01\n")
        let run = try amity(["--check", path])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
    }

    @Test func checkReportsEveryIndependentErrorAndExitsOne() throws {
        let path = try script("cities | wher x\naid | where | take 5\nvisits | take 5x\n")
        let run = try amity(["--check", path])
        #expect(run.status == 1)
        #expect(run.stderr.components(separatedBy: ": error: ").count - 1 == 3)
        #expect(run.stderr.contains("\(path):1:10: error: unknown stage 'wher'"))
        #expect(run.stderr.contains("\(path):2:13: error: expected an expression after 'where', found '|'"))
        #expect(run.stderr.contains("\(path):3:15: error: invalid number '5x'"))
        #expect(run.stderr.contains("    |             ^\n"))
        #expect(run.stdout.isEmpty)
    }

    @Test func dumpASTPrintsTheTree() throws {
        let run = try amity(["--dump-ast", "-c", "cities | take 5"])
        #expect(run.status == 0)
        #expect(run.stdout == "(pipeline cities\n  (take 5))\n")
    }

    @Test func readsPipedInput() throws {
        let run = try amity(["--check"], stdin: "aid\n| where x |\n  count\n")
        #expect(run.status == 0)
        let bad = try amity(["--check"], stdin: "aid | where (\n")
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("<stdin>:2:1: error: expected an expression"))
    }

    @Test func fileAndUsageErrorsExitTwo() throws {
        let missing = try amity(["--check", "/nonexistent/report.q"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read '/nonexistent/report.q'"))
        let directory = try amity(["--check", "/tmp"])
        #expect(directory.status == 2)
        let flag = try amity(["--no-such-flag"])
        #expect(flag.status == 2)
        #expect(!flag.stderr.isEmpty)
    }

    /// One rule: 2 is the command line's own problem (an option, a script or data folder it
    /// names); a statement that fails, a `load` of a missing or broken file included, is 1.
    /// Every failed load says "cannot load 'PATH': why", the data file's place in a note.
    @Test func aFailedLoadStatementExitsOneWithOneFormOfMessage() throws {
        let missing = try amity(["-c", "load \"/nonexistent.csv\" as x"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: cannot load '/nonexistent.csv': No such file or directory"), "\(missing.stderr)")
        let binary = try amity(["-c", "load \"/bin/ls\" as x"])
        #expect(binary.status == 1)
        #expect(binary.stderr.contains("error: cannot load '/bin/ls': invalid UTF-8"), "\(binary.stderr)")
        #expect(binary.stderr.contains("= note: at /bin/ls:1:1"), "\(binary.stderr)")
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tables").path

    @Test func loadsFromANamedPipe() throws {
        // A pipe cannot be read in windows or opened twice: it is read whole, once.
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("amity-\(UUID().uuidString).csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf 'city,n\\nHaikou,3\\nSanya,4\\n' > '\(fifo)'"]
        try writer.run()
        let run = try amity(["--no-data", "-c", "load \"\(fifo)\" as t\nt | summarize total = sum(n)"])
        writer.waitUntilExit()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("total\n7\n"))
    }

    @Test func runsQueriesOverADataFolder() throws {
        let run = try amity(["--data", Self.fixtures, "-c", #"cities | where name == "Haikou" | select name, country"#])
        #expect(run.status == 0)
        #expect(run.stdout == "name,country\nHaikou,China\n", "CSV with a header when stdout is not a terminal")
        #expect(run.stderr.isEmpty)
    }

    @Test func parametersFillDollarNames() throws {
        let run = try amity(["--data", Self.fixtures, "--param", "n=2", "-c", "cities | take $n | count"])
        #expect(run.stdout.contains("2"))
        let unset = try amity(["--data", Self.fixtures, "-c", "cities | take $n"])
        #expect(unset.status == 1)
        #expect(unset.stderr.contains("parameter $n is not set"))
    }

    @Test func seedFixesTheRowsOfSample() throws {
        let query = "aid | sample 5 | select aid_id"
        let first = try amity(["--seed", "11", "--threads", "1", "-c", query])
        let again = try amity(["--seed", "11", "--threads", "2", "-c", query])
        #expect(first.status == 0)
        #expect(first.stdout.split(separator: "\n").count == 6, "a header and five rows")
        #expect(again.stdout == first.stdout, "the same seed keeps the same rows, on any number of threads")
        let shown = try amity(["--seed", "11", "-c", ".seed"])
        #expect(shown.stdout == "the seed is 11\n")
        let bad = try amity(["--seed", "soon", "-c", "1"])
        #expect(bad.status == 2)
    }

    @Test func aQueryErrorStopsTheRunWithExitOne() throws {
        let run = try amity(["--data", Self.fixtures, "-c", "cities | count\ncities | where contry == 1\ncities | count"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("<command line>:2:16: error: unknown column 'contry'"))
        #expect(run.stdout == "count\n39\n", "the statement before the error printed, the one after did not")
        let missing = try amity(["--data", "/nonexistent", "-c", "1"])
        #expect(missing.status == 2)
    }

    @Test func bundledTablesAreThereFromAnyFolder() throws {
        let run = try amity(["-c", "cities | count", "-c", "agreements | where cn_name == \"Haikou\" | count"], folder: "/")
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let counts = run.stdout.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        #expect(counts.count == 2)
        #expect(counts.first ?? 0 > 1_000)
        let empty = try amity(["--no-data", "-c", "cities | count"])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("unknown table 'cities'"))
    }

    @Test func formatsAndKeepGoing() throws {
        let json = try amity(["--data", Self.fixtures, "--format", "json", "-c", #"cities | where name == "Haikou" | select name, population"#])
        #expect(json.stdout == "[\n  {\"name\": \"Haikou\", \"population\": 2873358}\n]\n")
        let table = try amity(["--data", Self.fixtures, "--format", "table", "-c", #"cities | where name == "Haikou" | select name, population"#])
        #expect(table.stdout.contains("│ Haikou │  2,873,358 │"))
        let bad = try amity(["--format", "xml", "-c", "1"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown format 'xml'"))
        let going = try amity(["--data", Self.fixtures, "--keep-going", "-c", "cities | where nope\ncities | count"])
        #expect(going.status == 1)
        #expect(going.stdout == "count\n39\n")
    }

    @Test func aTildeInAPathIsTheHomeFolder() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("amity-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "a,b\n1,x\n2,y\n".write(toFile: home + "/t.csv", atomically: true, encoding: .utf8)
        try "t | count\n".write(toFile: home + "/count.q", atomically: true, encoding: .utf8)
        let run = try amity(["--no-data", "-c", "load \"~/t.csv\" as t\n.read ~/count.q\n.once ~/out.csv\nt | take 1"],
                            environment: ["HOME": home])
        #expect(run.stderr == "")
        #expect(run.stdout == "count\n2\n")
        #expect(try String(contentsOfFile: home + "/out.csv", encoding: .utf8) == "a,b\n1,x\n")
    }

    @Test func aFullDiskOnStandardOutputIsAnError() throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["-c", "aid | count"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message == "amity: cannot write results to standard output: No space left on device\n")
    }

    @Test func safeModeRunsQueriesButReadsAndWritesNoFiles() throws {
        let script = try script("cities | count\n")
        let allowed = try amity(["--safe", "--data", Self.fixtures, script, "-c", "aid | count"])
        #expect(allowed.status == 0)
        #expect(allowed.stdout == "count\n39\ncount\n19\n")
        for blocked in ["load \"\(Self.fixtures)/aid.csv\" as a", ".read \(script)", ".output /tmp/x.csv", ".once /tmp/x.csv",
                        ".load \(Self.fixtures)/aid.csv"] {
            let run = try amity(["--safe", "--data", Self.fixtures, "-c", blocked])
            #expect(run.status == 1, "\(blocked)")
            #expect(run.stderr.contains("not allowed in safe mode"), "\(blocked)")
        }
    }

    @Test func helpAndVersion() throws {
        let help = try amity(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--check"))
        let version = try amity(["--version"])
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
    }
}
