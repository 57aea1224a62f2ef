import Columnar
import Diagnostics
import Engine
import Glibc
import Parser
import Syntax

/// Runs scripts, `-c` queries and piped input: results to standard output, errors to
/// standard error, stopping at the first error.
struct ScriptRunner {
    let session: Session
    let renderer: DiagnosticRenderer
    let timing: Bool
    /// Whether `load` reports the columns it read (the REPL does; scripts stay quiet).
    var reportsLoads = false

    /// Runs every statement; false after the first error (already reported).
    func run(_ source: SourceFile) -> Bool {
        let parsed = Parser.parse(source)
        FileHandleOutput.standardError.write(renderer.render(parsed.diagnostics, in: source))
        if parsed.hasErrors { return false }
        for statement in parsed.statements {
            let start = Clock.now()
            do {
                let result = try session.run(statement, in: source)
                if timing {
                    FileHandleOutput.standardError.write("time: \(Clock.milliseconds(since: start)) ms\n")
                }
                ResultPrinter.print(result)
                if reportsLoads, case .loaded(let name, let rows, let columns) = result {
                    FileHandleOutput.standardError.write(LoadReport.text(name, rows: rows, columns: columns) + "\n")
                }
            } catch let diagnostic as Diagnostic {
                FileHandleOutput.standardError.write(renderer.render(diagnostic, in: source))
                return false
            } catch is CancelledError {
                session.cancellation.reset()
                FileHandleOutput.standardError.write("cancelled\n")
                return false
            } catch {
                FileHandleOutput.standardError.write("error: \(error)\n")
                return false
            }
        }
        return true
    }
}

/// Prints statement results. The shell's output formats replace this plain table.
enum ResultPrinter {
    static func print(_ result: StatementResult) {
        switch result {
        case .table(let table, let names):
            FileHandleOutput.standardOutput.write(ResultText.render(table, columnNames: names) + "\n")
        case .defined, .loaded, .command:
            break
        }
    }
}

/// A monotonic clock for `--time`.
enum Clock {
    static func now() -> timespec {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time
    }

    static func milliseconds(since start: timespec) -> String {
        let end = now()
        let nanoseconds = Double(end.tv_sec - start.tv_sec) * 1e9 + Double(end.tv_nsec - start.tv_nsec)
        return String(Double(Int(nanoseconds / 1e4)) / 100)
    }
}

/// `--param name=value`: numbers, `true`/`false`, `@YYYY-MM-DD` dates, else text.
enum ParameterValue {
    static func parse(_ text: String) -> Value {
        let bytes = Array(text.utf8)
        if let int = ValueParsing.int(bytes) { return .int(int) }
        if let float = ValueParsing.float(bytes) { return .float(float) }
        if let bool = ValueParsing.bool(bytes) { return .bool(bool) }
        if text.hasPrefix("@"), let days = DateFormat.parse(bytes.dropFirst()) { return .date(days) }
        return .string(text)
    }
}

/// `--data DIR`: every CSV in a folder, as tables named after the files.
enum DataFolder {
    struct Failure: Error {
        var message: String
    }

    static func load(_ path: String) throws -> [(String, Table)] {
        guard let directory = opendir(path) else {
            throw Failure(message: "cannot open data folder '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasSuffix(".csv") { names.append(name) }
        }
        var tables: [(String, Table)] = []
        for name in names.sorted() {
            let file = path + "/" + name
            do {
                tables.append((String(name.dropLast(4)), try CSVReader().read(try FileBytes.read(file))))
            } catch let error as DataFileError {
                throw Failure(message: "\(file):\(error.line):\(error.column): \(error.message)")
            } catch let error as FileBytes.Failure {
                throw Failure(message: "cannot read '\(file)': \(error.reason)")
            }
        }
        return tables
    }
}
