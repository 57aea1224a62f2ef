import Columnar
import Diagnostics
import Driver

/// `.connect`, `.disconnect` and `.push`: queries on a PostgreSQL server (docs/scale-out.md).
extension ShellSession {
    func serverCommand(_ command: DotCommand, _ arguments: [String], span: Span, fail: (String) -> Diagnostic) throws {
        if engine.isSafe {
            throw Diagnostic(code: "E0506", message: ".\(command.rawValue) is not allowed in safe mode", span: span,
                             help: "safe mode (--safe or .safe on) connects to no server and uploads nothing")
        }
        do {
            switch command {
            case .connect:
                guard arguments.count == 1 else { throw fail(".connect takes one URL: postgres://USER@HOST:PORT/DATABASE") }
                writeMessage(try engine.connect(arguments[0]) + "\n")
            case .disconnect:
                guard engine.server != nil else { throw fail("not connected") }
                engine.disconnect()
                writeMessage("disconnected; queries run in memory again\n")
            case .push:
                guard arguments.count == 1 || (arguments.count == 3 && arguments[1] == "as") else {
                    throw fail(".push takes a table, and optionally 'as NAME'")
                }
                let sink = progressSink
                let line = try engine.push(arguments[0], as: arguments.count == 3 ? arguments[2] : nil) { rows in
                    sink?("\r\u{1B}[Kpushing \(arguments[0]): \(BoxTable.grouped(Int64(rows))) rows sent (Ctrl-C stops it)")
                }
                sink?("\r\u{1B}[K")
                writeMessage(line + "\n")
            default:
                preconditionFailure("not a server command")
            }
        } catch let error as SessionError {
            progressSink?("\r\u{1B}[K")
            throw Diagnostic(code: "E0711", message: error.message, span: span)
        }
    }

    /// `.tables` while connected: the server's tables, their columns, and whether each keeps
    /// Amity's row order (pushed by `.push`).
    func emitServerTables(span: Span) throws {
        var name = ColumnBuilder(.string), columns = ColumnBuilder(.int), ordered = ColumnBuilder(.bool)
        for table in engine.serverTables.values.sorted(by: { $0.name < $1.name }) {
            name.append(.string(table.name))
            columns.append(.int(Int64(table.fields.count)))
            ordered.append(.bool(table.keepsRowOrder))
        }
        let result = Table(names: ["table", "columns", "row order"], columns: [name.build(), columns.build(), ordered.build()])
        try emit(result, columnNames: result.names, span: span)
    }

    /// `.schema` while connected: each column's Amity type, and the columns left out.
    func emitServerSchema(_ arguments: [String], span: Span, fail: (String) -> Diagnostic) throws {
        let names = arguments.isEmpty ? engine.serverTables.keys.sorted() : arguments
        var table = ColumnBuilder(.string), column = ColumnBuilder(.string), type = ColumnBuilder(.string)
        for tableName in names {
            guard let server = engine.serverTables[tableName] else {
                throw fail("the server has no table '\(tableName)'"
                           + (Suggestions.didYouMean(tableName, among: Array(engine.serverTables.keys)).map { "; \($0)" } ?? ""))
            }
            for field in server.fields {
                table.append(.string(tableName))
                column.append(.string(field.name))
                type.append(.string(field.type.rawValue))
            }
            for skipped in server.skipped {
                table.append(.string(tableName))
                column.append(.string(skipped))
                type.append(.string("(left out: no Amity type)"))
            }
        }
        let result = Table(names: ["table", "column", "type"], columns: [table.build(), column.build(), type.build()])
        try emit(result, columnNames: result.names, span: span)
    }

    /// A line as history keeps it: a password in a `.connect` URL is masked.
    public static func forHistory(_ line: String) -> String {
        guard line.drop(while: \.isWhitespace).hasPrefix(".connect"),
              let scheme = line.firstRange(of: "://"), let at = line[scheme.upperBound...].lastIndex(of: "@"),
              let colon = line[scheme.upperBound..<at].firstIndex(of: ":") else { return line }
        return String(line[..<line.index(after: colon)]) + "***" + String(line[at...])
    }
}
