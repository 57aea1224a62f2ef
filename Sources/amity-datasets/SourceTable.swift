import Columnar

/// A failure that stops the build: a missing column, an unmapped value, a broken integrity rule.
/// The builder never guesses past one of these; it names the file and line and exits non-zero.
struct BuildError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One record of a source CSV file, read by column name, remembering the line it starts on.
struct SourceRow {
    /// The file's path relative to the source folder, e.g. `pages/aid.csv`.
    let file: String
    /// The line the record starts on (the header is line 1), as cited in `source` columns.
    let line: Int
    let fields: [String]
    let columns: [String: Int]

    /// The field under `column`, exactly as written (empty when the source left it empty).
    /// An unknown column name is a programming error against a fixed source layout.
    subscript(_ column: String) -> String {
        guard let index = columns[column] else {
            fatalError("\(file) has no column '\(column)'")
        }
        return fields[index]
    }

    /// The field, or nil when it is empty or only blanks: empty means "not given".
    func optional(_ column: String) -> String? {
        let value = self[column]
        return value.allSatisfy({ $0 == " " }) ? nil : value
    }

    /// `file L<line>`, the citation used in every `source` column.
    var ref: String { "\(file) L\(line)" }
}

/// A whole source CSV file, read with the project's reader (`Columnar.CSVReader`).
struct SourceTable {
    let file: String
    let header: [String]
    let rows: [SourceRow]

    /// Reads `root/file` and checks that the header has every column in `expecting`, so a
    /// changed source layout fails here rather than producing shifted values.
    init(root: String, file: String, expecting: [String]) throws {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(root + "/" + file)
        } catch let failure as FileBytes.Failure {
            throw BuildError("cannot read \(root)/\(file): \(failure.reason)")
        }
        let records: [(line: Int, fields: [String])]
        do {
            records = try CSVReader().records(bytes)
        } catch let error as DataFileError {
            throw BuildError("\(file):\(error)")
        }
        guard let first = records.first else { throw BuildError("\(file) is empty") }
        var columns: [String: Int] = [:]
        for (index, name) in first.fields.enumerated() { columns[name] = index }
        for name in expecting where columns[name] == nil {
            throw BuildError("\(file): expected a column '\(name)'; the header is \(first.fields)")
        }
        var rows: [SourceRow] = []
        for record in records.dropFirst() {
            guard record.fields.count == first.fields.count else {
                throw BuildError("\(file) L\(record.line): \(record.fields.count) fields, header has \(first.fields.count)")
            }
            rows.append(SourceRow(file: file, line: record.line, fields: record.fields, columns: columns))
        }
        self.file = file
        self.header = first.fields
        self.rows = rows
    }

    /// The record starting on `line`, for the few rows the builder maps one by one.
    func row(line: Int) throws -> SourceRow {
        guard let row = rows.first(where: { $0.line == line }) else {
            throw BuildError("\(file) has no record on line \(line)")
        }
        return row
    }
}
