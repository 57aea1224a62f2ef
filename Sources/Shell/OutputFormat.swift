import Columnar
import Diagnostics

/// How results are written: `--format` and `.mode`.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Box-drawn, aligned, for people at a terminal.
    case table
    case csv, tsv, json, ndjson, markdown
    /// One `column = value` per line, a blank line between rows: for wide rows.
    case line

    /// The format a `.mode` name chooses: its own name, or sqlite3's names for the table view
    /// (`box`, `column`).
    public init?(modeName: String) {
        if ["box", "column"].contains(modeName) {
            self = .table
        } else {
            self.init(rawValue: modeName)
        }
    }
}

/// Writes result tables in every ``OutputFormat``. Dates are ISO text everywhere; only the
/// table view adds thousands separators and drops what does not fit (and says so).
public struct ResultFormatter: Sendable {
    public var format: OutputFormat
    /// The table view shows at most this many rows (the first and the last half).
    public var maxRows: Int
    /// The table view's width limit in terminal columns; nil for no limit.
    public var maxWidth: Int?
    public var useColor: Bool
    /// Whether CSV and TSV start with a header line (`.headers on|off`).
    public var headers = true
    /// The table view's numbers as plain shortest text, without separators or alignment
    /// (`.numbers raw`).
    public var rawNumbers = false

    public init(format: OutputFormat, maxRows: Int = 40, maxWidth: Int? = nil, useColor: Bool = false) {
        self.format = format
        self.maxRows = maxRows
        self.maxWidth = maxWidth
        self.useColor = useColor
    }

    /// The output for one result, ending with a newline, handed to `sink` in chunks of about
    /// `chunkSize` bytes of UTF-8, each ending at the end of a row (so each chunk is whole
    /// characters). An error from `sink` stops the writing: a failed write, or a check for
    /// cancellation between chunks. With `threads` above 1, that many chunks are made at
    /// once (`sink` is still called in order, on the calling thread). The table view, at most
    /// `maxRows` rows, is one chunk.
    public func write(_ table: Table, columnNames: [String], chunkSize: Int = 1 << 20, threads: Int = 1,
                      to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        if format == .table {
            var text = BoxTable(formatter: self).render(table, names: columnNames)
            return try text.withUTF8 { try sink($0) }
        }
        try ResultWriter(format, table: table, names: columnNames, headers: headers).write(chunkSize: max(1, chunkSize), threads: threads, to: sink)
    }

    /// The whole output for one result as one string, ending with a newline: for tests and
    /// small results (``write(_:columnNames:chunkSize:to:)`` streams).
    public func render(_ table: Table, columnNames: [String]) -> String {
        var bytes: [UInt8] = []
        write(table, columnNames: columnNames) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// Each character replaced where `replacement` gives a text for it.
    func replacingCharacters(_ replacement: (Character) -> String?) -> String {
        var out = ""
        for character in self { out += replacement(character) ?? String(character) }
        return out
    }
}
