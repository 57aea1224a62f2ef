import Columnar
import SQLCompiler

/// `.push`: an in-memory table uploaded as a server table through `COPY ... FROM STDIN`,
/// streamed in chunks of about a megabyte, inside one transaction (a failed or cancelled
/// push leaves the server as it was). The table gets `amity_row`, each row's position, so
/// that queries on it give Amity's order.
extension ServerConnection {
    /// Replaces (or creates) `name` with `table`'s rows; `progress` hears the rows sent so far.
    public func push(_ table: Table, as name: String, isCancelled: () -> Bool = { false },
                     progress: (Int) -> Void = { _ in }) throws {
        for written in [name] + table.fields.map(\.name) where written.contains("\0") {
            throw ServerError(message: "'\(written)' cannot be a PostgreSQL name: it holds a NUL")
        }
        let quoted = SQLText.identifier(name)
        let columns = table.fields.map { "\(SQLText.identifier($0.name)) \(SQLText.type($0.type))" } + ["amity_row bigint NOT NULL"]
        try execute("BEGIN")
        do {
            try execute("DROP TABLE IF EXISTS \(quoted)")
            try execute("CREATE TABLE \(quoted) (\(columns.joined(separator: ", ")))")
            let writer = CopyWriter(table: table)
            let columnList = (table.fields.map { SQLText.identifier($0.name) } + ["amity_row"]).joined(separator: ", ")
            try copy("COPY \(quoted) (\(columnList)) FROM STDIN", isCancelled: isCancelled) {
                let chunk = writer.next()
                if chunk != nil { progress(writer.rowsWritten) }
                return chunk
            }
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}

/// Writes a table's rows in COPY's text format (tab between fields, `\N` for null, backslash
/// escapes), a chunk at a time. Each dictionary entry is escaped once.
final class CopyWriter {
    private let table: Table
    private let escaped: [[[UInt8]]?]
    private var position = 0
    static let chunkBytes = 1 << 20

    init(table: Table) {
        self.table = table
        escaped = table.columns.map { column in
            guard case .string(_, let dictionary) = column.values else { return nil }
            return (0..<dictionary.count).map { Self.escape(Array(dictionary.bytes(of: UInt32($0)))) }
        }
    }

    var rowsWritten: Int { position }

    /// The next chunk of whole rows, or nil after the last.
    func next() -> [UInt8]? {
        guard position < table.rowCount else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(Self.chunkBytes + 4096)
        while position < table.rowCount && out.count < Self.chunkBytes {
            for (index, column) in table.columns.enumerated() {
                write(column, index, position, into: &out)
                out.append(UInt8(ascii: "\t"))
            }
            out.append(contentsOf: String(position + 1).utf8)
            out.append(UInt8(ascii: "\n"))
            position += 1
        }
        return out
    }

    private func write(_ column: Column, _ index: Int, _ row: Int, into out: inout [UInt8]) {
        if column.isNull(row) {
            out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
            return
        }
        switch column.values {
        case .int(let values): out.append(contentsOf: String(values[row]).utf8)
        case .float(let values):
            let value = values[row]
            if value.isNaN { out.append(contentsOf: "NaN".utf8) } else if value.isInfinite {
                out.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8)
            } else { out.append(contentsOf: "\(value)".utf8) }
        case .bool(let values): out.append(values[row] ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        case .date(let values): out.append(contentsOf: SQLText.date(values[row]).utf8)
        case .string(let codes, _): out.append(contentsOf: escaped[index]![Int(codes[row])])
        }
    }

    static func escape(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            default: out.append(byte)
            }
        }
        return out
    }
}
