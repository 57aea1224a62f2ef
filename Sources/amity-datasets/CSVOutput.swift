import Glibc

/// An output table: a fixed header (the column contract) and rows of optional text, where
/// nil is written as an empty field (null).
struct OutputTable {
    let name: String
    let columns: [String]
    var rows: [[String?]] = []

    init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }

    /// Appends a row given by column name, so a misspelt or missing column fails loudly
    /// instead of shifting values.
    mutating func append(_ values: KeyValuePairs<String, String?>) throws {
        var row = [String?](repeating: nil, count: columns.count)
        var seen = Set<String>()
        for (column, value) in values {
            guard let index = columns.firstIndex(of: column) else {
                throw BuildError("\(name): no column '\(column)'")
            }
            seen.insert(column)
            row[index] = value
        }
        for column in columns where !seen.contains(column) {
            throw BuildError("\(name): row without column '\(column)'")
        }
        rows.append(row)
    }

    /// The values of one column, top to bottom.
    func column(_ column: String) -> [String?] {
        guard let index = columns.firstIndex(of: column) else { return [] }
        return rows.map { $0[index] }
    }

    /// RFC 4180 text: header row, LF line ends, fields quoted only when they hold a comma,
    /// a quote, CR or LF (quotes doubled), empty field for null.
    func csvText() -> String {
        var text = ""
        func field(_ value: String) -> String {
            let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
            guard needsQuotes else { return value }
            var quoted = "\""
            for character in value {
                if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
            }
            return quoted + "\""
        }
        text += columns.map(field).joined(separator: ",") + "\n"
        for row in rows {
            text += row.map { field($0 ?? "") }.joined(separator: ",") + "\n"
        }
        return text
    }
}

/// Writes bytes to a file, replacing it; creates the folder when missing.
enum FileOutput {
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw BuildError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    static func write(_ text: String, to path: String) throws {
        guard let file = fopen(path, "wb") else {
            throw BuildError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw BuildError("short write to \(path)") }
    }
}
