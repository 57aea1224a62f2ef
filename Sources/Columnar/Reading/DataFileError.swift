/// A problem in a data file, with its place (1-based line and column).
public struct DataFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }

    /// Of two errors, the one earlier in the file (the first when they share a place).
    static func first(_ a: DataFileError, _ b: DataFileError) -> DataFileError {
        (b.line, b.column) < (a.line, a.column) ? b : a
    }
}

/// A table read from a file, with what was decided about each column.
public struct LoadedTable: Sendable {
    public var table: Table
    public var columns: [ColumnReport]

    public init(table: Table, columns: [ColumnReport]) {
        self.table = table
        self.columns = columns
    }
}

/// A column's type and how it was decided.
public struct ColumnReport: Sendable, Equatable {
    public var name: String
    public var type: DataType
    /// True when `load ... with (...)` gave the type.
    public var declared: Bool
    /// Why the inference surprised, when it might.
    public var note: String?
}

