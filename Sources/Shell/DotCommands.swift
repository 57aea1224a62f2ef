import Columnar
import Diagnostics
import Driver
import Engine
import Optimizer
import Semantic
import Syntax

/// The dot commands: a name, its arguments as a user writes them, and what it does.
public enum DotCommand: String, CaseIterable, Sendable {
    case help, tables, schema, mode, headers, numbers, timer, maxrows, output, once, read, load, param, seed, optimize, history, safe
    case connect, disconnect, push, quit, exit

    /// Commands that read or write files, refused in safe mode.
    var touchesFiles: Bool { [.output, .once, .read, .load].contains(self) }

    public var usage: String {
        switch self {
        case .help: return ".help [NAME]              a stage, function or command; 'stages', 'functions' or 'commands' lists them"
        case .tables: return ".tables                   the tables, with row and column counts"
        case .schema: return ".schema [table]           columns, types and null counts"
        case .mode: return ".mode [FORMAT]            table (or box, column), csv, tsv, json, ndjson, markdown or line; alone, the mode in use"
        case .headers: return ".headers on|off           the header line of csv and tsv results"
        case .numbers: return ".numbers grouped|raw      the table view's numbers: separators and aligned points, or plain"
        case .timer: return ".timer on|off             show how long each statement takes"
        case .maxrows: return ".maxrows N                rows the table view shows (first and last halves)"
        case .output: return ".output [FILE]            send results to FILE; without FILE, back to the screen"
        case .once: return ".once FILE                send the next result to FILE"
        case .read: return ".read FILE                run the statements of a script"
        case .load: return ".load FILE [as NAME]      read a data file as a table (NAME: the file's name)"
        case .param: return ".param set NAME VALUE | list | clear [NAME]   parameters used as $NAME"
        case .seed: return ".seed [N]                 the seed sample draws from; alone, the one in use"
        case .optimize: return ".optimize [on|off] [PASS...]   the optimizer, or some of its passes; alone, their state"
        case .history: return ".history                  the statements entered so far"
        case .safe: return ".safe on                  no file reads or writes and no load from now on (cannot be undone)"
        case .connect: return ".connect URL              run queries on PostgreSQL: postgres://USER@HOST:PORT/DB (password from PGPASSWORD or ~/.pgpass)"
        case .disconnect: return ".disconnect               back to the in-memory tables"
        case .push: return ".push TABLE [as NAME]     upload an in-memory table to the server"
        case .quit, .exit: return ".quit                     leave the shell (Ctrl-D does too)"
        }
    }
}

extension ShellSession {
    func command(_ name: String, _ argumentText: String, span: Span, in source: SourceFile) throws {
        guard let command = DotCommand(rawValue: name) else {
            // sqlite3's name for reading a file into a table.
            if name == "import" {
                throw Diagnostic(code: "E0501", message: "unknown command '.import'", span: span,
                                 help: "use '.load FILE [as NAME]' to read a data file (CSV, TSV or JSON) as a table")
            }
            throw Diagnostic(code: "E0501", message: "unknown command '.\(name)'", span: span,
                             help: Suggestions.closest(to: name, among: DotCommand.allCases.map(\.rawValue), limit: 1).first
                                 .map { "did you mean '.\($0)'?" } ?? ".help lists the commands")
        }
        let arguments = Self.words(argumentText)
        func fail(_ message: String) -> Diagnostic {
            Diagnostic(code: "E0502", message: message, span: span, help: "usage: " + command.usage)
        }
        if command.touchesFiles && engine.isSafe {
            throw Diagnostic(code: "E0506", message: ".\(command.rawValue) is not allowed in safe mode", span: span,
                             help: "safe mode (--safe or .safe on) reads only the data given at start and writes no files")
        }
        switch command {
        case .help:
            writeMessage(HelpText.text(for: arguments.first))
        case .tables where engine.server != nil:
            try emitServerTables(span: span)
        case .schema where engine.server != nil:
            try emitServerSchema(arguments, span: span, fail: fail)
        case .tables:
            let names = engine.tables.keys.filter { $0 != "_" }.sorted()
            var name = ColumnBuilder(.string), rows = ColumnBuilder(.int), columns = ColumnBuilder(.int)
            for table in names {
                name.append(.string(table))
                rows.append(.int(Int64(engine.tables[table]!.rowCount)))
                columns.append(.int(Int64(engine.tables[table]!.fields.count)))
            }
            let result = Table(names: ["table", "rows", "columns"], columns: [name.build(), rows.build(), columns.build()])
            try emit(result, columnNames: result.names, span: span)
        case .schema:
            let names = arguments.isEmpty ? engine.tables.keys.filter { $0 != "_" }.sorted() : arguments
            // Outside the table view, one result for every table, with the table's name as
            // its first column: output for programs has no heading lines.
            var tableColumn = ColumnBuilder(.string)
            var all = (column: ColumnBuilder(.string), type: ColumnBuilder(.string), nulls: ColumnBuilder(.int))
            let boxes = formatter.format == .table
            for tableName in names {
                guard let table = engine.tables[tableName] else {
                    throw fail("unknown table '\(tableName)'" + (Suggestions.didYouMean(tableName, among: Array(engine.tables.keys)).map { "; \($0)" } ?? ""))
                }
                var column = ColumnBuilder(.string), type = ColumnBuilder(.string), nulls = ColumnBuilder(.int)
                for (field, data) in zip(table.fields, table.columns) {
                    column.append(.string(field.name))
                    type.append(.string(field.type.rawValue))
                    nulls.append(.int(Int64(data.nullCount)))
                }
                guard boxes else {
                    for (field, data) in zip(table.fields, table.columns) {
                        tableColumn.append(.string(tableName))
                        all.column.append(.string(field.name))
                        all.type.append(.string(field.type.rawValue))
                        all.nulls.append(.int(Int64(data.nullCount)))
                    }
                    continue
                }
                let result = Table(names: ["column", "type", "nulls"], columns: [column.build(), type.build(), nulls.build()])
                if names.count > 1 { writeMessage("\(tableName) (\(table.rowCount) rows)\n") }
                try emit(result, columnNames: result.names, span: span)
            }
            if !boxes {
                let result = Table(names: ["table", "column", "type", "nulls"],
                                   columns: [tableColumn.build(), all.column.build(), all.type.build(), all.nulls.build()])
                try emit(result, columnNames: result.names, span: span)
            }
        case .mode:
            guard let name = arguments.first else {
                writeMessage("the mode is \(formatter.format.rawValue)\n")
                return
            }
            guard arguments.count == 1, let format = OutputFormat(modeName: name) else {
                throw fail("unknown format '\(name)'" + (Suggestions.didYouMean(name, among: OutputFormat.allCases.map(\.rawValue)).map { "; \($0)" } ?? ""))
            }
            formatter.format = format
        case .numbers:
            guard arguments.count == 1, ["grouped", "raw"].contains(arguments[0]) else { throw fail(".numbers takes grouped or raw") }
            formatter.rawNumbers = arguments[0] == "raw"
        case .headers:
            guard arguments.count == 1, ["on", "off"].contains(arguments[0]) else { throw fail(".headers takes on or off") }
            formatter.headers = arguments[0] == "on"
        case .timer:
            guard arguments.count == 1, ["on", "off"].contains(arguments[0]) else { throw fail(".timer takes on or off") }
            timer = arguments[0] == "on"
        case .maxrows:
            guard arguments.count == 1, let rows = Int(arguments[0]), rows > 0 else { throw fail(".maxrows takes a number above 0") }
            formatter.maxRows = rows
        case .output:
            setOutput(arguments.first, once: false)
        case .once:
            guard arguments.count == 1 else { throw fail(".once takes a file name") }
            setOutput(arguments[0], once: true)
        case .read:
            guard arguments.count == 1 else { throw fail(".read takes a file name") }
            try read(arguments[0], span: span)
        case .load:
            guard arguments.count == 1 || (arguments.count == 3 && arguments[1] == "as") else {
                throw fail(".load takes a file name, and optionally 'as NAME'")
            }
            let path = arguments[0]
            let fileName = path.split(separator: "/").last.map(String.init) ?? path
            let name = arguments.count == 3 ? arguments[2] : String(fileName.split(separator: ".").first ?? Substring(fileName))
            let statement = "load \(TreeDump.quote(path)) as `\(name.replacingOccurrences("`", "``"))`"
            if !run(SourceFile(name: source.name, text: statement)) {
                throw Diagnostic(code: "E0504", message: ".load failed (see above)", span: span)
            }
        case .param:
            try parameter(arguments, fail: fail)
        case .seed:
            guard let argument = arguments.first else {
                writeMessage("the seed is \(engine.seed)\n")
                return
            }
            guard arguments.count == 1, let seed = UInt64(argument) else {
                throw fail(".seed takes a whole number from 0 to \(UInt64.max)")
            }
            engine.seed = seed
        case .optimize:
            try optimize(arguments, fail: fail)
        case .history:
            writeMessage(history.enumerated().map { "\($0.offset + 1)  \($0.element)\n" }.joined())
        case .safe:
            guard arguments == ["on"] else {
                throw fail(engine.isSafe && arguments == ["off"] ? "safe mode stays on until amity exits" : ".safe takes on")
            }
            engine.enterSafeMode()
            setOutput(nil, once: false)
            setOutput(nil, once: true)
        case .connect, .disconnect, .push:
            try serverCommand(command, arguments, span: span, fail: fail)
        case .quit, .exit:
            requestQuit()
        }
    }

    private func parameter(_ arguments: [String], fail: (String) -> Diagnostic) throws {
        switch arguments.first {
        case "set":
            guard arguments.count == 3 else { throw fail(".param set takes a name and a value") }
            engine.setParameter(arguments[1], ParameterValue.parse(arguments[2]))
        case "list":
            let lines = engine.parameters.keys.sorted().map { "$\($0) = \(engine.parameters[$0]!)\n" }
            writeMessage(lines.isEmpty ? "no parameters are set\n" : lines.joined())
        case "clear":
            if arguments.count == 2 { engine.setParameter(arguments[1], nil) } else {
                for name in engine.parameters.keys { engine.setParameter(name, nil) }
            }
        default:
            throw fail(".param takes set, list or clear")
        }
    }

    /// `.optimize on|off [PASS...]`: the whole optimizer, or the named passes.
    private func optimize(_ arguments: [String], fail: (String) -> Diagnostic) throws {
        guard let setting = arguments.first else {
            var lines = ["the optimizer is \(engine.optimizes ? "on" : "off")"]
            for pass in Optimizer.passes {
                let state = engine.disabledPasses.contains(pass.name) ? "off" : "on "
                let pad = String(repeating: " ", count: max(1, 17 - pass.name.count))
                lines.append("  \(pass.name)\(pad)\(state)  \(pass.summary)")
            }
            writeMessage(lines.joined(separator: "\n") + "\n")
            return
        }
        guard setting == "on" || setting == "off" else { throw fail(".optimize takes on or off, then pass names if only some") }
        let passes = Array(arguments.dropFirst())
        for name in passes where !Optimizer.passNames.contains(name) {
            throw fail("unknown pass '\(name)'" + (Suggestions.didYouMean(name, among: Optimizer.passNames).map { "; \($0)" } ?? "")
                       + "; the passes are " + Optimizer.passNames.joined(separator: ", "))
        }
        if passes.isEmpty {
            engine.optimizes = setting == "on"
            if setting == "on" { engine.disabledPasses = [] }
        } else if setting == "on" {
            engine.optimizes = true
            engine.disabledPasses.subtract(passes)
        } else {
            engine.disabledPasses.formUnion(passes)
        }
    }

    /// Splits arguments on spaces; double quotes keep spaces in one argument.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if character.isWhitespace && !quoted {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }
}

/// `--param name=value` and `.param set`: numbers, `true`/`false`, `@YYYY-MM-DD` dates, else text.
public enum ParameterValue {
    public static func parse(_ text: String) -> Value {
        let bytes = Array(text.utf8)
        if let int = ValueParsing.int(bytes) { return .int(int) }
        if let float = ValueParsing.float(bytes) { return .float(float) }
        if let bool = ValueParsing.bool(bytes) { return .bool(bool) }
        if text.hasPrefix("@"), let days = DateFormat.parse(bytes.dropFirst()) { return .date(days) }
        return .string(text)
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
