/// Reads JSON data files into a ``Table``: an array of objects (`[{...}, {...}]`) or
/// newline-delimited JSON (one object per line). Columns are the keys in order of first
/// appearance; a key missing from a record is null there. Column types follow the values:
/// numbers are int (float where any has a fraction or exponent), `true`/`false` bool, strings
/// that are all ISO dates become dates, other strings text. A column mixing kinds, and
/// nested arrays or objects, keep the JSON text, so nothing is lost.
public struct JSONReader {
    /// Columns whose type is given (`load ... with (code: string)`), not inferred.
    public var declaredTypes: [String: DataType]

    public init(declaredTypes: [String: DataType] = [:]) {
        self.declaredTypes = declaredTypes
    }

    public func read(_ bytes: [UInt8]) throws -> Table {
        try readWithReport(bytes).table
    }

    public func readWithReport(_ bytes: [UInt8]) throws -> LoadedTable {
        var parser = JSONParser(bytes: bytes)
        var records: [[(String, JSONValue)]] = []
        var lines: [Int] = []
        parser.skipWhitespace()
        if parser.peek() == UInt8(ascii: "[") {
            guard case .array(let items) = try parser.parseValue() else { preconditionFailure() }
            for item in items {
                guard case .object(let fields) = item.value else {
                    throw DataFileError(line: item.line, column: item.column, message: "expected an object in the array")
                }
                records.append(fields)
                lines.append(item.line)
            }
            parser.skipWhitespace()
            if !parser.atEnd { throw parser.error("unexpected text after the array") }
        } else {
            while true {
                parser.skipWhitespace()
                if parser.atEnd { break }
                let (line, column) = (parser.line, parser.column)
                guard case .object(let fields) = try parser.parseValue() else {
                    throw DataFileError(line: line, column: column, message: "expected one JSON object per line")
                }
                records.append(fields)
                lines.append(line)
            }
        }
        return try build(records, lines: lines)
    }

    private func build(_ records: [[(String, JSONValue)]], lines: [Int]) throws -> LoadedTable {
        var names: [String] = []
        var index: [String: Int] = [:]
        for record in records {
            for (key, _) in record where index[key] == nil {
                index[key] = names.count
                names.append(key)
            }
        }
        if let unknown = declaredTypes.keys.sorted().first(where: { index[$0] == nil }) {
            throw DataFileError(line: 1, column: 1, message: "'with' names '\(unknown)', which is not a key of the records; "
                                + "the keys are: " + names.joined(separator: ", "))
        }
        var cells = [[JSONValue]](repeating: Array(repeating: .null, count: records.count), count: names.count)
        for (row, record) in records.enumerated() {
            for (key, value) in record { cells[index[key]!][row] = value }
        }
        var columns: [Column] = []
        for (position, name) in names.enumerated() {
            if let declared = declaredTypes[name] {
                columns.append(try convert(cells[position], to: declared, name: name, lines: lines))
            } else {
                columns.append(column(cells[position]))
            }
        }
        let reports = zip(names, columns).map {
            ColumnReport(name: $0, type: $1.type, declared: declaredTypes[$0] != nil, note: nil)
        }
        return LoadedTable(table: Table(names: names, columns: columns), columns: reports)
    }

    /// A column of a declared type: each value must convert exactly.
    private func convert(_ values: [JSONValue], to type: DataType, name: String, lines: [Int]) throws -> Column {
        var builder = ColumnBuilder(type, capacity: values.count)
        for (row, value) in values.enumerated() {
            func invalid() -> DataFileError {
                DataFileError(line: lines[row], column: 1, message: "\(value.jsonText) in '\(name)' is not \(type.withArticle)")
            }
            switch (type, value) {
            case (_, .null): builder.appendNull()
            case (.int, .int(let v)): builder.append(.int(v))
            case (.int, .string(let text)):
                guard let v = Int64(text) else { throw invalid() }
                builder.append(.int(v))
            case (.float, .int(let v)): builder.append(.float(Double(v)))
            case (.float, .float(let v)): builder.append(.float(v))
            case (.float, .string(let text)):
                guard let v = ValueParsing.decimal(Array(text.utf8)) else { throw invalid() }
                builder.append(.float(v))
            case (.bool, .bool(let v)): builder.append(.bool(v))
            case (.date, .string(let text)):
                guard let v = DateFormat.parse(Array(text.utf8)) else { throw invalid() }
                builder.append(.date(v))
            case (.string, .string(let text)): builder.append(.string(text))
            case (.string, _): builder.append(.string(value.jsonText))
            default: throw invalid()
            }
        }
        return builder.build()
    }

    private func column(_ values: [JSONValue]) -> Column {
        var kinds = Set<String>()
        var allDates = true
        for value in values {
            switch value {
            case .null: continue
            case .int: kinds.insert("int")
            case .float: kinds.insert("float")
            case .bool: kinds.insert("bool")
            case .string(let text):
                kinds.insert("string")
                if DateFormat.parse(Array(text.utf8)) == nil { allDates = false }
            case .array, .object: kinds.insert("nested")
            }
        }
        let type: DataType
        switch kinds {
        case ["int"]: type = .int
        case ["float"], ["int", "float"]: type = .float
        case ["bool"]: type = .bool
        case ["string"]: type = allDates ? .date : .string
        case []: type = .string
        default: type = .string
        }
        var builder = ColumnBuilder(type, capacity: values.count)
        for value in values {
            switch (type, value) {
            case (_, .null): builder.appendNull()
            case (.int, .int(let v)): builder.append(.int(v))
            case (.float, .int(let v)): builder.append(.float(Double(v)))
            case (.float, .float(let v)): builder.append(.float(v))
            case (.bool, .bool(let v)): builder.append(.bool(v))
            case (.date, .string(let text)): builder.append(.date(DateFormat.parse(Array(text.utf8))!))
            case (_, .string(let text)): builder.append(.string(text))
            default: builder.append(.string(value.jsonText))
            }
        }
        return builder.build()
    }
}

/// A parsed JSON value; arrays remember where each item started, for messages.
indirect enum JSONValue {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case array([(value: JSONValue, line: Int, column: Int)])
    case object([(String, JSONValue)])

    /// Compact JSON text, for values kept as text.
    var jsonText: String {
        switch self {
        case .null: return "null"
        case .bool(let v): return String(v)
        case .int(let v): return String(v)
        case .float(let v): return String(v)
        case .string(let v): return "\"" + v.replacingQuotes() + "\""
        case .array(let items): return "[" + items.map(\.value.jsonText).joined(separator: ",") + "]"
        case .object(let fields): return "{" + fields.map { "\"\($0.0.replacingQuotes())\":\($0.1.jsonText)" }.joined(separator: ",") + "}"
        }
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
